#!/usr/bin/env bash
# The case engine (issue 3, item 9): end-to-end task completions per second over HTTP, and the
# work-queue query's p50/p99 with 1,000,000 open cases, on SQLite and on PostgreSQL (a
# throwaway server from scripts/with-postgres, which runs with fsync off: its figures measure
# the engine, not the disk). Each run prints its baselines (GET /healthz, bare commits,
# SELECT 1) measured in the same run.
# Targets: >= 3,000 durable completions/s on SQLite; work-queue p99 <= 10 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${JUMYS_ENGINE_BENCH:-build/engine_bench}
clients=${BENCH_CLIENTS:-64}
cases_per_client=${BENCH_CASES_PER_CLIENT:-40}
queue_cases=${BENCH_QUEUE_CASES:-1000000}
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

echo "-- SQLite: completions"
"$binary" --mode completions --db "sqlite:$workdir/completions.db" --clients "$clients" \
  --workers "$clients" --cases-per-client "$cases_per_client"
echo "-- SQLite: work queue"
"$binary" --mode queue --db "sqlite:$workdir/queue.db" --queue-cases "$queue_cases"

if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
  echo "-- PostgreSQL: completions"
  scripts/with-postgres bash -c "\"$binary\" --mode completions --db \"\$JUMYS_PG_URL\" \
    --clients $clients --workers $clients --cases-per-client $cases_per_client"
  echo "-- PostgreSQL: work queue"
  scripts/with-postgres bash -c "\"$binary\" --mode queue --db \"\$JUMYS_PG_URL\" \
    --queue-cases $queue_cases"
else
  echo "-- PostgreSQL: skipped (no postgresql-15; scripts/setup installs it)"
fi
