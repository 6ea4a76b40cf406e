"""Warehouse dimensions: schools, school years, student groups.

Surrogate keys are stable: a code keeps the key it was first given (read back from the table
before each load), new codes get the next free numbers, and -1 is the unknown member that
facts use when a code is missing. A rerun therefore writes identical rows.
"""

import datetime as dt

import dagster as dg
import pandas as pd

from pilot_pipeline.partitions import SCHOOL_YEARS, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.school_level import school_levels
from pilot_pipeline.sources.student_groups import canonical_groups, source_codes

from .change import WAREHOUSE_ASSET, content_version, skip_when_up_to_date
from .metadata import OWNERS, table_metadata
from .staging import stg_cde_school_directory

KINDS = {"sql", warehouse_kind()}
UNKNOWN_KEY = -1


def stable_keys(existing: pd.DataFrame, codes: pd.Series, code: str, key: str) -> pd.Series:
    """Keys for `codes`: the existing key where a code had one, else the next free numbers."""
    known = dict(zip(existing[code], existing[key], strict=True)) if not existing.empty else {}
    known.pop(None, None)
    next_key = max([k for k in known.values() if k is not None and k > 0], default=0) + 1
    keys = []
    for value in codes:
        if value not in known:
            known[value] = next_key
            next_key += 1
        keys.append(known[value])
    return pd.Series(keys, index=codes.index, dtype="int64")


def _existing(warehouse: WarehouseResource, table: str, code: str, key: str) -> pd.DataFrame:
    return warehouse.read_frame(
        f"SELECT {code}, {key} FROM {table} WHERE {key} <> -1"  # noqa: S608 - constant names
    )


@dg.asset(
    **WAREHOUSE_ASSET,
    key=["warehouse", "dim_school"],
    deps=[stg_cde_school_directory],
    group_name="warehouse",
    kinds=KINDS,
    owners=OWNERS,
    description=(
        "Schools from the CDE directory with `school_level` (rule in pilot_pipeline/"
        "school_level.py). Grain: one row per CDS code, plus the unknown member -1."
    ),
)
@skip_when_up_to_date
def dim_school(warehouse: WarehouseResource) -> dg.MaterializeResult:
    staged = warehouse.read_frame(
        "SELECT * FROM staging.stg_cde_school_directory "
        "WHERE school_name IS NOT NULL ORDER BY cds_code"
    )
    staged["school_level"] = school_levels(staged)
    existing = _existing(warehouse, "warehouse.dim_school", "cds_code", "school_key")
    staged["school_key"] = stable_keys(existing, staged["cds_code"], "cds_code", "school_key")
    columns = [
        "school_key", "cds_code", "school_name", "district_name", "county_name", "status_type",
        "is_charter", "funding_type", "is_magnet", "soc_code", "soc_type", "eil_code",
        "edops_code", "grade_span_offered", "grade_span_served", "school_level", "open_date",
        "closed_date", "latitude", "longitude", "street", "city", "zip", "website",
        "source_file_sha256",
    ]  # fmt: skip
    unknown = pd.DataFrame([{"school_key": UNKNOWN_KEY, "school_name": "Unknown school",
                             "school_level": "Other"}])  # fmt: skip
    frame = pd.concat([unknown, staged[columns]], ignore_index=True)
    table = "warehouse.dim_school"
    warehouse.replace_table(table, frame)
    levels = staged["school_level"].value_counts().to_dict()
    return dg.MaterializeResult(
        metadata={
            **table_metadata(warehouse, table, frame),
            "school_levels": dg.MetadataValue.json({k: int(v) for k, v in levels.items()}),
        }
    )


@dg.asset(
    **WAREHOUSE_ASSET,
    key=["warehouse", "dim_school_year"],
    code_version=content_version(SCHOOL_YEARS),
    group_name="warehouse",
    kinds=KINDS,
    owners=OWNERS,
    description="School years July 1 - June 30. Grain: one row per school year, plus -1.",
)
@skip_when_up_to_date
def dim_school_year(warehouse: WarehouseResource) -> dg.MaterializeResult:
    rows = [
        {
            "school_year_key": spring_year(label),
            "school_year": spring_year(label),
            "school_year_label": label,
            "start_date": dt.date(spring_year(label) - 1, 7, 1),
            "end_date": dt.date(spring_year(label), 6, 30),
        }
        for label in SCHOOL_YEARS
    ]
    frame = pd.DataFrame([{"school_year_key": UNKNOWN_KEY, "school_year_label": "Unknown"}, *rows])
    table = "warehouse.dim_school_year"
    warehouse.replace_table(table, frame)
    return dg.MaterializeResult(metadata=table_metadata(warehouse, table, frame))


@dg.asset(
    **WAREHOUSE_ASSET,
    key=["warehouse", "dim_student_group"],
    code_version=content_version(canonical_groups().to_csv(), source_codes().to_csv()),
    group_name="warehouse",
    kinds=KINDS,
    owners=OWNERS,
    description=(
        "The canonical student groups and, in warehouse.dim_student_group_source_code, the "
        "code each source uses for them. Grain: one row per canonical group, plus -1."
    ),
)
@skip_when_up_to_date
def dim_student_group(warehouse: WarehouseResource) -> dg.MaterializeResult:
    groups = canonical_groups().copy()
    existing = _existing(
        warehouse, "warehouse.dim_student_group", "student_group_code", "student_group_key"
    )
    groups["student_group_key"] = stable_keys(
        existing, groups["student_group_code"], "student_group_code", "student_group_key"
    )
    unknown = pd.DataFrame(
        [{"student_group_key": UNKNOWN_KEY, "student_group_code": "unknown",
          "student_group_name": "Unknown group", "student_group_category": "unknown",
          "sort_order": 999}]
    )  # fmt: skip
    frame = pd.concat([unknown, groups], ignore_index=True)
    table = "warehouse.dim_student_group"
    warehouse.replace_table(table, frame)
    warehouse.replace_table("warehouse.dim_student_group_source_code", source_codes())
    return dg.MaterializeResult(metadata=table_metadata(warehouse, table, frame))


dimension_assets = [dim_school, dim_school_year, dim_student_group]
