#!/usr/bin/env bash
# Cold start of `tideline lint one.sql` with the jar already built: wall time (hyperfine when installed,
# else a bash loop) and CPU time, for plain `java -jar` and for the ./tideline launcher (AppCDS archive,
# C1 only, serial GC). CPU time is the steadier figure on a busy machine. Usage: bench/cold-start.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
./tideline --version >/dev/null   # builds the jar if needed and dumps the class data sharing archive
./tideline --version >/dev/null
jar=cli/target/tideline.jar
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
cp samples/flyway-shop/V4__index_orders_by_customer.sql "$dir/one.sql"
./tideline lint "$dir/one.sql" >/dev/null || true

cpu() {  # mean wall / user+sys CPU over $runs runs of "$@"
  local TIMEFORMAT='%R %U %S' t
  t="$( { time (for _ in $(seq "$runs"); do "$@" >/dev/null 2>&1 || true; done) ; } 2>&1 )"
  awk -v n="$runs" -v label="$*" '{printf "%-70s wall %4.0f ms  cpu %4.0f ms\n", substr(label,1,70), $1*1000/n, ($2+$3)*1000/n}' <<<"$t"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cpu java -jar "$jar" lint "$dir/one.sql"
cpu java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -jar "$jar" lint "$dir/one.sql"
cpu ./tideline lint "$dir/one.sql"
if command -v hyperfine >/dev/null; then
  hyperfine -N -i -w 3 -r "$runs" "java -jar $jar lint $dir/one.sql" "./tideline lint $dir/one.sql" 2>&1 \
    | grep -E 'Benchmark|Time|Range'
fi
