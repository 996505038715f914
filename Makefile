# Parat — the two set-up commands are `make run` and `make test`; `make check` is
# everything CI runs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The exact versions (with their hashes) that `make run` and `make test` install;
# `make lock` re-resolves it from pyproject.toml.
LOCK   := requirements/lock.txt
PIP    := $(BIN)/python -m pip --disable-pip-version-check
COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url \
	--no-emit-find-links --strip-extras --extra dev --output-file $(LOCK) pyproject.toml
DEMO_DB := .demo/parat-demo.db

.PHONY: run test check lint imports golden bench format lock lock-upgrade demo-reset clean i18n

# The translations: tracker/locale/<lang>/LC_MESSAGES/parat.po are the sources (kept
# in git); the compiled .mo files are built here, at install, never committed.
LOCALE := tracker/locale
BABEL  := $(BIN)/pybabel
MO     := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/parat.po))

# Every package from the lock, hash-checked (pip itself too); then Parat, without
# dependencies. `pip check` fails when pyproject.toml needs a package the lock lacks:
# then run `make lock`.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	$(PIP) install --quiet --no-deps -e .
	$(PIP) check
	$(BABEL) compile --domain parat --directory $(LOCALE)
	touch $(STAMP)

$(LOCALE)/%/LC_MESSAGES/parat.mo: $(LOCALE)/%/LC_MESSAGES/parat.po | $(STAMP)
	$(BABEL) compile --domain parat --input-file $< --output-file $@

## run: the sample programme in its own SQLite file (never your own database)
run: $(STAMP) $(MO)
	@test -f $(DEMO_DB) || $(BIN)/parat --db $(DEMO_DB) demo --no-tui
	$(BIN)/parat --db $(DEMO_DB)

## test: the whole suite
test: $(STAMP) $(MO)
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

## lock: resolve pyproject.toml into requirements/lock.txt, keeping the pins that still fit
lock: $(STAMP)
	$(COMPILE)

## lock-upgrade: the newest versions pyproject.toml allows (review the diff, then make check)
lock-upgrade: $(STAMP)
	$(COMPILE) --upgrade

## i18n: extract the English strings, update the catalogues (then translate), compile
i18n: $(STAMP)
	$(BABEL) extract --mapping-file babel.cfg --keywords _ --keywords N_ \
		--keywords ngettext:1,2 --no-location --sort-output --project parat \
		--copyright-holder "Parat" --width 88 \
		--output-file $(LOCALE)/parat.pot .
	$(BABEL) update --domain parat --input-file $(LOCALE)/parat.pot --width 88 \
		--output-dir $(LOCALE) --no-fuzzy-matching --ignore-obsolete
	$(BABEL) compile --domain parat --directory $(LOCALE) --statistics

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## demo-reset: start the sample programme afresh
demo-reset:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm

clean:
	rm -rf $(VENV) .demo .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
