"""CAASPP Smarter Balanced research files: tested counts, mean scale score, % per level, and
% above, near and below standard per claim area."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import HEAD, TAIL, measures, student_groups

PERCENTS = ("pct_exceeded", "pct_met", "pct_met_and_above", "pct_nearly_met", "pct_not_met")
AREAS = tuple(f"area{n}_pct_{level}" for n in range(1, 5) for level in ("above", "near", "below"))

SUITES = (
    SuiteSpec(
        source="caaspp",
        layout=None,
        columns={
            **HEAD,
            "student_group_code": "text",
            "grade": "text",
            "test": "text",
            **measures("students_enrolled", "students_tested", kind="int"),
            **measures("mean_scale_score", *PERCENTS, kind="float"),
            **TAIL,
            **measures(*AREAS, kind="float"),
        },
        key=("cds_code", "student_group_code", "grade", "test"),
        counts=("students_enrolled", "students_tested"),
        rates=(*PERCENTS, *AREAS),
        code_sets={
            "student_group_code": student_groups(),
            "grade": frozenset({"03", "04", "05", "06", "07", "08", "11", "all"}),
            "test": frozenset({"ela", "math"}),
        },
        district_sums=("students_enrolled", "students_tested"),
    ),
)
