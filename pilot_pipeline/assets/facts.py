"""Warehouse facts, one school year per partition.

Each fact is filled by SQL in `sql/facts/load/` (one SELECT per source over its staging table
and the dimensions) and replaced per partition in one transaction: a failure leaves the
previous rows, and a rerun writes the same rows.
"""

from dataclasses import dataclass, field

import dagster as dg

from pilot_pipeline import SQL_DIR
from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import yearly_sources
from pilot_pipeline.sources.lausd_registry import lausd_sources

from .change import WAREHOUSE_ASSET, skip_when_up_to_date
from .dimensions import dim_school, dim_student_group
from .metadata import OWNERS, table_metadata
from .roster import stg_pilot_roster, stg_pilot_roster_crosswalk

KINDS = {"sql", warehouse_kind()}
LOAD_DIR = SQL_DIR / "facts" / "load"


@dataclass(frozen=True)
class FactLoad:
    """One source's contribution to a fact: its staging source, load query and partition."""

    source: str
    query_file: str
    partition: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FactSpec:
    table: str  # without schema: warehouse.<table>
    loads: tuple[FactLoad, ...]
    grain: str


FACTS = (
    FactSpec(
        "fct_graduation",
        (FactLoad("acgr", "fct_graduation.sql"),),
        "school x cohort year x student group (CDE ACGR, 4-year cohort)",
    ),
    FactSpec(
        "fct_enrollment",
        (
            FactLoad(
                "census_day",
                "fct_enrollment__census_day.sql",
                {"enrollment_source": "census_day"},
            ),
            FactLoad(
                "historical_enrollment",
                "fct_enrollment__historical_enrollment.sql",
                {"enrollment_source": "historical"},
            ),
            FactLoad(
                "dashboard_enrollment",
                "fct_enrollment__dashboard_enrollment.sql",
                {"enrollment_source": "dashboard"},
            ),
            FactLoad(
                "lausd_norm_day",
                "fct_enrollment__lausd_norm_day.sql",
                {"enrollment_source": "lausd_norm_day"},
            ),
        ),
        "school x school year x student group x grade x enrollment source",
    ),
    FactSpec("fct_frpm", (FactLoad("frpm", "fct_frpm.sql"),), "school x school year"),
    FactSpec(
        "fct_english_learner",
        (FactLoad("ltel", "fct_english_learner.sql"),),
        "school x school year x grade",
    ),
    FactSpec(
        "fct_assessment",
        (FactLoad("caaspp", "fct_assessment.sql"),),
        "school x school year x student group x grade x test",
    ),
    FactSpec(
        "fct_assessment_claim_area",
        (FactLoad("caaspp", "fct_assessment_claim_area.sql"),),
        "school x school year x student group x grade x test x claim area "
        "(ELA areas 1-4, math 1-3)",
    ),
    FactSpec(
        "fct_chronic_absenteeism",
        (FactLoad("chronic_absenteeism", "fct_chronic_absenteeism.sql"),),
        "school x school year x student group",
    ),
    FactSpec(
        "fct_suspension",
        (FactLoad("suspension", "fct_suspension.sql"),),
        "school x school year x student group",
    ),
    FactSpec(
        "fct_early_literacy",
        (FactLoad("lausd_early_literacy", "fct_early_literacy.sql"),),
        "school x school year x grade (LAUSD DIBELS K-2 export)",
    ),
    FactSpec(
        "fct_survey_response",
        (FactLoad("lausd_survey", "fct_survey_response.sql"),),
        "school x school year x respondent group x item (LAUSD SES export)",
    ),
)


def load_fact(
    warehouse: WarehouseResource, table: str, query_file: str, where: dict[str, object]
) -> int:
    """Run one load query for one partition and replace that partition of the fact.

    DELETE and `INSERT … SELECT` in one transaction: the rows never leave the database.
    """
    query = (LOAD_DIR / query_file).read_text()
    params = {"school_year": where["school_year"]}
    return warehouse.replace_partition_from_query(table, query, params, where=where).rows_inserted


@dg.asset(
    **WAREHOUSE_ASSET,
    key=["warehouse", "fct_school_pilot_status"],
    deps=[dim_school, stg_pilot_roster, stg_pilot_roster_crosswalk],
    partitions_def=school_year_partitions,
    group_name="warehouse",
    kinds=KINDS,
    owners=OWNERS,
    description=(
        "Pilot or non-pilot, per school and school year, for every LAUSD school open that year "
        "(from the reviewed roster crosswalk and the directory's open/closed dates). A year "
        "without a roster takes the nearest roster year and flags it. "
        "Grain: school x school year."
    ),
)
@skip_when_up_to_date
def fct_school_pilot_status(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    year = spring_year(context.partition_key)
    table = "warehouse.fct_school_pilot_status"
    where = {"school_year": year}
    load_fact(warehouse, table, "fct_school_pilot_status.sql", where)
    counts = warehouse.read_frame(
        "SELECT is_pilot, count(*) AS schools FROM warehouse.fct_school_pilot_status "
        "WHERE school_year = :y GROUP BY is_pilot",
        {"y": year},
    )
    by_status = {("pilot" if p else "non_pilot"): int(n) for p, n in counts.itertuples(index=False)}
    return dg.MaterializeResult(
        metadata={
            **table_metadata(warehouse, table, where=where),
            "pilot_schools": dg.MetadataValue.int(by_status.get("pilot", 0)),
            "non_pilot_schools": dg.MetadataValue.int(by_status.get("non_pilot", 0)),
        }
    )


def build_fact_asset(spec: FactSpec, available: set[str]) -> dg.AssetsDefinition | None:
    """The asset of one source-fed fact, over the loads whose sources exist."""
    loads = [load for load in spec.loads if load.source in available]
    if not loads:
        return None
    table = f"warehouse.{spec.table}"

    @dg.asset(
        **WAREHOUSE_ASSET,
        key=["warehouse", spec.table],
        deps=[
            dim_school,
            dim_student_group,
            *(dg.AssetKey(["staging", f"stg_{load.source}"]) for load in loads),
        ],
        partitions_def=school_year_partitions,
        group_name="warehouse",
        kinds=KINDS,
        owners=OWNERS,
        description=f"`{table}`. Grain: {spec.grain}. Sources: "
        + ", ".join(load.source for load in loads),
    )
    @skip_when_up_to_date
    def _fact(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> dg.MaterializeResult:
        year = spring_year(context.partition_key)
        inserted = {}
        for load in loads:
            where = {"school_year": year, **load.partition}
            inserted[load.source] = load_fact(warehouse, table, load.query_file, where)
        return dg.MaterializeResult(
            metadata={
                **table_metadata(warehouse, table, where={"school_year": year}),
                "rows_by_source": dg.MetadataValue.json(inserted),
            }
        )

    return _fact


_available = {spec.name for spec in (*yearly_sources(), *lausd_sources())}
fact_assets = [fct_school_pilot_status] + [
    asset for spec in FACTS if (asset := build_fact_asset(spec, _available)) is not None
]
