# One entry point for a fresh clone: `make serve` and `make test` set everything up first.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# Playwright must not download browsers here: it drives Debian's Chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
CHROMIUM ?= /usr/bin/chromium
FIREFOX ?= /usr/bin/firefox-esr

.PHONY: setup venv node chromium firefox webkit java build serve check test lint lock bench clean

setup: venv node

# requirements.txt is the lock: every package, indirect ones too, pinned and hashed (`make lock` writes it from
# requirements.in); pip refuses any file whose hash it does not list. pip itself is in the lock. Installed as
# listed (--no-deps: the lock is the whole set, and the older pip a new venv starts with, 23.2, asked a hash the
# lock has when it resolved dependencies), then `pip check` proves every dependency met.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.txt
	$(BIN)/pip check
	$(BIN)/pip install -q --no-build-isolation --no-deps -e .
	touch $@

# After changing a pin in requirements.in: compile the lock again, from the package index alone (this machine's
# pip configuration, local wheel folders, left out), with the hashes of every file of each release.
lock: venv
	env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(BIN)/pip-compile -q --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian's Chromium for the browser tests (root on CI and dev machines; skipped when already there).
chromium:
	@command -v $(CHROMIUM) >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

# Debian's Firefox ESR and WebKitGTK (Safari's engine: its WebDriver, run under Xvfb) for the cross-browser tests
# (tests/browser/test_cross_browser.py), installed the same way.
firefox:
	@command -v $(FIREFOX) >/dev/null || { apt-get update -q && apt-get install -y -q firefox-esr; }

webkit:
	@command -v WebKitWebDriver >/dev/null && command -v xvfb-run >/dev/null || \
		{ apt-get update -q && apt-get install -y -q webkit2gtk-driver xvfb; }

# Debian's Java for the Nu HTML Checker (vnu-jar from npm runs on it).
java:
	@command -v java >/dev/null || { apt-get update -q && apt-get install -y -q default-jre-headless; }

# Both languages into site/: English at its root, Welsh in site/cy/ (English first: it empties site/).
build: setup
	$(BIN)/python -m obc_site.build -d site

# Both languages built for http://127.0.0.1:8000/ and served from site/ as GitHub Pages serves them (/cy/ is the
# Welsh site). To live-edit one language: $(BIN)/mkdocs serve (English) or $(BIN)/mkdocs serve -f mkdocs.cy.yml.
serve: setup
	$(BIN)/python -m obc_site.build -d site --serve 8000

# ruff and mypy for the Python; ESLint (pinned in package.json, eslint.config.mjs) for the browser's own modules.
lint: venv node
	$(BIN)/ruff check src hooks tests bench
	$(BIN)/mypy
	$(BIN)/zizmor --offline --persona=auditor .github/workflows
	node_modules/.bin/eslint docs/assets

# The fast layer: lint, the browser modules' unit tests (Node) and every test that drives no browser.
check: setup
	$(MAKE) lint
	node --test tests/js/
	$(BIN)/pytest -m "not browser"

# All of it: the fast layer, then the browser tests (one site build for them, served on 127.0.0.1).
test: setup chromium firefox webkit java
	$(MAKE) check
	CHROMIUM=$(CHROMIUM) FIREFOX=$(FIREFOX) $(BIN)/pytest -m browser

# `make bench BENCH=lighthouse` runs only the named parts (build scoring merge word browser offline lighthouse;
# profile, cProfile's top lines for re-scoring and merging, only when named).
BENCH ?=
bench: setup chromium
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m bench $(BENCH)

clean:
	rm -rf site $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
