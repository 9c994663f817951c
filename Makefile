# Frontlijn developer and CI targets. `make help` lists them; docs/testing.md explains them.

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
FRONTLIJN := $(BIN)/frontlijn
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k login -x"`.
PYTEST_ARGS ?=

# Management commands run from src/frontlijn (makemessages, compilemessages) keep their
# working data in the repository's var/, not next to the sources.
export FRONTLIJN_DATA_DIR ?= $(CURDIR)/var
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.DEFAULT_GOAL := help
.PHONY: help install demo dev serve worker test test-fast test-browser test-night test-nights test-scaleout lint format check check-migrations \
	check-types check-layers check-messages check-schema schema messages bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-17s %s\n", $$1, $$2}'

# The virtualenv is a file target: it is (re)installed only when pyproject.toml changes.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Frontlijn needs Python 3.11 or newer; $(PYTHON) is $$($(PYTHON) --version 2>&1)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# tools/ (benchmarks, load test, classifier seed and evaluation) is not part of the shipped
	@# package; this makes `python -m bench` and `python -m classifier.dev_eval` work in the venv.
	@$(BIN)/python -c 'import sysconfig, pathlib; pathlib.Path(sysconfig.get_path("purelib"), "frontlijn-tools.pth").write_text(str(pathlib.Path("tools").resolve()) + "\n")'
	@touch $@

install: $(STAMP) ## Create .venv and install Frontlijn with its dev tools

# Links that leave the browser (feedback QR codes and invitations, inbox e-mails) point at the
# address `make demo`/`make serve` serves, unless FRONTLIJN_PUBLIC_URL is set.
demo serve: export FRONTLIJN_PUBLIC_URL ?= http://127.0.0.1:$(PORT)

demo: $(STAMP) ## Migrate, load the demo association and serve it on 127.0.0.1:$(PORT)
	$(FRONTLIJN) migrate --noinput
	$(FRONTLIJN) demo
	@$(MAKE) --no-print-directory serve

dev: $(STAMP) ## As `make demo`, with DEBUG on (Django's debug pages) for development
	DEBUG=1 $(MAKE) --no-print-directory demo

worker: $(STAMP) ## Run the background worker with the scheduler (needs TASKS_BACKEND=django_tasks_db.DatabaseBackend)
	$(FRONTLIJN) worker --with-scheduler

serve: $(STAMP) ## Serve the app on 127.0.0.1:$(PORT) (no migrate, no demo data)
	@if $(FRONTLIJN) help serve >/dev/null 2>&1; then \
		exec $(FRONTLIJN) serve --host 127.0.0.1 --port $(PORT); \
	else \
		exec $(FRONTLIJN) runserver 127.0.0.1:$(PORT); \
	fi

# pytest's own summary line is the last thing `make test` prints. Any non-zero exit of
# pytest fails the target, including 5 ("no tests ran").
test: $(STAMP) ## Whole suite (browser tests too when Chromium is installed; CI=true never skips them)
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ -n "$$CI" ] && [ "$$CI" != "false" ] && [ "$$CI" != "0" ]; then \
			echo "CI is set but $(CHROMIUM) is missing: browser tests cannot be skipped in CI."; exit 1; \
		fi; \
		echo "NOTE: $(CHROMIUM) not found: browser tests will be SKIPPED (apt-get install chromium to run them)."; \
	fi
	$(BIN)/pytest -rfEs $(PYTEST_ARGS)

test-fast: $(STAMP) ## Everything except the browser tests
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-browser: $(STAMP) ## Only the browser tests (Playwright + Chromium)
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

# Two production servers behind nginx on PostgreSQL and Redis (tests/scaleout); needs DATABASE_URL on
# PostgreSQL and Debian's nginx, redis-server and openssl. `make test` deselects it.
test-scaleout: $(STAMP) ## Scale-out test: 2 servers + nginx + Redis + 2 workers on PostgreSQL (DATABASE_URL)
	$(BIN)/pytest -m scaleout tests/scaleout -rfEs $(PYTEST_ARGS)
