#!/usr/bin/env bash
# The analyst's dashboards over a year of one oblast (issue 21, item 3): a year of Kyzylorda's
# cases, tasks and records bulk-loaded into a fresh store, then every table of the dashboards
# for that year and oblast, beside the SLA report and a bare count of the year's cases and tasks
# measured in the same run, on SQLite and on PostgreSQL (a throwaway server from
# scripts/with-postgres). Target: <= 1000 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${JUMYS_ANALYTICS_BENCH:-build/analytics_bench}
cases=${BENCH_ANALYTICS_CASES:-100000}
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

echo "-- SQLite: dashboards over a year of one oblast"
"$binary" --db "sqlite:$workdir/analytics.db" --cases "$cases"
rm -f "$workdir"/analytics.db*

if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
  echo "-- PostgreSQL: dashboards over a year of one oblast"
  scripts/with-postgres bash -c "\"$binary\" --db \"\$JUMYS_PG_URL\" --cases $cases"
else
  echo "-- PostgreSQL: skipped (no postgresql-15; scripts/setup installs it)"
fi
