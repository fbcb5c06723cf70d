#!/bin/sh
# haproxy for targets/order-service-cluster.yaml: HTTP on 127.0.0.1:PORT, round-robin over the order-service
# instances on 127.0.0.1:INSTANCE_PORT..., each checked with GET /ready every 500 ms (down after 2 failures, up
# after 2 successes). A request whose connection to an instance fails is sent to another (redispatch); one that
# reached an instance is never sent twice (an order could be placed twice without its Idempotency-Key).
set -eu
port=${1:?usage: haproxy.sh PORT INSTANCE_PORT...}
shift
if ! command -v haproxy >/dev/null 2>&1; then
    echo "haproxy.sh: haproxy is not installed (apt-get install haproxy)" >&2
    exit 69
fi
servers=""
n=0
for instance in "$@"; do
    n=$((n + 1))
    servers="$servers
    server instance-$n 127.0.0.1:$instance check"
done
exec haproxy -db -f /dev/stdin <<CONFIG
global
    maxconn 4096
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 60s
    timeout check 2s             # a loaded instance answers /ready late; a dead one refuses at once
    retries 3
    option redispatch
    retry-on conn-failure
frontend api
    bind 127.0.0.1:$port
    default_backend instances
backend instances
    balance roundrobin
    option httpchk GET /ready
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
$servers
CONFIG
