"""Loopback helpers for the fault-injector benchmarks: an echo server, nginx, haproxy, socat and `ordeal proxy`."""

import os
import re
import socket
import subprocess
import tempfile
import threading
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


class EchoServer:
    """A threaded TCP echo server; it answers a FIN with its own."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(128)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._echo, args=(conn,), daemon=True).start()

    @staticmethod
    def _echo(conn):
        with conn:
            while True:
                try:
                    data = conn.recv(65536)
                except OSError:
                    return
                if not data:
                    conn.shutdown(socket.SHUT_WR)
                    return
                conn.sendall(data)

    def close(self):
        self.sock.close()


class Process:
    """A child process that is stopped (SIGTERM, then SIGKILL) when the benchmark ends."""

    def __init__(self, args, **kwargs):
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_nginx(workdir):
    port = free_port()
    root = os.path.join(workdir, "www")
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write("x" * 612)
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path {workdir}; proxy_temp_path {workdir}; fastcgi_temp_path {workdir};
  uwsgi_temp_path {workdir}; scgi_temp_path {workdir};
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    proc = Process(["nginx", "-c", conf, "-p", workdir])
    wait_for_port(port)
    return proc, port


def start_haproxy(workdir, upstream_port):
    port = free_port()
    conf = os.path.join(workdir, "haproxy.cfg")
    with open(conf, "w") as f:
        f.write(f"""
global
  nbthread 1
defaults
  mode tcp
  timeout connect 5s
  timeout client 60s
  timeout server 60s
listen bench
  bind 127.0.0.1:{port}
  server nginx 127.0.0.1:{upstream_port}
""")
    proc = Process(["haproxy", "-f", conf])
    wait_for_port(port)
    return proc, port


def start_socat(upstream_port):
    port = free_port()
    proc = Process(["socat", f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork", f"TCP:127.0.0.1:{upstream_port}"])
    wait_for_port(port)
    return proc, port


def start_ordeal_proxy(ordeal, extra=()):
    api = free_port()
    proc = Process([ordeal, "proxy", "--api", f"127.0.0.1:{api}", *extra])
    wait_for_port(api)
    return proc, api


def wrk(port, connections=50, seconds=5, latency=False):
    """Runs wrk -t1 against 127.0.0.1:port and returns (requests per second, p50 latency in µs or None)."""
    args = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", f"http://127.0.0.1:{port}/"]
    if latency:
        args.insert(1, "--latency")
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = None
    match = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    if match:
        value, unit = float(match.group(1)), match.group(2)
        p50 = value * {"us": 1, "ms": 1000, "s": 1_000_000}[unit]
    return rps, p50


def tempdir():
    return tempfile.mkdtemp(prefix="ordeal-bench-")
