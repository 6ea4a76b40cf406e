"""LAUSD School Experience Survey: one row per school x respondent group x item."""

from pilot_pipeline.validation.spec import SuiteSpec

from .common import HEAD, measures
from .lausd_early_literacy import LAUSD_TAIL

RESPONDENT_GROUPS = frozenset({"student", "parent", "staff", "teacher"})

SUITES = (
    SuiteSpec(
        source="lausd_survey",
        layout=None,
        columns={
            **HEAD,
            "respondent_group": "text",
            "item_id": "text",
            "item_text": "text",
            **measures("responses", kind="int"),
            **measures("agree_pct", kind="float"),
            **LAUSD_TAIL,
        },
        key=("cds_code", "respondent_group", "item_id"),
        counts=("responses",),
        rates=("agree_pct",),
        code_sets={"respondent_group": RESPONDENT_GROUPS},
    ),
)
