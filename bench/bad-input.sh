#!/usr/bin/env bash
# Time and peak memory of `prfaq check` on hostile input, beside a normal document.
# Usage: bench/bad-input.sh   (builds the release binary if PRFAQ_BIN is unset)
# Prints a Markdown table: input, size, exit code, wall seconds, peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${PRFAQ_BIN:-target/release/prfaq}"
[ -x "$bin" ] || cargo build --release -p prfaq-cli >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import sys, os
d = sys.argv[1]
open(f"{d}/empty.md", "w").close()
open(f"{d}/binary.md", "wb").write(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + os.urandom(4096))
open(f"{d}/latin1.md", "wb").write("# Café crème\n".encode("latin-1"))
open(f"{d}/front-matter-only.md", "w").write("---\ntitle: Acme\ncustomer: Store owners\n---\n")
open(f"{d}/unclosed-front-matter.md", "w").write("---\ntitle: Acme\n\n# Acme Gives Marketers Their Mondays Back\n\nText.\n")
open(f"{d}/nested-lists-10000.md", "w").write("- " * 10000 + "x\n")
open(f"{d}/nested-quotes-10000.md", "w").write("> " * 10000 + "x\n")
example = open("examples/country-expansion.md").read()
open(f"{d}/normal.md", "w").write(example)
# 50 MB of real PR/FAQ text: the example repeated.
with open(f"{d}/big-50mb.md", "w") as f:
    while f.tell() < 50 * 1024 * 1024:
        f.write(example)
PY

measure() { # name, args...
  local name="$1"; shift
  local out
  out=$( { /usr/bin/time -f '%e %M' "$bin" "$@" > /dev/null 2> "$work/stderr"; echo "exit=$?"; } 2>&1 | tr '\n' ' ')
  local code secs kb
  code=$(grep -o 'exit=[0-9]*' <<<"$out" | cut -d= -f2)
  read -r secs kb < <(tail -n 1 "$work/stderr" | grep -E '^[0-9.]+ [0-9]+$' || echo "? ?")
  local size
  size=$(stat -c %s "${@: -1}" 2>/dev/null || echo 0)
  printf '| %s | %s | %s | %s | %s MiB |\n' "$name" "$size" "$code" "$secs" "$(awk -v k="$kb" 'BEGIN { if (k == "?") print "?"; else printf "%.1f", k / 1024 }')"
}

echo "| input | bytes | exit | seconds | peak RSS |"
echo "|---|---:|---:|---:|---:|"
measure "normal PR/FAQ (example)" check "$work/normal.md"
measure "empty file" check "$work/empty.md"
measure "binary file" check "$work/binary.md"
measure "invalid UTF-8 (Latin-1)" check "$work/latin1.md"
measure "front matter only" check "$work/front-matter-only.md"
measure "unclosed front matter" check "$work/unclosed-front-matter.md"
measure "10,000 nested list levels" check "$work/nested-lists-10000.md"
measure "10,000 nested block quotes" check "$work/nested-quotes-10000.md"
measure "50 MB file (refused by the 8 MiB limit)" check "$work/big-50mb.md"
measure "50 MB file, limit raised" check --max-file-size 100000000 --format json "$work/big-50mb.md"
