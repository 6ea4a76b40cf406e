"""Staging layer: each raw file parsed, validated with its Great Expectations suite, loaded.

`staging.stg_<source>` holds one school year per partition (the directory holds its one
snapshot). Per file: parse -> validate (GX suite of the source and layout) -> quarantine the
rows that fail a row-level expectation -> replace the partition with the good rows -> report
every check (`validation/checks.py`). A file-level failure (unparseable, wrong columns or types,
duplicate keys, row count collapsed versus the previous load) stages nothing: the previous rows
stay and the step fails after recording the checks. ERROR checks are blocking, so the warehouse
facts of the run do not load from a file that failed them. Every row carries the sha256 of the
file it came from.
"""

import time
from collections.abc import Iterator

import dagster as dg
import pandas as pd

from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.downloader import RawFile
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import school_directory, yearly_sources
from pilot_pipeline.sources.base import ParseContext, SourceSpec
from pilot_pipeline.validation.checks import (
    check_results,
    check_specs,
    groups_of,
    quarantine_frame,
)
from pilot_pipeline.validation.completeness import missing_schools_outcome
from pilot_pipeline.validation.filecheck import LevelsParser, Parser, validate_file
from pilot_pipeline.validation.resource import GreatExpectationsResource

from .change import WAREHOUSE_POOL
from .metadata import OWNERS, staging_grain, table_metadata

KINDS = {"pandas", warehouse_kind()}
QUARANTINE = "quarantine.rejected_rows"
DIRECTORY = "staging.stg_cde_school_directory"
# Bound on the assets (one shared instance) so runs that pass their own resources need no entry.
GX = {"great_expectations": GreatExpectationsResource()}


def _directory_codes(warehouse: WarehouseResource) -> list[str]:
    return warehouse.read_frame(f"SELECT cds_code FROM {DIRECTORY}")["cds_code"].tolist()  # noqa: S608


def previous_school_codes(
    warehouse: WarehouseResource, table: str, where: dict[str, object]
) -> list[str]:
    """The school codes of the partition as loaded last time."""
    clause = " AND ".join(f"{k} = :{k}" for k in where)  # the asset's own partition columns
    sql = f"SELECT DISTINCT cds_code FROM {table}"  # noqa: S608 (the asset's own table)
    sql += f" WHERE {clause}" if clause else ""
    return warehouse.read_frame(sql, where)["cds_code"].dropna().tolist()


