"""LAUSD file drops: raw and staging assets for early literacy, SES and Norm Day.

`raw/<source>` takes, for one school year, the drop the sensor archived (run config), else a
URL configured for that source and year (fetched by `SourceDownloader` like a CDE file), else
the one matching drop in the inbox; none of them is "not published". `staging/stg_<source>`
parses it and carries two blocking checks: `file_parses` (layout, types, codes, location codes
in the reviewed crosswalk) and `values_valid` (counts within totals, rates within 0-100). A
file that fails either is not loaded: the staging partition keeps its previous rows, the step
fails and the fact downstream does not run.
"""

import hashlib
import json
import os
from pathlib import Path

import dagster as dg
import pandas as pd
from pydantic import Field

from pilot_pipeline.lausd import inbox_location
from pilot_pipeline.lausd.inbox import archive_drop, read_drop, scan
from pilot_pipeline.lausd.registry import FACT_OF, lausd_sources
from pilot_pipeline.partitions import school_year_partitions, spring_year
from pilot_pipeline.resources import warehouse_kind
from pilot_pipeline.resources.downloader import RawFile, SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources.base import ParseContext, SourceError, SourceSpec

from .metadata import OWNERS, table_metadata
from .raw import DOWNLOAD_RETRY, raw_metadata

URLS_ENV = "PILOT_LAUSD_URLS"  # JSON {"lausd_norm_day/2022-23": "https://opendata.lausd.org/…"}
CHECKS = ("file_parses", "values_valid")


class LausdDropConfig(dg.Config):
    """Set by the inbox sensor: the archived drop this run must load, and where it came from."""

    archived_path: str = Field(default="", description="Raw-archive path of the drop.")
    sha256: str = Field(default="", description="sha256 the sensor saw; the file must match.")
    inbox_url: str = Field(default="", description="Where the drop was found.")
    url: str = Field(default="", description="Fetch this URL instead (overrides the inbox).")


def configured_urls() -> dict[str, str]:
    """`source/school-year` -> URL, from PILOT_LAUSD_URLS (exports served over HTTP)."""
    text = os.environ.get(URLS_ENV, "")
    return json.loads(text) if text else {}


def asset_keys(source: str) -> list[dg.AssetKey]:
    """The assets a new drop of `source` refreshes: raw, staging and its fact."""
    return [
        dg.AssetKey(["raw", source]),
        dg.AssetKey(["staging", f"stg_{source}"]),
        dg.AssetKey(["warehouse", FACT_OF[source]]),
    ]


def _from_inbox(spec: SourceSpec, year: str, downloader: SourceDownloader) -> RawFile | None:
    drops = [f for f in scan(inbox_location())[0] if (f.source, f.school_year) == (spec.name, year)]
    if len(drops) > 1:
        raise SourceError(
            f"{spec.name} {year}: {len(drops)} drops in the inbox "
            f"({', '.join(d.url for d in drops)}); remove all but one"
        )
    if not drops:
        return None
    data = read_drop(drops[0].url)
    return archive_drop(data, downloader=downloader, url=drops[0].url, source=spec.name,
                        school_year=year)  # fmt: skip


def build_lausd_raw_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    @dg.asset(
        key=["raw", spec.name],
        group_name="raw",
        kinds={"file"},
        owners=OWNERS,
        partitions_def=school_year_partitions,
        retry_policy=DOWNLOAD_RETRY,
        description=f"{spec.title}: the drop of one school year (inbox or configured URL), "
        "archived by sha256. Grain: one file per school year.",
    )
    def _raw(
        context: dg.AssetExecutionContext, config: LausdDropConfig, downloader: SourceDownloader
    ) -> dg.Output:
        year = context.partition_key
        url = config.url or configured_urls().get(f"{spec.name}/{year}", "")
        if config.archived_path:
            data = Path(config.archived_path).read_bytes()
            if hashlib.sha256(data).hexdigest() != config.sha256:
                raise SourceError(
                    f"{config.archived_path}: archived drop does not match its sha256"
                )
            origin = config.inbox_url or config.archived_path
            raw = archive_drop(
                data, downloader=downloader, url=origin, source=spec.name, school_year=year
            )
        elif url:
            raw = downloader.fetch(url, source=spec.name, school_year=year)
        else:
            raw = _from_inbox(spec, year, downloader)
        if raw is None:
            return dg.Output(
                None,
                metadata={"published": False, "note": f"no {spec.name} drop for {year}"},
                data_version=dg.DataVersion("not-published"),
            )
        return dg.Output(raw, metadata=raw_metadata(raw), data_version=dg.DataVersion(raw.sha256))

    return _raw


