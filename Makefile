# The front door: `make report` and `make test` set everything up from python3 alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup report test lint bench lab clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3" "setuptools==84.2.1" "wheel==0.48.0"  # build tools pinned too
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name danvan --display-name "danvan (project)" >/dev/null
	touch $@

report: $(STAMP)
	$(BIN)/danvan build --corpus seeds --out report

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check danvan tests bench notebooks
	$(BIN)/ruff format --check danvan tests bench notebooks

# Jupyter on the project's environment; the notebooks run on its kernel, "danvan (project)".
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) build .pytest_cache
