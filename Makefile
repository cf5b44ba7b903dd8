# The two set-up commands (README): `make site` builds the site, `make test` runs the tests.
# Each installs what it needs into .venv first (torch resolves to the CPU wheel; never a CUDA download).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint browser bench

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0
	$(BIN)/pip install -q --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m generator build

serve: $(STAMP)
	$(BIN)/python -m generator serve

# Debian's Chromium for the browser test; without it that one test is skipped with a message.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed: the browser test will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check activations generator benchmarks tests
	$(BIN)/ruff format --check activations generator benchmarks tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# Every test, the slow ones too (a plain `pytest` leaves them out: pyproject's addopts).
test: $(STAMP) browser lint
	$(BIN)/python -m pytest -m "slow or not slow"

bench: $(STAMP)
	$(BIN)/python -m activations.bench
