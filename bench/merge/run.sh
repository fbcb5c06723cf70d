#!/usr/bin/env bash
# Merge cost of a long distributed run: three simulated 1-hour segment reports (bench/merge/generate.py) merged by
# `ordeal merge --wait 3`, timed with /usr/bin/time -v (wall clock, peak RSS), and the merged p99 set against the
# p99 of the same iterations as one unsegmented report and the exact p99 of every value.
#   bench/merge/run.sh [SECONDS] [RATE]       defaults 3600 and 600 (iterations/s, two requests each)
# Needs: pip install hdrhistogram numpy; ORDEAL=path/to/ordeal (default: the release build, built if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-3600}"
rate="${2:-600}"
ordeal="${ORDEAL:-.build/release/ordeal}"
[ -x "$ordeal" ] || swift build -c release --product ordeal
data="${TMPDIR:-/tmp}/ordeal-merge-bench-$seconds-$rate"
[ -f "$data/exact.json" ] || python3 bench/merge/generate.py "$data" --seconds "$seconds" --rate "$rate"
du -sh "$data"/segment-* | sed 's/^/report size: /'
rm -rf "$data/merged"
/usr/bin/time -v "$ordeal" merge --wait 3 "$data"/segment-0 "$data"/segment-1 "$data"/segment-2 \
    --timeout 1m --out "$data/merged" 2> "$data/time.txt"
grep -E 'Elapsed \(wall|Maximum resident' "$data/time.txt"
python3 - "$data" <<'PY'
import json, sys
data = sys.argv[1]
merged = json.load(open(f"{data}/merged/report.json"))["overall"]["responseTime"]
whole = json.load(open(f"{data}/whole/report.json"))["overall"]["responseTime"]
exact = json.load(open(f"{data}/exact.json"))
print(f"count: merged {merged['count']}, whole {whole['count']}, exact {exact['count']}")
for key in ("p50", "p99", "p999"):
    print(f"{key} (us): merged {merged[key]}, unsegmented {whole[key]}, exact {exact[key]}, "
          f"merged/exact - 1 = {merged[key] / exact[key] - 1:+.5f}")
PY
