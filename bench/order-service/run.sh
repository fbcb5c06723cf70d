#!/usr/bin/env bash
# Benchmark of the reference order service (release build) with wrk:
#   GET /health (the framework's floor, the peer), GET /api/v1/orders/{id}, POST /api/v1/orders.
# Prints req/s and p99 for each of REPEATS runs, then the median, the spread (min..max) and the ratio to /health.
# Usage: bench/order-service/run.sh [DURATION=10s] [CONNECTIONS=32] [REPEATS=3]
# ORDER_SERVICE_BINARY=path skips the release build (e.g. to check the script against a debug build).
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10s}
connections=${2:-32}
repeats=${3:-3}
here=bench/order-service

if [ -z "${ORDER_SERVICE_BINARY:-}" ]; then
    swift build -c release --product order-service >&2
fi
binary=${ORDER_SERVICE_BINARY:-$(swift build -c release --show-bin-path)/order-service}
workdir=$(mktemp -d)
# The rate limiter stays on (its cost is part of every request) with limits no benchmark reaches: with the
# shipped defaults (50 reads/s per IP and per user) one user reading at 7,000/s would measure 429s.
for scope in IP USER; do
    for key in READS_PER_SECOND READ_BURST WRITES_PER_SECOND WRITE_BURST; do
        export "ORDERPROCESSING_RATE_LIMIT_${scope}_${key}=100000000"
    done
done
log=$workdir/service.log
ORDERPROCESSING_JWT_SECRET=bench-secret-0123456789abcdef0123456789 ORDERPROCESSING_BCRYPT_COST=4 \
ORDERPROCESSING_LOG_LEVEL=warning \
    "$binary" --port 0 --database "$workdir/orders.sqlite" >"$log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 100); do grep -q "listening on" "$log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
[ -n "$base" ] || { echo "service did not start:"; cat "$log"; exit 1; }

credentials='{"username":"bench-user","password":"bench-password"}'
curl -sf -X POST -H 'Content-Type: application/json' -d "$credentials" "$base/api/v1/auth/register" >/dev/null
token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "$credentials" "$base/api/v1/auth/login" | jq -r .token)
order=$(curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    -d '{"items":[{"productId":"p-7","quantity":1}]}' "$base/api/v1/orders" | jq -r .id)

# run NAME wrk-args... -> prints "NAME req/s p99-ms" for one run
run() {
    local name=$1; shift
    local output
    output=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@")
    local rps p99
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$output")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$output")
    local errors
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$output")
    echo "$name $rps $p99 ${errors:-0}"
}

results=$workdir/results
for i in $(seq "$repeats"); do
    run health "$base/health" >>"$results"
    run get-order -H "Authorization: Bearer $token" "$base/api/v1/orders/$order" >>"$results"
    ORDER_TOKEN=$token run post-order -s "$here/post-order.lua" "$base/api/v1/orders" >>"$results"
done

echo "order-service benchmark: wrk -t2 -c$connections -d$duration, $repeats runs each, $(nproc) cores, binary $binary"
echo "(client and service share the machine; other builds may be running: read the spread)"
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, rps, p99, errors = line.split()
    rows.setdefault(name, []).append((float(rps), float(p99), int(errors)))
health = statistics.median(r for r, _, _ in rows["health"])
print(f"{'request':<12} {'req/s median':>12} {'req/s min..max':>20} {'p99 ms median':>14} {'p99 min..max':>16} {'non-2xx':>8} {'vs /health':>10}")
for name, runs in rows.items():
    rps = [r for r, _, _ in runs]; p99 = [p for _, p, _ in runs]
    print(f"{name:<12} {statistics.median(rps):>12.0f} {min(rps):>9.0f}..{max(rps):<10.0f} {statistics.median(p99):>14.2f}"
          f" {min(p99):>7.2f}..{max(p99):<8.2f} {sum(e for _, _, e in runs):>8} {statistics.median(rps) / health:>10.2f}")
PY
