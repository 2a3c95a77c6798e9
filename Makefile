# Lantu: `make demo` sets up and serves the Changji demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LANTU := $(BIN)/lantu
PORT := $(or $(LANTU_PORT),8000)
APT_GET := $(if $(filter 0,$(shell id -u)),apt-get,sudo apt-get)
# Hypothesis profile of the test runs (tests/conftest.py): "ci" never fails on slow example generation.
export HYPOTHESIS_PROFILE ?= ci

.PHONY: setup fonts bundle demo serve test test-sqlite test-postgres test-browser system-test-deps check mypy-baseline lint format clean

# Swagger UI for /api/v1/docs, from the npm registry (swagger-ui-dist), served from static/vendor.
SWAGGER_UI := $(addprefix static/vendor/swagger-ui/,swagger-ui-bundle.js swagger-ui-bundle.js.map swagger-ui.css swagger-ui.css.map)

# Translation catalogues: the project's and any app's own (lantu/<app>/locale/...).
PO_FILES := $(shell find locale lantu -name '*.po' -path '*LC_MESSAGES*' 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

## setup: install Python and front-end dependencies, compile translations (idempotent)
setup: $(VENV)/.installed static/vendor/echarts.min.js $(SWAGGER_UI) $(MO_FILES) var/secret_key fonts

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

frontend/node_modules/echarts/dist/echarts.min.js: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/echarts.min.js: frontend/node_modules/echarts/dist/echarts.min.js
	mkdir -p static/vendor
	cp $< $@

static/vendor/swagger-ui/%: frontend/node_modules/echarts/dist/echarts.min.js
	mkdir -p static/vendor/swagger-ui
	cp frontend/node_modules/swagger-ui-dist/$* $@

%.mo: %.po
	command -v msgfmt >/dev/null || ($(APT_GET) update -qq && $(APT_GET) install -y -qq gettext)
	msgfmt --check -o $@ $<

var/secret_key:
	mkdir -p var/static
	umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## demo: set up, migrate SQLite, load the Changji demo and serve it
demo: setup
	LANTU_DEMO=1 $(LANTU) migrate --no-input
	LANTU_DEMO=1 $(LANTU) load_demo
	@echo
	@echo "Lantu demo: http://127.0.0.1:$(PORT)/   logins (demo only, password lantu-demo):"
	@echo "  admin (管理员) · planner (州发改委) · industry (州工信局) · mulei (木垒县) · leader (领导, 只读)"
	@echo "  三员: sysadmin (系统管理员) · secadmin (安全管理员) · auditor (审计管理员)"
	@echo
	@# the job worker (reports, large imports and allocations, scheduled work) runs beside the server
	LANTU_DEMO=1 $(LANTU) worker --verbosity 0 & worker=$$!; trap "kill $$worker" EXIT; \
	LANTU_DEMO=1 $(LANTU) runserver --insecure 127.0.0.1:$(PORT)

## serve: set up, migrate and run the production server (gunicorn: LANTU_PORT, LANTU_WORKERS, LANTU_THREADS)
serve: setup
	$(LANTU) migrate --no-input
	LANTU_PORT=$(PORT) $(LANTU) serve

## fonts: a CJK font for the charts in Word reports (fonts-noto-cjk where apt-get can), matplotlib's cache
## rebuilt when it does not list one yet; the report page warns when there is none.
fonts: $(VENV)/.installed
	@fc-list 2>/dev/null | grep -qi "CJK" || { \
	  echo "No CJK font: installing fonts-noto-cjk"; \
	  ($(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends fonts-noto-cjk) \
	  || echo "WARNING: no CJK font could be installed: install fonts-noto-cjk, or charts in Word reports are refused"; }
	@$(BIN)/python -c "from matplotlib import font_manager as fm; \
	names = {f.name for f in fm.fontManager.ttflist}; \
	any('CJK' in n for n in names) or fm._load_fontmanager(try_read_cache=False)"

## bundle: the offline install archive dist/lantu-bundle.tar.gz (wheels cached in var/bundle-wheels)
bundle: setup
	$(BIN)/python scripts/bundle.py --output dist/lantu-bundle.tar.gz


## system-test-deps: Debian's Chromium, CJK fonts, PostgreSQL, LibreOffice and poppler when missing
system-test-deps:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	(command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1) || missing="$$missing postgresql"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq --no-install-recommends $$missing; \
	fi

## test: every test, on SQLite, on a throwaway PostgreSQL, and in Chromium
test: setup system-test-deps test-sqlite test-postgres test-browser

test-sqlite: setup
	$(BIN)/pytest -n 2 -m "not browser" -q

test-postgres: setup
	$(BIN)/python scripts/with_postgres.py $(BIN)/pytest -n 2 -m "not browser" -q --database-tests-only

test-browser: setup
	$(BIN)/pytest -n 2 -m browser -q

## check: lint, format, types (mypy against mypy-baseline.txt), import contracts, no missing migration
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/mypy_baseline.py
	$(BIN)/lint-imports
	$(LANTU) makemigrations --check --dry-run

## mypy-baseline: rewrite mypy-baseline.txt from the current mypy errors (after fixing some)
mypy-baseline: setup
	$(BIN)/python scripts/mypy_baseline.py --update

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) frontend/node_modules static/vendor var/static
