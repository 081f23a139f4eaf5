# Two commands: `make run` serves the demo shop, `make test` runs every test.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
THEME := theme/static_src
CSS := theme/static/css/dist/styles.css

.PHONY: run test lint setup css css-watch migrate seed bench clean

run: setup migrate seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/djlint templates --check
	$(VENV)/bin/djlint templates --lint

setup: $(VENV)/.installed node_modules/.installed $(CSS)

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# The root package.json is an npm workspace over the theme: one `npm ci` at the root installs the front-end tools
# into ./node_modules as the lock file says (not django-tailwind's `tailwind install`, which runs npm install).
node_modules/.installed: package.json package-lock.json $(THEME)/package.json
	npm ci --no-audit --no-fund
	touch $@

$(CSS): $(VENV)/.installed node_modules/.installed $(THEME)/src/styles.css $(shell find templates static/js -type f 2>/dev/null)
	$(PY) manage.py tailwind build

css: setup
	$(PY) manage.py tailwind build

# Rebuilds the stylesheet whenever a template changes; run beside `make run`.
css-watch: setup
	$(PY) manage.py tailwind start

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_store

# Needs PostgreSQL (see docs/PERFORMANCE.md); about 18 minutes on 2 cores.
bench: setup
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules $(CSS)
