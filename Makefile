# tenactions: `make demo` shows the main job on a throwaway database; `make test` runs every check.
# Needs only Python 3.11+ and make: the first run creates .venv and installs into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO   := demo
# The demo year runs to 30 September 2024; "today" is fixed so the demo never changes.
DEMO_ENV := TENACTIONS_DB=$(DEMO)/demo.db TENACTIONS_TODAY=2024-10-01 TENACTIONS_CACHE_DIR=$(DEMO)/cache TENACTIONS_USER=demo

.PHONY: install demo test lint typecheck unit bench bench-xlsx bench-server clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "tenactions needs Python 3.11 or newer (found " + sys.version.split()[0] + "); run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	@rm -rf $(DEMO) && mkdir -p $(DEMO)
	@$(DEMO_ENV) $(BIN)/python -m tenactions.demo
	$(DEMO_ENV) $(BIN)/tenactions report --as-of 2024-10-01
	@echo
	@echo "Try: $(DEMO_ENV) $(BIN)/tenactions report --as-of 2024-10-01 --by district --lang zh"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n 2 -q

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/server.py

# The same commands on a local PostgreSQL ledger (bench/results-server.md).
bench-server: $(STAMP)
	$(BIN)/python bench/server.py

bench-xlsx: $(STAMP)
	$(BIN)/python bench/run.py --only xlsx

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache build dist
