#!/usr/bin/env bash
# Benchmark of the AI agents against a real model: prfaq's own overhead over the raw endpoint
# time (one persona review and one streamed draft, each against a plain POST of the same body),
# prfaq's CPU part alone, and the six reviewer personas in parallel against one after another.
# Not a test: it measures, it asserts nothing.
#
# Usage: bench/agents.sh > target/agents-report.md
# Environment:
#   LLM_PORT          port of the throwaway model server (default 18097)
#   SLOTS             requests the server decodes at once (default 6: the parallel run needs six)
#   REPEATS           overhead rounds of raw and prfaq each (default 8)
#   PARALLEL_REPEATS  rounds of the six personas, serial and parallel (default 3)
#   CPU_ITERATIONS    calls of each step when timing the CPU part (default 300)
#   CARGO_TARGET_DIR  where cargo builds (default target)
#   PRFAQ_LLM_CACHE   where scripts/llm keeps the model (default target/llm)
#
# The model server is llama.cpp through xllamacpp serving SmolLM2-135M-Instruct
# (scripts/llm; installed and downloaded on first use), on 127.0.0.1 with one decoding thread,
# stopped on exit. The benchmark is crates/prfaq-agent/benches/agents.rs, run with
# PRFAQ_BENCH_LLM_URL pointing at that server; every request is greedy (temperature 0, fixed
# seed). Progress goes to stderr, the Markdown report to stdout. The server shares the
# machine's cores with the benchmark and anything else running: compare figures within one
# run, not across machines.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LLM_PORT=${LLM_PORT:-18097}
SLOTS=${SLOTS:-6}

note() { printf '%s\n' "$*" >&2; }

note "building the benchmark"
cargo bench --locked --quiet -p prfaq-agent --bench agents --no-run

LLM_DIR=$(mktemp -d /tmp/prfaq-bench-llm.XXXXXX)
rmdir "$LLM_DIR"
cleanup() { scripts/llm stop "$LLM_DIR"; }
trap cleanup EXIT

note "starting the model server on port $LLM_PORT with $SLOTS slots"
scripts/llm start "$LLM_DIR" "$LLM_PORT" "$SLOTS"

echo "Run on $(date -u +%Y-%m-%d), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)."
echo
PRFAQ_BENCH_LLM_URL="http://127.0.0.1:$LLM_PORT/v1" cargo bench --locked --quiet -p prfaq-agent --bench agents
