#!/usr/bin/env bash
# The same schedule run twice against one nginx on loopback: as three segments started together (`--segment auto
# --start-at`, merged by `ordeal merge --wait 3`), and as one unsegmented run; prints both p50/p99/max, iterations
# and the segments' start skew. Two runs differ by run-to-run noise; the merge itself adds none (bench/merge/run.sh).
#   bench/merge/segmented-vs-whole.sh [RATE] [SECONDS]     defaults 3000 (iterations/s) and 20
# Needs nginx; ORDEAL=path/to/ordeal (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/../.."
rate="${1:-3000}"
seconds="${2:-20}"
ordeal="${ORDEAL:-$(swift build -c release --show-bin-path)/ordeal}"
root=$(mktemp -d /tmp/ordeal-merge-real.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$root/www" && chmod 755 "$root"
head -c 128 /dev/zero | tr '\0' 'x' > "$root/www/index.html"
sed -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" bench/loadgen/nginx.conf.in > "$root/nginx.conf"
nginx -c "$root/nginx.conf" -p "$root" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; rm -rf "$root"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
cat > "$root/scenario.yaml" <<YAML
name: segmented-vs-whole
url: http://127.0.0.1:$port
load:
  - { name: steady, arrival-rate: $rate/s, duration: ${seconds}s, max-in-flight: 2000 }
flow:
  - { name: index, get: /index.html }
YAML
start=$(date -u -d "@$(( $(date +%s) + 4 ))" +%Y-%m-%dT%H:%M:%SZ)
segments=()
for k in 0 1 2; do
    JOB_COMPLETION_INDEX=$k ORDEAL_SEGMENTS=3 "$ordeal" run "$root/scenario.yaml" --segment auto --start-at "$start" \
        --out "$root/shared/segment-$k" > "$root/segment-$k.log" 2>&1 &
    segments+=($!)
done
"$ordeal" merge --wait 3 "$root/shared" --timeout 2m --out "$root/merged" > "$root/merge.log" 2>&1 || true
wait "${segments[@]}" || true
"$ordeal" run "$root/scenario.yaml" --out "$root/whole" > "$root/whole.log" 2>&1 || true
python3 - "$root" <<'PY'
import datetime, json, sys
root = sys.argv[1]
def load(path): return json.load(open(path))
def parse(text): return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
merged, whole = load(f"{root}/merged/report.json"), load(f"{root}/whole/report.json")
starts = [parse(load(f"{root}/shared/segment-{k}/report.json")["run"]["loadStartedAt"]) for k in range(3)]
skew = (max(starts) - min(starts)).total_seconds() * 1000
for name, report in (("merged 3 segments", merged), ("one unsegmented run", whole)):
    t = report["overall"]["responseTime"]
    started = sum(s["iterationsStarted"] for s in report["timeline"])
    dropped = sum(s["iterationsDropped"] for s in report["timeline"])
    print(f"{name}: {started} iterations ({dropped} dropped), p50 {t['p50']} us, p99 {t['p99']} us, max {t['max']} us")
print(f"segments' load start skew (report resolution 1 ms): {skew:.0f} ms")
PY
