# Two commands on a fresh machine: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
PIP := $(BIN)/python -m pip --disable-pip-version-check --no-input
export PIP_NO_INPUT := 1

.PHONY: run test install install-dev vendor lint typecheck pytest pytest-postgres constraints messages charlm clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamps make a second `make` fast; they are redone when the pins or the project metadata change.
$(VENV)/.installed: $(BIN)/python pyproject.toml $(CONSTRAINTS)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	touch $@

# The pages' CSS and JavaScript (Bootstrap, Chart.js): npm packages pinned by package-lock.json. The
# files the pages load (src/reformtrack/vendor.py) are copied into the package's static/vendor/ (ignored
# by git), as the wheel's build step does (setup.py); nothing else of node_modules/ is served, nothing of
# it is in the repository.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

vendor: node_modules/.installed
	$(PYTHON) src/reformtrack/vendor.py

install: $(VENV)/.installed vendor

install-dev: $(VENV)/.installed-dev vendor

# Where `make run` serves the web pages; `make run ADDRESS=0.0.0.0:8000` to reach it from other machines.
ADDRESS ?= 127.0.0.1:8000

## Set up the database, import the bundled sample plan (once), make the demo accounts (one per role,
## password printed) and serve the web pages at http://$(ADDRESS)/ until Ctrl+C, with the background
## worker (bulletins, large exports, reminders) and the hourly scheduler of lights and reminders.
## With DEBUG on (Django's debug pages, plain HTTP, static files served): only here and in the tests.
run: export DEBUG = 1
run: install
	$(BIN)/reformtrack migrate --no-input
	$(BIN)/reformtrack import --sample --skip-existing
	REFORMTRACK_DEMO=1 $(BIN)/reformtrack demo
	@echo "Open http://$(ADDRESS)/ and log in with one of the accounts above. Ctrl+C stops the server."
	@# the worker and the scheduler stop with the server (the trap), whichever way it ends
	$(BIN)/reformtrack db_worker --no-reload & worker=$$!; \
	$(BIN)/reformtrack scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/reformtrack runserver $(ADDRESS)

## Lint, format check, type check and the test suite (on SQLite unless DATABASE_URL says otherwise).
test: lint typecheck pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python tests/test_sizes.py

typecheck: install-dev
	$(BIN)/mypy

pytest: install-dev
	$(BIN)/pytest

pytest-postgres: install-dev
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest

## Re-pin after changing dependencies in pyproject.toml.
constraints: install-dev
	{ sed -n '1,2p' $(CONSTRAINTS); $(PIP) freeze --exclude-editable | grep -vi '^reformtrack'; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)

## Collect the English source strings into the Chinese catalogue, then compile it (needs GNU gettext).
## Translate the new entries of src/reformtrack/locale/zh_Hans/LC_MESSAGES/django.po and run it again.
messages: install
	cd src/reformtrack && ../../$(BIN)/reformtrack makemessages --locale zh_Hans --no-location --no-wrap --no-obsolete
	cd src/reformtrack && ../../$(BIN)/reformtrack compilemessages --locale zh_Hans

## The repair's character model (src/reformtrack/ingest/data/charlm.bin), counted from jieba's
## dictionary; redo and commit it when jieba is upgraded (tests/ingest/test_charlm_data.py says so).
charlm: install
	$(BIN)/python -m reformtrack.ingest.charlm_build

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
