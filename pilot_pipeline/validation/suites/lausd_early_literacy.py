"""LAUSD early literacy (DIBELS K-2): one row per school x grade; at benchmark <= assessed."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import HEAD, TAIL, measures

COUNTS = ("students_assessed", "at_or_above_benchmark")
# The parser maps K/1/2 (any spelling) to these; another value cannot reach the frame.
GRADES = frozenset({"KN", "01", "02"})
LAUSD_TAIL = {"location_codes": "text", "source_rows": "int", **TAIL}

SUITES = (
    SuiteSpec(
        source="lausd_early_literacy",
        layout=None,
        columns={**HEAD, "grade": "text", **measures(*COUNTS, kind="int"), **LAUSD_TAIL},
        key=("cds_code", "grade"),
        counts=COUNTS,
        code_sets={"grade": GRADES},
        count_totals=(("at_or_above_benchmark", "students_assessed"),),
    ),
)
