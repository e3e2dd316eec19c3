# Two commands on a fresh clone (Python 3.11+ and make only):
#   make run   set up .venv and run the bot (Slack with the tokens of .env; the offline demo without them)
#   make test  set up .venv and run the whole test suite (SQLite and PostgreSQL 15)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/mentorat start

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.ack_latency

clean:
	rm -rf $(VENV) build *.egg-info
