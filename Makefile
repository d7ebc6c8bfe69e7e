# The portal's everyday commands. `make run` and `make test` are the quick start.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.13 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run test test-e2e lint format bench install migrate seed worker check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "This portal needs Python 3.12 or newer (Django 6); '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
	  echo "Install Python 3.12+ (for example with pyenv: 'pyenv install 3.13'), or run 'make PYTHON=/path/to/python3.13 ...'."; \
	  exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: check-python $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

## Serve the seeded portal on http://127.0.0.1:8000 (SQLite, tasks in-process).
run: seed
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

## The whole suite: unit, request and browser tests.
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Only the browser journeys.
test-e2e: install
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Speed of the public pages next to the limit reference (PostgreSQL, gunicorn, wrk); prints a table.
BENCH_ARGS ?=
bench: install
	$(BIN)/python tests/benchmarks/run.py $(BENCH_ARGS)

worker: install
	DEBUG=1 $(BIN)/celery -A recruit worker --loglevel=info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
