# eventwire: two set-up commands.
#   make run   - create .venv, install eventwire, ingest examples/ into eventwire.db, show the events,
#                then serve the web UI on http://127.0.0.1:8000/ (Ctrl-C stops it)
#   make test  - create .venv with dev dependencies, run ruff, mypy and the test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= eventwire.db
PORT ?= 8000

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/eventwire ingest examples --db $(DB)
	$(BIN)/eventwire events --db $(DB)
	$(BIN)/eventwire incidents --db $(DB)
	$(BIN)/eventwire quotes --db $(DB)
	$(BIN)/eventwire serve --db $(DB) --port $(PORT)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench scripts

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_throughput.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
