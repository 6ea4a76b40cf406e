"""One read per file: `parse_levels` equals `parse` + `parse_district_totals`; chunked reading
keeps line numbers, encodings and malformed-row errors of the whole-file reader."""

from __future__ import annotations

import io
import zipfile
from functools import partial
from urllib.parse import urlsplit

import pandas as pd
import pytest

from pilot_pipeline.sources import caaspp, streaming, yearly_sources, zipfiles
from pilot_pipeline.sources.base import Layout, ParseContext, SourceError, read_delimited
from pilot_pipeline_dev import MIRROR_FILES_DIR

LAYOUTS = (Layout("ab", ("a", "b")),)


def _mirrored(url: str) -> bytes | None:
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + (f"__{parts.query}" if parts.query else "")
    path = MIRROR_FILES_DIR / parts.netloc / name
    return path.read_bytes() if path.exists() else None


CASES = [
    (spec, year)
    for spec in yearly_sources()
    if spec.has_district_rows
    for year, url in spec.urls.items()
    if _mirrored(url) is not None
]


@pytest.mark.parametrize("scope", ["lausd", "statewide"])
@pytest.mark.parametrize(("spec", "year"), CASES, ids=[f"{s.name}-{y}" for s, y in CASES])
def test_one_read_gives_both_levels(spec, year: str, scope: str) -> None:  # noqa: ANN001
    data = _mirrored(spec.urls[year])
    assert data is not None
    ctx = ParseContext(spec.name, year, spec.urls[year], "d" * 64, scope)
    schools, districts = spec.parse_levels(data, ctx)
    pd.testing.assert_frame_equal(schools, spec.parse(data, ctx))
    pd.testing.assert_frame_equal(districts, spec.parse_district_totals(data, ctx))
    assert len(schools) and len(districts)


def test_every_district_checked_source_reads_once() -> None:
    checked = {s.name for s in yearly_sources() if s.has_district_rows}
    assert checked == {
        "acgr", "caaspp", "census_day", "chronic_absenteeism", "dashboard_enrollment", "ltel",
        "suspension",
    }  # fmt: skip


def _chunked(data: bytes, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    monkeypatch.setattr(streaming, "CHUNK_ROWS", 2)
    parts = streaming.read_chunks(data, "f.txt", "x", LAYOUTS, {"b"}, lambda c, _l: c, sep="^")
    return pd.concat(parts)


def test_chunks_keep_file_lines_and_only_used_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"a^b\r\n" + b"".join(f"{i}^v{i}\r\n".encode() for i in range(5))
    frame = _chunked(data, monkeypatch)
    whole, _ = read_delimited(data, "f.txt", LAYOUTS, sep="^")
    assert list(frame.columns) == ["source_line", "b"]
    assert frame["source_line"].tolist() == whole["source_line"].tolist() == [2, 3, 4, 5, 6]
    assert frame["b"].tolist() == whole["b"].tolist()


def test_a_cp1252_byte_after_the_first_chunk_restarts_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = ("a^b\r\n" + "1^x\r\n" * 5 + "2^café\r\n").encode("cp1252")
    assert _chunked(data, monkeypatch)["b"].tolist()[-1] == "café"


def test_a_row_with_surplus_fields_fails_like_the_whole_file_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = b"a^b\r\n1^2\r\n3^4\r\n5^6^7\r\n"
    with pytest.raises(SourceError, match=r"f.txt: cannot be parsed.*Expected 2 fields"):
        _chunked(data, monkeypatch)
    with pytest.raises(SourceError, match=r"f.txt: cannot be parsed.*Expected 2 fields"):
        read_delimited(data, "f.txt", LAYOUTS, sep="^")


def test_streamed_zip_member_keeps_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("^".join(caaspp.LAYOUTS[0].columns) + "\r\n").encode() + b"1^" * 400_000
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sb_ca2021_all_csv_v2.txt", text)
    capped = partial(zipfiles.open_member, max_bytes=100_000, max_ratio=10**6)
    monkeypatch.setattr(streaming, "open_member", capped)
    ctx = ParseContext("caaspp", "2020-21", "sb.zip", "e" * 64)
    with pytest.raises(SourceError, match=r"sb.zip: member sb_ca2021_all_csv_v2.txt declares"):
        caaspp.parse(buffer.getvalue(), ctx)
