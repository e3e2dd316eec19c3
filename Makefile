# On a fresh clone (Python 3.11+ and make only):
#   make run    set up .venv and run the bot (Slack with the tokens of .env; the offline demo without them)
#   make test   set up .venv, lint, then the whole test suite on every core (SQLite and PostgreSQL), with the
#               10 slowest tests; PostgreSQL comes from MENTORAT_TEST_POSTGRES_URL, the system, or a PyPI wheel
#   make lint   the static checks alone
#   make fast   the tests on SQLite only, on every core: the edit loop
#   make bench  the benchmarks: they print figures (the tests check correctness, not timings)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pytest-xdist: one worker per core, each with its own PostgreSQL server and templates (tests/conftest.py).
PYTEST := $(BIN)/python -m pytest -q -n auto

.PHONY: run test lint fast bench setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/mentorat start

test: lint
	$(PYTEST) --durations=10

# The static checks, one command a line: style, types (pyproject's [tool.mypy]), dead code ([tool.vulture]),
# the import contracts: layers, independent front ends, no chat SDK below them, no cycles ([tool.importlinter]).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/vulture
	$(BIN)/lint-imports

fast: $(STAMP)
	$(PYTEST) -m "not postgres"

bench: $(STAMP)
	$(BIN)/python -m benchmarks.ack_latency
	$(BIN)/python -m benchmarks.delivery_workers
	$(BIN)/python -m benchmarks.imports

clean:
	rm -rf $(VENV) build *.egg-info
