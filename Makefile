# The portal's everyday commands. `make run` and `make test` are the quick start.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# Exact versions with hashes, made from pyproject.toml's ranges by `make lock`.
LOCK := requirements/dev.txt
PROD_LOCK := requirements/prod.txt
# The tool that writes the locks; installing from them needs only pip.
UV_VERSION := 0.13.9
LOCK_TOOL := .venv-lock
LOCK_FLAGS := --generate-hashes --universal --python-version 3.12 --custom-compile-command "make lock" --quiet
# axe-core and the Nu Html Checker, from package-lock.json.
NODE_STAMP := node_modules/.installed

.PHONY: run test test-e2e test-tools lint format bench install lock lock-upgrade migrate seed worker check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "This portal needs Python 3.12 or newer (Django 6); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12+ (for example with pyenv: 'pyenv install 3.13'), or run 'make PYTHON=/path/to/python3.13 ...'."; \
	  exit 1; }

$(STAMP): $(LOCK) pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: check-python $(STAMP)

## Re-resolve the locks after a change to pyproject.toml (current pins kept where they still fit).
lock: check-python
	@test -x $(LOCK_TOOL)/bin/uv || { $(PYTHON) -m venv $(LOCK_TOOL) && \
	  $(LOCK_TOOL)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	$(LOCK_TOOL)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(UV_FLAGS) -o $(LOCK)
	$(LOCK_TOOL)/bin/uv pip compile pyproject.toml --constraint $(LOCK) $(LOCK_FLAGS) $(UV_FLAGS) -o $(PROD_LOCK)

## The newest versions pyproject.toml's ranges allow.
lock-upgrade:
	$(MAKE) lock UV_FLAGS=--upgrade

$(NODE_STAMP): package.json package-lock.json
	@scripts/ensure-command npm "Installing the page checkers (axe-core, vnu.jar)" nodejs npm
	@# --ignore-scripts: vnu-jar's own install script would download a Java runtime.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

## What the browser and page-check tests need besides Python: Chromium, axe-core, the Nu Html Checker and Java.
test-tools: install $(NODE_STAMP)
	@scripts/ensure-chromium
	@scripts/ensure-command java "The HTML validator (vnu.jar)" default-jre-headless

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

## Serve the seeded portal on http://127.0.0.1:8000 (SQLite, tasks in-process).
run: seed
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole suite: unit, request and browser tests.
test: install test-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Only the browser journeys.
test-e2e: install test-tools
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Speed of the public pages and the recruiter workspace next to the limit reference (PostgreSQL, gunicorn, wrk;
## 5,000 postings and 200,000 applications); prints the tables and writes them to bench-results/.
BENCH_ARGS ?=
bench: install
	@scripts/ensure-command wrk "The benchmark" wrk
	$(BIN)/python tests/benchmarks/run.py $(BENCH_ARGS)

worker: install
	DEBUG=1 $(BIN)/celery -A recruit worker --loglevel=info

clean:
	rm -rf $(VENV) $(LOCK_TOOL) node_modules staticfiles .pytest_cache .ruff_cache
