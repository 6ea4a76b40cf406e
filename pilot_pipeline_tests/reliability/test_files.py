"""Bad and odd files: each is either read exactly right or refused with an error that names
the file (and the column and line where there is one); suppressed cells never become 0."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import dagster as dg
import openpyxl
import pandas as pd
import pytest

from pilot_pipeline.resources.downloader import SourceDownloader
from pilot_pipeline.resources.warehouse import WarehouseResource
from pilot_pipeline.sources import acgr, caaspp, frpm, school_directory
from pilot_pipeline.sources.base import (
    LayoutError,
    ParseContext,
    SourceError,
    observing_layouts,
)
from pilot_pipeline.sources.zipfiles import read_member
from pilot_pipeline.validation.runner import drift_outcome
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import MirrorServer

from .support import (
    ACGR_BYTES,
    ACGR_PATH,
    ACGR_URL,
    acgr_ctx,
    materialize_acgr,
    run_errors,
)

CRLF = b"\r\n"
LINES = ACGR_BYTES.rstrip(CRLF).split(CRLF)
HEADER = LINES[0]
# LAUSD school rows of the All/All roll-up: the ones the parser keeps.
KEPT = [
    i
    for i, line in enumerate(LINES)
    if (f := line.split(b"\t"))[1] == b"S" and f[3] == b"64733" and f[8:10] == [b"All", b"All"]
]
BASELINE = acgr.SOURCE.parse(ACGR_BYTES, acgr_ctx())
CAASPP_URL = "https://caaspp-elpac.ets.org/caaspp/researchfiles/sb_ca2022_all_csv_v1.zip"
DIRECTORY_PATH = "www.cde.ca.gov/schooldirectory/report__rid=dl1&tp=txt"
DIRECTORY_BYTES = (MIRROR_FILES_DIR / DIRECTORY_PATH).read_bytes()
DIRECTORY_CTX = ParseContext("cde_school_directory", "current", "directory.txt", "cd" * 32)
FRPM_BYTES = (MIRROR_FILES_DIR / "www.cde.ca.gov/ds/ad/documents/frpm2021.xlsx").read_bytes()
FRPM_CTX = ParseContext("frpm", "2020-21", "frpm2021.xlsx", "ef" * 32)


def join(lines: list[bytes]) -> bytes:
    return CRLF.join(lines) + CRLF


def with_cell(line_no: int, column: str, value: bytes) -> bytes:
    """The ACGR file with one cell (by header name) of one line replaced."""
    lines = list(LINES)
    cells = lines[line_no].split(b"\t")
    cells[HEADER.split(b"\t").index(column.encode())] = value
    lines[line_no] = b"\t".join(cells)
    return join(lines)


def parse(data: bytes) -> pd.DataFrame:
    return acgr.SOURCE.parse(data, acgr_ctx())


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_empty_file_is_refused() -> None:
    with pytest.raises(SourceError, match=rf"^{ACGR_URL}: file is empty$"):
        parse(b"")


def test_header_only_file_is_refused_not_loaded_as_an_empty_year() -> None:
    with pytest.raises(SourceError, match=rf"^{ACGR_URL}: header only, no data rows$"):
        parse(HEADER + CRLF)


def test_wrong_delimiter_is_refused_naming_the_delimiter() -> None:
    with pytest.raises(SourceError, match=r"acgr21\.txt: header has no '\\t' delimiter"):
        parse(ACGR_BYTES.replace(b"\t", b","))


def test_unknown_layout_lists_missing_and_unexpected_columns() -> None:
    renamed = ACGR_BYTES.replace(b"CohortStudents", b"Cohort Pupils", 1)
    with pytest.raises(LayoutError) as caught:
        parse(renamed)
    message = str(caught.value)
    assert message.startswith(f"{ACGR_URL}: unknown layout (34 columns)")
    assert "missing columns ['CohortStudents']" in message
    assert "unexpected columns ['Cohort Pupils']" in message
    assert caught.value.missing == ["CohortStudents"] and caught.value.extra == ["Cohort Pupils"]


def test_spaced_or_recased_header_is_the_same_column() -> None:
    """CDE's 2023-24 files spell `AcademicYear` as `Academic Year`: the same column."""
    respelled = HEADER.replace(b"CohortStudents", b"Cohort Students").replace(
        b"AcademicYear", b"ACADEMIC_YEAR"
    )
    frame = parse(join([respelled, *LINES[1:]]))
    pd.testing.assert_frame_equal(frame, BASELINE)