# The instant (UTC) `make test-night` sets the system clock to with libfaketime (Debian package
# faketime): 02:30 in Amsterdam in the hour that happens twice. The other nights date code breaks
# at are in NIGHTS; `make test-nights` runs the suite at each of them.
NIGHT ?= 2026-10-25 00:30:00
NIGHTS := 2026-12-01T23:30:00 2026-07-14T22:30:00 2026-10-25T00:30:00 2026-03-29T01:30:00
test-night: $(STAMP) ## Everything except the browser tests, with the clock at NIGHT (UTC) via libfaketime
	@command -v faketime >/dev/null || { echo "faketime not found: apt-get install faketime"; exit 1; }
	faketime '$(NIGHT) UTC' $(BIN)/python .ci/check_faketime.py '$(NIGHT)'
	faketime '$(NIGHT) UTC' $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test-nights: $(STAMP) ## test-night at each of the four NIGHTS in turn (winter, summer, October, March)
	@for night in $(NIGHTS); do \
		$(MAKE) --no-print-directory test-night NIGHT="$$(echo $$night | tr T ' ')" || exit 1; \
	done

lint: $(STAMP) ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff format and ruff's safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: check-migrations check-messages check-schema check-types check-layers ## Migrations, translations, OpenAPI schema, types and layers

check-migrations: $(STAMP)
	$(FRONTLIJN) check
	$(FRONTLIJN) makemigrations --check --dry-run

# mypy with django-stubs and djangorestframework-stubs over src/frontlijn ([tool.mypy] in
# pyproject.toml). Every suppression is a local `# type: ignore[code]` with its reason; the count
# is printed so that it is seen to grow or shrink.
check-types: $(STAMP)
	$(BIN)/mypy
	@echo "type: ignore suppressions in src/frontlijn: $$(grep -rE --include='*.py' '# type: ?ignore' src/frontlijn | wc -l)"

# The import-layer contract ([tool.importlinter] in pyproject.toml; docs/architecture.md).
check-layers: $(STAMP)
	$(BIN)/lint-imports

check-messages: $(STAMP)
	$(BIN)/python .ci/check_messages.py

check-schema: $(STAMP)
	@if [ -f docs/openapi.yaml ]; then \
		tmp=$$(mktemp -d) && \
		$(FRONTLIJN) spectacular --file $$tmp/openapi.yaml --validate && \
		if diff -u docs/openapi.yaml $$tmp/openapi.yaml; then \
			echo "docs/openapi.yaml is up to date."; rm -rf $$tmp; \
		else \
			echo "docs/openapi.yaml is out of date: run 'make schema' and commit it."; rm -rf $$tmp; exit 1; \
		fi; \
	else \
		echo "docs/openapi.yaml does not exist yet: OpenAPI check not run ('make schema' creates it)."; \
	fi

schema: $(STAMP) ## Regenerate docs/openapi.yaml
	@mkdir -p docs
	$(FRONTLIJN) spectacular --file docs/openapi.yaml --validate

messages: $(STAMP) ## Regenerate the English .po catalog and compile the .mo files
	cd src/frontlijn && $(CURDIR)/$(FRONTLIJN) makemessages -l en --no-obsolete --no-location
	cd src/frontlijn && $(CURDIR)/$(FRONTLIJN) compilemessages

# SIZE=small (default, a few minutes) or SIZE=large (80,000 units; run by hand, best with
# DATABASE_URL on PostgreSQL). Without DATABASE_URL a fresh SQLite file under var/bench/ is used.
SIZE ?= small
bench: $(STAMP) ## Benchmarks with same-run baselines (SIZE=small|large) -> tools/bench/results/results.json, docs/BENCHMARKS.md
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python -m bench all --size $(SIZE)

clean: ## Remove the virtualenv, caches and test output (keeps var/ with your data)
	rm -rf $(VENV) build test-results .ruff_cache .pytest_cache src/*.egg-info
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
