# presse-sommet: `make` alone lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Re-installed only when pyproject.toml changes (the stamp is older than it).
STAMP := $(VENV)/.installed-stamp

.PHONY: help setup report report-check test lab bench clean quote-eval tone-benchmark ingest

help: ## List the targets
	@echo "presse-sommet — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "presse-sommet needs Python 3.11 or newer (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the project (automatic for the other targets)

report: $(STAMP) ## Execute every notebook and render reports/ (open reports/index.html); DATA=dir studies another data folder
	$(if $(DATA),PRESSE_SOMMET_DATA="$(abspath $(DATA))" )$(PY) -m analysis.report --jobs 2

# Playwright drives the system's Chromium; it is an extra of the project, installed here only.
BROWSER_STAMP := $(VENV)/.browser-stamp
$(BROWSER_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,browser]"
	@touch $(BROWSER_STAMP)

report-check: $(BROWSER_STAMP) ## Open every report in headless Chromium (apt-get install chromium): JS errors, requests, tables, screenshots
	$(PY) -m analysis.report_check

ingest: $(STAMP) ## Bring page copies or Europresse exports into a data folder: make ingest SOURCES="a.txt b.html" DATA=dir
	@test -n "$(SOURCES)" -a -n "$(DATA)" || { echo 'usage: make ingest SOURCES="pages/ export.html" DATA=my_study'; exit 2; }
	$(PY) -m analysis.ingest $(SOURCES) --into $(DATA)

tone-benchmark: $(STAMP) ## Rebuild the cached tone benchmark figures (1,500 labelled French reviews)
	$(PY) -m analysis --tone-benchmark

quote-eval: $(STAMP) ## Print the reported-speech accuracy on the corpus, held-out and development-set gold (3 conventions, traps)
	$(PY) -m analysis.quote_eval

test: $(STAMP) ## Lint (ruff) and run the whole test suite, notebooks included
	$(VENV)/bin/ruff check analysis tests bench
	@$(PY) -m pytest; status=$$?; \
	  if [ $$status -eq 5 ]; then echo "pytest collected no tests: the suite is missing, which counts as a failure."; fi; \
	  exit $$status

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP) ## Run the benchmarks (about 30 minutes) and write bench/RESULTS.md
	$(PY) bench/scale.py 1500 6000 24000
	$(PY) bench/report_build.py 3
	$(PY) bench/long_document.py 25000 50000 100000 200000
	$(PY) bench/summarise.py

clean: ## Remove generated reports, figures and caches (keeps .venv)
	rm -rf reports .cache figures/*.png figures/*.csv
