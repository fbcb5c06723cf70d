#!/usr/bin/env bash
# Contract test: schemathesis 4, every phase (examples, coverage, fuzzing, stateful) and every check, against the
# real order service's /openapi.json, authenticated as an administrator (so that the admin routes are reached)
# with an integration API key (so that /api/v1/integrations is). Exits non-zero on any failure,
# error or warning (see .ci/schemathesis.toml).
#
# Usage: .ci/schemathesis.sh [ORDER_SERVICE_BINARY]     default .build/debug/order-service
# Needs: schemathesis 4 on PATH (pip install 'schemathesis>=4,<5'), curl, python3.
# Environment: SCHEMATHESIS_MAX_EXAMPLES (default 30), SCHEMATHESIS_SEED (default: random, printed).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=${1:-.build/debug/order-service}
if [ ! -x "$binary" ]; then
    echo "schemathesis.sh: no $binary; build it with: swift build --product order-service" >&2
    exit 2
fi
command -v schemathesis >/dev/null || { echo "schemathesis.sh: schemathesis is not on PATH" >&2; exit 2; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
work=$(mktemp -d)
seed=${SCHEMATHESIS_SEED:-$RANDOM$RANDOM}

# In-memory store, cheap password hashing, and rate limits far above what one fuzzing client sends, so that
# every answer is the contract's and none the limiter's.
env ORDERPROCESSING_LOG_LEVEL=warning \
    ORDERPROCESSING_ADMIN_USERNAME=schemathesis ORDERPROCESSING_ADMIN_PASSWORD=schemathesis-password \
    ORDERPROCESSING_BCRYPT_COST=4 \
    ORDERPROCESSING_RATE_LIMIT_IP_READS_PER_SECOND=100000 ORDERPROCESSING_RATE_LIMIT_IP_READ_BURST=100000 \
    ORDERPROCESSING_RATE_LIMIT_IP_WRITES_PER_SECOND=100000 ORDERPROCESSING_RATE_LIMIT_IP_WRITE_BURST=100000 \
    ORDERPROCESSING_RATE_LIMIT_USER_READS_PER_SECOND=100000 ORDERPROCESSING_RATE_LIMIT_USER_READ_BURST=100000 \
    ORDERPROCESSING_RATE_LIMIT_USER_WRITES_PER_SECOND=100000 ORDERPROCESSING_RATE_LIMIT_USER_WRITE_BURST=100000 \
    "$binary" --port "$port" --database :memory: >"$work/service.log" 2>&1 &
service=$!
stop() {
    kill "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
    rm -rf "$work"
}
trap stop EXIT

for _ in $(seq 1 150); do
    curl -fsS "$base/ready" >/dev/null 2>&1 && break
    if ! kill -0 "$service" 2>/dev/null; then
        echo "schemathesis.sh: the service exited:" >&2
        cat "$work/service.log" >&2
        exit 1
    fi
    sleep 0.2
done
curl -fsS "$base/ready" >/dev/null || { echo "schemathesis.sh: $base/ready never answered" >&2; exit 1; }

credentials='{"username":"schemathesis","password":"schemathesis-password"}'
json() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
token=$(curl -fsS -H 'Content-Type: application/json' -d "$credentials" "$base/api/v1/auth/login" | json token)
api_key=$(curl -fsS -H 'Content-Type: application/json' -H "Authorization: Bearer $token" -d '{"name":"schemathesis"}' \
    "$base/api/v1/admin/api-keys" | json key)

echo "schemathesis.sh: $base, seed $seed"
# One worker: with several, Python 3.11's ast module fails under hypothesis's concurrent lambda parsing
# ("AST constructor recursion depth mismatch"), an internal error that is schemathesis's, not the service's.
status=0
schemathesis --no-color --config-file .ci/schemathesis.toml run "$base/openapi.json" \
    --phases examples,coverage,fuzzing,stateful \
    --checks all \
    --header "Authorization: Bearer $token" \
    --header "X-API-Key: $api_key" \
    --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-30}" \
    --seed "$seed" \
    --workers 1 \
    --request-timeout 10 \
    >"$work/output.txt" 2>&1 || status=$?
cat "$work/output.txt"

# The summary is the last "=== N passed, ... in Xs ===" line; a warning fails the run even when schemathesis's
# own exit code does not say so.
summary=$(grep -E '^=+ .* in [0-9.]+s =+$' "$work/output.txt" | tail -n 1 || true)
echo "schemathesis.sh: ${summary:-no summary line}"
if [ "$status" -eq 0 ] && grep -qiE 'schema validation mismatch|^ *warnings?:' "$work/output.txt"; then
    echo "schemathesis.sh: warnings reported" >&2
    status=1
fi
if [ "$status" -ne 0 ]; then
    echo "schemathesis.sh: FAILED (exit $status); the service's log:" >&2
    tail -n 50 "$work/service.log" >&2
fi
exit "$status"
