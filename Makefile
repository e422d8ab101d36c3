# Minh Bạch — the two commands: `make run` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test test-fast bench bench-plans messages check clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Cần Python 3.11 / Python 3.11 is required ($(PYTHON))"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Set up everything, load the demo province if the database is empty, and serve on :8000.
run: $(STAMP)
	$(BIN)/minhbach migrate --no-input
	$(BIN)/minhbach demo load --if-empty
	$(BIN)/minhbach serve --host $(HOST) --port $(PORT)

## The whole test suite (SQLite unless DATABASE_URL says otherwise).
test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

## Accuracy of the plan-document extractor on the annotated plans.
bench-plans: $(STAMP)
	$(BIN)/python scripts/bench_plans.py

## Re-extract and compile the translation catalogues (needs GNU gettext).
messages: $(STAMP)
	cd minhbach && ../$(BIN)/minhbach makemessages -l vi -l en --no-obsolete --no-location
	$(BIN)/python minhbach/locale/apply_translations.py --strict
	cd minhbach && ../$(BIN)/minhbach compilemessages

check: $(STAMP)
	$(BIN)/minhbach check
	$(BIN)/minhbach makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var/

## Benchmark at scale on SQLite and PostgreSQL (BENCH_DBS, BENCH_ITEMS …; see scripts/bench.py).
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
