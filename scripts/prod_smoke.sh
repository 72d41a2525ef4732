#!/usr/bin/env bash
# Production smoke (`make prod-smoke`, a stage of .ci/run): a clean build in a fresh copy of
# the work tree that follows docs/deploy.md step by step (the "§" comments name its sections),
# under lms.settings.production, on PostgreSQL, Redis, Elasticsearch and a real S3 server
# (s3proxy on its filesystem provider); then scripts/prod_smoke_journey.py over HTTP, with
# Elasticsearch and then the broker made unreachable. Everything it starts, it stops; its
# database, Redis db, search index and bucket are its own, so the shared services are untouched.
#   LMS_SMOKE_KEEP=1   keep the work folder (logs, the copy) afterwards
#   LMS_SMOKE_REUSE_VENV=DIR   use that virtualenv instead of installing one (faster, less clean)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/services.conf
source "$repo/scripts/services.conf"
started=$SECONDS

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d "${TMPDIR:-/tmp}/lms-prod-smoke.XXXXXX")
app="$work/app" logs="$work/logs"
mkdir -p "$app" "$logs" "$work/bucket"
web_port=$(free_port) s3_port=$(free_port) closed_port=$(free_port)
smoke_db=${LMS_SMOKE_DB:-lms_prod_smoke}
smoke_redis_db=${LMS_SMOKE_REDIS_DB:-11}
declare -A pids=()

stop() {  # name
  local pid=${pids[$1]:-}
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "pids[$1]"
}

