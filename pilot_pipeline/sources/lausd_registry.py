"""The LAUSD file families, each a `SourceSpec` like the CDE sources, plus the file prefix that
names its drops (`early_literacy_2021-22.csv`)."""

from __future__ import annotations

from . import lausd_early_literacy, lausd_norm_day, lausd_survey
from .base import SourceSpec

# Drop file-name prefix -> source name (the asset keys are raw/<source>, staging/stg_<source>).
FILE_PREFIXES: dict[str, str] = {
    "early_literacy": "lausd_early_literacy",
    "ses": "lausd_survey",
    "norm_day": "lausd_norm_day",
}
# Source -> the warehouse fact its rows feed (the sensor's run selection).
FACT_OF: dict[str, str] = {
    "lausd_early_literacy": "fct_early_literacy",
    "lausd_survey": "fct_survey_response",
    "lausd_norm_day": "fct_enrollment",
}


def lausd_sources() -> tuple[SourceSpec, ...]:
    """The SourceSpec of every LAUSD file family, in a stable order."""
    return (lausd_early_literacy.SOURCE, lausd_survey.SOURCE, lausd_norm_day.SOURCE)


def lausd_source(name: str) -> SourceSpec:
    """One LAUSD source by name; KeyError names the known ones."""
    for spec in lausd_sources():
        if spec.name == name:
            return spec
    raise KeyError(f"unknown LAUSD source {name!r}; known: {[s.name for s in lausd_sources()]}")
