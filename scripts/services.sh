#!/usr/bin/env bash
# Start or stop the real services on this machine's loopback, for the service
# tests and for trying production-like settings locally.
#   scripts/services.sh start   # PostgreSQL, Redis, Elasticsearch; prints the env to use
#   scripts/services.sh stop
#   scripts/services.sh env     # just the env lines
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/services.conf
source "$here/services.conf"

as_root=$([[ $(id -u) -eq 0 ]] && echo 1 || echo 0)
es_user=lms-es
run_dir="$LMS_SERVICES_DIR/run"

print_env() {
  cat <<EOT
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB
export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/0
export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT
EOT
}

wait_for() {  # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null 2>&1; then echo "$name is up."; return 0; fi
    sleep 1
  done
  echo "$name did not start within ${seconds}s." >&2
  return 1
}

start_postgres() {
  local version cluster
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  if [[ $as_root == 1 ]]; then
    cluster=$(pg_lsclusters -h | awk -v v="$version" '$1 == v {print $2; exit}')
    [[ -n $cluster ]] || { pg_createcluster "$version" main >/dev/null; cluster=main; }
    pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
    wait_for PostgreSQL 30 pg_isready -h 127.0.0.1 -p "$PG_PORT"
    runuser -u postgres -- psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
    runuser -u postgres -- psql -q -p "$PG_PORT" -tc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" \
      | grep -q 1 || runuser -u postgres -- createdb -p "$PG_PORT" -O "$PG_USER" "$PG_DB"
  else
    # Without root, a private cluster under the services folder.
    local data="$LMS_SERVICES_DIR/postgres"
    local bin="/usr/lib/postgresql/$version/bin"
    if [[ ! -d $data ]]; then
      "$bin/initdb" -D "$data" -U "$PG_USER" --auth=trust >/dev/null
    fi
    "$bin/pg_ctl" -D "$data" -o "-p $PG_PORT -k /tmp -h 127.0.0.1" -l "$data/server.log" status >/dev/null \
      || "$bin/pg_ctl" -D "$data" -o "-p $PG_PORT -k /tmp -h 127.0.0.1" -l "$data/server.log" start >/dev/null
    wait_for PostgreSQL 30 pg_isready -h 127.0.0.1 -p "$PG_PORT"
    psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -tc "SELECT 1 FROM pg_database WHERE datname='$PG_DB'" \
      | grep -q 1 || createdb -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$PG_DB"
  fi
}

start_redis() {
  mkdir -p "$run_dir"
  if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --save "" \
      --appendonly no --dir "$run_dir" --pidfile "$run_dir/redis.pid" --logfile "$run_dir/redis.log"
  fi
  wait_for Redis 20 redis-cli -p "$REDIS_PORT" ping
}

es_healthy() { curl -fsS "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=1s"; }

start_elasticsearch() {
  [[ -x $ES_HOME/bin/elasticsearch ]] || "$here/install_services.sh"
  if es_healthy >/dev/null 2>&1; then echo "Elasticsearch is up."; return 0; fi
  local data="$LMS_SERVICES_DIR/es-data" logs="$LMS_SERVICES_DIR/es-logs"
  mkdir -p "$data" "$logs" "$run_dir"
  local java_home
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  local -a cmd=(env ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms512m -Xmx512m"
    "$ES_HOME/bin/elasticsearch" -d -p "$run_dir/es.pid"
    -Expack.security.enabled=false -Ediscovery.type=single-node
    -Enetwork.host=127.0.0.1 -Ehttp.port="$ES_PORT" -Etransport.port=9300-9399
    -Epath.data="$data" -Epath.logs="$logs"
    -Ecluster.routing.allocation.disk.threshold_enabled=false)
  if [[ $as_root == 1 ]]; then
    # Elasticsearch refuses to run as root.
    id "$es_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$es_user"
    chown -R "$es_user" "$ES_HOME" "$data" "$logs" "$run_dir"
    runuser -u "$es_user" -- "${cmd[@]}" >/dev/null
  else
    "${cmd[@]}" >/dev/null
  fi
  wait_for Elasticsearch 120 es_healthy
}

stop_all() {
  [[ -f $run_dir/es.pid ]] && kill "$(cat "$run_dir/es.pid")" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  if [[ $as_root == 1 ]]; then
    pg_ctlcluster "$(ls /usr/lib/postgresql | sort -V | tail -1)" main stop 2>/dev/null || true
  else
    "/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -1)/bin/pg_ctl" \
      -D "$LMS_SERVICES_DIR/postgres" stop >/dev/null 2>&1 || true
  fi
  echo "Services stopped."
}

case "${1:-start}" in
  start)
    "$here/install_services.sh"
    start_postgres
    start_redis
    start_elasticsearch
    echo "# Use these to run against the services:"
    print_env
    ;;
  stop) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
