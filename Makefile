# The two commands: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 127.0.0.1
export FLASK_APP := app
DEV_ENV := APP_ENV=development

.PHONY: run test test-sqlite test-postgres lint format bench bench-smoke calibrate serve browser-deps lrs-venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Runtime packages only for `make run`; the dev extra for tests and tools.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.runtime

instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c 'import secrets; print(secrets.token_hex(32))' > $@
	chmod 600 $@

run: $(VENV)/.runtime instance/secret_key
	$(DEV_ENV) $(BIN)/flask db upgrade
	$(DEV_ENV) $(BIN)/flask content load
	$(DEV_ENV) PORT=$(PORT) $(BIN)/flask run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests and wrk for the benchmark, when missing.
browser-deps:
	@if ! command -v chromium >/dev/null || ! command -v wrk >/dev/null; then \
	  echo "installing chromium and wrk (Debian packages)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium wrk >/dev/null; \
	fi

test: $(VENV)/.dev browser-deps
	$(MAKE) lint
	$(MAKE) test-sqlite
	$(MAKE) test-postgres
	$(MAKE) bench-smoke

# Ralph, the LRS that tests/lrs push statements to, in its own .venv-lrs.
lrs-venv:
	tests/lrs/start_lrs.sh --install

# Everything on SQLite, browser tests included.
test-sqlite: $(VENV)/.dev lrs-venv
	$(BIN)/pytest -q -p no:cacheprovider tests

# Functional and migration tests again on a throwaway PostgreSQL cluster (not the browser tests).
test-postgres: $(VENV)/.dev
	tests/with_postgres.sh $(BIN)/pytest -q -p no:cacheprovider tests/functional tests/migrations tests/concurrency tests/lrs

lint: $(VENV)/.dev
	$(BIN)/ruff check app tests tools migrations/env.py
	$(BIN)/ruff format --check app tests tools

format: $(VENV)/.dev
	$(BIN)/ruff format app tests tools
	$(BIN)/ruff check --fix app tests tools

# The whole benchmark on SQLite, then again on a throwaway PostgreSQL cluster.
BENCH_PG = tests/with_postgres.sh sh -c 'BENCH_DATABASE_URL=$$TEST_DATABASE_URL $(BIN)/python -m tests.bench.run_bench $(1)'

# A miss on SQLite still runs PostgreSQL, so every figure is reported; then it fails.
bench: $(VENV)/.dev browser-deps
	$(BIN)/python -m tests.bench.run_bench; sqlite=$$?; $(call BENCH_PG,) && exit $$sqlite

bench-smoke: $(VENV)/.dev browser-deps
	$(BIN)/python -m tests.bench.run_bench --smoke
	$(call BENCH_PG,--smoke)

# Simulated learners (a different model from ours) against our readiness forecast.
calibrate: $(VENV)/.dev
	$(BIN)/python -m tools.calibrate

# Production: gunicorn. Refuses to start without SECRET_KEY and PUBLIC_BASE_URL.
WORKERS ?= 2
serve: $(VENV)/.runtime
	@test -n "$$SECRET_KEY" || { echo "make serve: set SECRET_KEY" >&2; exit 1; }
	@test -n "$$PUBLIC_BASE_URL" || { echo "make serve: set PUBLIC_BASE_URL" >&2; exit 1; }
	@if [ "$(WORKERS)" -gt 1 ] && [ -z "$$RATELIMIT_STORAGE_URI" -o "$${RATELIMIT_STORAGE_URI:-memory://}" = "memory://" ]; then \
	  echo "warning: $(WORKERS) workers with in-memory rate limits: each worker counts alone; set RATELIMIT_STORAGE_URI=redis://..." >&2; fi
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) --access-logfile - 'app:create_app()'

clean:
	rm -rf $(VENV) .venv-lrs .pytest_cache .ruff_cache
