"""A thin Great Expectations resource: one ephemeral GX context per run, no telemetry.

GX Core is used in its ephemeral mode (in-memory stores, nothing written to disk) with one pandas
data source and one dataframe asset whose names are reused by every validation of the run; each
suite is registered once per context. Usage statistics are switched off twice over: the
`GX_ANALYTICS_ENABLED` environment variable (read by GX at import and context creation) and the
context config flag, so validation makes no network call (tests audit socket connects).
"""

from __future__ import annotations

import os
import threading
from typing import Any

import dagster as dg
import pandas as pd
from pydantic import PrivateAttr

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402 - after the telemetry switch above
from great_expectations.core import ExpectationSuiteValidationResult  # noqa: E402
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)
from great_expectations.validator.v1_validator import (  # noqa: E402
    Validator as SuiteValidator,
)

DATA_SOURCE = "pilot_staging"
ASSET = "staging_frame"
BATCH = "whole_frame"
RESULT_FORMAT: dict[str, Any] = {
    "result_format": "COMPLETE",  # every failing row's index: needed to quarantine exactly those
    "partial_unexpected_count": 20,
    "return_unexpected_index_query": False,
}


def ephemeral_context() -> Any:
    """A GX context with in-memory stores, analytics off and no progress bars."""
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


class GreatExpectationsResource(dg.ConfigurableResource):
    """Validates pandas frames against GX suites; one context per run (per process)."""

    _context: Any = PrivateAttr(default=None)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        self._context = None  # a fresh context for each run

    def _batch_definition(self) -> Any:
        if self._context is None:
            self._context = ephemeral_context()
            asset = self._context.data_sources.add_pandas(DATA_SOURCE).add_dataframe_asset(ASSET)
            asset.add_batch_definition_whole_dataframe(BATCH)
        source = self._context.data_sources.get(DATA_SOURCE)
        return source.get_asset(ASSET).get_batch_definition(BATCH)

    def validate(
        self,
        frame: pd.DataFrame,
        suite: gx.ExpectationSuite,
        parameters: dict[str, Any] | None = None,
    ) -> ExpectationSuiteValidationResult:
        """Validate `frame` against `suite` (registered on first use) with `$PARAMETER` values."""
        with self._lock:  # GX contexts are not documented as thread-safe
            batch_definition = self._batch_definition()
            try:
                registered = self._context.suites.get(suite.name)
            except Exception:  # GX raises its own not-found error types across versions
                registered = self._context.suites.add(suite)
            # GX's own validator over the batch definition: `get_batch(...).validate(...)` builds
            # the batch twice, fingerprinting the whole frame each time (~1 s per million rows).
            validator = SuiteValidator(
                batch_definition=batch_definition,
                batch_parameters={"dataframe": frame},
                result_format=RESULT_FORMAT,
            )
            return validator.validate_expectation_suite(
                registered, expectation_parameters=parameters or {}
            )
