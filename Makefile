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
# machine and every day. requirements/install puts a pinned installer in first, so the pip
# that Python brought (whatever its age) never reads the lock. `make lock` refreshes the
# locks from pyproject.toml and requirements/installer.in.
LOCK := requirements/dev.lock
INSTALLER_LOCK := requirements/installer.lock
UV := $(BIN)/uv
# A handbook that `handbook init` makes installs the same way, from copies of these.
STARTER_REQUIREMENTS := generator/authoring/starter/requirements

.PHONY: handbook test test-fast test-later check serve setup system-packages lock clean

handbook: setup
	$(BIN)/handbook build

# The suite runs on every core (pytest-xdist); one file alone: .venv/bin/pytest tests/test_cli.py
# PYTEST_ARGS narrows a run: make test PYTEST_ARGS="-m sample"
test: setup $(JS_TOOLS)
	$(BIN)/pytest --numprocesses auto $(PYTEST_ARGS)

# The inner loop: everything but builds, command processes and the browser, on one core
# (starting workers costs more than these tests take). Tests get those marks from the
# fixtures they use (tests/conftest.py). `make test` is still the whole suite.
# Compiled modules are kept between runs even where the shell says not to write them.
test-fast: setup
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -m "not slow and not browser" -p no:xdist $(PYTEST_ARGS)

# The suite again with the clock 400 days ahead: a green commit stays green.
test-later: setup $(JS_TOOLS)
	faketime '+400 days' $(BIN)/pytest --numprocesses auto $(PYTEST_ARGS)

check: setup
	$(BIN)/handbook check --strict

serve: setup
	$(BIN)/handbook serve

setup: system-packages $(INSTALLED)

system-packages:
	@.ci/system-packages

$(INSTALLED): pyproject.toml $(LOCK) $(INSTALLER_LOCK) requirements/install
	PYTHON=$(PYTHON) requirements/install $(VENV) $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $@

# Re-resolve every dependency (after changing pyproject.toml, or to take new releases).
# runtime.lock is what an installation of the package alone needs; dev.lock adds the tests'.
# To move to a newer installer, change its pin in requirements/installer.in first.
lock: $(INSTALLED)
	$(UV) pip compile requirements/installer.in --universal --python-version 3.11 \
	  --generate-hashes --quiet -o $(INSTALLER_LOCK)
	$(UV) pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes \
	  --quiet -o requirements/runtime.lock
	$(UV) pip compile pyproject.toml --extra test --universal --python-version 3.11 \
	  --generate-hashes --quiet -o requirements/dev.lock
	cp requirements/install $(INSTALLER_LOCK) requirements/runtime.lock $(STARTER_REQUIREMENTS)/

$(JS_TOOLS): tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf site editions .pytest_cache
