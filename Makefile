# Parat — the two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/parat-demo.db

.PHONY: run test bench lint format demo-reset clean

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

## bench: speed, as ratios against floors measured in the same run
bench: $(STAMP)
	PARAT_TEST_DATABASE_URL=$${PARAT_TEST_DATABASE_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test} \
		$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## demo-reset: start the sample programme afresh
demo-reset:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

clean:
	rm -rf $(VENV) .demo .pytest_cache .ruff_cache .mypy_cache
