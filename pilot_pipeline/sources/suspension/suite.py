"""Suspension: unduplicated students suspended over cumulative enrollment, counts by reason."""

from pilot_pipeline.sources import suspension
from pilot_pipeline.sources.expectations import RateRule
from pilot_pipeline.sources.suite_helpers import reporting_category_suite

RATE = RateRule("suspension_rate", "unduplicated_students_suspended", "cumulative_enrollment")

SUITES = (reporting_category_suite("suspension", suspension.COLUMNS, suspension.COUNTS, RATE),)
