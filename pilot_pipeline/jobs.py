"""Jobs the schedule, the UI and the CLI launch: what one nightly refresh is made of.

- `reference_refresh`: the unpartitioned inputs (CDE directory, pilot roster, dimensions).
- `yearly_refresh`: one school year of every public source (raw file -> staging -> facts); a
  backfill over several years is a backfill of this job. LAUSD exports arrive through their
  inbox sensor instead.
- `report_refresh`: the report over the whole warehouse.
Every run carries the warehouse-writer tag: dagster.yaml lets one such run go at a time
(DuckDB has a single writer), and the run queue starts them in the order they were requested.
"""

import dagster as dg

from pilot_pipeline.assets.change import FORCE_TAG
from pilot_pipeline.assets.dimensions import dimension_assets
from pilot_pipeline.assets.facts import fact_assets
from pilot_pipeline.assets.raw import raw_assets
from pilot_pipeline.assets.report import report_assets
from pilot_pipeline.assets.roster import roster_assets
from pilot_pipeline.assets.staging import staging_assets
from pilot_pipeline.partitions import school_year_partitions

WAREHOUSE_WRITER_TAG = "pilot_pipeline/warehouse_writer"
WRITER_TAGS = {WAREHOUSE_WRITER_TAG: "true"}
FORCE_REBUILD_TAGS = {FORCE_TAG: "true"}  # add to a launch to rebuild whatever it selects

_PUBLIC = [*raw_assets, *staging_assets, *roster_assets, *dimension_assets, *fact_assets]
REFERENCE_KEYS = [key for asset in _PUBLIC if asset.partitions_def is None for key in asset.keys]
REPORT_KEYS = [key for asset in report_assets for key in asset.keys]
YEARLY_KEYS = [key for asset in _PUBLIC if asset.partitions_def is not None for key in asset.keys]

reference_refresh = dg.define_asset_job(
    "reference_refresh",
    selection=dg.AssetSelection.assets(*REFERENCE_KEYS),
    tags=WRITER_TAGS,
    description="The CDE directory, the pilot roster and crosswalk, and the dimensions.",
)

yearly_refresh = dg.define_asset_job(
    "yearly_refresh",
    selection=dg.AssetSelection.assets(*YEARLY_KEYS),
    partitions_def=school_year_partitions,
    tags=WRITER_TAGS,
    description="One school year: every public file, its staging table and the facts.",
)

report_refresh = dg.define_asset_job(
    "report_refresh",
    selection=dg.AssetSelection.assets(*REPORT_KEYS),
    tags=WRITER_TAGS,
    description="The pilot report, from the BI views over the whole warehouse.",
)

refresh_jobs = [reference_refresh, yearly_refresh, report_refresh]
