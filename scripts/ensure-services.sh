#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis the test suite needs when they are not already running,
# then waits until both answer. Idempotent: does nothing to a service that already answers.
set -euo pipefail

PG_HOST=127.0.0.1
PG_PORT=${PG_PORT:-5432}
REDIS_HOST=127.0.0.1
REDIS_PORT=${REDIS_PORT:-6379}
WAIT_SECONDS=${WAIT_SECONDS:-30}

pg_up() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 2>/dev/null; }
redis_up() { [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; }

# wait_for NAME CHECK: polls CHECK every half second for up to WAIT_SECONDS.
wait_for() {
  local name=$1 check=$2 tries=$((WAIT_SECONDS * 2))
  while ! "$check"; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "ensure-services: $name did not answer within ${WAIT_SECONDS}s" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "ensure-services: $name is up"
}

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "ensure-services: '$1' is not installed; cannot start $2" >&2; exit 1; }
}

if ! pg_up; then
  need pg_ctlcluster PostgreSQL
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "ensure-services: starting PostgreSQL $version"
  # "already running" (e.g. still starting up) is not an error here; the wait below decides.
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
fi
wait_for PostgreSQL pg_up

if ! redis_up; then
  need redis-server Redis
  echo "ensure-services: starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi
wait_for Redis redis_up
