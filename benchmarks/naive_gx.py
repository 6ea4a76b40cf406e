"""The validation the naive approach runs: one GX suite over the whole raw frame.

What people write first: every column of the file as read by `pandas.read_csv`, an ephemeral
GX context with a whole-dataframe batch, and a suite of plain expectations: the header, the
identifying codes present, the aggregate level known, and every measure cell a number or `*`.
"""

from __future__ import annotations

import os

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")

import great_expectations as gx  # noqa: E402 - after the telemetry switch
from great_expectations.data_context.types.base import (  # noqa: E402
    DataContextConfig,
    InMemoryStoreBackendDefaults,
    ProgressBarsConfig,
)

NUMBER_OR_SUPPRESSED = r"^(\*|-?\d+(\.\d+)?)?$"
IDENTITY = {"AcademicYear", "Academic Year", "AggregateLevel", "Aggregate Level", "CountyCode",
            "County Code", "DistrictCode", "District Code", "SchoolCode", "School Code",
            "CountyName", "County Name", "DistrictName", "District Name", "SchoolName",
            "School Name", "CharterSchool", "CharterYN", "Charter (All/Y/N)", "DASS",
            "ReportingCategory", "Reporting Category", "Filler", "Test Year", "Student Group ID",
            "Test Type", "Grade", "Test ID", "CDSCode"}  # fmt: skip
_context = None


def _batch(frame: pd.DataFrame):  # noqa: ANN202 - a GX Batch
    global _context
    if _context is None:
        _context = gx.get_context(
            mode="ephemeral",
            project_config=DataContextConfig(
                store_backend_defaults=InMemoryStoreBackendDefaults(),
                analytics_enabled=False,
                progress_bars=ProgressBarsConfig(globally=False),
            ),
        )
        asset = _context.data_sources.add_pandas("naive").add_dataframe_asset("frame")
        asset.add_batch_definition_whole_dataframe("whole")
    definition = _context.data_sources.get("naive").get_asset("frame").get_batch_definition("whole")
    return definition.get_batch(batch_parameters={"dataframe": frame})


def suite_for(frame: pd.DataFrame, source: str) -> gx.ExpectationSuite:
    columns = list(frame.columns)
    suite = gx.ExpectationSuite(name=f"naive_{source}")
    suite.add_expectation(gx.expectations.ExpectTableColumnsToMatchOrderedList(column_list=columns))
    for code in ("CDSCode", "CountyCode", "County Code", "DistrictCode", "District Code"):
        if code in columns:
            suite.add_expectation(gx.expectations.ExpectColumnValuesToNotBeNull(column=code))
    for level in ("AggregateLevel", "Aggregate Level"):
        if level in columns:
            suite.add_expectation(
                gx.expectations.ExpectColumnValuesToBeInSet(column=level, value_set=list("TCDS"))
            )
    if source == "cde_school_directory":
        return suite
    for column in (c for c in columns if c not in IDENTITY):
        suite.add_expectation(
            gx.expectations.ExpectColumnValuesToMatchRegex(
                column=column, regex=NUMBER_OR_SUPPRESSED
            )
        )
    return suite


def validate_whole_frame(frame: pd.DataFrame, source: str) -> bool:
    """Validate the whole frame against the naive suite; True when every expectation passes."""
    return bool(_batch(frame).validate(suite_for(frame, source)).success)
