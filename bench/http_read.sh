#!/usr/bin/env bash
# wrk against /healthz (the baseline: no session, no store) and against an authenticated read of
# a person record (session lookup, scope check, store read, audited read), in the same run.
# Target (issue 2): the authenticated read at >= 40,000 requests/s on 2 cores with SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${JUMYS_BIN:-build/jumys}
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
workdir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"' EXIT

"$binary" serve --listen 127.0.0.1:0 --db "sqlite:$workdir/bench.db" --demo --no-access-log \
  --io-threads "${BENCH_IO_THREADS:-1}" --workers "${BENCH_WORKERS:-2}" 2>"$workdir/server.log" &
server=$!
for _ in $(seq 100); do
  address=$(grep -o '"address":"[^"]*"' "$workdir/server.log" 2>/dev/null | head -1 | cut -d'"' -f4 || true)
  [[ -n "$address" ]] && break
  sleep 0.1
done
[[ -n "$address" ]] || { echo "server did not start"; cat "$workdir/server.log"; exit 1; }
base="http://$address"
token=$(curl -sf -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"login":"clerk","password":"demo"}' | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
curl -sf -H "Authorization: Bearer $token" "$base/api/v1/people/851102400347" >/dev/null

run() {  # prints "requests_per_second p99_ms"
  wrk -t1 -c"$connections" -d"$duration" --latency "$@" > "$workdir/wrk.out"
  /usr/bin/python3 - "$workdir/wrk.out" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
errors = re.search(r"Socket errors:.*", text)
if non2xx:
    sys.exit(f"wrk saw {non2xx.group(1)} non-2xx responses")
print(f"{rps:.0f} {p99:.2f}")
PY
}

read -r health_rps health_p99 < <(run "$base/healthz")
read -r read_rps read_p99 < <(run -H "Authorization: Bearer $token" "$base/api/v1/people/851102400347")

audited=$("$binary" audit-verify --db "sqlite:$workdir/bench.db" 2>&1 || true)
/usr/bin/python3 - "$health_rps" "$health_p99" "$read_rps" "$read_p99" "$audited" <<'PY'
import sys
h_rps, h_p99, r_rps, r_p99 = map(float, sys.argv[1:5])
print(f"{'benchmark':<34}{'requests/s':>12}{'p99 ms':>10}")
print(f"{'GET /healthz (baseline)':<34}{h_rps:>12.0f}{h_p99:>10.2f}")
print(f"{'GET /api/v1/people/{iin} (auth)':<34}{r_rps:>12.0f}{r_p99:>10.2f}")
print(f"ratio authenticated read / healthz: {r_rps / h_rps:.2f} (p99 {r_p99 / h_p99:.2f}x)")
print(f"target >= 40000 requests/s for the authenticated read: {'met' if r_rps >= 40000 else 'NOT met'}")
print(f"after the run: {sys.argv[5]}")
PY
