"""LAUSD School Experience Survey: one row per school x respondent group x item."""

from pilot_pipeline.sources import lausd_survey as source
from pilot_pipeline.sources.expectations import SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds

SUITES = (
    SuiteSpec(
        source="lausd_survey",
        columns=column_kinds(source.COLUMNS, ints=("responses",), floats=("agree_pct",)),
        key=("cds_code", "respondent_group", "item_id"),
        counts=("responses",),
        rates=("agree_pct",),
        code_sets={"respondent_group": frozenset(source.RESPONDENT_GROUPS.values())},
    ),
)
