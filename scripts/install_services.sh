#!/usr/bin/env bash
# Install what the service tests need on a Debian 12 machine (run as root):
# PostgreSQL, Redis, ffmpeg, Chromium + chromedriver, Pango + Noto CJK (PDFs) from Debian's packages, and
# a single-node Elasticsearch 8 and s3proxy (an S3 server, for the production smoke) from Maven
# Central (cached in ~/.m2 between runs).
set -euo pipefail
# shellcheck source=scripts/services.conf
source "$(dirname "$0")/services.conf"

need=()
for cmd_pkg in psql:postgresql redis-server:redis-server ffmpeg:ffmpeg chromium:chromium \
               chromedriver:chromium-driver mvn:maven java:openjdk-17-jre-headless unzip:unzip curl:curl wrk:wrk; do
  command -v "${cmd_pkg%%:*}" >/dev/null 2>&1 || need+=("${cmd_pkg##*:}")
done
# psql alone can be the client; the server binaries are what matter.
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
# PDFs (certificates, statements): WeasyPrint's Pango and a Chinese font.
ldconfig -p | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || need+=(fontconfig fonts-noto-cjk)
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing packages: ${need[*]}. Install them (as root: apt-get install ${need[*]})." >&2
    exit 1
  fi
  echo "Installing from Debian: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

zip="$HOME/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/${ES_VERSION}/elasticsearch-${ES_VERSION}.zip"
if [[ ! -f $zip ]]; then
  echo "Fetching Elasticsearch ${ES_VERSION} from Maven Central"
  mvn -q -B dependency:get -Dtransitive=false \
    -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
fi
if [[ ! -x $ES_HOME/bin/elasticsearch ]]; then
  mkdir -p "$(dirname "$ES_HOME")"
  tmp=$(mktemp -d "$(dirname "$ES_HOME")/unpack.XXXX")
  unzip -q "$zip" -d "$tmp"
  mv "$tmp/elasticsearch-${ES_VERSION}" "$ES_HOME"
  rmdir "$tmp"
fi
if [[ ! -f $S3PROXY_JAR ]]; then
  echo "Fetching s3proxy ${S3PROXY_VERSION} from Maven Central"
  mvn -q -B dependency:get -Dtransitive=false \
    -Dartifact="org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies"
fi
echo "Services installed."
