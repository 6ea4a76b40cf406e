"""Chronic absenteeism: count over eligible cumulative enrollment, rate as published."""

from pilot_pipeline.sources import chronic_absenteeism as source
from pilot_pipeline.sources.expectations import RateRule
from pilot_pipeline.sources.suite_helpers import reporting_category_suite

RATE = RateRule(
    "chronic_absenteeism_rate", "chronic_absenteeism_count", "eligible_cumulative_enrollment"
)

SUITES = (reporting_category_suite("chronic_absenteeism", source.COLUMNS, source.COUNTS, RATE),)
