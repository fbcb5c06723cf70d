#!/usr/bin/env bash
# One SQLite instance against the 3-instance PostgreSQL + Redis cluster behind haproxy (release builds), both
# charging orders through the payments gateway:
#   - GET /api/v1/orders/{id} and POST /api/v1/orders at saturation with wrk: req/s and p99;
#   - POST /api/v1/orders at a constant 1000/s with ordeal (open model, latency from the intended send): p99;
#   - where the CPU goes on the machine during the cluster's saturated POST run (seconds of CPU per program, from
#     /proc), and `perf stat` software events of the whole machine over that run.
# Usage: bench/cluster/run.sh [DURATION=10s] [CONNECTIONS=32]
# Needs wrk, jq, postgresql, redis-server and haproxy. BIN=path skips the release build.
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${1:-10s}
connections=${2:-32}
if [ -z "${BIN:-}" ]; then swift build -c release >&2; fi
bin=${BIN:-$(swift build -c release --show-bin-path)}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for scope in IP USER; do
    for key in READS_PER_SECOND READ_BURST WRITES_PER_SECOND WRITE_BURST; do
        export "ORDERPROCESSING_RATE_LIMIT_${scope}_${key}=100000000"
    done
done
export ORDERPROCESSING_JWT_SECRET=bench-cluster-secret-0123456789abcdef0123 ORDERPROCESSING_BCRYPT_COST=4
export ORDERPROCESSING_LOG_LEVEL=warning
wait_http() { for _ in $(seq 300); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer: $1" >&2; exit 1; }
wait_tcp() { for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; exit 1; }

"$bin/order-service" payments --port 27082 >"$work/payments.log" 2>&1 & pids+=($!)
wait_http http://127.0.0.1:27082/health
export ORDERPROCESSING_PAYMENTS_URL=http://127.0.0.1:27082

# One instance on SQLite.
"$bin/order-service" --port 27090 --database "$work/orders.sqlite" >"$work/sqlite.log" 2>&1 & pids+=($!)
wait_http http://127.0.0.1:27090/ready

# The cluster: PostgreSQL, Redis, three instances, haproxy (the shipped target's scripts).
targets/cluster/postgres.sh 27432 >"$work/postgres.log" 2>&1 & pids+=($!)
wait_tcp 27432
redis-server --port 27379 --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >"$work/redis.log" 2>&1 & pids+=($!)
wait_tcp 27379
for port in 27091 27092 27093; do
    ORDERPROCESSING_DATABASE_URL=postgres://ordeal@127.0.0.1:27432/postgres ORDERPROCESSING_DATABASE_POOL_SIZE=8 \
    ORDERPROCESSING_REDIS_URL=redis://127.0.0.1:27379 \
        "$bin/order-service" --port "$port" >"$work/instance-$port.log" 2>&1 & pids+=($!)
    wait_http "http://127.0.0.1:$port/ready"
done
targets/cluster/haproxy.sh 27080 27091 27092 27093 >"$work/haproxy.log" 2>&1 & pids+=($!)
wait_http http://127.0.0.1:27080/ready

# wrk NAME wrk-args... -> "req/s p99-ms non-2xx"
measure() {
    local output
    output=$(wrk -t2 -c"$connections" -d"$duration" --latency "$@")
    awk '/^Requests\/sec/ {rps=$2} /Non-2xx/ {errors=$5}
         $1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)}
                      else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p99=v}
         END {printf "%s %s %s\n", rps, p99, errors+0}' <<<"$output"
}
# CPU seconds per program name, summed over every process on the machine.
cpu_by_program() {
    for stat in /proc/[0-9]*/stat; do cat "$stat" 2>/dev/null || true; done |
        awk '{name=$2; for (i=3; $i !~ /^[A-Z]$/; i++) name=name " " $i; gsub(/[()]/, "", name);
              t[name] += ($(i+11) + $(i+12)) / 100} END {for (n in t) printf "%s\t%.2f\n", n, t[n]}' | sort
}

echo "cluster benchmark: wrk -t2 -c$connections -d$duration; ordeal --rate 1000/s for 20s; $(nproc) cores; $bin"
printf '%-10s %-12s %10s %10s %8s\n' system request req/s p99-ms non-2xx
for system in sqlite:27090 cluster:27080; do
    name=${system%%:*}; base=http://127.0.0.1:${system##*:}
    credentials="{\"username\":\"bench-$name\",\"password\":\"bench-password\"}"
    curl -sf -X POST -H 'Content-Type: application/json' -d "$credentials" "$base/api/v1/auth/register" >/dev/null
    token=$(curl -sf -X POST -H 'Content-Type: application/json' -d "$credentials" "$base/api/v1/auth/login" | jq -r .token)
    order=$(curl -sf -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
        -d '{"items":[{"productId":"p-7","quantity":1}]}' "$base/api/v1/orders" | jq -r .id)
    printf '%-10s %-12s %10s %10s %8s\n' "$name" get-order $(measure -H "Authorization: Bearer $token" "$base/api/v1/orders/$order")
    if [ "$name" = cluster ]; then
        cpu_by_program >"$work/cpu-before"
        perf stat -a -e task-clock,context-switches,cpu-migrations,page-faults -o "$work/perf.txt" -- sleep "${duration%s}" &
        perf_pid=$!
    fi
    printf '%-10s %-12s %10s %10s %8s\n' "$name" post-order $(ORDER_TOKEN=$token measure -s bench/order-service/post-order.lua "$base/api/v1/orders")
    if [ "$name" = cluster ]; then
        wait "$perf_pid" || true
        cpu_by_program >"$work/cpu-after"
    fi
    # Orders spread over the 100 products (10,000 units each), so no product runs out within the run.
    cat >"$work/post-$name.yaml" <<YAML
name: post-order-$name
url: $base
load: [ { name: constant, arrival-rate: 1000/s, duration: 20s, max-in-flight: 5000 } ]
flow:
  - name: post-order
    post: /api/v1/orders
    headers: { Authorization: "Bearer $token", Idempotency-Key: "\${uuid()}" }
    json: { items: [ { productId: "p-\${randomInt(1, 100)}", quantity: 1 } ] }
YAML
    "$bin/ordeal" run "$work/post-$name.yaml" --out "$work/ordeal-$name" >"$work/ordeal-$name.log" 2>&1 || true
    python3 - "$work/ordeal-$name/report.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
overall = report["overall"]
p99 = overall["responseTime"]["p99"] / 1000  # µs, from the intended send
dropped = report["run"].get("droppedIterations", report["run"].get("dropped", 0))
codes = overall["statusCodes"]
print(f"{sys.argv[2]:<10} {'post@1000/s':<12} {overall['throughput']:>10.0f} {p99:>10.2f} {overall['errors']:>8}"
      f"  (status codes {codes}, dropped {dropped})")
PY
done
echo "CPU seconds per program during the cluster's saturated post-order run:"
join -t $'\t' "$work/cpu-before" "$work/cpu-after" | awk -F'\t' '{d=$3-$2; if (d > 0.05) printf "  %-20s %6.2f\n", $1, d}' | sort -k2 -nr | head -12
echo "perf stat (whole machine, same run):"
grep -E "task-clock|context-switches|cpu-migrations|page-faults|elapsed" "$work/perf.txt" | sed 's/^/  /'
