#!/usr/bin/env bash
# Every ratio of the performance issue in one run (see bench/all.py): generator vs wrk, proxy vs haproxy, the proxy's
# added p50, the order service vs nginx's static file; three interleaved rounds, release builds.
#
#   bench/all.sh [ROUNDS] [SECONDS]      defaults: 3 rounds of 5 s per measurement (about 4 minutes)
#
# Needs nginx, wrk and haproxy (apt-get install -y nginx wrk haproxy). BIN=path/to/release/bin skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in nginx wrk haproxy python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx wrk haproxy" >&2; exit 1; }
done
if [ -z "${BIN:-}" ]; then
    swift build -c release --product ordeal >&2
    swift build -c release --product order-service >&2
fi
bin=${BIN:-$(swift build -c release --show-bin-path)}
exec python3 bench/all.py "$bin" --rounds "${1:-3}" --seconds "${2:-5}"
