"""LAUSD early literacy (DIBELS K-2): one row per school x grade; at benchmark <= assessed."""

from pilot_pipeline.sources import lausd_early_literacy as source
from pilot_pipeline.sources.suite_helpers import counts_suite

COUNTS = tuple(source.MEASURES.values())

SUITES = (
    counts_suite(
        "lausd_early_literacy", source.COLUMNS, ("cds_code", "grade"), COUNTS,
        # The parser maps K/1/2 (any spelling) to these; another value cannot reach the frame.
        code_sets={"grade": frozenset(source.GRADES.values())},
        count_totals=(("at_or_above_benchmark", "students_assessed"),),
    ),
)  # fmt: skip
