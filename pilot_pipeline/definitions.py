"""The code location: assembles assets, checks and resources; no logic lives here."""

import dagster as dg

from pilot_pipeline.assets.dimensions import dimension_assets
from pilot_pipeline.assets.facts import fact_assets
from pilot_pipeline.assets.raw import raw_assets
from pilot_pipeline.assets.report import report_assets
from pilot_pipeline.assets.roster import roster_assets
from pilot_pipeline.assets.staging import staging_assets
from pilot_pipeline.checks.roster import roster_checks
from pilot_pipeline.resources import build_resources

defs = dg.Definitions(
    assets=[
        *raw_assets,
        *staging_assets,
        *roster_assets,
        *dimension_assets,
        *fact_assets,
        *report_assets,
    ],
    asset_checks=[*roster_checks],
    resources=build_resources(),
)
