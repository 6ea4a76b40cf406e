"""Faults found from outside the suite, each replayed as a real Dagster run against a changed
copy of the loopback mirror, asserting the warehouse tables' checksums and the message."""

from __future__ import annotations

import threading
import time

import dagster as dg
import psycopg
import pytest
from sqlalchemy.engine import make_url

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.resources.warehouse_load import batch_hook
from pilot_pipeline.sources import acgr
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import MirrorServer

from .support import ACGR_BYTES, ACGR_PATH, ACGR_URL, acgr_ctx, materialize_acgr, run_errors

STG = "staging.stg_acgr"
CRLF = b"\r\n"
LINES = ACGR_BYTES.rstrip(CRLF).split(CRLF)
HEADER = LINES[0]
BASELINE = acgr.SOURCE.parse(ACGR_BYTES, acgr_ctx())
FRPM_PATH = "www.cde.ca.gov/ds/ad/documents/frpm2021.xlsx"
FRPM_URL = "https://" + FRPM_PATH
FRPM_BYTES = (MIRROR_FILES_DIR / FRPM_PATH).read_bytes()


def join(lines: list[bytes]) -> bytes:
    return CRLF.join(lines) + CRLF


def kept_lines() -> list[int]:
    """Line positions of the rows the parser keeps (LAUSD schools, All/All)."""
    return [
        i
        for i, line in enumerate(LINES)
        if (f := line.split(b"\t"))[1] == b"S" and f[3] == b"64733" and f[8:10] == [b"All", b"All"]
    ]


def with_cell(position: int, column: str, value: bytes) -> bytes:
    lines = list(LINES)
    cells = lines[position].split(b"\t")
    cells[HEADER.split(b"\t").index(column.encode())] = value
    lines[position] = b"\t".join(cells)
    return join(lines)


def check(result: dg.ExecuteInProcessResult, name: str) -> dg.AssetCheckEvaluation:
    found = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    assert len(found) == 1, [e.check_name for e in result.get_asset_check_evaluations()]
    return found[0]


@pytest.fixture
def loaded(
    warehouse_url: str, downloader: SourceDownloader
) -> tuple[WarehouseResource, dict[str, object], str]:
    """A warehouse holding a good ACGR 2020-21 load: (warehouse, resources, its checksum)."""
    warehouse = WarehouseResource(url=warehouse_url)
    resources: dict[str, object] = {"warehouse": warehouse, "downloader": downloader}
    first = materialize_acgr(resources)
    assert first.success, run_errors(first)
    assert warehouse.row_count(STG) == len(BASELINE)
    return warehouse, resources, warehouse.checksum(STG)


# -- 1. two runs of one partition at once -------------------------------------------------


def _advisory_waiters(url: str) -> int:
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
    return int(row[0]) if row else 0


@pytest.mark.parametrize("warehouse_url", ["duckdb", "postgresql"], indirect=True)
def test_two_runs_of_one_partition_at_once_leave_exactly_one_copy(
    warehouse_url: str, downloader: SourceDownloader
) -> None:
    warehouse = WarehouseResource(url=warehouse_url)
    warehouse.apply_ddl()
    resources: dict[str, object] = {"warehouse": warehouse, "downloader": downloader}
    first_in_load, overlapped = threading.Event(), threading.Event()

    def hold_first_load(table: str, _batch: int, _rows: int) -> None:
        if table != STG or first_in_load.is_set():
            return
        first_in_load.set()  # only the first load of the partition is held
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if warehouse.dialect == "postgresql" and _advisory_waiters(warehouse_url):
                overlapped.set()  # the second load is queued on the partition's lock
                break
            time.sleep(0.2)
            if warehouse.dialect == "duckdb" and time.monotonic() > deadline - 22:
                overlapped.set()  # 8 s held: the second run reached its load long since
                break

    results: list[dg.ExecuteInProcessResult] = []
    with batch_hook(hold_first_load):
        one = threading.Thread(target=lambda: results.append(materialize_acgr(resources)))
        one.start()
        assert first_in_load.wait(120)
        two = threading.Thread(target=lambda: results.append(materialize_acgr(resources)))
        two.start()
        one.join(180)
        two.join(180)
    assert overlapped.is_set(), "the second load never overlapped the first"
    assert len(results) == 2 and all(r.success for r in results), [run_errors(r) for r in results]
    assert warehouse.row_count(STG) == len(BASELINE)
    distinct = warehouse.read_frame(f"SELECT count(DISTINCT cds_code) AS n FROM {STG}")  # noqa: S608
    assert int(distinct["n"][0]) == BASELINE["cds_code"].nunique()
    # the next run is not refused by the row-count guard and changes nothing
    before = warehouse.checksum(STG)
    again = materialize_acgr(resources)
    assert again.success, run_errors(again)
    assert warehouse.checksum(STG) == before