cleanup() {
  local status=$?
  for name in web worker_media worker_default beat; do  # all at once, then the store they use
    [[ -n ${pids[$name]:-} ]] && kill -TERM "${pids[$name]}" 2>/dev/null
  done
  for name in web worker_media worker_default beat s3proxy; do stop "$name"; done
  if ((status)); then
    echo "== prod smoke failed; the last lines of each log:" >&2
    for log in "$logs"/*.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -n 25 "$log" >&2; }; done
  fi
  local index
  for index in $(curl -fsS "http://127.0.0.1:$ES_PORT/_cat/indices/lms-prod-smoke*?h=index" 2>/dev/null); do
    curl -fsS -X DELETE "http://127.0.0.1:$ES_PORT/$index" >/dev/null 2>&1 || true
  done
  redis-cli -p "$REDIS_PORT" -n "$smoke_redis_db" flushdb >/dev/null 2>&1 || true
  PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" --if-exists "$smoke_db" 2>/dev/null || true
  if [[ ${LMS_SMOKE_KEEP:-} == 1 ]]; then echo "Kept $work"; else rm -rf "$work"; fi
  echo "prod smoke: $((SECONDS - started))s ($( ((status)) && echo failed || echo passed))"
}
trap cleanup EXIT

wait_http() {  # name, url, seconds: until anything answers there
  for ((i = 0; i < $3 * 2; i++)); do
    curl -sS -o /dev/null "$2" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$1 did not answer at $2 within $3s" >&2
  return 1
}

wait_log() {  # name, file, text, seconds
  for ((i = 0; i < $4 * 2; i++)); do
    grep -q "$3" "$2" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "$1 did not log '$3' within $4s" >&2
  return 1
}

echo "== prod smoke: services (shared PostgreSQL, Redis, Elasticsearch; our own s3proxy)"
"$repo/scripts/services.sh" start >"$logs/services.log"
PGPASSWORD=$PG_PASSWORD dropdb -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" --if-exists "$smoke_db"
PGPASSWORD=$PG_PASSWORD createdb -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$smoke_db"
redis-cli -p "$REDIS_PORT" -n "$smoke_redis_db" flushdb >/dev/null
cat >"$work/s3proxy.conf" <<EOT
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=smoke-access-key
s3proxy.credential=smoke-secret-key
s3proxy.cors-allow-origins=https://127.0.0.1:$web_port
s3proxy.cors-allow-methods=GET HEAD
s3proxy.cors-allow-headers=Range
s3proxy.cors-exposed-headers=Content-Length Content-Range
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/bucket
jclouds.identity=smoke-access-key
jclouds.credential=smoke-secret-key
EOT
java -Xmx256m -jar "$S3PROXY_JAR" --properties "$work/s3proxy.conf" >"$logs/s3proxy.log" 2>&1 &
pids[s3proxy]=$!

echo "== deploy.md §3: a clean build (a fresh copy of the work tree, no .venv, node_modules, build)"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard \
  | grep -zv -e '^\.venv$' -e '^node_modules$' | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$app"
cd "$app"

# deploy.md §2: the environment.
export DJANGO_SETTINGS_MODULE=lms.settings.production
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1 CSRF_TRUSTED_ORIGINS=https://127.0.0.1:$web_port
export WAGTAILADMIN_BASE_URL=https://127.0.0.1:$web_port
export DATABASE_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$smoke_db
export CELERY_BROKER_URL=redis://127.0.0.1:$REDIS_PORT/$smoke_redis_db
export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT SEARCH_INDEX=lms-prod-smoke ELASTICSEARCH_REPLICAS=0
export AWS_STORAGE_BUCKET_NAME=lms-media AWS_S3_ENDPOINT_URL=http://127.0.0.1:$s3_port \
       AWS_ACCESS_KEY_ID=smoke-access-key AWS_SECRET_ACCESS_KEY=smoke-secret-key
export AWS_DEFAULT_ACL=public-read
export AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required
# Only the smoke: its own var folder, and a reaper that looks every 15 s for work older than 60 s.
export LMS_VAR_DIR=$work/var MEDIA_STALE_AFTER_SECONDS=60 MEDIA_REAP_EVERY_SECONDS=15
export MEDIA_FFMPEG_THREADS=1

# deploy.md §3: install and migrate.
if [[ -n ${LMS_SMOKE_REUSE_VENV:-} ]]; then  # a developer's shortcut: a venv built from this lock
  ln -s "$LMS_SMOKE_REUSE_VENV" .venv
else
  python3 -m venv .venv && .venv/bin/pip install -r requirements/lock.txt >"$logs/pip.log"
fi
make build/static/.built >"$logs/build.log"
.venv/bin/pybabel compile -D django -d locale >/dev/null
.venv/bin/python manage.py migrate --noinput >"$logs/migrate.log" 2>&1
.venv/bin/python manage.py collectstatic --noinput
.venv/bin/python manage.py check --deploy
wait_http s3proxy "http://127.0.0.1:$s3_port/" 60
.venv/bin/python - <<'EOT'
# deploy.md §1: the bucket, its objects readable by anyone (the player fetches them directly).
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_S3_ENDPOINT_URL"], region_name="us-east-1")
s3.create_bucket(Bucket=os.environ["AWS_STORAGE_BUCKET_NAME"], ACL="public-read")
EOT
.venv/bin/python manage.py search_index rebuild >"$logs/search-index.log" 2>&1
echo "   build, migrate, collectstatic, check --deploy, bucket and index: $((SECONDS - started))s"

echo "== smoke data: an administrator and a one-lesson course with a short clip (ffmpeg)"
ffmpeg -loglevel error -f lavfi -i "testsrc2=size=640x360:rate=25:duration=3" \
  -f lavfi -i "sine=frequency=440:duration=3" -c:v libx264 -pix_fmt yuv420p -c:a aac \
  -shortest "$work/clip.mp4"
export SMOKE_USERNAME=smoke-admin SMOKE_PASSWORD=smoke-pw-$RANDOM$RANDOM
DJANGO_SUPERUSER_PASSWORD=$SMOKE_PASSWORD .venv/bin/python manage.py createsuperuser --noinput \
  --username "$SMOKE_USERNAME" --email smoke@example.org >/dev/null
export SMOKE_LESSON_TITLE="冒烟测试：睡前故事" SMOKE_SEARCH_WORD="睡前故事"
cat >"$work/catalog.json" <<EOT
{"lecturers": [{"key": "smoke-lecturer", "name": "冒烟讲师", "category": "teacher"}],
 "courses": [{"key": "smoke-course", "title": "生产冒烟课程", "summary": "部署检查用。",
   "stages": ["primary_lower"], "topics": ["阅读"], "lecturer": "smoke-lecturer",
   "credit_hours": 1, "lessons": [{"key": "smoke-lesson", "title": "$SMOKE_LESSON_TITLE",
   "body": "每天睡前读一个故事。", "media": "clip.mp4"}]}]}
EOT
.venv/bin/python manage.py import_catalog "$work/catalog.json" --publish >"$logs/import.log" 2>&1

# deploy.md §4: the processes (2 web workers on loopback here; concurrency 1 on a small machine).
start_web() {  # extra environment for this start
  env "$@" .venv/bin/gunicorn lms.wsgi --bind "127.0.0.1:$web_port" --workers 2 --timeout 60 \
    --access-logfile - >>"$logs/gunicorn.log" 2>&1 &
  pids[web]=$!
  wait_http gunicorn "http://127.0.0.1:$web_port/healthz" 60
}
start_web
.venv/bin/celery -A lms worker -Q media -n media@%h --loglevel=INFO --concurrency=1 \
  >"$logs/worker-media.log" 2>&1 &
pids[worker_media]=$!
.venv/bin/celery -A lms worker -Q celery -n default@%h --loglevel=INFO --concurrency=1 \
  >"$logs/worker-default.log" 2>&1 &
pids[worker_default]=$!
.venv/bin/celery -A lms beat --loglevel=INFO >"$logs/beat.log" 2>&1 &
pids[beat]=$!
wait_log "media worker" "$logs/worker-media.log" "ready." 60
wait_log "default worker" "$logs/worker-default.log" "ready." 60
echo "   processes up: $((SECONDS - started))s"

export SMOKE_BASE_URL=http://127.0.0.1:$web_port SMOKE_STATE_FILE=$work/state.json SMOKE_CLIP=$work/clip.mp4
journey() { .venv/bin/python scripts/prod_smoke_journey.py "$1"; }

echo "== journey: sign in, tus upload, ready in the bucket, play with CORS, heartbeat, search, XLSX"
journey journey

echo "== Elasticsearch unreachable (the web processes pointed at a closed port)"
stop web
start_web ELASTICSEARCH_URL="http://127.0.0.1:$closed_port"
journey search-down

echo "== broker unreachable (the web processes pointed at a closed port)"
stop web
start_web CELERY_BROKER_URL="redis://127.0.0.1:$closed_port/0"
journey broker-down

echo "== broker back: beat's reaper sends the waiting upload"
stop web
start_web
journey reaped
echo "== prod smoke passed"
