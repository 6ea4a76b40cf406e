"""FRPM: one row per school; percents are stored 0-100 and equal count / enrollment."""

from pilot_pipeline.sources import frpm
from pilot_pipeline.sources.expectations import RateRule, SuiteSpec
from pilot_pipeline.sources.suite_helpers import column_kinds

# Percent -> (count, enrollment), for K-12 and for ages 5-17.
RATES = {
    f"percent_eligible_{what}_{ages}": (f"{count}_{ages}", f"enrollment_{ages}")
    for ages in ("k12", "ages_5_17")
    for what, count in (("free", "free_meal_count"), ("frpm", "frpm_count"))
}
# CDE's NSLP provision values (every one seen in the real 2019-20 workbook); a new one is
# reported (WARN), not quarantined.
NSLP_STATUSES = frozenset(
    {"CEP", "Provision 1", "Provision 2", "Provision 3", "Lunch Provision 2",
     "Breakfast Provision 2", "Not Participating"}
)  # fmt: skip

SUITES = (
    SuiteSpec(
        source="frpm",
        columns=column_kinds(
            frpm.COLUMNS, ints=frpm.COUNTS, floats=frpm.PERCENTS, bools=("is_charter",)
        ),
        key=("cds_code",),
        counts=frpm.COUNTS,
        rates=frpm.PERCENTS,
        rate_rules=tuple(RateRule(r, *RATES[r]) for r in frpm.PERCENTS),
        warn_code_sets={"nslp_provision_status": NSLP_STATUSES},
    ),
)
