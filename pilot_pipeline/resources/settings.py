"""Pipeline-wide settings that are not connections."""

from __future__ import annotations

from typing import Literal

import dagster as dg
from pydantic import Field

from pilot_pipeline import DATA_DIR


class PipelineSettings(dg.ConfigurableResource):
    """Scope and the reviewed roster files.

    Scope is one switch: statewide runs the same code path as LAUSD, with no filter.
    """

    scope: Literal["lausd", "statewide"] = Field(
        default="lausd", description="Keep LAUSD schools only, or every school in the state."
    )
    roster_path: str = Field(
        default=str(DATA_DIR / "pilot_roster.csv"),
        description="Pilot roster by school year (names as published).",
    )
    crosswalk_path: str = Field(
        default=str(DATA_DIR / "pilot_roster_crosswalk.csv"),
        description="Reviewed roster entry -> CDS code crosswalk.",
    )