# -- 2. a partial export ---------------------------------------------------------------


@pytest.mark.parametrize("warehouse_url", ["duckdb", "postgresql"], indirect=True)
def test_file_cut_to_65_percent_is_rejected_listing_the_missing_schools(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, before = loaded
    codes = sorted(BASELINE["cds_code"].unique())
    gone = codes[: int(len(codes) * 0.3)]  # a third of the schools, 60 %+ of the rows kept
    cut = join([line for line in LINES if not _school_line(line, gone)])
    assert len(acgr.SOURCE.parse(cut, acgr_ctx())) >= 0.6 * len(BASELINE)
    mirror.state.serve_bytes(ACGR_PATH, cut)
    result = materialize_acgr(resources)
    assert not result.success
    missing = check(result, "schools_not_missing")
    assert not missing.passed and missing.severity == dg.AssetCheckSeverity.ERROR
    text = missing.description or ""
    assert f"{ACGR_URL} (sha256 " in text and "schools in the previous load of" in text, text
    assert check(result, "row_count_not_collapsed").passed  # 65 % passes the row guard
    assert warehouse.checksum(STG) == before and warehouse.row_count(STG) == len(BASELINE)


def _school_line(line: bytes, codes: list[str]) -> bool:
    cells = line.split(b"\t")
    return any(cells[3:5] == [c[2:7].encode(), c[7:].encode()] for c in codes)


def test_a_few_missing_schools_load_with_a_warn_naming_them(
    loaded: tuple[WarehouseResource, dict[str, object], str],
    mirror: MirrorServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    warehouse, resources, _ = loaded
    codes = sorted(BASELINE["cds_code"].unique())
    gone = codes[:2]
    monkeypatch.setenv("PILOT_MISSING_SCHOOLS_WARN", str(0.5 / len(codes)))
    keep = [line for line in LINES if not _school_line(line, gone)]
    mirror.state.serve_bytes(ACGR_PATH, join(keep))
    result = materialize_acgr(resources)
    assert result.success, run_errors(result)
    missing = check(result, "schools_not_missing")
    assert not missing.passed and missing.severity == dg.AssetCheckSeverity.WARN
    assert all(c in (missing.description or "") for c in gone), missing.description
    staged = warehouse.read_frame(f"SELECT DISTINCT cds_code FROM {STG}")  # noqa: S608
    assert set(staged["cds_code"]) == set(codes) - set(gone)


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_row_count_guard_states_the_previous_and_the_new_count(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, before = loaded
    small = join([HEADER, *LINES[1::10]])
    mirror.state.serve_bytes(ACGR_PATH, small)
    result = materialize_acgr(resources)
    guard = check(result, "row_count_not_collapsed")
    new = len(acgr.SOURCE.parse(small, acgr_ctx()))
    assert not guard.passed
    assert f"{new} rows, previously {len(BASELINE)}" in (guard.description or ""), guard
    assert warehouse.checksum(STG) == before


# -- 3. lenient numbers -------------------------------------------------------------------


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
@pytest.mark.parametrize("cell", [b"1,8", b"1,2,3", b"inf", b"nan", b"1e400", b"12%"])
def test_malformed_number_quarantines_its_row_quoting_the_cell(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer, cell: bytes
) -> None:
    warehouse, resources, _ = loaded
    position = kept_lines()[3]
    mirror.state.serve_bytes(ACGR_PATH, with_cell(position, "CohortStudents", cell))
    result = materialize_acgr(resources)
    assert check(result, "file_parses").passed
    numbers = check(result, "numbers_well_formed")
    text = numbers.description or ""
    assert not numbers.passed and f"column 'CohortStudents', line {position + 1}" in text, text
    assert repr(cell.decode()) in text and "-9.2233" not in text, text
    # The row is set aside with the cell as the file has it; every other row is staged.
    sql = (
        "SELECT failing_value, column_name FROM quarantine.rejected_rows"
        " WHERE source_line = :l AND check_name = 'numbers_well_formed'"
    )
    quarantined = warehouse.read_frame(sql, {"l": position + 1})
    assert list(quarantined["failing_value"]) == [repr(cell.decode())]
    assert list(quarantined["column_name"]) == ["cohort_students"]
    assert warehouse.row_count(STG) == len(BASELINE) - 1
    staged = warehouse.read_frame(f"SELECT source_line FROM {STG}")["source_line"]  # noqa: S608
    assert position + 1 not in set(staged.astype(int))


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_a_file_of_many_malformed_numbers_is_refused_whole(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, before = loaded
    lines = list(LINES)
    column = HEADER.split(b"\t").index(b"CohortStudents")
    for position in kept_lines()[:101]:  # one more than MAX_MALFORMED_CELLS
        cells = lines[position].split(b"\t")
        cells[column] = b"n/a?"
        lines[position] = b"\t".join(cells)
    mirror.state.serve_bytes(ACGR_PATH, join(lines))
    result = materialize_acgr(resources)
    assert not result.success
    parses = check(result, "file_parses")
    assert not parses.passed and "more than 100 cells" in (parses.description or "")
    assert warehouse.checksum(STG) == before


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_thousands_separator_in_its_real_pattern_loads(
    loaded: tuple[WarehouseResource, dict[str, object], str], mirror: MirrorServer
) -> None:
    warehouse, resources, _ = loaded
    position = kept_lines()[3]
    mirror.state.serve_bytes(ACGR_PATH, with_cell(position, "CohortStudents", b"1,234"))
    result = materialize_acgr(resources)
    # 1,234 is read as 1234: no longer the denominator of its published rates, so the row
    # is quarantined by the rate check (with its parsed value), the others load.
    assert check(result, "file_parses").passed
    rates = check(result, "rates_consistent_with_counts")
    assert not rates.passed and f"line {position + 1}" in (rates.description or "")
    sql = "SELECT row_json FROM quarantine.rejected_rows WHERE source_line = :l"
    quarantined = warehouse.read_frame(sql, {"l": position + 1})["row_json"].tolist()
    assert quarantined and all('"cohort_students":1234' in r for r in quarantined), quarantined
    assert warehouse.row_count(STG) == len(BASELINE) - 1


# -- 4. errors that name the file, line and column ---------------------------------------


def _materialize_frpm(resources: dict[str, object]) -> dg.ExecuteInProcessResult:
    from pilot_pipeline.definitions import defs
    from pilot_pipeline.resources.settings import PipelineSettings

    return dg.materialize(
        [*(defs.assets or []), *(defs.asset_checks or [])],
        selection=[dg.AssetKey(["raw", "frpm"]), dg.AssetKey(["staging", "stg_frpm"])],
        partition_key="2020-21",
        instance=dg.DagsterInstance.ephemeral(),
        resources={**defs.resources, "settings": PipelineSettings(), **resources},
        raise_on_error=False,
    )


def _corrupt_sheet(data: bytes) -> bytes:
    import io
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name == "xl/sharedStrings.xml":
                body = body[: len(body) // 2] + b"</si></broken>"
            dst.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("warehouse_url", ["duckdb"], indirect=True)
def test_corrupt_xlsx_fails_its_parse_check_naming_the_file(
    warehouse_url: str, downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    warehouse = WarehouseResource(url=warehouse_url)
    resources: dict[str, object] = {"warehouse": warehouse, "downloader": downloader}
    assert _materialize_frpm(resources).success
    before, rows = warehouse.checksum("staging.stg_frpm"), warehouse.row_count("staging.stg_frpm")
    mirror.state.serve_bytes(FRPM_PATH, _corrupt_sheet(FRPM_BYTES))
    result = _materialize_frpm(resources)
    assert not result.success
    parses = check(result, "file_parses")
    text = parses.description or ""
    assert not parses.passed and f"{FRPM_URL} (sha256 " in text and "ParseError" in text, text
    assert warehouse.checksum("staging.stg_frpm") == before
    assert warehouse.row_count("staging.stg_frpm") == rows
