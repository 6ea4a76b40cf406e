"""CAASPP on real CDE bytes (fixtures/real/caaspp, provenance in fixtures/real/SOURCES.md): the
33-column layout of 2020-21 on compared cell by cell with the raw lines, `Type ID` telling the
school rows without the entities file, and the quoted comma CSV of 2017-18."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from pilot_pipeline.sources import caaspp
from pilot_pipeline.sources.base import ParseContext, SourceError, observing_layouts
from pilot_pipeline_tests.sources.sql_checks import load_fact

REAL = Path(__file__).parents[1] / "fixtures" / "real" / "caaspp"
TYPED = [
    ("2020-21", "sb_ca2021_1_csv_v2_excerpt.txt"),
    ("2021-22", "sb_ca2022_studentgroup1_excerpt.txt"),
    ("2022-23", "sb_ca2023_studentgroup1_excerpt.txt"),
]
CSV_2018 = REAL / "sb_ca2018_1_csv_v3_excerpt.txt"
# Real header name -> staged measure (2017-18 calls Students Enrolled `CAASPP Reported ...`).
MEASURES = {**caaspp.MEASURES, **caaspp.AREA_MEASURES}
SPELLED_2018 = {"CAASPP Reported Enrollment": "Students Enrolled", "Test Id": "Test ID"}


def _ctx(year: str, scope: str = "statewide", label: str = "real.txt") -> ParseContext:
    return ParseContext("caaspp", year, label, "d" * 64, scope)


def _raw_lines(path: Path, sep: str) -> dict[int, dict[str, str]]:
    """File line number -> header name -> cell, read by the standard library, not our reader."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=sep, quotechar='"' if sep == "," else None))
    header = [SPELLED_2018.get(h, h) for h in rows[0]]
    return {n: dict(zip(header, row, strict=True)) for n, row in enumerate(rows[1:], start=2)}


def _assert_cells_match(staged: pd.DataFrame, raw: dict[int, dict[str, str]]) -> int:
    """Every staged measure against its raw cell: `*` NULL + flag, blank NULL, else the number."""
    checked = 0
    for _, row in staged.iterrows():
        cells = raw[int(row["source_line"])]
        where = f"line {row['source_line']}"
        assert row["cds_code"] == cells["County Code"] + cells["District Code"] + cells[
            "School Code"
        ].zfill(7), where
        assert row["grade"] == ("all" if cells["Grade"] == "13" else cells["Grade"].zfill(2))
        assert row["test"] == {"1": "ela", "2": "math"}[cells["Test ID"]], where
        for column, measure in MEASURES.items():
            cell, value, flag = cells[column], row[measure], row[f"{measure}_suppressed"]
            if cell == "*":
                assert pd.isna(value) and flag, (where, column)
            elif cell == "":
                assert pd.isna(value) and not flag, (where, column)
            else:
                assert value == pytest.approx(float(cell)) and not flag, (where, column, cell)
            checked += 1
    return checked


@pytest.mark.parametrize(("year", "name"), TYPED)
def test_real_33_column_rows_match_their_raw_lines_cell_by_cell(year: str, name: str) -> None:
    path = REAL / name
    with observing_layouts() as seen:
        schools, districts = caaspp.SOURCE.parse_levels(path.read_bytes(), _ctx(year))
    assert [m.layout.name for m in seen] == ["sb_student_group_type_id"]
    assert seen[0].extra == [] and len(seen[0].header) == 33  # Type ID and areas are known
    raw = _raw_lines(path, "^")
    checked = _assert_cells_match(pd.concat([schools, districts]), raw)
    assert checked == (len(schools) + len(districts)) * 20 and len(schools) > 0


def test_a_suppressed_real_row_and_its_claim_areas() -> None:
    """2022-23 line 5 (`01^10017^0112607^^2023^1^B^96^96^5^1^9^9^*^...^9`): nine students, every
    percentage and claim area `*`; line 6 of the same school has its claim areas."""
    schools = caaspp.parse((REAL / TYPED[2][1]).read_bytes(), _ctx("2022-23"))
    by_line = schools.set_index("source_line")
    starred = by_line.loc[5]
    assert starred["students_tested"] == 9 and not starred["students_tested_suppressed"]
    for measure in ("mean_scale_score", "pct_met_and_above", "area1_pct_above", "area4_pct_below"):
        assert pd.isna(starred[measure]) and starred[f"{measure}_suppressed"], measure
    shown = by_line.loc[6]  # ...^96^18.75^40.63^40.63^8.33^47.92^43.75^8.33^62.50^29.17^13.54^...
    assert pd.isna(shown["mean_scale_score"]) and not shown["mean_scale_score_suppressed"]
    assert (shown["area1_pct_above"], shown["area1_pct_near"], shown["area1_pct_below"]) == (
        18.75,
        40.63,
        40.63,
    )
    assert (shown["area4_pct_above"], shown["area4_pct_below"]) == (13.54, 22.92)


