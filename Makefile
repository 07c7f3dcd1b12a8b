# The two commands a newcomer needs: `make lab` and `make test`.
# Both create the project virtual environment in .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: lab test lint unit notebooks bench clean

lab: $(READY)  ## open the course in JupyterLab
	$(BIN)/jupyter lab --notebook-dir=notebooks

test: lint unit notebooks  ## every test: lint, unit tests, nbval on every notebook

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(READY)
	$(BIN)/python -m pytest tests

notebooks: $(READY)
	$(BIN)/python -m pytest --nbval-lax notebooks/

bench: $(READY)  ## timings: writes benchmarks/results.json and prints a table
	$(BIN)/python -m benchmarks

$(READY): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -e .
	touch $(READY)

clean:
	rm -rf $(VENV)
