#!/bin/sh
# Run the Frontlijn load test against the production server setup on loopback.
#
#   DATABASE_URL=postgres://... tools/loadtest/run.sh            # 400 staff, 5 minutes, 4 workers
#   USERS=100 DURATION=2m WORKERS=3 tools/loadtest/run.sh
#
# Needs: a migrated database with data (python -m bench generate --size large),
# locust (pip install -e '.[load]', or LOCUST=/path/to/locust). Writes tools/loadtest/results/.
set -eu
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL (PostgreSQL)}"
USERS="${USERS:-400}"
SPAWN_RATE="${SPAWN_RATE:-10}"
DURATION="${DURATION:-5m}"
WORKERS="${WORKERS:-4}"
PORT="${PORT:-8099}"
LOCUST="${LOCUST:-.venv/bin/locust}"
OUT="tools/loadtest/results"
mkdir -p "$OUT" var

export FRONTLIJN_ENV=production
export DJANGO_SETTINGS_MODULE=bench.loadtest_settings
export SECRET_KEY="${SECRET_KEY:-loadtest-only-not-a-secret-$(date +%s)}"
export ALLOWED_HOSTS=127.0.0.1,localhost
export STATIC_ROOT="${STATIC_ROOT:-$PWD/var/static-loadtest}"
export LOG_LEVEL=WARNING
export FRONTLIJN_AUDIT_KEYS="${FRONTLIJN_AUDIT_KEYS:-loadtest:$(openssl rand -hex 24)}"

.venv/bin/frontlijn collectstatic --noinput -v 0
.venv/bin/python -m bench loadtest-users --out var/loadtest-users.json --count "$USERS"

.venv/bin/frontlijn serve --production --host 127.0.0.1 --port "$PORT" --workers "$WORKERS" \
    > "$OUT/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 60); do
    curl -fs "http://127.0.0.1:$PORT/health/" >/dev/null 2>&1 && break
    sleep 1
done

LOADTEST_USERS=var/loadtest-users.json "$LOCUST" -f tools/loadtest/locustfile.py --headless \
    --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$SPAWN_RATE" -t "$DURATION" \
    --csv "$OUT/frontlijn" --csv-full-history --reset-stats --only-summary 2>&1 | tee "$OUT/locust.log"
