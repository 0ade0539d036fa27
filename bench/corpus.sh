#!/usr/bin/env bash
# Throughput benchmark of `tideline lint`, and the comparison with squawk.
#
#   1. The shared PostgreSQL corpus (../shared/corpus/postgres, or $TIDELINE_CORPUS): every file of it, named
#      explicitly, linted by tideline (`./tideline lint --format json`, the launcher with its start-up cache) and by
#      squawk-cli 2.66 (`squawk --reporter json`, installed with npm into a temporary folder) in the same run.
#      Prints files/s, statements/s, wall time, CPU time and peak RSS of each, and the ratio tideline/squawk.
#   2. A synthetic monorepo generated into a temporary folder by bench/synthetic-monorepo.py (fixed seed: 100
#      services x 100 Flyway migrations = 10,000 files, about 520,000 statements of mixed DDL and DML), linted at
#      25, 50 and 100 % of its services to show how time and memory grow with its size.
#
# Each measurement is the best wall time of RUNS runs (/usr/bin/time -v: wall, user+sys CPU, max RSS); CPU time is
# the steadier figure on a busy machine, so both are printed with the load average. Output goes to /dev/null.
# 3. Where the corpus run's time goes: the JVM's own start, and the same lint repeated in one JVM (bench/WarmLint.java),
#    whose later runs show the compiled analysis alone, without the JVM's warm-up.
# Usage: bench/corpus.sh [RUNS] (default 3). SKIP_SQUAWK=1, SKIP_WARM=1 or SKIP_SYNTHETIC=1 leave a part out.
# Needs: Java 17 + Maven (the launcher builds the jar), python3, GNU time (apt-get install time), npm for squawk.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
corpus="${TIDELINE_CORPUS:-../shared/corpus/postgres}"
[[ -d $corpus ]] || { echo "corpus.sh: no corpus at $corpus (set TIDELINE_CORPUS)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "corpus.sh: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
repo="$PWD"
tideline="$repo/tideline"
"$tideline" --version >/dev/null   # builds the jar if needed and prepares the start-up cache
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# measure CMD...: best-of-$runs wall; writes "wall_s cpu_s rss_mb" of that run to $work/last. The first run's
# output is kept in $work/out (for the statement count), the others go to /dev/null.
measure() {
  local best="" line out="$work/out"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$out" 2>"$work/stderr" || true
    out=/dev/null
    line="$(tail -n 1 "$work/time" | awk '{printf "%.2f %.2f %.0f", $1, $2 + $3, $4 / 1024}')"
    if [[ -z $best ]] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a < b)}'; then best="$line"; fi
  done
  echo "$best" >"$work/last"
}

# report LABEL FILES STATEMENTS: one line from $work/last.
report() {
  read -r wall cpu rss <"$work/last"
  awk -v l="$1" -v f="$2" -v s="$3" -v w="$wall" -v c="$cpu" -v r="$rss" 'BEGIN{
    printf "%-34s %6d files %8d stmts  wall %6.2f s  cpu %6.2f s  %7.0f files/s %8.0f stmts/s  rss %5.0f MB\n",
      l, f, s, w, c, f / w, s / w, r }'
}

# statements tideline counted (the JSON summary of the last measured tideline run).
statements() {
  awk -F: '/"statements"/ {gsub(/[ ,]/, "", $2); print $2; exit}' "$work/out"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)  cores: $(nproc)  runs: best of $runs"
mapfile -t files < <(cd "$corpus" && find . -type f \( -name '*.sql' -o -name '*.sql.postgres' \) | sort)
cd "$corpus"
measure "$tideline" lint --format json "${files[@]}"
stmts="$(statements)"
report "tideline (corpus)" "${#files[@]}" "$stmts"
read -r tl_wall tl_cpu _ <"$work/last"
cd - >/dev/null

if [[ -z ${SKIP_SQUAWK:-} ]]; then
  (cd "$work" && npm install --silent --no-audit --no-fund --prefix "$work/squawk" squawk-cli@2.66 >/dev/null 2>&1) \
    || { echo "corpus.sh: npm install squawk-cli@2.66 failed" >&2; exit 2; }
  squawk="$work/squawk/node_modules/.bin/squawk"
  echo "squawk $("$squawk" --version 2>/dev/null | tr -d '\n')"
  cd "$corpus"
  measure "$squawk" --reporter json "${files[@]}"
  report "squawk --reporter json (corpus)" "${#files[@]}" "$stmts"
  read -r sq_wall sq_cpu _ <"$work/last"
  cd - >/dev/null
  awk -v tw="$tl_wall" -v sw="$sq_wall" -v tc="$tl_cpu" -v sc="$sq_cpu" \
    'BEGIN{printf "ratio tideline/squawk on the corpus: wall %.2f, cpu %.2f\n", tw / sw, tc / sc}'
fi

if [[ -z ${SKIP_WARM:-} ]]; then
  # Where the cold run's time goes: the JVM's own start (`--version`), and the same lint repeated in one JVM
  # (bench/WarmLint.java), whose later runs cost only the compiled analysis, without class loading, interpretation and
  # JIT compilation.
  measure "$tideline" --version
  read -r start_wall _ <"$work/last"
  printf '%s\n' "${files[@]}" >"$work/files.lst"
  warm="$(cd "$corpus" && java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$repo/cli/target/tideline.jar" \
    "$repo/bench/WarmLint.java" 20 "$work/files.lst")"
  steady="$(sed -E 's/.* ([0-9]+) ms$/\1/' <<<"$warm")"
  echo "tideline JVM start (--version): wall $start_wall s; same lint 20 times in one JVM: $warm"
  if [[ -n ${sq_wall:-} ]]; then
    awk -v s="$steady" -v sw="$sq_wall" -v tw="$tl_wall" -v st="$start_wall" 'BEGIN{
      printf "of the cold run'"'"'s %.2f s: %.2f s JVM start, %.2f s compiled analysis, %.2f s warm-up (loading, interpreting, JIT)\n", tw, st, s / 1000, tw - st - s / 1000
      printf "ratio of the compiled analysis alone to squawk: %.2f\n", s / 1000 / sw }'
  fi
fi

if [[ -z ${SKIP_SYNTHETIC:-} ]]; then
  mono="$work/monorepo"
  read -r syn_files syn_stmts < <(python3 bench/synthetic-monorepo.py "$mono" 100 100 7)
  echo "synthetic monorepo: $syn_files files, $syn_stmts statements (generator count; tideline's count below)"
  mapfile -t services < <(find "$mono/services" -mindepth 3 -maxdepth 3 -type d -name migration | sort)
  for pct in 25 50 100; do
    n=$(( ${#services[@]} * pct / 100 ))
    subset=("${services[@]:0:n}")
    count="$(find "${subset[@]}" -type f -name '*.sql' | wc -l)"
    measure "$tideline" lint --format json "${subset[@]}"
    stmts="$(statements)"
    report "tideline (synthetic $pct %)" "$count" "$stmts"
  done
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
