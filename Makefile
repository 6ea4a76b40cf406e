# The two commands of the README: `make demo` and `make test`. Each does its own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint format dev clean reliability bench-quick docs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python -m pilot_pipeline.demo

test: install lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check pilot_pipeline pilot_pipeline_tests benchmarks
	$(BIN)/ruff format --check pilot_pipeline pilot_pipeline_tests benchmarks
	$(BIN)/sqlfluff lint sql

format: install
	$(BIN)/ruff check --fix pilot_pipeline pilot_pipeline_tests benchmarks
	$(BIN)/ruff format pilot_pipeline pilot_pipeline_tests benchmarks
	$(BIN)/sqlfluff fix sql

dev: install
	DAGSTER_HOME=$${DAGSTER_HOME:-$(CURDIR)/.dagster_home} $(BIN)/python -m pilot_pipeline.dev

docs: install
	$(BIN)/python -m pilot_pipeline.dictionary docs/data_dictionary.md

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) .dagster_home data pilot_warehouse.duckdb*

# The fault and bad-input suite alone; its last line is `N passed, M failed`.
reliability: install
	$(BIN)/python -m pilot_pipeline_tests.reliability
