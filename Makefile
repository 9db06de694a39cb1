# Lilith — every command a developer or CI needs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
MKDOCS := $(VENV)/bin/mkdocs
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: help serve build test lint check links bench bench-smoke browser-deps clean
.PHONY: new fingerprint

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP_RUN): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(STAMP_TEST): pyproject.toml $(STAMP_RUN)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

serve: $(STAMP_RUN) ## create .venv, install pinned dependencies, serve http://127.0.0.1:8000
	$(PY) -m lilith serve -a 127.0.0.1:8000

build: $(STAMP_RUN) ## build the site into site/: one process per language, merged (strict: any warning fails)
	$(PY) -m lilith build --strict

browser-deps: ## install Debian chromium for the browser tests when missing (needs root)
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian chromium (browser tests)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing: run 'sudo apt-get install chromium'" >&2; exit 2; fi

lint: $(STAMP_TEST) ## ruff
	$(VENV)/bin/ruff check scripts tests bench

test: $(STAMP_TEST) browser-deps ## install test needs, then run every test (unit, strict build, checks, browser)
	$(VENV)/bin/ruff check scripts tests bench
	$(PY) -m lilith check
	$(PY) -m pytest
	$(PY) bench/run.py --smoke

check: $(STAMP_RUN) ## check front matter and translations (completeness, parity, staleness)
	$(PY) -m lilith check

links: build ## build, then check internal links/anchors and every external URL (online; LINKS_FLAGS=…)
	$(PY) -m lilith links --site-dir site $(LINKS_FLAGS)

new: $(STAMP_RUN) ## scaffold an article in en/cs/pl: make new SLUG=my-article TAGS="evals rag"
	@test -n "$(SLUG)" -a -n "$(TAGS)" || { echo 'usage: make new SLUG=my-article TAGS="evals rag"' >&2; exit 2; }
	$(PY) -m lilith new "$(SLUG)" $(foreach tag,$(TAGS),--tag $(tag))

fingerprint: $(STAMP_RUN) ## mark translations current: make fingerprint FILE=docs/radar/x.cs.md (or ALL=1)
	@test -n "$(FILE)$(ALL)" || { echo "usage: make fingerprint FILE=docs/radar/x.cs.md, or ALL=1" >&2; exit 2; }
	$(PY) -m lilith fingerprint $(if $(ALL),--all,$(FILE))

# PyPI's linkchecker, measured beside ours: bench only (heavy), installed by `make bench`, not a dependency.
LINKCHECKER_VERSION := 10.6.0
# Zensical, whose `serve` the live-preview bench measures beside ours: in its own venv (its pins
# are not ours), bench only.
ZENSICAL_VERSION := 0.0.73

bench: $(STAMP_TEST) browser-deps ## measure build, check, links at N = 100/300/1000 vs stock Material → bench/results.json (slow)
	@$(PY) -c "import importlib.metadata as m; assert m.version('linkchecker') == '$(LINKCHECKER_VERSION)'" \
	  2>/dev/null || $(PY) -m pip install --quiet --disable-pip-version-check 'linkchecker==$(LINKCHECKER_VERSION)'
	@test -x .venv-zensical/bin/zensical || { $(PYTHON) -m venv .venv-zensical && \
	  .venv-zensical/bin/pip install --quiet --disable-pip-version-check 'zensical==$(ZENSICAL_VERSION)'; } \
	  || echo "bench: zensical $(ZENSICAL_VERSION) could not be installed; its serve row says so"
	$(PY) bench/run.py

bench-smoke: $(STAMP_TEST) ## the bench at N = 20, one run, small link set: only fails on errors (part of make test)
	$(PY) bench/run.py --smoke

clean: ## remove build output (keeps .venv)
	rm -rf site .pytest_cache
