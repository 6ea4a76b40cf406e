"""The like-for-like matching view (sql/views/03_vw_pilot_match.sql), run verbatim on each
backend over constructed schools whose right matches are known: the profile it reads is a
table of those schools, so no other view or fact is involved."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

from pilot_pipeline import SQL_DIR
from pilot_pipeline.resources.connect import make_engine
from pilot_pipeline.resources.warehouse_sql import split_sql

VIEW_FILE = SQL_DIR / "views" / "03_vw_pilot_match.sql"
PROFILE_COLUMNS = (
    "school_year INTEGER, cds_code TEXT, school_level TEXT, comparison_group TEXT,"
    " total_enrollment BIGINT, sed_students BIGINT, el_students BIGINT, swd_students BIGINT"
)

# (code, comparison group, level, SED %, EL %, SWD %) of 1 000 students each.
SCHOOLS = [
    ("P1", "pilot", "High", 80, 20, 12),
    ("P2", "pilot", "Elementary", 40, 10, 10),
    ("P3", "pilot", "High", 5, 95, 50),  # nobody near: no match within the caliper
    ("N1", "non-pilot", "High", 81, 20, 12),  # nearest to P1
    ("N10", "non-pilot", "High", 79, 20, 12.5),  # second
    ("N9", "non-pilot", "High", 80, 21, 11),  # third
    ("N2", "non-pilot", "High", 77, 18, 13),  # near, but fourth: beyond the 3 neighbours
    ("N3", "non-pilot", "High", 30, 5, 5),  # far from P1
    ("N4", "non-pilot", "Elementary", 80, 20, 12),  # P1's twin, but elementary
    ("N5", "non-pilot", "Elementary", 41, 10, 10),  # P2's match
    ("N6", "non-pilot", "Middle", 40, 10, 10),  # P2's twin, but middle
    ("N7", "non-pilot", "High", None, 20, 12),  # unknown share: never matched
    ("X1", None, "High", 80, 20, 12),  # P1's twin, but not compared (independent charter)
]


def profile_rows(year: int, schools: list[tuple]) -> list[dict]:
    rows = []
    for code, group, level, sed, el, swd in schools:
        rows.append(
            {
                "school_year": year,
                "cds_code": code.ljust(14, "_"),
                "school_level": level,
                "comparison_group": group,
                "total_enrollment": 1000,
                "sed_students": None if sed is None else round(sed * 10),
                "el_students": round(el * 10),
                "swd_students": round(swd * 10),
            }
        )
    return rows


@pytest.fixture
def match_view(warehouse_url: str) -> Iterator:
    """A callable: load profile rows into an empty warehouse, run the view file, read it."""
    engine = make_engine(warehouse_url)

    def matches(rows: list[dict]) -> pd.DataFrame:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute("CREATE SCHEMA IF NOT EXISTS bi")
            cursor.execute("DROP VIEW IF EXISTS bi.vw_pilot_match")
            cursor.execute("DROP TABLE IF EXISTS bi.vw_school_year_profile")
            cursor.execute(f"CREATE TABLE bi.vw_school_year_profile ({PROFILE_COLUMNS})")
            raw.commit()
        finally:
            raw.close()
        pd.DataFrame(rows, columns=[c.split()[0] for c in PROFILE_COLUMNS.split(",")]).to_sql(
            "vw_school_year_profile", engine, schema="bi", if_exists="append", index=False
        )
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            for statement in split_sql(VIEW_FILE.read_text(encoding="utf-8")):
                cursor.execute(statement)
            raw.commit()
        finally:
            raw.close()
        return pd.read_sql("SELECT * FROM bi.vw_pilot_match", engine)

    yield matches
    engine.dispose()


def matched(frame: pd.DataFrame, pilot: str, year: int = 2022) -> list[str]:
    mine = frame[(frame["pilot_cds_code"] == pilot.ljust(14, "_")) & (frame["school_year"] == year)]
    return [code.rstrip("_") for code in mine.sort_values("match_rank")["matched_cds_code"]]


def test_three_nearest_of_the_same_level_within_the_caliper(match_view) -> None:
    found = match_view(profile_rows(2022, SCHOOLS))
    assert matched(found, "P1") == ["N1", "N10", "N9"]
    assert matched(found, "P2") == ["N5"]
    assert matched(found, "P3") == []
    assert set(found.loc[found["pilot_cds_code"].str.startswith("P1"), "match_weight"]) == {1 / 3}
    assert list(found.loc[found["pilot_cds_code"].str.startswith("P2"), "match_weight"]) == [1.0]
    assert (found["distance"] <= 0.5).all()
    assert set(found["school_level"]) == {"High", "Elementary"}
    assert found["match_method"].iloc[0].startswith("nearest 3 within 0.5 SD")
    never = {"N2", "N3", "N4", "N6", "N7", "X1"}
    assert never.isdisjoint({code.rstrip("_") for code in found["matched_cds_code"]})


def test_years_are_matched_apart_and_a_share_that_never_varies_adds_nothing(match_view) -> None:
    # In 2023 every school has the same SWD share: its spread is 0 and it must not divide.
    flat = [(c, g, lvl, sed, el, 10) for c, g, lvl, sed, el, _ in SCHOOLS]
    found = match_view(profile_rows(2022, SCHOOLS) + profile_rows(2023, flat))
    assert sorted(found["school_year"].unique()) == [2022, 2023]
    assert matched(found, "P1") == ["N1", "N10", "N9"]
    assert len(matched(found, "P1", 2023)) == 3
    assert found["distance"].notna().all()


def test_no_non_pilot_of_the_level_gives_no_rows(match_view) -> None:
    pilots_only = [s for s in SCHOOLS if s[1] == "pilot"]
    assert match_view(profile_rows(2022, pilots_only)).empty
