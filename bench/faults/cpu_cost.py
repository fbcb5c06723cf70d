"""CPU cost per request of each proxy under the throughput benchmark's load (wrk -t1 -c50 against nginx).

Usage: python3 cpu_cost.py ORDEAL_BINARY [--rounds N]

On a shared machine the throughput ratios of bench.py swing by tens of percent from round to round, because the
proxies, wrk and nginx compete with whatever else runs. The CPU time a proxy spends per request (user and system,
read from /proc/PID/stat around each wrk run) moves much less, and it is what decides the ratio once the cores are
busy. nginx's and wrk's own cost per request is printed too, since a proxy can also make its neighbours work harder.
socat is left out: it forks a process per connection.
"""

import argparse
import os
import re
import statistics
import subprocess

import servers
from bench import make_proxy

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User and system CPU seconds of a process, all its threads included."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS, int(fields[12]) / TICKS


def measure(port, proxy_pid, nginx_pid, seconds=5):
    """One wrk run; returns µs per request for the proxy (user, sys), nginx and wrk, and the request rate."""
    proxy_before = cpu_seconds(proxy_pid) if proxy_pid else (0, 0)
    nginx_before = sum(cpu_seconds(nginx_pid))
    wrk = subprocess.Popen(["wrk", "-t1", "-c50", f"-d{seconds}s", f"http://127.0.0.1:{port}/"],
                           stdout=subprocess.PIPE, text=True)
    usage = os.wait4(wrk.pid, 0)[2]
    requests = int(re.search(r"(\d+) requests in", wrk.stdout.read()).group(1))
    proxy_after = cpu_seconds(proxy_pid) if proxy_pid else (0, 0)
    per_request = 1e6 / requests
    return {
        "user": (proxy_after[0] - proxy_before[0]) * per_request,
        "sys": (proxy_after[1] - proxy_before[1]) * per_request,
        "nginx": (sum(cpu_seconds(nginx_pid)) - nginx_before) * per_request,
        "wrk": (usage.ru_utime + usage.ru_stime) * per_request,
        "rps": requests / seconds,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ordeal")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--proxy-args", default="", help="extra arguments of `ordeal proxy`, e.g. --no-splice")
    args = parser.parse_args()
    workdir = servers.tempdir()
    nginx, nginx_port = servers.start_nginx(workdir)
    haproxy, haproxy_port = servers.start_haproxy(workdir, nginx_port)
    ordeal, api = servers.start_ordeal_proxy(args.ordeal, args.proxy_args.split())
    try:
        worker = int(subprocess.run(["pgrep", "-P", str(nginx.proc.pid)], capture_output=True, text=True,
                                    check=True).stdout.split()[0])
        targets = {
            "direct": (nginx_port, None),
            "ordeal": (make_proxy(api, "web", nginx_port), ordeal.proc.pid),
            "haproxy": (haproxy_port, haproxy.proc.pid),
        }
        results = {name: [] for name in targets}
        for _ in range(args.rounds):
            for name, (port, pid) in targets.items():
                results[name].append(measure(port, pid, worker))
    finally:
        for proc in (nginx, haproxy, ordeal):
            proc.stop()
    print(f"CPU µs per request, wrk -t1 -c50 5s against nginx, medians of {args.rounds} interleaved rounds:")
    for name, runs in results.items():
        median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        print(f"  {name:8} proxy user {median['user']:5.2f}  sys {median['sys']:5.2f}  "
              f"nginx {median['nginx']:5.2f}  wrk {median['wrk']:5.2f}  ({median['rps']:.0f} req/s)")


if __name__ == "__main__":
    main()
