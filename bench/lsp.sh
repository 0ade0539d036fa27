#!/usr/bin/env bash
# tideline lsp latency in a warm server: didChange -> diagnostics on a 1,000-line migration after 200 earlier files, and
# hover, through a real LSP client over pipes (bench/LspLatency.java). Usage: bench/lsp.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
./tideline --version >/dev/null   # builds the jar if needed
java -cp cli/target/tideline.jar bench/LspLatency.java "${1:-40}"
