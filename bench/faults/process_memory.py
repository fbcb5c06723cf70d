"""Process-fault and memory-pressure accuracy (release build).

Usage: python3 bench/faults/process_memory.py ORDEAL_BIN_DIR [--server-dir DIR] [--rounds N]

1. Memory pressure: `ordeal stress memory --bytes SIZE --for 3s`, with the ordeal process's VmRSS sampled from
   outside every 20 ms; its peak over its own VmRSS before allocating must be the asked size ± 5 %.
2. Pause: `ordeal run` at 50/s against a real HTTP server (order-service's payments gateway, /health) that a fault
   pauses for 1 s; the report's max response time (measured from the intended start) must be 1 s ± 5 %.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import tempfile
import time

MIB = 1 << 20


def vm_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def bench_memory(ordeal, size_text, size_bytes):
    child = subprocess.Popen([ordeal, "stress", "memory", "--bytes", size_text, "--for", "3s"],
                             stdout=subprocess.PIPE, text=True)
    # The peak is read from outside; the baseline is the process's own VmRSS just before it allocated, as it
    # prints it (from outside, the first readings come before the runtime is loaded, the last ones mid-munmap).
    peak = 0
    while child.poll() is None:
        rss = vm_rss(child.pid)
        if rss is not None:
            peak = max(peak, rss)
        time.sleep(0.02)
    output = child.stdout.read().strip()
    match = re.search(r"process resident ([0-9.]+) MiB before", output)
    baseline = float(match.group(1)) * MIB if match else 0
    rise = peak - (baseline or 0)
    error = rise / size_bytes - 1
    verdict = "OK" if abs(error) <= 0.05 else "MISS"
    print(f"memory {size_text}: RSS rose {rise / MIB:.1f} MiB from {(baseline or 0) / MIB:.1f} MiB "
          f"({error * 100:+.2f} %, target ± 5 %): {verdict}")
    print(f"  ordeal says: {output}")
    return error


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_pause(bin_dir, server_dir):
    port = free_port()
    folder = tempfile.mkdtemp(prefix="ordeal-bench-pause-")
    with open(f"{folder}/target.yaml", "w") as f:
        f.write(f"""name: gateway
url: http://127.0.0.1:{port}
processes:
  - name: gateway
    command: order-service
    arguments: [payments, --port, "{port}"]
    ready: {{ http: "http://127.0.0.1:{port}/health", deadline: 30s }}
""")
    with open(f"{folder}/scenario.yaml", "w") as f:
        f.write("""name: pause-bench
target: target.yaml
load: [ { name: steady, arrival-rate: 50/s, duration: 8s, max-in-flight: 500 } ]
flow: [ { name: health, get: /health, check: { status: 200 } } ]
faults:
  - { at: 3s, for: 1s, process: gateway, pause: true }
""")
    env = dict(os.environ, PATH=f"{server_dir}:{os.environ['PATH']}")
    subprocess.run([f"{bin_dir}/ordeal", "run", f"{folder}/scenario.yaml", "--out", f"{folder}/out"],
                   env=env, check=False, stdout=subprocess.DEVNULL)
    with open(f"{folder}/out/report.json") as f:
        report = json.load(f)
    window = report["faults"][0]
    held = window["end"] - window["start"]
    maximum = report["overall"]["responseTime"]["max"] / 1e6
    p50 = report["overall"]["responseTime"]["p50"] / 1e3
    error = maximum - 1
    verdict = "OK" if abs(error) <= 0.05 else "MISS"
    print(f"pause 1s: report max {maximum * 1000:.1f} ms (window held {held * 1000:.1f} ms, p50 {p50:.2f} ms, "
          f"errors {report['overall']['errors']}) ({error * 100:+.2f} %, target ± 5 %): {verdict}")
    return error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bin_dir")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--server-dir", help="where order-service is (default: ORDEAL_BIN_DIR)")
    args = parser.parse_args()
    ordeal = f"{args.bin_dir}/ordeal"
    for _ in range(args.rounds):
        for text, size in [("256MiB", 256 * MIB), ("1GiB", 1024 * MIB)]:
            bench_memory(ordeal, text, size)
        bench_pause(args.bin_dir, args.server_dir or args.bin_dir)


if __name__ == "__main__":
    main()
