# Parat — the two set-up commands are `make run` and `make test`; `make check` is
# everything CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/parat-demo.db

.PHONY: run test check lint imports golden bench format demo-reset clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## run: the sample programme in its own SQLite file (never your own database)
run: $(STAMP)
	@test -f $(DEMO_DB) || $(BIN)/parat --db $(DEMO_DB) demo --no-tui
	$(BIN)/parat --db $(DEMO_DB)

## test: the whole suite
test: $(STAMP)
	$(BIN)/python -m pytest

## check: what CI runs: lint (ruff, formatting, mypy), the import contracts, the tests
check: lint imports test

## golden: rewrite the export golden files from the current code (review the diff!)
golden: $(STAMP)
	$(BIN)/python -m tests.exports.update_golden

## bench: speed, as ratios against floors measured in the same run
bench: $(STAMP)
	PARAT_TEST_DATABASE_URL=$${PARAT_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/python -m benchmarks

## lint: ruff, formatting and mypy (as configured in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## imports: the layering contracts of [tool.importlinter] in pyproject.toml
imports: $(STAMP)
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## demo-reset: start the sample programme afresh
demo-reset:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

clean:
	rm -rf $(VENV) .demo .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
