# PartnerDesk developer commands. The README's two set-up commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed

.PHONY: run test typecheck deps system-deps i18n i18n-update i18n-check lint bench app install-desktop clean demo screenshots deb icons

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test,build]"
	touch $(STAMP)

deps: $(STAMP)

system-deps:
	bash .ci/install-system-deps

i18n: deps
	$(PY) tools/i18n.py compile

i18n-update: deps
	$(PY) tools/i18n.py update

i18n-check: deps
	$(PY) tools/i18n.py check

run: system-deps i18n
	$(PY) -m partnerdesk $(ARGS)

screenshots: i18n
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py --tour $(LANGS)

demo: i18n
	$(PY) -m partnerdesk demo --db $(or $(DB),demo.pdk)

lint: deps
	$(VENV)/bin/ruff check partnerdesk tests tools bench
	$(VENV)/bin/lint-imports

test: system-deps i18n typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

# mypy, configured in pyproject.toml ([tool.mypy]): strict on the core, checked on ui/ and cli/
typecheck: deps
	$(VENV)/bin/mypy

BENCHES ?= startup today kanban contacts calendar ics_ui packets packets_ui payments performance team

bench: i18n
	@for b in $(BENCHES); do echo "== bench/$$b.py"; QT_QPA_PLATFORM=offscreen $(PY) bench/$$b.py || exit 1; done

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache
	find i18n -name '*.mo' -delete

# --- packaging (issue 7; see docs/packaging.md) -------------------------------------------------------------
app: i18n
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN partnerdesk.spec
	@du -sh dist/PartnerDesk

install-desktop:
	@test -x dist/PartnerDesk/PartnerDesk || $(MAKE) app
	bash packaging/install-desktop

bench-frozen: app
	$(PY) bench/startup_frozen.py

# Debian package from the one-folder build (issue 21; packaging/build_deb.py, docs/packaging.md)
deb:
	@test -x dist/PartnerDesk/PartnerDesk || $(MAKE) app
	$(PY) packaging/build_deb.py

# Windows .ico and macOS .icns from the committed PNGs (the spec does this itself; for a look at them)
icons: deps
	$(PY) packaging/make_icons.py --platform build/icons
# --- end packaging -------------------------------------------------------------------------------------------
