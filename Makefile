# The two commands of the README: `make demo` and `make test`. Each does its own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint format dev serve grant-bi clean reliability bench-quick docs

$(STAMP): pyproject.toml setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/python -m pilot_pipeline_dev.demo

test: install lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check pilot_pipeline pilot_pipeline_dev pilot_pipeline_tests benchmarks
	$(BIN)/ruff format --check pilot_pipeline pilot_pipeline_dev pilot_pipeline_tests benchmarks
	$(BIN)/sqlfluff lint sql
	$(BIN)/lint-imports --no-cache

format: install
	$(BIN)/ruff check --fix pilot_pipeline pilot_pipeline_dev pilot_pipeline_tests benchmarks
	$(BIN)/ruff format pilot_pipeline pilot_pipeline_dev pilot_pipeline_tests benchmarks
	$(BIN)/sqlfluff fix sql

# Demo and dev: the sample mirror and the local instance in $PILOT_DEMO_HOME (default
# ./.dagster_home), never $DAGSTER_HOME (production's instance config stays untouched).
dev: install
	$(BIN)/python -m pilot_pipeline_dev.dev

# Production: dagster-webserver + dagster-daemon on the instance of $DAGSTER_HOME (its
# dagster.yaml is used as it is), the real public hosts, $PILOT_WAREHOUSE_URL.
serve: install
	$(BIN)/python -m pilot_pipeline.serve

# The read-only BI role and its grants on the PostgreSQL warehouse of $PILOT_WAREHOUSE_URL.
grant-bi: install
	$(BIN)/python -m pilot_pipeline.grant_bi

docs: install
	$(BIN)/python -m pilot_pipeline.dictionary docs/data_dictionary.md

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick

clean:
	rm -rf $(VENV) .dagster_home data pilot_warehouse.duckdb*

# The fault and bad-input suite alone; its last line is `N passed, M failed`.
reliability: install
	$(BIN)/python -m pilot_pipeline_tests.reliability
