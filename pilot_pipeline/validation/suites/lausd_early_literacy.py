"""LAUSD early literacy (DIBELS K-2): one row per school x grade; at benchmark <= assessed."""

from pilot_pipeline.sources import lausd_early_literacy as source
from pilot_pipeline.validation.spec import SuiteSpec

from .common import column_kinds

COUNTS = tuple(source.MEASURES.values())

SUITES = (
    SuiteSpec(
        source="lausd_early_literacy",
        layout=None,
        columns=column_kinds(source.COLUMNS, ints=COUNTS),
        key=("cds_code", "grade"),
        counts=COUNTS,
        # The parser maps K/1/2 (any spelling) to these; another value cannot reach the frame.
        code_sets={"grade": frozenset(source.GRADES.values())},
        count_totals=(("at_or_above_benchmark", "students_assessed"),),
    ),
)
