"""CAASPP Smarter Balanced research files: tested counts, mean scale score, % per level, and
% above, near and below standard per claim area."""

from pilot_pipeline.sources import caaspp
from pilot_pipeline.sources.expectations import SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds, student_groups

COUNTS = ("students_enrolled", "students_tested")
PERCENTS = ("pct_exceeded", "pct_met", "pct_met_and_above", "pct_nearly_met", "pct_not_met")
AREAS = tuple(caaspp.AREA_MEASURES.values())

SUITES = (
    SuiteSpec(
        source="caaspp",
        columns=column_kinds(
            caaspp.COLUMNS, ints=COUNTS, floats=("mean_scale_score", *PERCENTS, *AREAS)
        ),
        key=("cds_code", "student_group_code", "grade", "test"),
        counts=COUNTS,
        rates=(*PERCENTS, *AREAS),
        code_sets={
            "student_group_code": student_groups(),
            "grade": frozenset(caaspp.GRADES.values()),
            "test": frozenset(caaspp.TESTS.values()),
        },
        district_sums=COUNTS,
    ),
)
