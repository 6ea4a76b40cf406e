"""How much of a staging step validation takes: on the sample mirror and on a large file.

`python -m pilot_pipeline_dev.validation_benchmark [--rows 1000000]` runs real materializations
(loopback mirror, temp DuckDB): every mirror file of one year, then a synthetic Census Day file
whose LAUSD school rows are repeated under new school codes until the staged frame has about
`--rows` rows. It prints each staging step's parse, validation and load seconds and the share
of the step spent validating (the `validation_share` the staging asset records).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import dagster as dg

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import census_day
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import MirrorServer, mirror_path_for

STAGED_ROWS_PER_LINE = 15  # census day: one staged row per grade column


def big_census_file(rows: int) -> bytes:
    """The 2023-24 sample with its LAUSD school lines repeated under fresh school codes."""
    path = MIRROR_FILES_DIR / mirror_path_for("/" + census_day.URLS["2023-24"].split("://")[1])
    lines = path.read_bytes().decode("latin-1").rstrip("\r\n").split("\r\n")
    header, body = lines[0], [line.split("\t") for line in lines[1:]]
    school = [r for r in body if r[1] == "S" and r[3] == "64733" and r[8] == "All"]
    out, copy = [header], 0
    while len(out) * STAGED_ROWS_PER_LINE < rows:
        copy += 1
        for r in school:
            out.append("\t".join([*r[:4], f"{(copy * 10_000 + int(r[4])) % 10**7:07d}", *r[5:]]))
    return ("\r\n".join(out) + "\r\n").encode("latin-1")


def run(selection: list[dg.AssetKey], year: str, resources: dict) -> list[dict[str, object]]:
    from pilot_pipeline.definitions import defs

    result = dg.materialize(
        [*(defs.assets or []), *(defs.asset_checks or [])],
        selection=selection,
        partition_key=year,
        resources=resources,
        raise_on_error=False,
    )
    rows = []
    for event in result.get_asset_materialization_events():
        meta = event.materialization.metadata
        if "validation_seconds" in meta:
            rows.append(
                {
                    "asset": event.asset_key.to_user_string(),
                    "rows": meta["dagster/row_count"].value,
                    **{k: meta[k].value for k in ("parse_seconds", "validation_seconds")},
                    "load_seconds": meta["load_seconds"].value,
                    "share": meta["validation_share"].value,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--year", default="2021-22")
    args = parser.parse_args()
    from pilot_pipeline_dev.demo import mirror_sources_by_year

    with tempfile.TemporaryDirectory() as tmp, MirrorServer() as mirror:
        resources = {
            "warehouse": WarehouseResource(url=f"duckdb:///{Path(tmp) / 'bench.duckdb'}"),
            "downloader": SourceDownloader(archive_dir=f"{tmp}/raw", mirror=mirror.url),
            "settings": PipelineSettings(),
        }
        names = [n for n in mirror_sources_by_year()[args.year] if n != "lausd_early_literacy"]
        keys = [dg.AssetKey([layer, f"{p}{n}"]) for n in names for layer, p in
                (("raw", ""), ("staging", "stg_"))]  # fmt: skip
        report = run(keys, args.year, resources)
        census = census_day.URLS["2023-24"]
        mirror.state.serve_bytes(
            mirror_path_for("/" + census.split("://")[1]), big_census_file(args.rows)
        )
        keys = [dg.AssetKey(["raw", "census_day"]), dg.AssetKey(["staging", "stg_census_day"])]
        report += run(keys, "2023-24", resources)
    for row in report:
        print("  ".join(f"{k}={v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