def test_type_id_tells_schools_without_the_entities_file() -> None:
    data = (REAL / TYPED[1][1]).read_bytes()
    schools, district = caaspp.SOURCE.parse_levels(data, _ctx("2021-22", "lausd"))
    assert set(schools["cds_code"]) == {"19647330100289", "19647330101329", "19647336019483"}
    assert set(district["cds_code"]) == {"19647330000000"} and len(district) == 16
    # Type ID 10 (locally funded charter) is a school too.
    typed_10 = caaspp.parse((REAL / TYPED[2][1]).read_bytes(), _ctx("2022-23"))
    assert "19647336019418" in set(typed_10["cds_code"])


def test_type_id_is_checked_against_the_school_code(tmp_path: Path) -> None:
    lines = (REAL / TYPED[1][1]).read_text().splitlines()
    school_line = next(n for n, x in enumerate(lines) if x.startswith("19^64733^0100289^"))
    lines[school_line] = lines[school_line].rsplit("^", 1)[0] + "^6"
    with pytest.raises(SourceError, match=rf"column 'Type ID', line {school_line + 1}: '6'"):
        caaspp.parse(("\n".join(lines) + "\n").encode(), _ctx("2021-22", label="typed.txt"))


def test_type_id_wins_over_an_entities_file_that_disagrees() -> None:
    """The entities file is the fallback of layouts without Type ID, not a second opinion."""
    entities = (
        b"County Code^District Code^School Code^Filler^Test Year^Type ID^County Name^"
        b"District Name^School Name^Zip Code\n19^64733^0100289^^2022^6^LA^LAUSD^X^\n"
    )
    frame = caaspp.parse((REAL / TYPED[1][1]).read_bytes(), _ctx("2021-22"), entities=entities)
    assert "19647330100289" in set(frame["cds_code"])


def test_real_2017_18_quoted_csv_is_accepted_cell_by_cell() -> None:
    with observing_layouts() as seen:
        schools, districts = caaspp.SOURCE.parse_levels(CSV_2018.read_bytes(), _ctx("2017-18"))
    assert [m.layout.name for m in seen] == ["sb_subgroup"] and seen[0].extra == []
    assert set(schools["cds_code"]) == {"01100170112607"}
    assert set(districts["cds_code"]) == {"01100170000000"}
    raw = _raw_lines(CSV_2018, ",")
    assert _assert_cells_match(pd.concat([schools, districts]), raw) > 100
    enrolled = schools.set_index("source_line").loc[22, "students_enrolled"]
    assert enrolled == int(raw[22]["Students Enrolled"]) == 98


def test_claim_area_load_query_on_real_rows() -> None:
    """ELA areas 1-4 and math areas 1-3; all-blank areas (nobody tested) left out."""
    staged = caaspp.parse((REAL / TYPED[0][1]).read_bytes(), _ctx("2020-21"))
    fact = load_fact(
        "caaspp", "fct_assessment_claim_area", staged, 2021, "fct_assessment_claim_area.sql"
    )
    areas = fact.groupby("test")["claim_area"].agg(lambda s: sorted(set(s)))
    assert areas["ela"] == [1, 2, 3, 4] and areas["math"] == [1, 2, 3]
    with_data = staged[staged["area1_pct_above"].notna() | staged["area1_pct_above_suppressed"]]
    assert len(fact) == sum(4 if t == "ela" else 3 for t in with_data["test"])
    row = fact[
        fact["cds_code"].eq("19647330100289")
        & fact["grade"].eq("03")
        & fact["test"].eq("ela")
        & fact["claim_area"].eq(2)
    ]
    assert row[["pct_above", "pct_near", "pct_below"]].values.tolist() == [[0.0, 25.35, 74.65]]
