"""Shared fixtures live in pilot_pipeline_tests/fixtures/, one module per concern."""

pytest_plugins = [
    "pilot_pipeline_tests.fixtures.mirror",
    "pilot_pipeline_tests.fixtures.warehouse",
]
