"""The code location: assembles assets, checks and resources; no logic lives here."""

import dagster as dg

from pilot_pipeline.assets.access import access_assets
from pilot_pipeline.assets.dimensions import dimension_assets
from pilot_pipeline.assets.facts import fact_assets
from pilot_pipeline.assets.lausd import lausd_assets
from pilot_pipeline.assets.raw import raw_assets
from pilot_pipeline.assets.report import report_assets
from pilot_pipeline.assets.roster import roster_assets
from pilot_pipeline.assets.staging import staging_assets
from pilot_pipeline.checks.roster import roster_checks
from pilot_pipeline.checks.schema_drift import schema_drift_checks
from pilot_pipeline.jobs import refresh_jobs
from pilot_pipeline.resources import build_resources
from pilot_pipeline.schedules import schedules
from pilot_pipeline.sensors.lausd_inbox import sensors as lausd_sensors

defs = dg.Definitions(
    assets=[
        *raw_assets,
        *staging_assets,
        *lausd_assets,
        *roster_assets,
        *dimension_assets,
        *fact_assets,
        *report_assets,
        *access_assets,
    ],
    asset_checks=[*roster_checks, *schema_drift_checks],
    sensors=[*lausd_sensors],
    jobs=[*refresh_jobs],
    schedules=[*schedules],
    resources=build_resources(),
)
