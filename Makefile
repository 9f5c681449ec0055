# On a fresh clone:  `make handbook` builds the site (and PDF editions) from data/,
#                    `make test` runs the whole test suite.
# Both set themselves up first: Debian packages, a virtual environment in .venv/, packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# axe-core, which the accessibility tests inject into pages, comes from the npm registry.
JS_TOOLS := tests/js/node_modules/.installed

.PHONY: handbook test check serve setup system-packages clean

handbook: setup
	$(BIN)/handbook build

# The suite runs on every core (pytest-xdist); one file alone: .venv/bin/pytest tests/test_cli.py
test: setup $(JS_TOOLS)
	$(BIN)/pytest --numprocesses auto

check: setup
	$(BIN)/handbook check --strict

serve: setup
	$(BIN)/handbook serve

setup: system-packages $(INSTALLED)

system-packages:
	@.ci/system-packages

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(JS_TOOLS): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site editions .pytest_cache
