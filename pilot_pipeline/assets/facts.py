"""Warehouse facts, one school year per partition.

Each fact is filled from its source's staging table, or from a query in `sql/facts/load/` where
the fact reshapes the staged rows, with the dimension keys looked up in one template
(`resources.fact_load`); each partition is replaced in one transaction: a failure leaves the
previous rows, and a rerun writes the same rows. A source names the facts it feeds
(`SourceSpec.facts`); the fact assets are derived from the discovered sources.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import dagster as dg

from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.bulk_load import LOADED_AT
from pilot_pipeline.resources.fact_load import keyed_load_sql, rows_sql
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import discovered_sources
from pilot_pipeline.sources.base import Fact, FactLoad, SourceSpec

from .change import WAREHOUSE_ASSET, skip_when_up_to_date
from .dimensions import dim_school, dim_student_group
from .metadata import OWNERS, table_metadata
from .roster import stg_pilot_roster, stg_pilot_roster_crosswalk

KINDS = {"sql", warehouse_kind()}


@dataclass(frozen=True)
class SourceLoad:
    """One source's contribution to a fact: its staging source, load query and partition."""

    source: str
    load: FactLoad

    @property
    def query_file(self) -> str | None:
        return self.load.query_file

    @property
    def partition(self) -> Mapping[str, object]:
        return self.load.partition


@dataclass(frozen=True)
class FactSpec:
    table: str  # without schema: warehouse.<table>
    loads: tuple[SourceLoad, ...]
    grain: str


def source_facts(specs: Iterable[SourceSpec]) -> tuple[FactSpec, ...]:
    """The facts the sources declare they feed, each with its loads, in source order."""
    loads: dict[Fact, list[SourceLoad]] = {}
    for spec in specs:
        for load in spec.facts:
            loads.setdefault(load.fact, []).append(SourceLoad(spec.name, load))
    tables = [fact.table for fact in loads]
    if len(set(tables)) < len(tables):  # one table, two grains: two assets of one key
        raise ValueError(f"sources declare one fact with different grains: {sorted(tables)}")
    return tuple(FactSpec(fact.table, tuple(found), fact.grain) for fact, found in loads.items())


FACTS = source_facts(discovered_sources())


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
    with warehouse.session():
        load_fact(warehouse, table, "fct_school_pilot_status.sql", where)
        counts = warehouse.read_frame(
            "SELECT is_pilot, count(*) AS schools FROM warehouse.fct_school_pilot_status "
            "WHERE school_year = :y GROUP BY is_pilot",
            {"y": year},
        )
        metadata = table_metadata(warehouse, table, where=where)
    by_status = {("pilot" if p else "non_pilot"): int(n) for p, n in counts.itertuples(index=False)}
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "pilot_schools": dg.MetadataValue.int(by_status.get("pilot", 0)),
            "non_pilot_schools": dg.MetadataValue.int(by_status.get("non_pilot", 0)),
        }
    )


def build_fact_asset(spec: FactSpec) -> dg.AssetsDefinition:
    """The asset of one source-fed fact, over the loads of the sources that feed it."""
    loads = spec.loads
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
        with warehouse.session():
            for load in loads:
                where = {"school_year": year, **load.partition}
                inserted[load.source] = load_fact(
                    warehouse, table, load.query_file, where, load.source
                )
            metadata = table_metadata(warehouse, table, where={"school_year": year})
        return dg.MaterializeResult(
            metadata={**metadata, "rows_by_source": dg.MetadataValue.json(inserted)}
        )

    return _fact


fact_assets = [fct_school_pilot_status, *(build_fact_asset(spec) for spec in FACTS)]
