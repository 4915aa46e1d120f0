#!/usr/bin/env bash
# The OpenAPI document as a contract (issue #11, point 16): Schemathesis against a live
# `fellowship serve` on a free loopback port, every operation of docs/openapi.yaml, a
# bounded number of examples per operation and a fixed seed. Any failure fails the run.
#
# Checks: all of Schemathesis's, `positive_data_acceptance` included: a request valid by the
# document must be accepted. The few operations part of whose validity OpenAPI 3 cannot
# state (a rule between two fields, the content of a CSV file, the scenario options'
# policy language) may also answer 422 to such a request: Tests/Contract/schemathesis.toml
# lists them, each with its reason (also in docs/service.md, "The contract").
#
# Run from the repository root after `swift build` (make test does both). Schemathesis
# is installed in .build/schemathesis-venv (PyPI, pinned) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSION=4.32.5
VENV=.build/schemathesis-venv
EXAMPLES=${SCHEMATHESIS_EXAMPLES:-10}
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "schemathesis==$VERSION"
fi

BIN="$(swift build --show-bin-path)/fellowship"
WORK=$(mktemp -d)
PID=""
cleanup() {
    if [ -n "$PID" ]; then kill -TERM "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

DB="$WORK/store.sqlite"
SEC=$("$BIN" token create --role secretariat --db "$DB" 2>/dev/null)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$BIN" serve --db "$DB" --host 127.0.0.1 --port "$PORT" > "$WORK/service.log" 2>&1 &
PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -sf "$BASE/health" > /dev/null && break; sleep 0.2; done

# The sample meeting with its uploads, so that the operations reach their logic.
API="$BASE/api/v1"
AUTH="Authorization: Bearer $SEC"
curl -sf -H "$AUTH" --data-binary @Data/meetings/sg20-2020-07.json "$API/meetings" > /dev/null
curl -sf -X PUT -H "$AUTH" --data-binary @Data/countries.csv "$API/meetings/SG20-2020-07/countries" > /dev/null
curl -sf -X PUT -H "$AUTH" --data-binary @Data/samples/sg20-2020-07/applications.csv "$API/meetings/SG20-2020-07/applications" > /dev/null
curl -sf -X PUT -H "$AUTH" --data-binary @Data/policies/default.json "$API/meetings/SG20-2020-07/policy" > /dev/null

# Response times: this is the debug build on CI's 2 cores, and the runs Schemathesis starts
# keep the solver pool busy (each computes its margins after its decisions), so a solver
# request may wait its turn: 120 s is the bound, not 10 s.
"$VENV/bin/schemathesis" --no-color --config-file Tests/Contract/schemathesis.toml \
    run docs/openapi.yaml --url "$BASE" -H "$AUTH" \
    --max-examples "$EXAMPLES" --seed 20261201 --generation-deterministic \
    --checks all \
    --request-timeout 150 --max-response-time 120

# The service stayed whole: no 5xx logged, and the audit chain intact.
if grep -q "status=5" "$WORK/service.log"; then
    echo "schemathesis: the service answered 5xx:" >&2
    grep "status=5" "$WORK/service.log" | head >&2
    exit 1
fi
kill -TERM "$PID"; wait "$PID" || true; PID=""
"$BIN" audit verify --db "$DB"
