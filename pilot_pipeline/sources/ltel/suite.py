"""LTEL / English-learner counts by school and grade."""

from pilot_pipeline.sources import ltel
from pilot_pipeline.sources.expectations import SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds

SUITES = (
    SuiteSpec(
        source="ltel",
        columns=column_kinds(ltel.COLUMNS, ints=ltel.COUNTS),
        key=("cds_code", "grade"),
        counts=ltel.COUNTS,
        code_sets={"grade": frozenset(ltel.GRADES)},
        district_sums=ltel.COUNTS,
    ),
)
