"""The inbox sensor: one run per new drop, none for a repeat, and a bad drop blocked by checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import pytest

from pilot_pipeline.assets.facts import fact_assets
from pilot_pipeline.assets.lausd import lausd_assets
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sensors.lausd_inbox import lausd_inbox_sensor
from pilot_pipeline.sources.lausd_inbox import INBOX_ENV
from pilot_pipeline_dev import SAMPLE_INBOX

EL = "early_literacy_2021-22.csv"
TABLE = "staging.stg_lausd_early_literacy"


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    monkeypatch.setenv(INBOX_ENV, str(folder))
    return folder


def _tick(tmp_path: Path, cursor: str | None) -> dg.SensorResult:
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(
            cursor=cursor,
            instance=instance,
            resources={"downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"))},
        )
        return lausd_inbox_sensor(context)


def test_new_drop_launches_one_run_and_a_repeat_none(inbox: Path, tmp_path: Path) -> None:
    shutil.copy(SAMPLE_INBOX / EL, inbox / EL)
    first = _tick(tmp_path, None)
    assert len(first.run_requests) == 1
    request = first.run_requests[0]
    assert request.partition_key == "2021-22"
    assert {k.to_user_string() for k in request.asset_selection} == {
        "raw/lausd_early_literacy", "staging/stg_lausd_early_literacy",
        "warehouse/fct_early_literacy"}  # fmt: skip
    config = request.run_config["ops"]["raw__lausd_early_literacy"]["config"]
    assert request.run_key == config["sha256"] and Path(config["archived_path"]).is_file()
    assert json.loads(first.cursor) == {str(inbox / EL): config["sha256"]}

    assert _tick(tmp_path, first.cursor).run_requests == []
    shutil.copy(inbox / EL, inbox / "early_literacy_2021-22_copy.csv")  # same bytes, new name
    (inbox / "readme.txt").write_text("not a drop")
    (inbox / "ses_2021-22.csv.part").write_text("partial upload")
    assert _tick(tmp_path, first.cursor).run_requests == []

    (inbox / EL).write_bytes((inbox / EL).read_bytes() + b"2021-22,8420,R,2,1,1\r\n")
    changed = _tick(tmp_path, first.cursor)
    assert len(changed.run_requests) == 1 and changed.run_requests[0].run_key != request.run_key


def _run(request: dg.RunRequest, resources: dict, instance: dg.DagsterInstance, selection=None):
    return dg.materialize(
        [*lausd_assets, *fact_assets],
        selection=selection or request.asset_selection,
        partition_key=request.partition_key,
        run_config=request.run_config,
        resources=resources,
        instance=instance,
        raise_on_error=False,
    )


def test_malformed_drop_fails_its_check_and_loads_nothing(
    inbox: Path, tmp_path: Path, warehouse: WarehouseResource
) -> None:
    resources = {"warehouse": warehouse,
                 "downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"))}  # fmt: skip
    staging_only = [dg.AssetKey(["raw", "lausd_early_literacy"]), dg.AssetKey(["staging",
                    "stg_lausd_early_literacy"])]  # fmt: skip
    shutil.copy(SAMPLE_INBOX / EL, inbox / EL)
    good = _tick(tmp_path, None)
    with dg.instance_for_test() as instance:
        assert _run(good.run_requests[0], resources, instance, staging_only).success
        loaded = warehouse.row_count(TABLE, {"school_year": 2022})
        before = warehouse.checksum(TABLE)
        assert loaded > 0

        # A drop with an unknown location code half-way down the file.
        lines = (inbox / EL).read_text().splitlines()
        lines.insert(len(lines) // 2, "2021-22,1234,Unknown El,K,50,20")
        (inbox / EL).write_text("\n".join(lines) + "\n")
        bad = _tick(tmp_path, good.cursor)
        assert len(bad.run_requests) == 1
        result = _run(bad.run_requests[0], resources, instance)
        assert not result.success
        checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
        assert not checks["file_parses"].passed
        assert "'1234' (Unknown El, line" in checks["file_parses"].description
        assert "Location Code" in checks["file_parses"].description
        assert warehouse.checksum(TABLE) == before  # nothing replaced, nothing half-loaded
        ran = {e.asset_key for e in result.get_asset_materialization_events()}
        assert dg.AssetKey(["warehouse", "fct_early_literacy"]) not in ran


def test_row_breaking_a_value_rule_is_quarantined_not_staged(
    inbox: Path, tmp_path: Path, warehouse: WarehouseResource
) -> None:
    """Like a CDE file: the GX suite's failing row goes to quarantine, the rest is staged."""
    resources = {"warehouse": warehouse,
                 "downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"))}  # fmt: skip
    lines = (SAMPLE_INBOX / EL).read_text().splitlines()
    header, first = lines[0].split(","), lines[1].split(",")
    assessed = header.index("Students Assessed")
    first[header.index("At or Above Benchmark")] = str(int(first[assessed]) + 5)
    lines[1] = ",".join(first)
    (inbox / EL).write_text("\n".join(lines) + "\n")
    request = _tick(tmp_path, None).run_requests[0]
    with dg.instance_for_test() as instance:
        result = _run(request, resources, instance)
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    failed = checks["counts_within_totals"]
    assert not failed.passed and failed.severity == dg.AssetCheckSeverity.ERROR
    assert failed.metadata["quarantined_rows"].value == 1
    rejected = warehouse.read_frame(
        "SELECT source_line, check_name FROM quarantine.rejected_rows "
        "WHERE source = 'lausd_early_literacy'"
    )
    assert rejected.values.tolist() == [[2, "counts_within_totals"]]
    staged = warehouse.read_frame(f"SELECT source_line FROM {TABLE}")  # noqa: S608
    assert len(staged) > 0 and 2 not in set(staged["source_line"])
    ran = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey(["warehouse", "fct_early_literacy"]) not in ran  # blocked by the check
