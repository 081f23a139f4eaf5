# Two commands: `make run` serves the demo shop, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CSS := theme/static/css/dist/styles.css

.PHONY: run test setup css migrate seed bench clean

run: setup migrate seed
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m pytest

setup: $(VENV)/.installed node_modules/.installed $(CSS)

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(CSS): node_modules/.installed theme/static_src/src/styles.css $(shell find templates static/js -type f 2>/dev/null)
	npm run build:css

css:
	npm run build:css

migrate: setup
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_store

# Needs PostgreSQL (see docs/PERFORMANCE.md); about 4 minutes on 2 cores.
bench: setup
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) -m bench

clean:
	rm -rf $(VENV) node_modules $(CSS)
