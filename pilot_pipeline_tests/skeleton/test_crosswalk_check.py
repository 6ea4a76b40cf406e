"""The blocking crosswalk check, through a real Dagster materialization over the mirror."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from pilot_pipeline import DATA_DIR
from pilot_pipeline.definitions import defs
from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.settings import PipelineSettings
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer

SELECTION = [
    dg.AssetKey(["raw", "cde_school_directory"]),
    dg.AssetKey(["staging", "stg_cde_school_directory"]),
    dg.AssetKey(["staging", "stg_pilot_roster"]),
    dg.AssetKey(["staging", "stg_pilot_roster_crosswalk"]),
    dg.AssetKey(["warehouse", "dim_school"]),
    dg.AssetKey(["warehouse", "fct_school_pilot_status"]),
]
STATUS = dg.AssetKey(["warehouse", "fct_school_pilot_status"])


def run_with(
    roster: Path, crosswalk: Path, mirror: MirrorServer, tmp_path: Path
) -> dg.ExecuteInProcessResult:
    resources = {
        "warehouse": WarehouseResource(url=f"duckdb:///{tmp_path / 'wh.duckdb'}"),
        "downloader": SourceDownloader(archive_dir=str(tmp_path / "raw"), mirror=mirror.url),
        "settings": PipelineSettings(roster_path=str(roster), crosswalk_path=str(crosswalk)),
    }
    return dg.materialize(
        [*defs.assets, *defs.asset_checks],
        selection=SELECTION,
        partition_key="2021-22",
        resources=resources,
        raise_on_error=False,
    )


def check_evaluation(result: dg.ExecuteInProcessResult) -> dg.AssetCheckEvaluation:
    (evaluation,) = [
        e
        for e in result.get_asset_check_evaluations()
        if e.check_name == "crosswalk_resolves_every_roster_entry"
    ]
    return evaluation


def materialized(result: dg.ExecuteInProcessResult) -> set[dg.AssetKey]:
    return {e.asset_key for e in result.get_asset_materialization_events()}


@pytest.fixture
def roster_file(tmp_path: Path) -> Path:
    target = tmp_path / "roster.csv"
    target.write_bytes((DATA_DIR / "pilot_roster.csv").read_bytes())
    return target


@pytest.fixture
def crosswalk_frame() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "pilot_roster_crosswalk.csv", dtype=str, keep_default_na=False)


def test_reviewed_crosswalk_passes_and_tags_40_pilots(
    mirror: MirrorServer, tmp_path: Path, roster_file: Path
) -> None:
    result = run_with(roster_file, DATA_DIR / "pilot_roster_crosswalk.csv", mirror, tmp_path)
    assert result.success
    assert check_evaluation(result).passed
    assert STATUS in materialized(result)
    warehouse = WarehouseResource(url=f"duckdb:///{tmp_path / 'wh.duckdb'}")
    pilots = warehouse.read_frame(
        "SELECT cds_code FROM warehouse.fct_school_pilot_status WHERE school_year = 2022 "
        "AND is_pilot"
    )
    assert len(pilots) == 40 and pilots["cds_code"].is_unique
    assert pilots["cds_code"].str.fullmatch(r"1964733\d{7}").all()
    in_dim = warehouse.read_frame(
        "SELECT count(*) AS n FROM warehouse.fct_school_pilot_status AS s "
        "JOIN warehouse.dim_school AS d ON s.cds_code = d.cds_code AND s.school_key = d.school_key "
        "WHERE s.school_year = 2022 AND s.is_pilot"
    )
    assert int(in_dim["n"].iloc[0]) == 40
    # Every other LAUSD school open during 2021-22 is in the fact, as non-pilot.
    open_schools = warehouse.read_frame(
        "SELECT cds_code FROM warehouse.dim_school WHERE cds_code LIKE '1964733%' "
        "AND cds_code <> '19647330000000' "
        "AND (open_date IS NULL OR open_date <= DATE '2022-06-30') "
        "AND (closed_date IS NULL OR closed_date >= DATE '2021-07-01')"
    )
    status = warehouse.read_frame(
        "SELECT cds_code, is_pilot FROM warehouse.fct_school_pilot_status WHERE school_year = 2022"
    )
    assert set(status["cds_code"]) == set(open_schools["cds_code"])
    assert int((~status["is_pilot"].astype(bool)).sum()) == len(open_schools) - 40


def test_unmatched_roster_name_fails_the_check_and_blocks_pilot_status(
    mirror: MirrorServer, tmp_path: Path, roster_file: Path, crosswalk_frame: pd.DataFrame
) -> None:
    roster = pd.read_csv(roster_file, dtype=str, keep_default_na=False)
    extra = roster.iloc[[0]].copy()
    extra["school_name_as_published"] = "Imaginary Academy of Nowhere @ Nowhere HS"
    pd.concat([roster, extra]).to_csv(roster_file, index=False)
    crosswalk = tmp_path / "crosswalk.csv"
    crosswalk_frame.to_csv(crosswalk, index=False)
    result = run_with(roster_file, crosswalk, mirror, tmp_path)
    evaluation = check_evaluation(result)
    assert not evaluation.passed
    assert "Imaginary Academy of Nowhere" in (evaluation.description or "")
    assert "unresolved" in evaluation.metadata["problem_entries"].value
    assert STATUS not in materialized(result)


def test_entry_matching_two_schools_fails_as_ambiguous(
    mirror: MirrorServer, tmp_path: Path, roster_file: Path, crosswalk_frame: pd.DataFrame
) -> None:
    # "School of Social Justice" exists on two campuses (Contreras and Marquez): a crosswalk
    # that resolves the Contreras entry to both is ambiguous.
    entry = "School of Social Justice @ Contreras"
    row = crosswalk_frame[crosswalk_frame["school_name_as_published"] == entry].copy()
    marquez = crosswalk_frame.loc[
        crosswalk_frame["school_name_as_published"] == "School of Social Justice @ Marquez",
        "cds_code",
    ].iloc[0]
    row["cds_code"] = marquez
    crosswalk = tmp_path / "crosswalk.csv"
    pd.concat([crosswalk_frame, row]).to_csv(crosswalk, index=False)
    result = run_with(roster_file, crosswalk, mirror, tmp_path)
    evaluation = check_evaluation(result)
    assert not evaluation.passed
    table = evaluation.metadata["problem_entries"].value
    assert "ambiguous" in table and entry in table
    assert STATUS not in materialized(result)


def test_closed_or_non_lausd_school_fails(
    mirror: MirrorServer, tmp_path: Path, roster_file: Path, crosswalk_frame: pd.DataFrame
) -> None:
    frame = crosswalk_frame.copy()
    frame.loc[0, "cds_code"] = "19647330100297"  # Cornerstone Prep Charter, closed 2011
    frame.loc[1, "cds_code"] = "19647250000000"  # Long Beach Unified
    crosswalk = tmp_path / "crosswalk.csv"
    frame.to_csv(crosswalk, index=False)
    result = run_with(roster_file, crosswalk, mirror, tmp_path)
    evaluation = check_evaluation(result)
    assert not evaluation.passed
    kinds = evaluation.metadata["by_kind"].value
    assert kinds.get("closed", 0) >= 1 and kinds.get("outside_lausd", 0) >= 1
    assert STATUS not in materialized(result)