def validated_load(
    context: dg.AssetExecutionContext,
    *,
    raw: RawFile,
    ctx: ParseContext,
    table: str,
    where: dict[str, object],
    parse: Parser,
    levels_parse: LevelsParser | None,
    warehouse: WarehouseResource,
    gx: GreatExpectationsResource,
    data_version: str,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Parse, validate, quarantine and load one file; yield the materialization and checks."""
    # One connection for the whole asset (counts, codes, loads, metadata).
    with warehouse.session():
        started = time.perf_counter()
        groups = groups_of(ctx.source)
        previous = warehouse.row_count(table, where)
        report, parse_seconds = validate_file(
            gx,
            raw.read_bytes(),
            ctx,
            parse,
            levels_parse,
            previous_rows=previous,
            directory_codes=lambda: _directory_codes(warehouse),
        )
        if (
            report.parsed
            and report.frame is not None
            and previous
            and "cds_code" in report.spec.key
        ):
            codes = previous_school_codes(warehouse, table, where)
            report.outcomes.append(
                missing_schools_outcome(codes, report.frame, ctx.file_label, table)
            )
        if report.file_rejected:
            yield from check_results(report, groups)
            failed = sorted({o.check for o in report.outcomes if not o.success})
            raise dg.Failure(
                description=f"{ctx.file_label}: rejected by validation ({', '.join(failed)}); "
                f"{table} keeps its previous {previous} rows",
                metadata={"file": dg.MetadataValue.url(ctx.file_label), "failed_checks": failed},
            )
        frame = report.frame if report.frame is not None else pd.DataFrame()
        bad = report.quarantined_positions()
        rejected = quarantine_frame(
            report, ctx.source, ctx.school_year, where.get("school_year"), ctx.source_file_sha256
        )
        quarantine_key = {
            "source": ctx.source,
            "school_year_label": ctx.school_year,
            "source_file_sha256": ctx.source_file_sha256,
        }
        load_started = time.perf_counter()
        warehouse.replace_partition(QUARANTINE, rejected, where=quarantine_key)
        good = frame.drop(index=frame.index[bad]) if bad else frame
        warehouse.replace_partition(table, good, where=where)
        load_seconds = time.perf_counter() - load_started
        total = time.perf_counter() - started
        if bad:
            context.log.warning(f"{ctx.file_label}: {len(bad)} rows quarantined in {QUARANTINE}")
        yield dg.MaterializeResult(
            metadata={
                **table_metadata(warehouse, table, good, where=where),
                "suite": report.spec.name,
                "quarantined_rows": dg.MetadataValue.int(len(bad)),
                "parse_seconds": round(parse_seconds, 3),
                "validation_seconds": round(report.seconds, 3),
                "load_seconds": round(load_seconds, 3),
                "validation_share": round(report.seconds / total, 3) if total else 0.0,
            },
            data_version=dg.DataVersion(data_version),
        )
        yield from check_results(report, groups, quarantined=len(bad))


def _not_published(source: str, file_note: str) -> list[dg.AssetCheckResult]:
    return [
        dg.AssetCheckResult(check_name=g.name, passed=True, description=file_note)
        for g in groups_of(source)
    ]


@dg.asset(
    key=["staging", "stg_cde_school_directory"],
    ins={"raw": dg.AssetIn(key=["raw", "cde_school_directory"])},
    group_name="staging",
    kinds=KINDS,
    owners=OWNERS,
    pool=WAREHOUSE_POOL,
    resource_defs=GX,
    check_specs=check_specs(
        "cde_school_directory", dg.AssetKey(["staging", "stg_cde_school_directory"])
    ),
    description=(
        "The CDE directory parsed: columns chosen by header name, `No Data` as NULL, CDS code "
        "as 14-character text, dates parsed. Grain: one row per CDS code in scope."
    ),
)
def stg_cde_school_directory(
    context: dg.AssetExecutionContext,
    raw: RawFile,
    warehouse: WarehouseResource,
    settings: PipelineSettings,
    great_expectations: GreatExpectationsResource,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    source = "cde_school_directory"
    yield from validated_load(
        context,
        raw=raw,
        ctx=ParseContext(source, "current", raw.label, raw.sha256, settings.scope),
        table=DIRECTORY,
        where={},
        parse=school_directory.parse,
        levels_parse=None,
        warehouse=warehouse,
        gx=great_expectations,
        data_version=f"{raw.sha256}:{settings.scope}",
    )


def build_staging_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    """The staging asset of one yearly source, with its validation checks."""
    table = f"staging.stg_{spec.name}"
    key = dg.AssetKey(["staging", f"stg_{spec.name}"])
    levels_parse = spec.parse_levels if spec.has_district_rows else None

    @dg.asset(
        key=key,
        ins={"raw": dg.AssetIn(key=["raw", spec.name])},
        group_name="staging",
        kinds=KINDS,
        owners=OWNERS,
        pool=WAREHOUSE_POOL,
        partitions_def=school_year_partitions,
        resource_defs=GX,
        check_specs=check_specs(spec.name, key),
        description=(
            f"{spec.title}, parsed into `{table}`: school rows only, each school once, "
            "suppressed cells NULL with a flag; validated by its Great Expectations suite. "
            + (spec.description or "").strip()
            + f" {staging_grain(spec.name)}"
        ),
    )
    def _staging(
        context: dg.AssetExecutionContext,
        raw: RawFile | None,
        warehouse: WarehouseResource,
        settings: PipelineSettings,
        great_expectations: GreatExpectationsResource,
    ) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
        year = context.partition_key
        where: dict[str, object] = {"school_year": spring_year(year)}
        if raw is None:
            warehouse.replace_partition(table, pd.DataFrame(), where=where)
            yield dg.MaterializeResult(
                metadata={"published": False, **table_metadata(warehouse, table, where=where)},
                data_version=dg.DataVersion("not-published"),
            )
            yield from _not_published(
                spec.name, f"no {spec.name} file for {year}: nothing to check"
            )
            return
        yield from validated_load(
            context,
            raw=raw,
            ctx=ParseContext(spec.name, year, raw.label, raw.sha256, settings.scope),
            table=table,
            where=where,
            parse=spec.parse,
            levels_parse=levels_parse,
            warehouse=warehouse,
            gx=great_expectations,
            data_version=f"{raw.sha256}:{settings.scope}",
        )

    return _staging


staging_assets = [stg_cde_school_directory, *(build_staging_asset(s) for s in yearly_sources())]
