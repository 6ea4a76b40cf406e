"""One defect per test, each through a real Dagster materialization over the loopback mirror.

A good run builds the warehouse once (module scope); each test then serves a defective copy of
the ACGR 2021-22 file and runs raw -> staging -> fct_graduation again. Each asserts: the check
failed with a message naming the file and the column, the fact did not materialize, and the
fact table is byte-for-byte what it was (WarehouseResource.checksum).
"""

from __future__ import annotations

from collections.abc import Iterator

import dagster as dg
import pytest

from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline_dev.mirror.server import MirrorServer

from .support import (
    FACT,
    FACT_TABLE,
    ORIGINAL,
    STAGING,
    URL,
    Pipeline,
    check,
    edit_lines,
    lausd_school_row,
    materialized,
    set_cell,
)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pipeline]:
    tmp = tmp_path_factory.mktemp("validation")
    with MirrorServer() as mirror:
        built = Pipeline(
            mirror,
            WarehouseResource(url=f"duckdb:///{tmp / 'pilot_test.duckdb'}"),
            tmp / "raw",
            dg.DagsterInstance.ephemeral(),
        )
        built.good_run = built.build()
        yield built


@pytest.fixture(scope="module")
def baseline(pipeline: Pipeline) -> str:
    checksum = pipeline.warehouse.checksum(FACT_TABLE)
    assert pipeline.warehouse.row_count(FACT_TABLE) > 0
    return checksum


def assert_blocked(
    pipeline: Pipeline, baseline: str, result: dg.ExecuteInProcessResult, name: str, column: str
) -> dg.AssetCheckEvaluation:
    evaluation = check(result, name)
    assert not evaluation.passed
    assert evaluation.severity == dg.AssetCheckSeverity.ERROR
    assert URL in (evaluation.description or "")
    assert column in (evaluation.description or "")
    assert not result.success
    assert FACT not in materialized(result)
    assert pipeline.warehouse.checksum(FACT_TABLE) == baseline
    return evaluation


def quarantined(warehouse: WarehouseResource, sha_of: bytes, check_name: str) -> int:
    import hashlib

    return int(
        warehouse.read_frame(
            "SELECT count(*) AS n FROM quarantine.rejected_rows "
            "WHERE source_file_sha256 = :s AND check_name = :c",
            {"s": hashlib.sha256(sha_of).hexdigest(), "c": check_name},
        )["n"].iloc[0]
    )


def test_good_file_passes_every_check(pipeline: Pipeline, baseline: str) -> None:
    result = pipeline.good_run
    assert result is not None and FACT in materialized(result)
    evaluations = [e for e in result.get_asset_check_evaluations() if e.asset_key == STAGING]
    assert len(evaluations) >= 10
    assert all(e.passed for e in evaluations), [e.description for e in evaluations if not e.passed]
    assert check(result, "row_count_not_collapsed").metadata["validation_seconds"].value > 0


def test_bad_cds_code(pipeline: Pipeline, baseline: str) -> None:
    data = edit_lines(ORIGINAL, set_cell("SchoolCode", "12345X7"))
    result = pipeline.run_with_file(data)
    evaluation = assert_blocked(pipeline, baseline, result, "cds_code_format", "cds_code")
    assert evaluation.metadata["quarantined_rows"].value == 1
    assert "line " in (evaluation.description or "")
    assert quarantined(pipeline.warehouse, data, "cds_code_format") == 1
    # The good rows of the file were staged; the bad one was not.
    staged = pipeline.warehouse.read_frame(
        "SELECT count(*) AS n FROM staging.stg_acgr WHERE cds_code = '196473312345X7'"
    )
    assert int(staged["n"].iloc[0]) == 0


def test_unknown_group_code(pipeline: Pipeline, baseline: str) -> None:
    def edit(rows: list[list[str]]) -> list[list[str]]:
        rows[lausd_school_row(rows)][rows[0].index("ReportingCategory")] = "ZZ"
        return rows

    result = pipeline.run_with_file(edit_lines(ORIGINAL, edit))
    evaluation = assert_blocked(
        pipeline, baseline, result, "codes_in_known_sets", "ReportingCategory"
    )
    assert "ZZ" in (evaluation.description or "")
    assert not check(result, "file_parses").passed


def test_negative_count(pipeline: Pipeline, baseline: str) -> None:
    data = edit_lines(ORIGINAL, set_cell("Dropout (Count)", "-3"))
    result = pipeline.run_with_file(data)
    evaluation = assert_blocked(pipeline, baseline, result, "counts_non_negative", "dropouts")
    assert evaluation.metadata["unexpected_count"].value == 1
    assert "|" in evaluation.metadata["failing_rows"].value  # markdown table with the line
    assert quarantined(pipeline.warehouse, data, "counts_non_negative") == 1


def test_rate_above_100(pipeline: Pipeline, baseline: str) -> None:
    data = edit_lines(ORIGINAL, set_cell("Regular HS Diploma Graduates (Rate)", "150.0"))
    result = pipeline.run_with_file(data)
    assert_blocked(pipeline, baseline, result, "rates_within_0_100", "graduation_rate")
    assert quarantined(pipeline.warehouse, data, "rates_within_0_100") == 1


def test_rate_inconsistent_with_counts(pipeline: Pipeline, baseline: str) -> None:
    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = lausd_school_row(rows, nth=1)
        col = rows[0].index("Regular HS Diploma Graduates (Rate)")
        rows[i][col] = f"{abs(float(rows[i][col]) - 7.5):.1f}"
        return rows

    data = edit_lines(ORIGINAL, edit)
    result = pipeline.run_with_file(data)
    evaluation = assert_blocked(
        pipeline, baseline, result, "rates_consistent_with_counts", "graduation_rate"
    )
    assert evaluation.metadata["quarantined_rows"].value == 1
    assert check(result, "rates_within_0_100").passed


def test_duplicate_key(pipeline: Pipeline, baseline: str) -> None:
    def edit(rows: list[list[str]]) -> list[list[str]]:
        i = lausd_school_row(rows)
        return [*rows[: i + 1], list(rows[i]), *rows[i + 1 :]]

    result = pipeline.run_with_file(edit_lines(ORIGINAL, edit))
    assert_blocked(pipeline, baseline, result, "key_unique", "cds_code, student_group_code")


def test_missing_column(pipeline: Pipeline, baseline: str) -> None:
    def edit(rows: list[list[str]]) -> list[list[str]]:
        col = rows[0].index("Dropout (Count)")
        return [r[:col] + r[col + 1 :] for r in rows]

    result = pipeline.run_with_file(edit_lines(ORIGINAL, edit))
    assert_blocked(pipeline, baseline, result, "expected_columns_and_types", "Dropout (Count)")


def test_file_half_the_size_of_its_previous_version(pipeline: Pipeline, baseline: str) -> None:
    before = pipeline.warehouse.checksum("staging.stg_acgr")
    # Every fourth line: a school keeps one row whatever its flags, so halving the lines
    # keeps 75 % of the staged rows, above the guard's 60 %.
    halved = edit_lines(ORIGINAL, lambda rows: [rows[0], *rows[1::4]])
    result = pipeline.run_with_file(halved)
    evaluation = assert_blocked(pipeline, baseline, result, "row_count_not_collapsed", "rows")
    assert "previous load" in (evaluation.description or "")
    # A rejected file stages nothing: the previous rows stay.
    assert pipeline.warehouse.checksum("staging.stg_acgr") == before
