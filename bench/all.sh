#!/usr/bin/env bash
# Every ratio of the performance issue in one run (see bench/all.py): generator vs wrk, proxy vs haproxy, the proxy's
# added p50, the order service vs nginx's static file; three interleaved rounds, release builds.
#
#   bench/all.sh [ROUNDS] [SECONDS]      defaults: 3 rounds of 5 s per measurement (about 4 minutes)
#
# Needs nginx, wrk and haproxy (apt-get install -y nginx wrk haproxy). BIN=path/to/release/bin skips the build.
#
# The binaries are built as they ship (deploy/kubernetes/Containerfile): release, with the Swift runtime linked in
# statically (--static-swift-stdlib), in a build folder of their own (.build-static) so the everyday .build stays
# as it is. A first build takes about 14 minutes on two cores. Linked dynamically, every retain, release and
# task-local read goes through the PLT and __tls_get_addr: the service answers about a quarter fewer requests a second that way
# (BIN=.build/release shows it).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in nginx wrk haproxy python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx wrk haproxy" >&2; exit 1; }
done
shipped=(-c release --static-swift-stdlib --scratch-path .build-static)
if [ -z "${BIN:-}" ]; then
    swift build "${shipped[@]}" --product ordeal >&2
    swift build "${shipped[@]}" --product order-service >&2
fi
bin=${BIN:-$(swift build "${shipped[@]}" --show-bin-path)}
exec python3 bench/all.py "$bin" --rounds "${1:-3}" --seconds "${2:-5}"
