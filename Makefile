# The two set-up commands (README): `make site` builds the site, `make test` runs the tests.
# Each installs what it needs into .venv first (torch resolves to the CPU wheel; never a CUDA download).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint browser bench engines

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Debian's Chromium for the browser tests (CHROMIUM=path overrides it). Without it they are skipped, except in CI
# (CI=true), where they fail.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: the browser test will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check activations generator benchmarks tests
	$(BIN)/ruff format --check activations generator benchmarks tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# ProperDocs and Zensical, each in a venv of its own with none of this project installed: the engine
# tests build the portable docs with them (tests/generator/adapter/test_engines.py). Pinned in tests/engines/.
ENGINES_DIR := .venv-engines
$(ENGINES_DIR)/%/.installed: tests/engines/%.txt
	rm -rf $(ENGINES_DIR)/$*
	$(PY) -m venv $(ENGINES_DIR)/$*
	$(ENGINES_DIR)/$*/bin/pip install -q --disable-pip-version-check -r $<
	touch $@

engines: $(ENGINES_DIR)/properdocs/.installed $(ENGINES_DIR)/zensical/.installed

# Every test, the slow ones too (a plain `pytest` leaves them out: pyproject's addopts).
test: $(STAMP) browser lint engines
	$(BIN)/python -m pytest -m "slow or not slow"

bench: $(STAMP)
	$(BIN)/python -m activations.bench
