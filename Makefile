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

.PHONY: run test test-fast bench lint format check messages backup browser-tools install dev clean

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
	$(MANAGE) ensure_admin --address $(HOST):$(PORT)
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) runserver $(HOST):$(PORT)

# The browser tests' tools from npm (package.json): axe-core and the Nu HTML Checker (vnu.jar,
# run with the machine's Java). --ignore-scripts: vnu-jar's own script would download a Java.
# The browser itself is Debian's chromium (`make test` installs it); never `playwright install`.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "The browser tests need npm: apt-get install npm (or run make test-fast)"; \
		exit 1; \
	}
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

browser-tools: node_modules/.installed

# Everything, browser tests included (marked `browser`: Playwright on /usr/bin/chromium).
# Chromium, Java and npm are installed from Debian when missing, if this user may (root or
# sudo -n); otherwise the browser tests are skipped, with one line saying why, except under
# CI=true, where they fail (tests/browser/prerequisites.py).
test: dev
	$(BIN)/python -m tests.browser.prerequisites
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory browser-tools; fi
	$(BIN)/pytest

# Everything but the browser tests: needs neither chromium, Java nor npm.
test-fast: dev
	$(BIN)/pytest -m "not browser"

# The load benchmark (gunicorn + wrk, installed from Debian if missing) into docs/performance.md.
bench: dev
	$(BIN)/python bench/run.py

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: dev
	NEWSROOM_DEBUG=1 $(MANAGE) check
	NEWSROOM_DEBUG=1 $(MANAGE) makemigrations --check --dry-run

# The French catalogue: collect the messages of Python code and templates into
# locale/fr/LC_MESSAGES/django.po, then compile django.mo. Both files are committed, so
# `make run` and `make test` never need GNU gettext; only this target does.
MESSAGES_IGNORE := --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*'

messages: install
	@command -v xgettext >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 || { \
		echo "make messages needs GNU gettext (xgettext, msgfmt)."; \
		echo "On Debian or Ubuntu: apt-get install gettext"; \
		exit 1; \
	}
	NEWSROOM_DEBUG=1 $(MANAGE) makemessages -l fr $(MESSAGES_IGNORE)
	NEWSROOM_DEBUG=1 $(MANAGE) compilemessages -l fr $(MESSAGES_IGNORE)
	@msgfmt --statistics -o /dev/null locale/fr/LC_MESSAGES/django.po

# A consistent copy of the SQLite database (taken while the site runs) and of the media, in
# var/backups/<date-time>/; `manage.py restore var/backups/<date-time>` puts it back.
backup: export NEWSROOM_DEBUG = 1
backup: install
	$(MANAGE) backup

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache node_modules tests/artifacts
