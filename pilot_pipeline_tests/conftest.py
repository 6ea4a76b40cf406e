"""Shared fixtures live in pilot_pipeline_tests/fixtures/, one module per concern."""

from pilot_pipeline_dev import use_sample_inbox

# The tests' LAUSD drops are the sample inbox's (a test that needs another sets its own).
use_sample_inbox()

pytest_plugins = [
    "pilot_pipeline_tests.fixtures.mirror",
    "pilot_pipeline_tests.fixtures.warehouse",
]
