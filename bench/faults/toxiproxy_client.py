"""Drives `ordeal proxy` with the unmodified PyPI Toxiproxy client (toxiproxy-python) and checks what it sees.

Usage: python3 toxiproxy_client.py ORDEAL_BINARY      (pip install toxiproxy-python first)
"""

import socket
import sys
import time

from toxiproxy import Toxiproxy
from toxiproxy.exceptions import NotFound, ProxyExists

import servers


def round_trip(port, payload=b"ping"):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        started = time.perf_counter()
        s.sendall(payload)
        data = b""
        while len(data) < len(payload):
            data += s.recv(65536)
        return data, time.perf_counter() - started


def main(ordeal):
    echo = servers.EchoServer()
    proc, api = servers.start_ordeal_proxy(ordeal)
    try:
        server = Toxiproxy()
        server.update_api_consumer("127.0.0.1", api)
        assert server.running(), "client cannot reach the API"
        print("version:", server.version())
        proxy = server.create(upstream=f"127.0.0.1:{echo.port}", name="echo")
        port = int(proxy.listen.rsplit(":", 1)[1])
        assert port != 0, proxy.listen
        assert round_trip(port)[0] == b"ping"
        try:
            server.create(upstream=f"127.0.0.1:{echo.port}", name="echo")
            raise AssertionError("a duplicate proxy was accepted")
        except ProxyExists:
            pass
        proxy.add_toxic(type="latency", attributes={"latency": 150})
        assert list(proxy.toxics()) == ["latency_downstream"], proxy.toxics()
        data, elapsed = round_trip(port)
        assert data == b"ping" and elapsed >= 0.15, elapsed
        proxy.destroy_toxic("latency_downstream")
        assert round_trip(port)[1] < 0.1
        with proxy.down():
            try:
                round_trip(port)
                raise AssertionError("a disabled proxy answered")
            except OSError:
                pass
        assert round_trip(port)[0] == b"ping"
        try:
            proxy.get_toxic("missing") is None or (_ for _ in ()).throw(AssertionError())
            server.get_proxy("nothing") is None or (_ for _ in ()).throw(AssertionError())
        except NotFound:
            raise AssertionError("lookups of missing names should come back empty")
        populated = server.populate([{"name": "two", "listen": "127.0.0.1:0", "upstream": f"127.0.0.1:{echo.port}"}])
        assert [p.name for p in populated] == ["two"]
        assert set(server.proxies()) == {"echo", "two"}
        server.reset()
        server.destroy_all()
        assert server.proxies() == {}
        print("toxiproxy-python drove ordeal proxy: create, duplicate, toxics, down/up, populate, reset, destroy: OK")
    finally:
        proc.stop()
        echo.close()


if __name__ == "__main__":
    main(sys.argv[1])
