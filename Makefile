# Newsroom: `make run` serves the site with demo content; `make test` runs the whole suite.

VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# The first interpreter that is Python 3.12 or newer.
PYTHON ?= $(shell for candidate in python3.13 python3.12 python3; do \
	if $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		echo $$candidate; break; fi; done)

.PHONY: run test test-fast lint format check install dev clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Newsroom needs Python 3.12 or newer (3.13 recommended)."; \
		echo "None of python3.13, python3.12 or python3 on your PATH is new enough."; \
		echo "Install one, or run: make PYTHON=/path/to/python3.13 run"; \
		exit 1; \
	fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

run: export NEWSROOM_DEBUG = 1
run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo_comments
	$(MANAGE) ensure_admin
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) runserver $(HOST):$(PORT)

test: dev
	$(BIN)/pytest

test-fast: dev
	$(BIN)/pytest -m "not browser"

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: dev
	NEWSROOM_DEBUG=1 $(MANAGE) check
	NEWSROOM_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
