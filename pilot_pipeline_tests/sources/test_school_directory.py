"""The directory parser on the real LAUSD rows of a CDE export (the mirror's one real file)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pilot_pipeline.sources import school_directory
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError
from pilot_pipeline_dev import MIRROR_FILES_DIR

REAL_FILE = MIRROR_FILES_DIR / "www.cde.ca.gov" / "schooldirectory" / "report__rid=dl1&tp=txt"
DATA = REAL_FILE.read_bytes()


def parse(data: bytes = DATA, scope: str = "lausd") -> pd.DataFrame:
    return school_directory.parse(
        data, ParseContext("cde_school_directory", "current", "pubschls.txt", "sha", scope)
    )


@pytest.fixture(scope="module")
def directory() -> pd.DataFrame:
    return parse()


def test_every_real_row_parses_with_its_published_counts(directory: pd.DataFrame) -> None:
    # Counts as documented for this extract (shared/reference/samples/README.md).
    assert len(directory) == 1388
    assert directory["status_type"].value_counts().to_dict() == {
        "Active": 1010,
        "Closed": 297,
        "Merged": 81,
    }
    assert int(directory["is_charter"].sum()) == 369
    assert int(directory["is_charter"].isna().sum()) == 1  # the district row: No Data


def test_cds_codes_are_unique_14_character_text(directory: pd.DataFrame) -> None:
    assert directory["cds_code"].str.fullmatch(r"1964733\d{7}").all()
    assert directory["cds_code"].is_unique
    assert "19647330112029" in set(directory["cds_code"])  # leading zeros kept


def test_no_data_is_null_and_dates_are_dates(directory: pd.DataFrame) -> None:
    district = directory.set_index("cds_code").loc["19647330000000"]
    assert pd.isna(district["school_name"]) and pd.isna(district["open_date"])
    cornerstone = directory.set_index("cds_code").loc["19647330100297"]
    assert cornerstone["closed_date"] == dt.date(2011, 7, 21)
    assert cornerstone["open_date"] == dt.date(2003, 9, 2)
    assert not (directory == "No Data").any().any()


def test_utf8_names_survive(directory: pd.DataFrame) -> None:
    assert directory["school_name"].str.contains("Montañez", regex=False).sum() == 1


def test_columns_are_chosen_by_name_not_position() -> None:
    frame = pd.read_csv(REAL_FILE, sep="\t", dtype=str, keep_default_na=False)
    shuffled = frame[list(reversed(frame.columns))]
    data = shuffled.to_csv(sep="\t", index=False).encode()
    pd.testing.assert_frame_equal(
        parse(data).drop(columns="source_line"), parse().drop(columns="source_line")
    )


def test_unknown_layout_names_missing_and_unexpected_columns() -> None:
    header, rest = DATA.split(b"\n", 1)
    renamed = header.replace(b"\tSOCType\t", b"\tSchoolType\t")
    with pytest.raises(
        LayoutError, match=r"pubschls.txt.*missing columns \['SOCType'\].*SchoolType"
    ):
        parse(renamed + b"\n" + rest)


def test_bad_cds_code_names_the_line() -> None:
    lines = DATA.split(b"\n")
    lines[5] = b"1964733" + lines[5][14:]
    with pytest.raises(SourceError, match=r"column 'CDSCode', line 6"):
        parse(b"\n".join(lines))


def test_statewide_scope_keeps_other_districts() -> None:
    header, rest = DATA.split(b"\n", 1)
    other = rest.split(b"\n", 2)[1].replace(b"19647330100289", b"01611190130229", 1)
    data = header + b"\n" + rest + other + b"\n"
    assert "01611190130229" in set(parse(data, "statewide")["cds_code"])
    assert "01611190130229" not in set(parse(data, "lausd")["cds_code"])
