"""Warehouse facts, one school year per partition.

Each fact is filled from its source's staging table, or from a query in `sql/facts/load/` where
the fact reshapes the staged rows, with the dimension keys looked up in one template
(`resources.fact_load`); each partition is replaced in one transaction: a failure leaves the
previous rows, and a rerun writes the same rows.
"""

from dataclasses import dataclass, field

import dagster as dg

from pilot_pipeline.lausd.registry import lausd_sources
from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.bulk_load import LOADED_AT
from pilot_pipeline.resources.fact_load import keyed_load_sql, rows_sql
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import yearly_sources

from .change import WAREHOUSE_ASSET, skip_when_up_to_date
from .dimensions import dim_school, dim_student_group
from .metadata import OWNERS, table_metadata
from .roster import stg_pilot_roster, stg_pilot_roster_crosswalk

KINDS = {"sql", warehouse_kind()}


@dataclass(frozen=True)
class FactLoad:
    """One source's contribution to a fact: its staging source, its partition, and the query
    in sql/facts/load/ when the fact is not the staged columns themselves."""

    source: str
    query_file: str | None = None
    partition: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class FactSpec:
    table: str  # without schema: warehouse.<table>
    loads: tuple[FactLoad, ...]
    grain: str


FACTS = (
    FactSpec(
        "fct_graduation",
        (FactLoad("acgr"),),
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
    FactSpec("fct_frpm", (FactLoad("frpm"),), "school x school year"),
    FactSpec(
        "fct_english_learner",
        (FactLoad("ltel"),),
        "school x school year x grade",
    ),
    FactSpec(
        "fct_assessment",
        (FactLoad("caaspp"),),
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
        (FactLoad("chronic_absenteeism"),),
        "school x school year x student group",
    ),
    FactSpec(
        "fct_suspension",
        (FactLoad("suspension"),),
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
    warehouse: WarehouseResource,
    table: str,
    query_file: str | None,
    where: dict[str, object],
    source: str | None = None,
) -> int:
    """Replace one partition of the fact by its load query's rows (the query file's, or the
    source's staged rows), keys looked up.

    DELETE and `INSERT … SELECT` in one transaction: the rows never leave the database.
    """
    columns = [c.name for c in warehouse.table_schema(table).columns if c.name != LOADED_AT]
    query = keyed_load_sql(columns, rows_sql(source, query_file))
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
            inserted[load.source] = load_fact(warehouse, table, load.query_file, where, load.source)
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
