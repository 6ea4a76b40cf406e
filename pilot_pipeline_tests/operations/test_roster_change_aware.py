"""The reviewed roster files are change-aware too: unchanged, nothing is staged again (not even
the directory, which enters the same run); edited, the edited file is staged again."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg

from pilot_pipeline import DATA_DIR
from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer
from pilot_pipeline_dev.pipeline_run import run_pipeline

STAGING = ("stg_pilot_roster", "stg_pilot_roster_crosswalk", "stg_cde_school_directory")


def _latest(instance: dg.DagsterInstance) -> dict[str, tuple[str, float] | None]:
    events = {
        n: instance.get_latest_materialization_event(dg.AssetKey(["staging", n])) for n in STAGING
    }
    return {n: (e.run_id, e.timestamp) if e else None for n, e in events.items()}


def _staged(instance: dg.DagsterInstance, resources: dict[str, object]) -> set[str]:
    """Run the reference-data phase; the staging tables it materialized."""
    before = _latest(instance)
    assert run_pipeline(resources, {}, instance=instance, final=False).success
    after = _latest(instance)
    return {n for n in STAGING if after[n] != before[n]}


def test_an_edited_roster_file_is_staged_again(tmp_path: Path) -> None:
    roster = tmp_path / "pilot_roster.csv"
    shutil.copyfile(DATA_DIR / "pilot_roster.csv", roster)
    with MirrorServer() as mirror:
        resources = {
            **defs.resources,
            "warehouse": WarehouseResource(url=f"duckdb:///{tmp_path / 'w.duckdb'}"),
            "downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"), mirror=mirror.url),
            "settings": PipelineSettings(roster_path=str(roster)),
        }
        instance = dg.DagsterInstance.ephemeral()
        first = _staged(instance, resources)
        unchanged = _staged(instance, resources)
        roster.write_text(roster.read_text().replace(",Central,", ",Central ,", 1))
        edited = _staged(instance, resources)
    assert first == set(STAGING)
    assert unchanged == set()
    assert "stg_pilot_roster" in edited and "stg_pilot_roster_crosswalk" not in edited
