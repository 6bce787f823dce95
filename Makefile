# Two entry points for a fresh clone: `make serve` and `make test`.
# Both create .venv with the pinned versions in constraints.txt on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build pdf test lint check-site bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/
	$(BIN)/mkdocs build --strict

lint: $(STAMP)  ## ruff (lint + format), mypy (package and build hooks), the import layers and no import cycles
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy nnmath docs/hooks
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_import_cycles.py nnmath

pdf: build  ## the book as one PDF, site/downloads/nnmath.pdf (needs Chromium)
	$(BIN)/python scripts/pdf.py site site/downloads/nnmath.pdf

test: lint  ## lint, type-check, every test (unit, symbolic, site build, browser)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)  ## benchmarks against PyTorch (needs: pip install -e ".[bench]")
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