def test_extra_column_loads_and_is_reported_as_drift() -> None:
    lines = [HEADER + b"\tNew Measure"] + [
        line + b"\t" + str(n).encode() for n, line in enumerate(LINES[1:])
    ]
    with observing_layouts() as seen:
        frame = parse(join(lines))
    pd.testing.assert_frame_equal(frame, BASELINE)
    outcome = drift_outcome(seen)
    assert not outcome.success and outcome.severity == "warning"
    assert outcome.column == "New Measure"
    assert "acgr21.txt" in outcome.detail and "'New Measure' (e.g. '0', '1', '2'" in outcome.detail


def test_missing_column_is_refused_naming_it() -> None:
    lines = [b"\t".join(line.split(b"\t")[:-1]) for line in LINES]
    with pytest.raises(LayoutError, match=r"missing columns \['Still Enrolled \(Rate\)'\]"):
        parse(join(lines))


def test_latin1_bytes_in_a_utf8_file_decode_to_the_right_letters() -> None:
    lines = DIRECTORY_BYTES.split(b"\n")
    line = next(i for i, t in enumerate(lines) if t.startswith(b"19647330") and i > 1)
    cells = lines[line].split(b"\t")
    cells[6] = "Escuela Peña Ibáñez".encode("latin-1")  # one stray latin-1 row
    lines[line] = b"\t".join(cells)
    frame = school_directory.parse(b"\n".join(lines), DIRECTORY_CTX)
    clean = school_directory.parse(DIRECTORY_BYTES, DIRECTORY_CTX)
    row = frame[frame["source_line"] == line + 1]
    assert row["school_name"].tolist() == ["Escuela Peña Ibáñez"]
    assert len(frame) == len(clean)


@pytest.mark.parametrize("body", ["utf8", "cp1252"], ids=["bom-utf8", "bom-with-latin1-byte"])
def test_byte_order_mark_is_not_part_of_the_first_column(body: str) -> None:
    # acgr21.txt holds cp1252 bytes (Cañada); acgr24.txt is UTF-8 with a BOM.
    if body == "utf8":
        data = (MIRROR_FILES_DIR / "www3.cde.ca.gov/demo-downloads/acgr/acgr24.txt").read_bytes()
        assert data.startswith(b"\xef\xbb\xbf")
        ctx = acgr_ctx(year="2023-24")
        pd.testing.assert_frame_equal(
            acgr.SOURCE.parse(data, ctx), acgr.SOURCE.parse(data[3:], ctx)
        )
    else:
        pd.testing.assert_frame_equal(parse(b"\xef\xbb\xbf" + ACGR_BYTES), BASELINE)


def test_crlf_and_lf_line_ends_parse_identically() -> None:
    assert ACGR_BYTES.count(CRLF) == len(LINES)
    pd.testing.assert_frame_equal(parse(ACGR_BYTES.replace(CRLF, b"\n")), BASELINE)
    assert not BASELINE["source_group_code"].str.contains("\r").any()


def test_duplicate_row_is_refused_naming_the_line_and_school() -> None:
    dup = LINES[KEPT[3]]
    with pytest.raises(SourceError) as caught:
        parse(join([*LINES, dup]))
    message = str(caught.value)
    assert message.startswith(f"{ACGR_URL}: line {len(LINES) + 1}: ")
    assert "appears more than once" in message


def test_star_in_every_measure_cell_is_null_and_flagged_never_zero() -> None:
    lines = [HEADER]
    for line in LINES[1:]:
        cells = line.split(b"\t")
        lines.append(b"\t".join(cells[:11] + [b"*"] * (len(cells) - 11)))
    frame = parse(join(lines))
    assert len(frame) == len(BASELINE)
    measures = [m for m in (*acgr.COUNT_MEASURES, *acgr.RATE_MEASURES) if "exemption" not in m]
    assert frame[measures].isna().all().all()
    assert frame[[f"{m}_suppressed" for m in measures]].all().all()
    assert not frame[measures].fillna(-1).eq(0).any().any()


