"""Validation: each source's Great Expectations suite (`suites/`), running it on a parsed file
(`runner`, `filecheck`), and its results as Dagster asset checks (`checks`, `completeness`)."""
