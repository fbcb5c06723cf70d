#!/usr/bin/env bash
# TLS and HTTP/2 benchmark (issue 12): Ordeal against wrk and h2load on the same nginx over HTTPS, alternating.
#
#   bench/tls/run.sh [ROUNDS] [SECONDS]      defaults: 3 rounds of 10 s
#
# 1. HTTPS keep-alive, HTTP/1.1, 50 connections: ordeal --vus 50 --http1.1 against the best of wrk -t1/-t2 -c50.
# 2. HTTP/2 over TLS, 50 streams on 5 connections: ordeal --vus 50 --connections 5 --http2 against h2load -c 5 -m 10.
# 3. A new TLS connection per request (handshake rate): ordeal with `Connection: close` against wrk with the same
#    header and `openssl s_time -new`.
# Certificates come from `order-service dev-cert` (no openssl needed for them). Needs nginx, wrk, h2load
# (apt-get install -y nginx-light wrk nghttp2-client). Release build; run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-10}
for tool in nginx wrk h2load python3 curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y nginx-light wrk nghttp2-client)"; exit 1; }
done

[ -n "${ORDEAL:-}" ] || swift build -c release >/dev/null
bin=$(dirname "${ORDEAL:-$(swift build -c release --show-bin-path)/ordeal}")
ordeal=$bin/ordeal

root=$(mktemp -d /tmp/ordeal-tls-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$root/www"
chmod 755 "$root"
"$bin/order-service" dev-cert --out "$root/certs" >/dev/null
head -c 128 /dev/zero | tr '\0' 'x' > "$root/www/index.html"
sed -e "s|@ROOT@|$root|g" -e "s|@PORT@|$port|g" bench/tls/nginx.conf.in > "$root/nginx.conf"
nginx -c "$root/nginx.conf" -p "$root" -g 'daemon off;' &
nginx_pid=$!
trap 'kill $nginx_pid 2>/dev/null; rm -rf "$root"' EXIT
url="https://127.0.0.1:$port/index.html"
for _ in $(seq 50); do curl -fsk "$url" >/dev/null 2>&1 && break; sleep 0.1; done

rate_of() {
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["run"]["phases"][0]
o=d["overall"]; print(round(o["requests"]/(p["end"]-p["start"])), o["errors"])' "$1/report.json"
}
ordeal_rate() {  # extra flags...; prints req/s (errors are checked to be 0)
    "$ordeal" run --url "$url" --cacert "$root/certs/ca.pem" --duration "${seconds}s" --out "$root/out" "$@" \
        >/dev/null 2>&1 || true
    read -r rate errors < <(rate_of "$root/out")
    [ "$errors" = 0 ] || echo "warning: ordeal saw $errors errors" >&2
    echo "$rate"
}
wrk_rate() { wrk "-t$1" -c50 "-d${seconds}s" "${@:2}" "$url" | awk '/Requests\/sec/ {print $2}'; }
h2load_rate() { h2load -c 5 -m 10 -D "$seconds" "$url" 2>/dev/null | awk '/^finished in/ {gsub(",","",$4); print $4}'; }

summarise() {  # label ours peers...
    python3 - "$@" <<'PY'
import sys, statistics as s
label, ours, peers = sys.argv[1], [float(x) for x in sys.argv[2].split()], sys.argv[3:]
best_peer = 0
for entry in peers:
    name, values = entry.split("=")
    xs = [float(x) for x in values.split()]
    best_peer = max(best_peer, max(xs))
    print(f"  {name:22s} best {max(xs):9.0f}  median {s.median(xs):9.0f}  spread {min(xs):.0f}..{max(xs):.0f}")
print(f"  {'ordeal':22s} best {max(ours):9.0f}  median {s.median(ours):9.0f}  spread {min(ours):.0f}..{max(ours):.0f}")
print(f"  {label}: ordeal best / peer best = {max(ours)/best_peer:.3f}")
PY
}

echo "== HTTPS keep-alive, HTTP/1.1, 50 connections ($rounds rounds of ${seconds}s)"
declare -a t1 t2 o1
for round in $(seq "$rounds"); do
    t1+=("$(wrk_rate 1)"); t2+=("$(wrk_rate 2)"); o1+=("$(ordeal_rate --vus 50 --http1.1)")
    echo "  round $round: wrk -t1 ${t1[-1]}  wrk -t2 ${t2[-1]}  ordeal ${o1[-1]}"
done
summarise "HTTPS/1.1" "${o1[*]}" "wrk-t1=${t1[*]}" "wrk-t2=${t2[*]}"

echo "== HTTP/2 over TLS, 50 streams on 5 connections"
declare -a h2 o2
for round in $(seq "$rounds"); do
    h2+=("$(h2load_rate)"); o2+=("$(ordeal_rate --vus 50 --connections 5 --http2)")
    echo "  round $round: h2load ${h2[-1]}  ordeal ${o2[-1]}"
done
summarise "HTTP/2" "${o2[*]}" "h2load-c5-m10=${h2[*]}"

echo "== a new TLS connection per request (Connection: close), 50 connections"
cat > "$root/close.yaml" <<YAML
name: tls-handshakes
url: https://127.0.0.1:$port
tls: { ca: $root/certs/ca.pem }
defaults: { http: "1.1", headers: { Connection: close } }
load: [ { name: handshakes, vus: 50, duration: ${seconds}s } ]
flow: [ { name: get, get: /index.html } ]
YAML
declare -a wc oc
for round in $(seq "$rounds"); do
    wc+=("$(wrk_rate 2 -H 'Connection: close')")
    "$ordeal" run "$root/close.yaml" --out "$root/close" >/dev/null 2>&1 || true
    oc+=("$(rate_of "$root/close" | cut -d' ' -f1)")
    echo "  round $round: wrk -t2 (Connection: close) ${wc[-1]}  ordeal ${oc[-1]}"
done
summarise "handshakes" "${oc[*]}" "wrk-t2-close=${wc[*]}"
python3 - "$root/close/report.json" <<'PY' || true
import json, sys
c = json.load(open(sys.argv[1]))["requests"][0].get("connections") or {}
t, k = c.get("tlsHandshakeTime") or {}, c.get("connectTime") or {}
print(f"  ordeal last round: {c.get('opened')} connections, TLS handshake p50 {t.get('p50')} us "
      f"p99 {t.get('p99')} us, TCP connect p50 {k.get('p50')} us")
PY
if command -v openssl >/dev/null; then
    openssl s_time -connect "127.0.0.1:$port" -new -time "$seconds" 2>/dev/null | grep -E "connections in [0-9.]+s" | head -1 \
        | sed 's/^/  openssl s_time -new (one connection at a time): /'
fi
