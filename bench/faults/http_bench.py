"""HTTP-mode proxy benchmarks (release build): per-request toxicity, http_latency accuracy, and CPU per request of an
HTTP-mode proxy against a TCP-mode one, all against nginx and measured in the same run.

Usage: python3 http_bench.py ORDEAL_BINARY [--rounds N] [--requests N]

1. http_status at toxicity 0.05 over N requests (default 10,000) on one keep-alive connection: share answered 503.
2. http_latency 100 ms on path /slow*: p50 added to matching requests, and to other requests on the same proxy,
   both against direct nginx and against a TCP-mode proxy.
3. CPU µs per request (user + system of the ordeal process, /proc/PID/stat) under wrk -t1 -c50, HTTP-mode proxy
   without toxics vs TCP-mode proxy, interleaved rounds.
"""

import argparse
import subprocess
import socket
import statistics
import time

import servers
from bench import api_call
from cpu_cost import measure


def make_proxy(api, name, upstream_port, protocol, toxics=()):
    body = {"name": name, "upstream": f"127.0.0.1:{upstream_port}", "protocol": protocol}
    proxy = api_call(api, "POST", "/proxies", body)
    for toxic in toxics:
        api_call(api, "POST", f"/proxies/{name}/toxics", toxic)
    return int(proxy["listen"].rsplit(":", 1)[1])


class KeepAliveClient:
    """One keep-alive HTTP/1.1 connection; responses framed by Content-Length (nginx always sends one here)."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""

    def get(self, path):
        """Sends one GET and returns (status, ms)."""
        started = time.perf_counter()
        self.sock.sendall(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.recv()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        while len(rest) < length:
            rest += self.recv()
        self.buffer = rest[length:]
        return int(head.split(b" ")[1]), (time.perf_counter() - started) * 1000

    def recv(self):
        data = self.sock.recv(65536)
        if not data:
            raise RuntimeError("connection closed")
        return data

    def close(self):
        self.sock.close()


def p50(port, path, count):
    client = KeepAliveClient(port)
    try:
        client.get(path)  # warm the connection
        return statistics.median(client.get(path)[1] for _ in range(count))
    finally:
        client.close()


def bench_toxicity(api, nginx_port, requests):
    toxic = {"type": "http_status", "toxicity": 0.05, "attributes": {"status": 503, "body": "injected"}}
    port = make_proxy(api, "status", nginx_port, "http", [toxic])
    client = KeepAliveClient(port)
    answered = sum(1 for _ in range(requests) if client.get("/")[0] == 503)
    client.close()
    share = answered / requests
    print(f"http_status toxicity 0.05 over {requests} requests on one connection: {answered} answered = "
          f"{share * 100:.2f} % (target 5 ± 1 %): {'OK' if abs(share - 0.05) <= 0.01 else 'MISS'}")
    return share


def bench_latency(api, nginx_port, tcp_port):
    toxic = {"type": "http_latency", "attributes": {"latency": 100, "path": "/slow*"}}
    port = make_proxy(api, "latency", nginx_port, "http", [toxic])
    direct_slow = p50(nginx_port, "/slow", 200)
    direct = p50(nginx_port, "/", 2000)
    tcp = p50(tcp_port, "/", 2000)
    http_other = p50(port, "/", 2000)
    slow = p50(port, "/slow", 40)
    added = slow - direct_slow
    other = (http_other - direct) * 1000
    other_tcp = (http_other - tcp) * 1000
    print(f"http_latency 100 ms: matching p50 {slow:.2f} ms vs direct {direct_slow:.3f} ms, added {added:.2f} ms "
          f"(target 100 ± 2): {'OK' if abs(added - 100) <= 2 else 'MISS'}")
    print(f"  other requests on that proxy: p50 {http_other * 1000:.0f} µs, direct {direct * 1000:.0f} µs, "
          f"tcp-mode proxy {tcp * 1000:.0f} µs: added {other:.0f} µs vs direct, {other_tcp:+.0f} µs vs tcp "
          f"(target < 100 µs): {'OK' if other < 100 else 'MISS'}")
    return added, other


def bench_cpu(api, nginx_port, ordeal_pid, nginx_pid, rounds, tcp_port):
    http_port = make_proxy(api, "cpu-http", nginx_port, "http")
    runs = {"tcp": [], "http": []}
    for _ in range(rounds):
        for name, port in (("tcp", tcp_port), ("http", http_port)):
            runs[name].append(measure(port, ordeal_pid, nginx_pid))
    cost = {name: statistics.median(run["user"] + run["sys"] for run in results) for name, results in runs.items()}
    for name, results in runs.items():
        user = statistics.median(run["user"] for run in results)
        system = statistics.median(run["sys"] for run in results)
        rps = statistics.median(run["rps"] for run in results)
        print(f"  {name}-mode proxy: {cost[name]:.2f} µs CPU per request (user {user:.2f}, sys {system:.2f}), "
              f"{rps:.0f} req/s")
    ratio = cost["http"] / cost["tcp"]
    print(f"CPU per request, http-mode / tcp-mode: {ratio:.2f}x (target <= 1.3x, medians of {rounds} rounds): "
          f"{'OK' if ratio <= 1.3 else 'MISS'}")
    return ratio


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ordeal")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()
    workdir = servers.tempdir()
    nginx, nginx_port = servers.start_nginx(workdir)
    ordeal, api = servers.start_ordeal_proxy(args.ordeal)
    try:
        worker = int(subprocess.run(["pgrep", "-P", str(nginx.proc.pid)], capture_output=True, text=True,
                                    check=True).stdout.split()[0])
        tcp_port = make_proxy(api, "tcp", nginx_port, "tcp")
        bench_toxicity(api, nginx_port, args.requests)
        bench_latency(api, nginx_port, tcp_port)
        bench_cpu(api, nginx_port, ordeal.proc.pid, worker, args.rounds, tcp_port)
    finally:
        nginx.stop()
        ordeal.stop()


if __name__ == "__main__":
    main()
