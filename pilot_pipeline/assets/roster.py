"""The pilot roster and its reviewed crosswalk to CDS codes, staged from reviewed data files.

Roster names are informal ("@ RFK", "(SPAN)") and campuses hold look-alike schools, so the
mapping to CDS codes is reviewed by a person and committed as data
(`pilot_pipeline/data/pilot_roster_crosswalk.csv`, regenerated with
`python -m pilot_pipeline.roster.suggest`); the blocking check in `checks/roster.py` refuses a
crosswalk that leaves an entry unresolved, ambiguous, closed or outside LAUSD.
"""

from collections.abc import Iterator

import dagster as dg
import pandas as pd

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource

from .change import observe, unchanged_source_reason
from .gate import current_version
from .metadata import OWNERS, table_metadata
from .reviewed import file_sha256

KINDS = {"csv", warehouse_kind()}
# `left` rows record a school leaving pilot status in that roster year; it is not a pilot then.
PILOT_STATUSES = frozenset({"pilot", "left"})


def read_reviewed_csv(path: str) -> tuple[pd.DataFrame, str]:
    """A reviewed CSV as text columns, with the sha256 of its bytes."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = frame.apply(lambda col: col.str.strip().replace("", pd.NA))
    return frame, file_sha256(path)


def load_roster(path: str) -> tuple[pd.DataFrame, str]:
    """The roster file as the staging frame."""
    raw, sha = read_reviewed_csv(path)
    required = {"school_year", "local_district", "board_district", "school_name_as_published"}
    missing = required - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    frame = pd.DataFrame(
        {
            "school_year": raw["school_year"].map(spring_year).astype("int64"),
            "school_year_label": raw["school_year"],
            "local_district": raw["local_district"],
            "board_district": raw["board_district"],
            "school_name_as_published": raw["school_name_as_published"],
            "roster_source": raw.get("roster_source", pd.Series(pd.NA, index=raw.index)),
            "pilot_status": raw.get("pilot_status", pd.Series("pilot", index=raw.index)).fillna(
                "pilot"
            ),
            "source_file_sha256": sha,
        }
    )
    unknown = ~frame["pilot_status"].isin(PILOT_STATUSES)
    if unknown.any():
        line = int(frame.index[unknown][0]) + 2
        raise ValueError(
            f"{path}: line {line}: pilot_status {frame.loc[unknown, 'pilot_status'].iloc[0]!r} "
            f"is not one of {sorted(PILOT_STATUSES)}"
        )
    return frame, sha


def load_crosswalk(path: str) -> tuple[pd.DataFrame, str]:
    """The reviewed crosswalk file as the staging frame."""
    raw, sha = read_reviewed_csv(path)
    columns = [
        "school_name_as_published",
        "cds_code",
        "directory_school_name",
        "match_score",
        "evidence",
        "review_note",
    ]
    missing = ({"school_year", *columns[:2]}) - set(raw.columns)
    if missing:
        raise ValueError(f"{path}: missing columns {sorted(missing)}")
    frame = pd.DataFrame(
        {
            "school_year": raw["school_year"].map(spring_year).astype("int64"),
            "school_year_label": raw["school_year"],
            **{c: raw.get(c, pd.Series(pd.NA, index=raw.index)) for c in columns},
            "source_file_sha256": sha,
        }
    )
    frame["match_score"] = pd.to_numeric(frame["match_score"], errors="coerce")
    return frame, sha


def _unchanged(
    context: dg.AssetExecutionContext,
    sha: str,
    downloader: SourceDownloader,
    settings: PipelineSettings,
) -> bool:
    """True (and said in the event log) when this file version is already built downstream."""
    reason = unchanged_source_reason(
        context, sha, lambda key: current_version(downloader, key, None, settings)
    )
    if reason is not None:
        observe(context, f"unchanged ({sha[:16]}): {reason}")
    return reason is not None


@dg.asset(
    key=["staging", "stg_pilot_roster"],
    group_name="staging",
    kinds=KINDS,
    owners=OWNERS,
    output_required=False,
    description=(
        "LAUSD pilot schools by school year, names as published, with local and board "
        "district. Grain: one row per roster entry per school year."
    ),
)
def stg_pilot_roster(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    settings: PipelineSettings,
    downloader: SourceDownloader,
) -> Iterator[dg.MaterializeResult]:
    frame, sha = load_roster(settings.roster_path)
    if _unchanged(context, sha, downloader, settings):
        return
    table = "staging.stg_pilot_roster"
    warehouse.replace_table(table, frame)
    yield dg.MaterializeResult(
        metadata={
            **table_metadata(warehouse, table, frame),
            "school_years": dg.MetadataValue.text(
                ", ".join(sorted(frame["school_year_label"].unique()))
            ),
        },
        data_version=dg.DataVersion(sha),
    )


@dg.asset(
    key=["staging", "stg_pilot_roster_crosswalk"],
    deps=[stg_pilot_roster],
    group_name="staging",
    kinds=KINDS,
    owners=OWNERS,
    output_required=False,
    description=(
        "Each roster entry resolved to exactly one CDS code, reviewed, with the directory "
        "evidence per match. Grain: one row per roster entry per school year."
    ),
)
def stg_pilot_roster_crosswalk(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    settings: PipelineSettings,
    downloader: SourceDownloader,
) -> Iterator[dg.MaterializeResult]:
    frame, sha = load_crosswalk(settings.crosswalk_path)
    if _unchanged(context, sha, downloader, settings):
        return
    table = "staging.stg_pilot_roster_crosswalk"
    warehouse.replace_table(table, frame)
    yield dg.MaterializeResult(
        metadata=table_metadata(warehouse, table, frame), data_version=dg.DataVersion(sha)
    )


roster_assets = [stg_pilot_roster, stg_pilot_roster_crosswalk]
