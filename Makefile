# On a fresh clone (Python 3.11+ and make only):
#   make run    set up .venv and run the bot (Slack with the tokens of .env; the offline demo without them)
#   make test   set up .venv, lint, then the whole test suite on every core (SQLite and PostgreSQL), with the
#               10 slowest tests; PostgreSQL comes from MENTORAT_TEST_POSTGRES_URL, the system, or a PyPI wheel
#   make lint   the static checks alone
#   make fast   the tests on SQLite only, on every core: the edit loop
#   make bench  the benchmarks: they print figures (the tests check correctness, not timings)
#   make messages  the texts' catalogues: extract the keys from the code, update each locale's .po, check they compile
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# pytest-xdist: one worker per core, each with its own PostgreSQL server and templates (tests/conftest.py).
PYTEST := $(BIN)/python -m pytest -q -n auto

.PHONY: run test lint fast bench messages setup clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# ARGS go to `mentorat start`, e.g. make run ARGS="--html demo.html" (the demo's page, when there are no tokens).
run: $(STAMP)
	$(BIN)/mentorat start $(ARGS)

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
	$(BIN)/python -m benchmarks.matching
	$(BIN)/python -m benchmarks.encryption
	$(BIN)/python -m benchmarks.demo_timing

# gettext catalogues (bot/locale, README "Adding a language"). The keywords: t(lang, key), rt(lang, key), bilingual(key),
# tn(lang, key, plural_key, count), the N_ / N_plural markers of keys listed in tables, and the domain errors and
# commands built with a key (tests/unit/test_catalogues.py reads BABEL_KEYWORDS from here).
LOCALE_DIR := bot/locale
BABEL_KEYWORDS := --no-default-keywords -k t:2 -k rt:2 -k tn:2,3 -k bilingual -k N_ -k N_plural:1,2 -k DomainError:1 -k InvalidInput:1 \
	-k NotAllowed:1 -k NotFound:1 -k Conflict:1 -k SubCommand:4
BABEL_LAYOUT := --no-wrap --sort-output

messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --add-comments=Translators: --no-location $(BABEL_LAYOUT) \
		--project=Mentorat --copyright-holder="Mentorat contributors" -o $(LOCALE_DIR)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR) --no-fuzzy-matching --ignore-obsolete \
		--no-wrap
	# The creation date would change every catalogue at each run (and conflict between branches): left out.
	sed -i.bak '/^"POT-Creation-Date: /d' $(LOCALE_DIR)/messages.pot $(LOCALE_DIR)/*/LC_MESSAGES/messages.po
	rm -f $(LOCALE_DIR)/messages.pot.bak $(LOCALE_DIR)/*/LC_MESSAGES/messages.po.bak
	for po in $(LOCALE_DIR)/*/LC_MESSAGES/messages.po; do \
		$(BIN)/pybabel compile --statistics -i $$po -o /dev/null || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
