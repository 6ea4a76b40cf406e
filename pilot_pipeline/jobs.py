"""Jobs the schedule, the UI and the CLI launch: what one nightly refresh is made of.

- `reference_refresh`: the unpartitioned inputs (CDE directory, pilot roster, dimensions) and
  the BI role's grants (`meta/bi_access`).
- `yearly_refresh`: one school year of every public source (raw file -> staging -> facts); a
  backfill over several years is a backfill of this job. LAUSD exports arrive through their
  inbox sensor instead.
- `lausd_refresh`: one school year of the LAUSD drops and the facts they feed (what the demo
  runs for them; the inbox sensor selects the same assets).
- `report_refresh`: the report over the whole warehouse.
Every run carries the warehouse-writer tag: dagster.yaml lets one such run go at a time
(DuckDB has a single writer), and the run queue starts them in the order they were requested.
"""

import dagster as dg

from pilot_pipeline.assets.access import access_assets
from pilot_pipeline.assets.change import FORCE_TAG
from pilot_pipeline.assets.dimensions import dimension_assets
from pilot_pipeline.assets.facts import fact_assets
from pilot_pipeline.assets.lausd import lausd_assets
from pilot_pipeline.assets.raw import raw_assets
from pilot_pipeline.assets.report import report_assets
from pilot_pipeline.assets.roster import roster_assets
from pilot_pipeline.assets.staging import staging_assets
from pilot_pipeline.partitions import school_year_partitions
from pilot_pipeline.sources import drop_sources

WAREHOUSE_WRITER_TAG = "pilot_pipeline/warehouse_writer"
WRITER_TAGS = {WAREHOUSE_WRITER_TAG: "true"}
FORCE_REBUILD_TAGS = {FORCE_TAG: "true"}  # add to a launch to rebuild whatever it selects

_PUBLIC = [
    *raw_assets,
    *staging_assets,
    *roster_assets,
    *dimension_assets,
    *fact_assets,
    *access_assets,
]
REFERENCE_KEYS = [key for asset in _PUBLIC if asset.partitions_def is None for key in asset.keys]
REPORT_KEYS = [key for asset in report_assets for key in asset.keys]
YEARLY_KEYS = [key for asset in _PUBLIC if asset.partitions_def is not None for key in asset.keys]


def _writer_job(
    name: str,
    keys: list[dg.AssetKey],
    description: str,
    partitions_def: dg.PartitionsDefinition | None = None,
):  # returns dagster's unresolved job, a type it does not export
    """A job over these assets that holds the warehouse-writer slot while it runs."""
    return dg.define_asset_job(
        name,
        selection=dg.AssetSelection.assets(*keys),
        partitions_def=partitions_def,
        tags=WRITER_TAGS,
        description=description,
    )


reference_refresh = _writer_job(
    "reference_refresh",
    REFERENCE_KEYS,
    "The CDE directory, the pilot roster and crosswalk, the dimensions, BI access.",
)
yearly_refresh = _writer_job(
    "yearly_refresh",
    YEARLY_KEYS,
    "One school year: every public file, its staging table and the facts.",
    school_year_partitions,
)
report_refresh = _writer_job(
    "report_refresh",
    REPORT_KEYS,
    "The pilot report, from the BI views over the whole warehouse.",
)

LAUSD_KEYS = [key for asset in lausd_assets for key in asset.keys]
_LAUSD_FACTS = [
    dg.AssetKey(["warehouse", fact])
    for fact in sorted({load.fact.table for spec in drop_sources() for load in spec.facts})
]
_LAUSD_FACTS = [key for key in _LAUSD_FACTS if key in YEARLY_KEYS]

lausd_refresh = _writer_job(
    "lausd_refresh",
    [*LAUSD_KEYS, *_LAUSD_FACTS],
    "One school year of the LAUSD drops (inbox or configured URL) and their facts.",
    school_year_partitions,
)

refresh_jobs = [reference_refresh, lausd_refresh, yearly_refresh, report_refresh]
JOB_KEYS = {
    "reference_refresh": set(REFERENCE_KEYS),
    # Drops only: the facts they share with public files (fct_enrollment) load once, in the
    # yearly run after them, from every staging table of the year.
    "lausd_refresh": set(LAUSD_KEYS),
    "yearly_refresh": set(YEARLY_KEYS),
    "report_refresh": set(REPORT_KEYS),
}
"""Each job's assets, in the order a whole-pipeline phase runs them (pipeline_run.py)."""