def test_100000_character_measure_cell_names_column_and_line_briefly() -> None:
    line = KEPT[0]
    data = with_cell(line, "CohortStudents", b"9" * 50_000 + b"x" * 50_000)
    with pytest.raises(SourceError) as caught:
        parse(data)
    message = str(caught.value)
    assert message.startswith(f"{ACGR_URL}: column 'CohortStudents', line {line + 1}: ")
    assert "(100000 characters)" in message and len(message) < 400


@pytest.mark.parametrize("warehouse_url", ["duckdb", "postgresql"], indirect=True)
def test_100000_character_text_field_loads_intact(warehouse: WarehouseResource) -> None:
    lines = DIRECTORY_BYTES.split(b"\n")
    line = next(i for i, t in enumerate(lines) if t.startswith(b"19647330") and i > 1)
    cells = lines[line].split(b"\t")
    cells[6] = b"N" * 100_000
    lines[line] = b"\t".join(cells)
    frame = school_directory.parse(b"\n".join(lines), DIRECTORY_CTX)
    warehouse.replace_table("staging.stg_cde_school_directory", frame)
    back = warehouse.read_frame(
        "SELECT length(school_name) AS n FROM staging.stg_cde_school_directory WHERE cds_code = :c",
        {"c": cells[0].decode()},
    )
    assert back["n"].tolist() == [100_000]
    assert warehouse.row_count("staging.stg_cde_school_directory") == len(frame)


def test_binary_garbage_is_refused() -> None:
    with pytest.raises(SourceError, match=r"acgr21\.txt: binary content"):
        parse(random.Random(8).randbytes(20_000))
    no_nul = bytes(b for b in random.Random(9).randbytes(20_000) if b)
    with pytest.raises(SourceError, match=r"acgr21\.txt: header has no '\\t' delimiter"):
        parse(no_nul)


