#!/bin/sh
# A fresh PostgreSQL cluster for targets/order-service-cluster.yaml: initdb in a new temporary folder, then postgres
# on 127.0.0.1:PORT; on SIGTERM or SIGINT it shuts down fast and the folder is removed. PostgreSQL refuses to run as
# root, so as root it runs as the `postgres` user that Debian's package creates (or OS_USER).
# Superuser `ordeal`, trust authentication on loopback only; the data is throwaway by design.
set -eu
port=${1:?usage: postgres.sh PORT}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ ! -x "$bin/initdb" ]; then
    echo "postgres.sh: PostgreSQL's server programs are not under /usr/lib/postgresql/<version>/bin" \
        "(apt-get install postgresql)" >&2
    exit 69
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/ordeal-cluster-postgres.XXXXXX")
as=""
if [ "$(id -u)" = 0 ]; then
    user=${OS_USER:-postgres}
    chown "$user:" "$dir"
    as="setpriv --reuid=$user --regid=$user --clear-groups"
fi
$as "$bin/initdb" -D "$dir/data" -U ordeal --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
}
$as "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 -c max_connections=200 &
pid=$!
trap 'kill -INT "$pid" 2>/dev/null; wait "$pid"; rm -rf "$dir"; exit 0' TERM INT
wait "$pid"
status=$?
rm -rf "$dir"
exit "$status"
