"""LTEL / English-learner counts by school and grade."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import GRADES_1_12, HEAD, TAIL, measures

COUNTS = ("eo", "ifep", "el", "rfep", "tbd", "ltel", "at_risk", "total_enrollment")

SUITES = (
    SuiteSpec(
        source="ltel",
        layout=None,
        columns={**HEAD, "grade": "text", **measures(*COUNTS, kind="int"), **TAIL},
        key=("cds_code", "grade"),
        counts=COUNTS,
        code_sets={"grade": GRADES_1_12 | {"KN", "UE"}},
        district_sums=COUNTS,
    ),
)
