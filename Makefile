# storyline — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: install run test lint typecheck bench clean lock

install: $(STAMP)  ## create .venv with pinned, hash-checked dependencies

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: install  ## ingest the sample articles and print the story's timeline
	rm -f demo.db demo.db-wal demo.db-shm
	$(VENV)/bin/storyline demo --db demo.db

test: install  ## the whole suite (slow model-loading tests included)
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

bench: install  ## throughput and scaling reports (ratios measured in one run)
	$(PY) bench/run.py

lock:  ## re-pin dependencies (needs pip-tools)
	pip-compile --generate-hashes --allow-unsafe -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache .mypy_cache .ruff_cache
