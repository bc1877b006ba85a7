#!/usr/bin/env bash
# Matching (issue 17, item 5; docs/MATCHING.md): the demo job seeker's top-20 suitable vacancies
# with 1,000,000 published vacancies, p50/p99 beside a baseline from the same run (the profile
# read by its key), on SQLite and on PostgreSQL (a throwaway server from scripts/with-postgres,
# fsync off). Target: p99 <= 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${JUMYS_MATCHING_BENCH:-build/matching_bench}
vacancies=${BENCH_VACANCIES:-1000000}
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

echo "-- SQLite: matching"
"$binary" --db "sqlite:$workdir/matching.db" --vacancies "$vacancies"
if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
  echo "-- PostgreSQL: matching"
  scripts/with-postgres bash -c "\"$binary\" --db \"\$JUMYS_PG_URL\" --vacancies $vacancies"
else
  echo "-- PostgreSQL: skipped (no postgresql-15; scripts/setup installs it)"
fi
