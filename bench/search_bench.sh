#!/usr/bin/env bash
# Public vacancy search (issue 17, item 7, the search half): 1,000,000 published vacancies
# bulk-loaded into a fresh store, then a filtered search (words + NKZ prefix + KATO prefix + wage
# range, first page of 20) p50/p99 over 1000 queries, on SQLite and on PostgreSQL (a throwaway
# server from scripts/with-postgres, fsync off), each beside baselines measured in the same run
# (a primary-key lookup; the same filters with the words matched by a scan), with the ratios and
# the process's RSS. Target: search p99 <= 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${JUMYS_SEARCH_BENCH:-build/search_bench}
vacancies=${BENCH_VACANCIES:-1000000}
queries=${BENCH_SEARCH_QUERIES:-1000}
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

echo "-- SQLite: vacancy search"
"$binary" --db "sqlite:$workdir/search.db" --vacancies "$vacancies" --queries "$queries"
rm -f "$workdir"/search.db*

if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
  echo "-- PostgreSQL: vacancy search"
  scripts/with-postgres bash -c "\"$binary\" --db \"\$JUMYS_PG_URL\" --vacancies $vacancies \
    --queries $queries"
else
  echo "-- PostgreSQL: skipped (no postgresql-15; scripts/setup installs it)"
fi
