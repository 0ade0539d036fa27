#!/usr/bin/env bash
# Lints every project of the shared migration corpus (one `tideline lint --format json` per project directory,
# runner detected from the layout) and prints: per project the summary, exit code and wall time; then findings
# per rule, with the projects they come from. Exit 2 is expected when the JSON reports why (an unparsed-statement
# error: a statement tideline could not analyse, or an error diagnostic about the input); any other exit code, an
# exit 2 without such a reason, or a stack trace on stderr is a crash and fails the script. The JSON of each project
# is kept in OUT_DIR for reading findings by hand.
# Usage: bench/corpus-findings.sh [CORPUS_DIR] [OUT_DIR]   (default ../shared/corpus/postgres, a temp dir)
# TIDELINE_ARGS adds lint options, e.g. TIDELINE_ARGS="--dialect mysql" bench/corpus-findings.sh ../shared/corpus/mysql
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus/postgres}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
command -v jq >/dev/null || { echo "corpus-findings: needs jq" >&2; exit 2; }
[[ -d $corpus ]] || { echo "corpus-findings: no corpus at $corpus" >&2; exit 2; }
./tideline --version >/dev/null   # build the jar once, outside the timings

crashes=0
printf '%-28s %6s %6s %6s %6s %6s %4s %7s\n' project files stmts unpars errors warns exit seconds
for dir in "$corpus"/*/; do
  p="$(basename "$dir")"
  start=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086  # TIDELINE_ARGS is a list of options
  ./tideline lint ${TIDELINE_ARGS:-} --format json "$dir" >"$out/$p.json" 2>"$out/$p.err"
  rc=$?
  set -e
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  explained=false
  if [[ $rc -eq 2 ]] && jq -e '([.findings[]? | select(.rule == "unparsed-statement" and .severity == "error")]
      + [.diagnostics[]? | select(.severity == "error")]) | length > 0' "$out/$p.json" >/dev/null 2>&1; then
    explained=true   # not analysed, and the report says which statements or inputs
  fi
  if { [[ $rc -gt 1 ]] && ! $explained; } || grep -qE '^\s+at [a-z]+\.|Exception in thread' "$out/$p.err"; then
    crashes=$((crashes + 1))
    echo "CRASH in $p (exit $rc): see $out/$p.err" >&2
  fi
  if jq -e .summary "$out/$p.json" >/dev/null 2>&1; then
    jq -r --arg p "$p" --arg rc "$rc" --arg s "$secs" \
      '.summary | [$p, .files, .statements, .unparsed, .errors, .warnings, $rc, $s] | @tsv' "$out/$p.json" \
      | awk -F'\t' '{printf "%-28s %6d %6d %6d %6d %6d %4s %7.2f\n", $1,$2,$3,$4,$5,$6,$7,$8}'
  else
    printf '%-28s %s\n' "$p" "no JSON output (exit $rc)"
  fi
done

echo
echo "findings per rule (total; projects with counts, project names shortened to the repository)"
for f in "$out"/*.json; do
  p="$(basename "$f" .json)"
  jq -r --arg p "${p#*__}" '.findings[]? | [.rule, .severity, $p] | @tsv' "$f" 2>/dev/null || true
done | sort | uniq -c | awk '
  { key = $2 " (" $3 ")"; total[key] += $1; per[key] = per[key] " " $4 ":" $1 }
  END { for (k in total) printf "%6d  %-45s%s\n", total[k], k, per[k] }' | sort -k1,1nr
echo
echo "JSON per project in $out"
[[ $crashes -eq 0 ]] || { echo "corpus-findings: $crashes project(s) crashed" >&2; exit 1; }
