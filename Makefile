# The two commands a newcomer needs: `make lab` and `make test`.
# Both create the project virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
TEST_READY := $(VENV)/.test-ready
SITE_READY := $(VENV)/.site-ready

.PHONY: lab font-check test lint unit notebooks browser browser-stress bench student site clean

# `make lab LANG_EDITION=zh-CN` opens the Simplified Chinese edition (notebooks/zh-CN/),
# with JupyterLab's own menus in Chinese (jupyterlab-language-pack-zh-cn).
LANG_EDITION ?= en
LAB_FIRST := $(if $(filter zh-CN,$(LANG_EDITION)),zh-CN/,)01_linear_collapse.ipynb
LAB_SETTINGS := $(VENV)/lab-settings-$(LANG_EDITION)

lab: $(READY) font-check  ## open the course in JupyterLab (LANG_EDITION=zh-CN: 简体中文)
	mkdir -p $(LAB_SETTINGS)/@jupyterlab/translation-extension
	echo '{"locale": "$(if $(filter zh-CN,$(LANG_EDITION)),zh_CN,en)"}' > $(LAB_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings
	JUPYTERLAB_SETTINGS_DIR=$(abspath $(LAB_SETTINGS)) $(BIN)/jupyter lab --notebook-dir=notebooks --LabApp.default_url=/lab/tree/$(LAB_FIRST) $(if $(filter 0,$(shell id -u)),--allow-root)

font-check: $(READY)  ## the Chinese edition's CJK font (Debian fonts-wqy-microhei) is installed
	$(BIN)/python -m tools.check_font $(LANG_EDITION)

test: lint unit notebooks browser  ## every test: lint, unit tests, nbval, JupyterLab in Chromium

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(TEST_READY)
	$(BIN)/python -m pytest tests --ignore=tests/browser -n auto  # pytest-xdist: every core

notebooks: $(READY)
	$(BIN)/python -m pytest --nbval-lax notebooks/

browser: $(TEST_READY) $(SITE_READY)  ## every notebook in JupyterLab + headless Chromium (/usr/bin/chromium)
	$(BIN)/python -m pytest tests/browser --durations=0

RUNS ?= 5
browser-stress: $(TEST_READY) $(SITE_READY)  ## the browser suite RUNS times (default 5); reports every failure
	@failed=0; for i in $$(seq 1 $(RUNS)); do \
	  echo "== browser run $$i of $(RUNS) =="; \
	  $(BIN)/python -m pytest tests/browser -q -p no:cacheprovider || { failed=$$((failed + 1)); echo "== run $$i FAILED =="; }; \
	done; echo "== $$failed of $(RUNS) browser runs failed =="; test $$failed -eq 0

bench: $(TEST_READY) $(SITE_READY)  ## timings: writes benchmarks/results.json and prints a table
	$(BIN)/python -m benchmarks

student: $(READY)  ## the student edition: build/student/*.ipynb without the solution cells
	$(BIN)/python -m tools.student_edition notebooks build/student

site: $(SITE_READY)  ## execute the notebooks, build the course site into build/site/ (Jupyter Book 1)
	$(BIN)/python -m book

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $(READY)

$(TEST_READY): $(READY) requirements-test.txt  # test-only tools, not part of the Binder image
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(TEST_READY)

$(SITE_READY): $(READY) requirements-site.txt  # site-building tools (make site, the site test)
	$(BIN)/python -m pip install --quiet -r requirements-site.txt
	touch $(SITE_READY)

clean:
	rm -rf $(VENV)