def _check(name: str, passed: bool, text: str, **metadata: object) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        check_name=name,
        passed=passed,
        severity=dg.AssetCheckSeverity.ERROR,
        description=text,
        metadata=metadata,
    )


def build_lausd_staging_asset(spec: SourceSpec) -> dg.AssetsDefinition:
    table = f"staging.stg_{spec.name}"
    key = dg.AssetKey(["staging", f"stg_{spec.name}"])
    value_problems = spec.extra["value_problems"]

    @dg.asset(
        key=key,
        ins={"raw": dg.AssetIn(key=["raw", spec.name])},
        group_name="staging",
        kinds={"pandas", warehouse_kind()},
        owners=OWNERS,
        partitions_def=school_year_partitions,
        check_specs=[
            dg.AssetCheckSpec(
                "file_parses",
                asset=key,
                blocking=True,
                description=(
                    "Layout, types, codes and location codes (reviewed crosswalk) of the drop; "
                    "a failure names file, line and column and leaves the table as it was."
                ),
            ),
            dg.AssetCheckSpec(
                "values_valid",
                asset=key,
                blocking=True,
                description=(
                    "Counts within totals, rates within 0-100, no negative counts; a failure "
                    "leaves the table as it was."
                ),
            ),
        ],  # fmt: skip
        description=f"{spec.title}, parsed into `{table}`: location codes resolved to CDS, "
        "program rows rolled up to their school. " + (spec.description or "").strip(),
    )
    def _staging(
        context: dg.AssetExecutionContext, raw: RawFile | None, warehouse: WarehouseResource
    ) -> dg.MaterializeResult:
        year = context.partition_key
        where = {"school_year": spring_year(year)}
        if raw is None:
            warehouse.replace_partition(table, pd.DataFrame(), where=where)
            return dg.MaterializeResult(
                metadata={"published": False, **table_metadata(warehouse, table, where=where)},
                check_results=[_check(c, True, "no drop for this year") for c in CHECKS],
                data_version=dg.DataVersion("not-published"),
            )
        ctx = ParseContext(spec.name, year, raw.label, raw.sha256)
        try:
            frame = spec.parse(raw.read_bytes(), ctx)
        except SourceError as exc:
            context.log.error(f"rejected {raw.label}: {exc}")
            return dg.MaterializeResult(
                metadata={"loaded": False, "rejected_file": raw.label},
                check_results=[
                    _check("file_parses", False, str(exc), file=raw.label),
                    _check("values_valid", False, "not evaluated: the file did not parse"),
                ],
            )
        problems = [f"{raw.label}: {p}" for p in value_problems(frame)]
        if problems:
            context.log.error(f"rejected {raw.label}: {problems}")
            return dg.MaterializeResult(
                metadata={"loaded": False, "rejected_file": raw.label},
                check_results=[
                    _check("file_parses", True, f"{len(frame)} rows parsed"),
                    _check("values_valid", False, "; ".join(problems), problems=len(problems)),
                ],
            )
        warehouse.replace_partition(table, frame, where=where)
        return dg.MaterializeResult(
            metadata=table_metadata(warehouse, table, frame, where=where),
            check_results=[
                _check("file_parses", True, f"{len(frame)} rows parsed", file=raw.label),
                _check("values_valid", True, "all rules hold"),
            ],
            data_version=dg.DataVersion(raw.sha256),
        )

    return _staging


lausd_assets = [
    asset
    for spec in lausd_sources()
    for asset in (build_lausd_raw_asset(spec), build_lausd_staging_asset(spec))
]
