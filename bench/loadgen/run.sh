#!/usr/bin/env bash
# Load-generator benchmark (issue 3): Ordeal against wrk on the same nginx, same 50 connections, alternating.
#
#   bench/loadgen/run.sh [ROUNDS] [SECONDS]      defaults: 3 rounds of 10 s
#
# Prints each tool's requests/s per round, the spread, and Ordeal's best over wrk's best of -t1 and -t2; then
# Ordeal's peak RSS for a 10 s and a 60 s run, and the achieved rate of a 5000/s constant-arrival-rate phase.
# Needs nginx and wrk (apt-get install -y nginx wrk). Release build; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
for tool in nginx wrk python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx wrk)"; exit 1; }
done

[ -n "${ORDEAL:-}" ] || swift build -c release --product ordeal >/dev/null
ordeal=${ORDEAL:-$(swift build -c release --show-bin-path)/ordeal}

root=$(mktemp -d /tmp/ordeal-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$root/www"
chmod 755 "$root"
head -c 128 /dev/zero | tr '\0' 'x' > "$root/www/index.html"
sed -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" bench/loadgen/nginx.conf.in > "$root/nginx.conf"
nginx -c "$root/nginx.conf" -p "$root" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; rm -rf "$root"' EXIT
url="http://127.0.0.1:$port/index.html"
for _ in $(seq 50); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.1; done

wrk_rate() { wrk "-t$1" -c50 "-d${seconds}s" "$url" | awk '/Requests\/sec/ {print $2}'; }
ordeal_rate() {
    "$ordeal" run --url "$url" --vus 50 --duration "${seconds}s" --out "$root/out" >/dev/null 2>&1
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["run"]["phases"][0]
print(round(d["overall"]["requests"]/(p["end"]-p["start"])))' "$root/out/report.json"
}

declare -a t1 t2 ord
for round in $(seq "$rounds"); do
    t1+=("$(wrk_rate 1)")
    t2+=("$(wrk_rate 2)")
    ord+=("$(ordeal_rate)")
    echo "round $round: wrk -t1 ${t1[-1]}  wrk -t2 ${t2[-1]}  ordeal ${ord[-1]}  (req/s, 50 connections)"
done
python3 - "${t1[*]}" "${t2[*]}" "${ord[*]}" <<'PY'
import sys, statistics as s
t1, t2, o = ([float(x) for x in a.split()] for a in sys.argv[1:4])
def show(name, xs): print(f"{name:10s} best {max(xs):9.0f}  median {s.median(xs):9.0f}  spread {min(xs):.0f}..{max(xs):.0f}")
show("wrk -t1", t1); show("wrk -t2", t2); show("ordeal", o)
best = max(max(t1), max(t2))
print(f"ordeal best / wrk best = {max(o)/best:.3f}   medians: {s.median(o)/max(s.median(t1), s.median(t2)):.3f}")
PY

rss() {
    /usr/bin/time -v "$ordeal" run --url "$url" --vus 50 --duration "$1" --out "$root/rss" 2>&1 >/dev/null \
        | awk '/Maximum resident set size/ {print $6}'
}
r10=$(rss 10s)
r60=$(rss 60s)
echo "peak RSS: 10 s run ${r10} KiB, 60 s run ${r60} KiB, ratio $(python3 -c "print(round($r60/$r10, 3))")"

"$ordeal" run --url "$url" --rate 5000/s --max-in-flight 200 --duration 10s --out "$root/car" >/dev/null 2>&1
python3 - "$root/car/report.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); t = d["timeline"]; o = d["overall"]
started = sum(s["iterationsStarted"] for s in t); dropped = sum(s["iterationsDropped"] for s in t)
print(f"constant arrival rate 5000/s for 10 s: started {started} ({started/50000:.4f} of 50000), "
      f"dropped {dropped}, requests {o['requests']}, p99 {o['responseTime']['p99']} us")
PY
