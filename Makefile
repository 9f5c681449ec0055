# On a fresh clone:  `make handbook` builds the site (and PDF editions) from data/,
#                    `make test` runs the whole test suite.
# Both set themselves up first: Debian packages, a virtual environment in .venv/, packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# axe-core, which the accessibility tests inject into pages, comes from the npm registry.
JS_TOOLS := tests/js/node_modules/.installed

# Every Python package comes from the lock file, with its hash: the same versions on every
# machine and every day. `make lock` refreshes the lock from pyproject.toml.
LOCK := requirements/dev.lock

.PHONY: handbook test test-fast test-later check serve setup system-packages lock clean

handbook: setup
	$(BIN)/handbook build

# The suite runs on every core (pytest-xdist); one file alone: .venv/bin/pytest tests/test_cli.py
test: setup $(JS_TOOLS)
	$(BIN)/pytest --numprocesses auto

# The inner loop: everything but builds, command processes and the browser, on one core
# (starting workers costs more than these tests take). `make test` is still the whole suite.
test-fast: setup
	$(BIN)/pytest -m "not slow and not browser" -p no:xdist

# The suite again with the clock 400 days ahead: a green commit stays green.
test-later: setup $(JS_TOOLS)
	faketime '+400 days' $(BIN)/pytest --numprocesses auto

check: setup
	$(BIN)/handbook check --strict

serve: setup
	$(BIN)/handbook serve

setup: system-packages $(INSTALLED)

system-packages:
	@.ci/system-packages

$(INSTALLED): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Re-resolve every dependency (after changing pyproject.toml, or to take new releases).
# runtime.lock is what an installation of the package alone needs; dev.lock adds the tests'.
lock:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	  --quiet -o requirements/runtime.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --generate-hashes --quiet -o requirements/dev.lock

$(JS_TOOLS): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site editions .pytest_cache
