#!/usr/bin/env bash
# Warm per-file cost: a long-lived JVM (a language server's, a daemon's) linting the newest migration of the corpus's
# longest histories again and again, without and with the replay cache (bench/WarmNewest.java; the findings of both
# are checked to be the same). Prints the machine's load with the figures.
# Usage: bench/warm.sh [RUNS] (default 30) [PROJECT...] (default: trigger.dev and lemmy, the two longest histories)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"
shift || true
corpus="${TIDELINE_CORPUS:-../shared/corpus/postgres}"
[[ -d $corpus ]] || { echo "warm.sh: no corpus at $corpus (set TIDELINE_CORPUS)" >&2; exit 2; }
./tideline --version >/dev/null   # builds the jar if needed
jar="$PWD/cli/target/tideline.jar"
bench="$PWD/bench/WarmNewest.java"
projects=("$@")
[[ ${#projects[@]} -gt 0 ]] || projects=(triggerdotdev__trigger.dev LemmyNet__lemmy)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)"
for p in "${projects[@]}"; do
  (cd "$corpus" && java -XX:+UseSerialGC -cp "$jar" "$bench" "$p" "$runs")
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
