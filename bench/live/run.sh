#!/usr/bin/env bash
# Live-view benchmark (issue 14): the generator's max req/s with --dashboard, --metrics and --jsonl - against
# without them, on the same nginx, alternating; then peak RSS of a 10 s and a 60 s run with all three on.
#
#   bench/live/run.sh [ROUNDS] [SECONDS]      defaults: 3 rounds of 10 s
#
# The dashboard and metrics endpoints are scraped once a second during the "with" runs, as a browser tab and a
# Prometheus server would. Needs nginx, curl and python3. Release build; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
for tool in nginx curl python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx curl)"; exit 1; }
done
[ -n "${ORDEAL:-}" ] || swift build -c release --product ordeal >/dev/null
ordeal=${ORDEAL:-$(swift build -c release --show-bin-path)/ordeal}

root=$(mktemp -d /tmp/ordeal-bench-live.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
mkdir -p "$root/www"
chmod 755 "$root"
head -c 128 /dev/zero | tr '\0' 'x' > "$root/www/index.html"
sed -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" bench/loadgen/nginx.conf.in > "$root/nginx.conf"
nginx -c "$root/nginx.conf" -p "$root" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; rm -rf "$root"' EXIT
url="http://127.0.0.1:$port/index.html"
for _ in $(seq 50); do curl -fs "$url" >/dev/null 2>&1 && break; sleep 0.1; done

rate() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["run"]["phases"][0]
print(round(d["overall"]["requests"]/(p["end"]-p["start"])))' "$1/report.json"; }

plain() {
    "$ordeal" run --url "$url" --vus 50 --duration "$1" --out "$root/plain" >/dev/null 2>&1
    rate "$root/plain"
}
# Runs with every live view on while a scraper reads /metrics and the dashboard page each second; prints req/s
# (or, with "rss", the peak resident KiB).
live() {
    local dash metrics
    dash=$(free_port); metrics=$(free_port)
    ( sleep 1; while sleep 1; do curl -fs -m 1 "http://127.0.0.1:$metrics/metrics" >/dev/null || true
        curl -fs -m 1 "http://127.0.0.1:$dash/" >/dev/null || true; done ) &
    local scraper=$!
    local out
    out=$(/usr/bin/time -v "$ordeal" run --url "$url" --vus 50 --duration "$1" --dashboard "127.0.0.1:$dash" \
        --metrics "127.0.0.1:$metrics" --jsonl - --out "$root/live" 2>&1 >/dev/null)
    kill $scraper 2>/dev/null || true
    if [ "${2:-}" = rss ]; then echo "$out" | awk '/Maximum resident set size/ {print $6}'; else rate "$root/live"; fi
}

declare -a without with
for round in $(seq "$rounds"); do
    without+=("$(plain "${seconds}s")")
    with+=("$(live "${seconds}s")")
    echo "round $round: without ${without[-1]}  with dashboard+metrics+jsonl ${with[-1]}  (req/s, 50 VUs)"
done
python3 - "${without[*]}" "${with[*]}" <<'PY'
import sys, statistics as s
a, b = ([float(x) for x in v.split()] for v in sys.argv[1:3])
print(f"without: best {max(a):.0f} median {s.median(a):.0f}; with: best {max(b):.0f} median {s.median(b):.0f}")
print(f"with / without: best {max(b)/max(a):.3f}, medians {s.median(b)/s.median(a):.3f}  (target >= 0.98)")
PY
r10=$(live 10s rss)
r60=$(live 60s rss)
echo "peak RSS with all live views: 10 s ${r10} KiB, 60 s ${r60} KiB, ratio $(python3 -c "print(round($r60/$r10, 3))") (target 0.9..1.1)"
