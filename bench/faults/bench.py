"""Fault-injector benchmarks (release build): toxic accuracy, CPU pressure, and throughput against haproxy and socat.

Usage: python3 bench.py ORDEAL_BINARY [--rounds N]
Prints each figure with its target; throughput is a fraction of direct nginx measured in the same run.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

import servers


def api_call(api, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{api}{path}", data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text.strip() else None


def make_proxy(api, name, upstream_port, toxics=()):
    proxy = api_call(api, "POST", "/proxies", {"name": name, "upstream": f"127.0.0.1:{upstream_port}"})
    for toxic in toxics:
        api_call(api, "POST", f"/proxies/{name}/toxics", toxic)
    return int(proxy["listen"].rsplit(":", 1)[1])


def ping_pong(port, count):
    """Round trips of 64 bytes on one connection, in ms."""
    times = []
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        payload = b"p" * 64
        for _ in range(count):
            started = time.perf_counter()
            s.sendall(payload)
            got = 0
            while got < len(payload):
                got += len(s.recv(65536))
            times.append((time.perf_counter() - started) * 1000)
    return times


def stream_through(port, payload):
    """Sends payload through an echo proxy, returns (bytes received, seconds from first to last byte)."""
    received = bytearray()
    with socket.create_connection(("127.0.0.1", port)) as s:
        sender = threading.Thread(target=lambda: (s.sendall(payload), s.shutdown(socket.SHUT_WR)))
        sender.start()
        first = None
        while True:
            chunk = s.recv(1 << 20)
            if not chunk:
                break
            if first is None:
                first = time.perf_counter()
            received += chunk
            last = time.perf_counter()
        sender.join()
    return bytes(received), last - first


def bench_latency(api, echo_port):
    direct = statistics.median(ping_pong(echo_port, 200))
    port = make_proxy(api, "lat", echo_port, [{"type": "latency", "attributes": {"latency": 100}}])
    through = statistics.median(ping_pong(port, 50))
    added = through - direct
    print(f"latency 100ms toxic: p50 round trip {through:.2f} ms, direct {direct:.3f} ms, added {added:.2f} ms "
          f"(target 100 ± 2): {'OK' if abs(added - 100) <= 2 else 'MISS'}")
    return added


def bench_bandwidth(api, echo_port):
    rate = 2000  # KB/s
    port = make_proxy(api, "bw", echo_port, [{"type": "bandwidth", "attributes": {"rate": rate}}])
    payload = os.urandom(6_000_000)
    got, seconds = stream_through(port, payload)
    achieved = (len(got) - 200_000) / seconds / 1000  # the first 100 ms slice arrives at t=100ms, counted from there
    error = achieved / rate - 1
    print(f"bandwidth {rate} KB/s toxic: {achieved:.0f} KB/s over {len(got)/1e6:.1f} MB ({error*100:+.2f}%, target ±5%): "
          f"{'OK' if abs(error) <= 0.05 and got == payload else 'MISS'}")
    return error


def bench_corrupt(api, echo_port):
    probability = 0.001
    port = make_proxy(api, "cor", echo_port, [{"type": "corrupt", "attributes": {"probability": probability}}])
    payload = bytes(10_000_000)
    got, _ = stream_through(port, payload)
    flipped = sum(bin(b).count("1") for b in got if b)
    expected = probability * len(payload)
    error = flipped / expected - 1
    print(f"corrupt p={probability}: {flipped} bits flipped in {len(got)/1e6:.0f} MB, expected {expected:.0f} "
          f"({error*100:+.2f}%, target ±10%): {'OK' if abs(error) <= 0.10 and len(got) == len(payload) else 'MISS'}")
    return error


def bench_cpu(ordeal):
    seconds = 10
    proc = subprocess.Popen([ordeal, "stress", "cpu", "--percent", "50", "--cores", "1", "--for", f"{seconds}s"],
                            stdout=subprocess.PIPE, text=True)
    started = time.perf_counter()
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    own = proc.stdout.read().strip()
    used = (usage.ru_utime + usage.ru_stime) / wall
    error = used / 0.5 - 1
    print(f"cpu 50% of 1 core for {seconds}s: {used:.3f} core-s/s by rusage of the child ({error*100:+.1f}%, target ±10%): "
          f"{'OK' if abs(error) <= 0.10 else 'MISS'}\n  ordeal says: {own}")
    return error


def bench_throughput(api, workdir, rounds):
    nginx, nginx_port = servers.start_nginx(workdir)
    haproxy, haproxy_port = servers.start_haproxy(workdir, nginx_port)
    socat, socat_port = servers.start_socat(nginx_port)
    ordeal_port = make_proxy(api, "web", nginx_port)
    targets = {"direct": nginx_port, "ordeal": ordeal_port, "haproxy": haproxy_port, "socat": socat_port}
    results = {name: [] for name in targets}
    p50 = {name: [] for name in ("direct", "ordeal")}
    try:
        for _ in range(rounds):
            for name, port in targets.items():
                results[name].append(servers.wrk(port)[0])
            for name in p50:
                p50[name].append(servers.wrk(targets[name], connections=1, seconds=3, latency=True)[1])
    finally:
        for proc in (nginx, haproxy, socat):
            proc.stop()
    print(f"throughput, wrk -t1 -c50 5s against nginx, {rounds} interleaved rounds (req/s, then fraction of direct):")
    for name, values in results.items():
        ratios = [v / d for v, d in zip(values, results["direct"])]
        print(f"  {name:8} median {statistics.median(values):9.0f} req/s  ratios {', '.join(f'{r:.2f}' for r in ratios)}"
              f"  median {statistics.median(ratios):.2f}x")
    overhead = [o - d for o, d in zip(p50["ordeal"], p50["direct"])]
    print(f"proxy p50 overhead (wrk -c1 --latency): {', '.join(f'{o:.0f}' for o in overhead)} µs "
          f"(median {statistics.median(overhead):.0f} µs, target < 100): {'OK' if statistics.median(overhead) < 100 else 'MISS'}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("ordeal")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="latency,bandwidth,corrupt,cpu,throughput")
    args = parser.parse_args()
    only = args.only.split(",")
    workdir = servers.tempdir()
    echo = servers.EchoServer()
    proc, api = servers.start_ordeal_proxy(args.ordeal)
    try:
        if "latency" in only:
            bench_latency(api, echo.port)
        if "bandwidth" in only:
            bench_bandwidth(api, echo.port)
        if "corrupt" in only:
            bench_corrupt(api, echo.port)
        if "cpu" in only:
            bench_cpu(args.ordeal)
        if "throughput" in only:
            bench_throughput(api, workdir, args.rounds)
    finally:
        proc.stop()
        echo.close()


if __name__ == "__main__":
    main()
