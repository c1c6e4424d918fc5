# The interface for readers, reviewers and CI. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
export PYDEVD_DISABLE_FILE_VALIDATION := 1

INSTALLED := $(VENV)/.installed
VENDORED := _vendor/.installed
NOTEBOOKS := $(wildcard notebooks/*.ipynb)
CACHE := _build/.jupyter_cache
HTML_FLAGS := -n -W --keep-going
TEX_PACKAGES := $(shell grep -v '^\#' tools/tex-packages.txt)

.PHONY: help setup book book-student test test-python test-notebooks test-html lint format check-data data-hashes \
  outputs execute pdf pdf-student tex check-pdf test-browser bench ci clean distclean fresh-cache

help:
	@echo "make book         set up (first time only) and build the HTML book into _build/html"
	@echo "make test         set up, then run every test: data, style, helpers, faults, nbval, strict HTML build"
	@echo "make outputs      rebuild each notebook from its Markdown source and store its outputs (what nbval compares)"
	@echo "make lint         check the code's format, style and import order with ruff"
	@echo "make format       format the code, and the code cells of the chapters' Markdown sources"
	@echo "make book-student build the student edition (no solutions) into _build/student"
	@echo "make pdf          build the PDF with LaTeX (needs TeX; the command says how to install it)"
	@echo "make pdf-student  build the student edition's PDF (no solutions) into _build/student"
	@echo "make check-data   validate every table of the data package"
	@echo "make data-hashes  record the checksums of data files you changed on purpose"
	@echo "make bench        time the notebooks, the builds and the tests on this machine"
	@echo "make test-browser open every page of the built book in headless Chromium and check what a reader sees"
	@echo "make ci           what continuous integration runs, once the Debian packages are installed"
	@echo "make clean        remove the build; make distclean also removes .venv and _vendor"

# ---- set-up: runs only when its inputs change; afterwards nothing needs the network ----
setup: $(INSTALLED) $(VENDORED)

$(INSTALLED): requirements.txt constraints.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 (Debian/Ubuntu: apt-get install python3.11 python3.11-venv)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENDORED): tools/js-assets.txt
	@command -v npm >/dev/null || { echo "error: npm not found; install it (Debian/Ubuntu: apt-get install npm)"; exit 1; }
	rm -rf _vendor && mkdir -p _vendor/packages
	grep -v '^#' $< | while read -r package item destination; do \
	  tarball=$$(cd _vendor/packages && npm pack --silent "$$package"); \
	  mkdir -p "_vendor/packages/$${tarball%.tgz}" "$$(dirname "_vendor/$$destination")"; \
	  tar -xzf "_vendor/packages/$$tarball" -C "_vendor/packages/$${tarball%.tgz}"; \
	  cp -r "_vendor/packages/$${tarball%.tgz}/package/$$item" "_vendor/$$destination"; \
	done
	touch $@

# The execution cache keys on code cells only: start it afresh when anything else a notebook reads
# changes (the data, the helpers, the pages the guides describe, the pins, the release, the measured times).
INPUTS_FINGERPRINT = $(shell cat data/datapackage.json data/*.csv camex/*.py camex/*.mplstyle notebooks/*.md \
  _toc.yml CITATION.cff requirements.txt $(wildcard tools/bench-results.json) | sha256sum | cut -c1-16)
fresh-cache:
	@mkdir -p _build
	@if [ "$$(cat _build/.inputs 2>/dev/null)" != "$(INPUTS_FINGERPRINT)" ]; then \
	  rm -rf $(CACHE); echo "$(INPUTS_FINGERPRINT)" > _build/.inputs; fi

# Fill the execution cache two notebooks at a time, so that the HTML build finds every notebook executed.
execute: setup fresh-cache
	python tools/notebooks.py cache $(CACHE)

# ---- the book ----
book: execute
	jupyter-book build . --builder html
	@echo "Open file://$(CURDIR)/_build/html/index.html"

book-student: execute
	python tools/student_edition.py config .student-config.yml
	jupyter-book build . --builder html --config .student-config.yml --path-output _build/student
	python tools/student_edition.py check _build/student/_build/html
	@echo "Open file://$(CURDIR)/_build/student/_build/html/index.html"

outputs: setup
	python tools/notebooks.py outputs

# ---- tests ----
# The unit tests and the notebooks run in one pytest session on two workers: each notebook stays on one
# worker (its cells run in order in one kernel) while the unit tests fill the other.
NBVAL := --nbval --nbval-current-env --nbval-cell-timeout=120 --nbval-sanitize-with tests/nbval-sanitize.cfg
test: setup
	$(MAKE) --no-print-directory lint
	python -m pytest -q -n 2 --dist loadscope $(NBVAL) tests $(NOTEBOOKS)
	$(MAKE) --no-print-directory test-html

test-python: setup
	python -m pytest tests -q

test-notebooks: setup
	python -m pytest -q -p no:cacheprovider -n 2 --dist loadscope $(NBVAL) $(NOTEBOOKS)

# The HTML with warnings as errors, rendered from the outputs the notebooks store, which the nbval run of
# `make test` has just compared with a fresh execution, so that no notebook is executed twice. `make book`
# executes them, for the widgets' state, into _build/html.
STORED_CONFIG := .stored-config.yml
test-html: setup
	python tools/notebooks.py stored-config $(STORED_CONFIG)
	jupyter-book build . --builder html $(HTML_FLAGS) --all --config $(STORED_CONFIG) --path-output _build/test

lint: setup
	ruff format --check --quiet .
	ruff check --quiet .

# Formats the package, the tests and the code cells of each chapter's Markdown source (the file people edit).
format: setup
	ruff format --quiet .
	ruff check --quiet --fix --select I .
	for source in notebooks/*.md; do jupytext --quiet --pipe "ruff format -" "$$source"; done

check-data: setup
	python -m camex check-data

data-hashes: setup
	python -m camex data-hashes

# ---- PDF ----
tex:
	@command -v xelatex >/dev/null && command -v latexmk >/dev/null || { \
	  echo "error: TeX is missing. On Debian/Ubuntu install it with:"; \
	  echo "  sudo apt-get install --no-install-recommends $(TEX_PACKAGES)"; exit 1; }

# --all starts from a fresh environment: the pages are read again from the execution cache, which `execute` may
# have renewed (the data, the helpers or the style changed) while the notebooks themselves stayed as they were.
pdf: execute tex
	rm -rf _build/latex
	jupyter-book build . --builder pdflatex --all $(HTML_FLAGS)
	mkdir -p _build/html && cp _build/latex/canada-mexico.pdf _build/html/  # the HTML pages link it
	@echo "PDF: $(CURDIR)/_build/latex/canada-mexico.pdf"

pdf-student: execute tex
	python tools/student_edition.py config .student-config.yml
	rm -rf _build/student/_build/latex
	jupyter-book build . --builder pdflatex --all --config .student-config.yml --path-output _build/student \
	  $(HTML_FLAGS)
	python tools/student_edition.py check-pdf _build/student/_build/latex/canada-mexico.pdf
	@echo "PDF: $(CURDIR)/_build/student/_build/latex/canada-mexico.pdf"

# Against the HTML edition (make book builds it): every table row and column, the same numbers.
check-pdf: setup
	python tools/check_pdf.py _build/latex/canada-mexico.pdf _build/html

# Every page of _build/html in headless Chromium (tests/test_browser.py): console, requests, maths, widgets,
# layout, an axe-core audit, the edition line and PDF link, the tables' downloads. Run it after `make book`
# (and `make pdf`, whose PDF the pages link). It takes about 40 s, so `make ci` runs it, not `make test`.
test-browser: setup
	CAMEX_SITE=_build/html python -m pytest -q tests/test_browser.py

bench: setup
	python tools/bench.py

# What .ci/run does once it has installed the Debian packages: the README's test command, then the book, the
# PDF, the pages in a real browser and the student edition, as HTML and as PDF.
ci: test book pdf check-pdf test-browser book-student pdf-student

clean:
	rm -rf _build

distclean: clean
	rm -rf $(VENV) _vendor *.egg-info
