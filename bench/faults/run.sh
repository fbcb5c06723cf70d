#!/usr/bin/env bash
# Fault-injector benchmarks: builds ordeal in release, then runs the accuracy, CPU and throughput benchmarks and the
# Toxiproxy client check, then process-fault and memory-pressure accuracy. Needs nginx, wrk, haproxy, socat (apt) and toxiproxy-python (pip).
set -euo pipefail
cd "$(dirname "$0")/../.."
for tool in nginx wrk haproxy socat; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y nginx wrk haproxy socat" >&2; exit 1; }
done
python3 -c "import toxiproxy" 2>/dev/null || pip install -q toxiproxy-python
swift build -c release --product ordeal
ordeal="$(swift build -c release --show-bin-path)/ordeal"
python3 bench/faults/toxiproxy_client.py "$ordeal"
python3 bench/faults/bench.py "$ordeal" "$@"
python3 bench/faults/http_bench.py "$ordeal" "$@"
swift build -c release --product order-service
python3 bench/faults/process_memory.py "$(dirname "$ordeal")"