def test_zip_slip_member_is_refused_and_nothing_is_written(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    data = zipped({"../../evil.txt": b"x", "sb_ca2022_all_csv_v1.txt": b"a^b\n1^2\n"})
    ctx = ParseContext("caaspp", "2021-22", CAASPP_URL, "ab" * 32)
    with pytest.raises(SourceError, match=r"sb_ca2022_all_csv_v1\.zip: refusing archive"):
        caaspp.parse(data, ctx)
    assert list(tmp_path.rglob("*")) == [] and not (tmp_path.parent.parent / "evil.txt").exists()


def test_zip_bomb_is_refused_by_compression_ratio() -> None:
    bomb = zipped({"sb_ca2022_all_csv_v1.txt": b"0" * 50_000_000})  # ~50 KB compressed
    assert len(bomb) < 100_000
    ctx = ParseContext("caaspp", "2021-22", CAASPP_URL, "ab" * 32)
    with pytest.raises(SourceError, match=r"compression ratio \d+:1 exceeds 200:1"):
        caaspp.parse(bomb, ctx)


def test_zip_member_inflating_past_the_cap_is_cut_off() -> None:
    text = "".join(f"{random.Random(i).random()}\n" for i in range(200_000)).encode()
    data = zipped({"big.txt": text})
    # The declared size is checked first; with it hidden, the streaming cap still holds.
    with pytest.raises(SourceError, match=r"archive\.zip: member big\.txt declares"):
        read_member(data, "archive.zip", r"big\.txt", max_bytes=1_000_000)
    lying = data.replace(len(text).to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    with pytest.raises(SourceError, match=r"archive\.zip: member big\.txt (inflates|is corrupt)"):
        read_member(lying, "archive.zip", r"big\.txt", max_bytes=1_000_000, max_ratio=10**6)


def test_xlsx_with_a_renamed_sheet_is_refused_listing_the_sheets() -> None:
    book = openpyxl.load_workbook(io.BytesIO(FRPM_BYTES))
    sheet = next(s for s in book.worksheets if "school-level" in s.title.lower())
    sheet.title = "FRPM School Data"
    buffer = io.BytesIO()
    book.save(buffer)
    assert len(frpm.parse(FRPM_BYTES, FRPM_CTX)) > 0
    with pytest.raises(SourceError) as caught:
        frpm.parse(buffer.getvalue(), FRPM_CTX)
    message = str(caught.value)
    assert message.startswith("frpm2021.xlsx: expected one sheet named 'FRPM School-Level Data'")
    assert "'FRPM School Data'" in message


def test_text_file_served_for_an_xlsx_is_refused() -> None:
    with pytest.raises(SourceError, match=r"^frpm2021\.xlsx: not an xlsx workbook"):
        frpm.parse(ACGR_BYTES, FRPM_CTX)


def test_file_for_another_year_names_column_and_line() -> None:
    line = KEPT[0]
    with pytest.raises(SourceError) as caught:
        parse(with_cell(line, "AcademicYear", b"2019-20"))
    assert str(caught.value).startswith(f"{ACGR_URL}: column 'AcademicYear', line {line + 1}:")


def test_non_numeric_measure_names_column_and_line() -> None:
    line = KEPT[2]
    with pytest.raises(SourceError) as caught:
        parse(with_cell(line, "Dropout (Count)", b"twelve"))
    assert str(caught.value).startswith(f"{ACGR_URL}: column 'Dropout (Count)', line {line + 1}:")
    assert "'twelve'" in str(caught.value)


@pytest.fixture
def run_setup(
    downloader: SourceDownloader, tmp_path: Path
) -> tuple[WarehouseResource, dict[str, object]]:
    """A fresh DuckDB warehouse and the resources a real ACGR run needs."""
    warehouse = WarehouseResource(url=f"duckdb:///{tmp_path / 'pilot_test.duckdb'}")
    return warehouse, {"warehouse": warehouse, "downloader": downloader}


def test_file_much_smaller_than_last_time_is_rejected_keeping_the_rows(
    run_setup: tuple[WarehouseResource, dict[str, object]], mirror: MirrorServer
) -> None:
    warehouse, resources = run_setup
    assert materialize_acgr(resources).success
    before, rows = warehouse.checksum("staging.stg_acgr"), warehouse.row_count("staging.stg_acgr")
    # A valid file of the same layout and year, cut to every tenth line upstream.
    mirror.state.serve_bytes(ACGR_PATH, join([HEADER, *LINES[1::10]]))
    assert 0 < len(parse(join([HEADER, *LINES[1::10]]))) < rows * 0.2
    result = materialize_acgr(resources)
    assert not result.success
    errors = run_errors(result)
    assert f"{ACGR_URL} (sha256 " in errors and "staging.stg_acgr" in errors, errors[:2000]
    assert warehouse.checksum("staging.stg_acgr") == before
    assert warehouse.row_count("staging.stg_acgr") == rows


def _check(result: dg.ExecuteInProcessResult, name: str) -> dg.AssetCheckEvaluation:
    found = [e for e in result.get_asset_check_evaluations() if e.check_name == name]
    assert len(found) == 1, [e.check_name for e in result.get_asset_check_evaluations()]
    return found[0]


def test_a_new_column_loads_through_a_real_run_with_a_warn_naming_it(
    run_setup: tuple[WarehouseResource, dict[str, object]], mirror: MirrorServer
) -> None:
    warehouse, resources = run_setup
    drifted = [HEADER + b"\tNew Measure"] + [line + b"\t7" for line in LINES[1:]]
    mirror.state.serve_bytes(ACGR_PATH, join(drifted))
    result = materialize_acgr(resources)
    assert result.success, run_errors(result)
    drift = _check(result, "layout_drift")
    assert not drift.passed and drift.severity == dg.AssetCheckSeverity.WARN
    assert "'New Measure' (e.g. '7')" in (drift.description or "")
    staged = warehouse.read_frame("SELECT * FROM staging.stg_acgr ORDER BY source_line")
    assert len(staged) == len(BASELINE) and "new_measure" not in staged.columns
    expected = BASELINE["cohort_students"].astype("Float64").fillna(-1).tolist()
    assert staged["cohort_students"].astype("Float64").fillna(-1).tolist() == expected


def test_a_missing_column_fails_the_run_naming_it_and_keeps_the_rows(
    run_setup: tuple[WarehouseResource, dict[str, object]], mirror: MirrorServer
) -> None:
    warehouse, resources = run_setup
    assert materialize_acgr(resources).success
    before = warehouse.checksum("staging.stg_acgr")
    column = HEADER.split(b"\t").index(b"CohortStudents")
    cut = [b"\t".join(c for i, c in enumerate(line.split(b"\t")) if i != column) for line in LINES]
    mirror.state.serve_bytes(ACGR_PATH, join(cut))
    result = materialize_acgr(resources)
    assert not result.success
    parses = _check(result, "file_parses")
    assert not parses.passed and "missing columns ['CohortStudents']" in (parses.description or "")
    assert warehouse.checksum("staging.stg_acgr") == before
