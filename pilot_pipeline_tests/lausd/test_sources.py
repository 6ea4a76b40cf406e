"""LAUSD parsers, the location crosswalk, program roll-up and drop identification."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pilot_pipeline.lausd.suggest import expand, main, split_program
from pilot_pipeline.roster import read_crosswalk
from pilot_pipeline.roster.suggest import read_directory
from pilot_pipeline.sources import drop_sources, lausd_early_literacy, lausd_norm_day, lausd_survey
from pilot_pipeline.sources.base import LayoutError, ParseContext, SourceError
from pilot_pipeline.sources.lausd_crosswalk import read_location_crosswalk
from pilot_pipeline.sources.lausd_inbox import InboxError, drop_prefixes, identify
from pilot_pipeline_dev import MIRROR_FILES_DIR, SAMPLE_INBOX

YEARS = ["2020-21", "2021-22"]
DIRECTORY = MIRROR_FILES_DIR / "www.cde.ca.gov" / "schooldirectory" / "report__rid=dl1&tp=txt"
ROYBAL = "19647330126391"  # pilot with a DL program row (location 8421)
EL_HEADER = "School Year,Location Code,School Name,Grade,Students Assessed,At or Above Benchmark"


def _ctx(year: str = "2021-22", label: str = "drop.csv") -> ParseContext:
    return ParseContext("lausd", year, label, "c" * 64)


def _el(*rows: str) -> bytes:
    return ("\r\n".join([EL_HEADER, *rows]) + "\r\n").encode()


@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize(
    ("module", "prefix", "keys"),
    [
        (lausd_early_literacy, "early_literacy", ["cds_code", "grade"]),
        (lausd_survey, "ses", ["cds_code", "respondent_group", "item_id"]),
        (lausd_norm_day, "norm_day", ["cds_code", "student_group_code"]),
    ],
)
def test_samples_parse_one_row_per_school_key(module, prefix: str, keys: list, year: str) -> None:
    data = (SAMPLE_INBOX / f"{prefix}_{year}.csv").read_bytes()
    frame = module.parse(data, _ctx(year))
    assert list(frame.columns) == list(module.COLUMNS)
    assert not frame.duplicated(keys).any()
    assert frame["cds_code"].str.match(r"^1964733\d{7}$").all()
    assert module.SOURCE.value_problems(frame) == []
    # The two DL programs are rolled up into their schools.
    assert (frame["source_rows"] == 2).any()


def test_dual_language_row_is_summed_into_its_school() -> None:
    data = _el("2021-22,8420,Lucille Roybal-Allard El,K,80,50",
               "2021-22,8421,Lucille Roybal-Allard El DL Two-Way Im Spanish,K,20,15")  # fmt: skip
    frame = lausd_early_literacy.parse(data, _ctx())
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["cds_code"], row["grade"]) == (ROYBAL, "KN")
    assert (row["students_assessed"], row["at_or_above_benchmark"]) == (100, 65)
    assert row["location_codes"] == "8420,8421"


def test_suppressed_program_part_makes_the_sum_null_and_flagged() -> None:
    data = _el("2021-22,8420,Roybal,1,80,50", "2021-22,8421,Roybal DL,1,*,*")
    row = lausd_early_literacy.parse(data, _ctx()).iloc[0]
    assert pd.isna(row["students_assessed"]) and row["students_assessed_suppressed"]


def test_unknown_location_code_fails_naming_file_line_code_and_name() -> None:
    data = _el("2021-22,8420,Roybal,K,80,50", "2021-22,1234,Nowhere El,K,10,5")
    with pytest.raises(SourceError, match=r"drop.csv: column 'Location Code'.*'1234' \(Nowhere El, "
                       r"line 3\)"):  # fmt: skip
        lausd_early_literacy.parse(data, _ctx())


def test_wrong_year_and_grade_and_layout_fail_clearly() -> None:
    with pytest.raises(SourceError, match=r"column 'School Year', line 2.*loaded for 2021-22"):
        lausd_early_literacy.parse(_el("2020-21,8420,Roybal,K,80,50"), _ctx())
    with pytest.raises(SourceError, match=r"column 'Grade', line 2: unknown value '3'"):
        lausd_early_literacy.parse(_el("2021-22,8420,Roybal,3,80,50"), _ctx())
    with pytest.raises(LayoutError, match=r"missing columns \['At or Above Benchmark'\]"):
        lausd_early_literacy.parse(b"School Year,Location Code,School Name,Grade,Students "
                                   b"Assessed\n2021-22,8420,R,K,5\n", _ctx())  # fmt: skip


def test_long_year_label_and_padded_grade_are_accepted() -> None:
    frame = lausd_early_literacy.parse(_el("2021-2022,8420,Roybal,02,80,50"), _ctx())
    assert frame.loc[0, "grade"] == "02"


def test_value_rules_catch_counts_above_their_totals() -> None:
    frame = lausd_early_literacy.parse(_el("2021-22,8420,Roybal,K,80,90"), _ctx())
    problems = lausd_early_literacy.value_problems(frame)
    assert problems and "line 2" in problems[0] and "At or Above Benchmark" in problems[0]


def test_survey_rolls_up_weighted_and_checks_item_text() -> None:
    head = ("School Year,Location Code,School Name,Respondent Group,Item ID,Item Text,Responses,"
            "Percent Agree or Strongly Agree")  # fmt: skip
    rows = [head, "2021-22,8420,R,Teacher,T-1,I feel heard,30,80.0",
            "2021-22,8421,R DL,Teachers,T-1,I feel heard,10,40.0"]  # fmt: skip
    frame = lausd_survey.parse("\n".join(rows).encode(), _ctx())
    assert frame.loc[0, "respondent_group"] == "teacher"
    assert frame.loc[0, "responses"] == 40 and frame.loc[0, "agree_pct"] == pytest.approx(70.0)
    rows[2] = rows[2].replace("I feel heard", "I feel listened to")
    with pytest.raises(SourceError, match=r"column 'Item Text'.*different texts"):
        lausd_survey.parse("\n".join(rows).encode(), _ctx())


def test_norm_day_maps_ltel_and_newcomers() -> None:
    frame = lausd_norm_day.parse((SAMPLE_INBOX / "norm_day_2021-22.csv").read_bytes(), _ctx())
    assert {"all", "ltel", "newcomer", "sed", "el"} <= set(frame["student_group_code"])
    head = ",".join(lausd_norm_day.LAYOUTS[0].columns)
    bad = f"{head}\n2021-22,8420,R,MARTIANS,5,100\n".encode()
    with pytest.raises(SourceError, match=r"unmapped student-group codes \['MARTIANS'\]"):
        lausd_norm_day.parse(bad, _ctx())


def test_location_crosswalk_covers_every_pilot_and_points_at_the_directory() -> None:
    crosswalk = read_location_crosswalk()
    directory = read_directory(DIRECTORY, "2021-22")
    assert set(crosswalk["cds_code"]) <= set(directory["cds_code"])
    pilots = read_crosswalk()
    pilots_2122 = set(pilots.loc[pilots["school_year"] == "2021-22", "cds_code"])
    assert pilots_2122 <= set(crosswalk["cds_code"])
    programs = crosswalk[crosswalk["program"] != ""]
    assert len(programs) == 2 and programs["cds_code"].isin(crosswalk["cds_code"]).all()
    assert crosswalk["review_note"].str.contains("SYNTHETIC").all()


def test_suggest_expands_lausd_names_and_ranks_the_reviewed_school(tmp_path: Path) -> None:
    name = "Lucille Roybal-Allard El DL Two-Way Im Spanish"
    assert split_program(name) == ("Lucille Roybal-Allard El", "DL Two-Way Im Spanish")
    assert expand(name) == "Lucille Roybal-Allard Elementary"
    locations = tmp_path / "locations.csv"
    locations.write_text(f"Location Code,School Name\n8421,{name}\n9999,Garvanza El\n")
    out = tmp_path / "suggestions.csv"
    args = ["--locations", str(locations), "--directory", str(DIRECTORY),
            "--school-year", "2022-23", "--out", str(out), "--limit", "2"]  # fmt: skip
    assert main(args) == 0
    found = pd.read_csv(out, dtype=str)
    top = found[found["rank"] == "1"].set_index("location_code")
    assert top.loc["8421", "cds_code"] == ROYBAL and top.loc["8421", "reviewed"] == "True"
    assert top.loc["9999", "directory_school_name"].startswith("Garvanza")
    assert top.loc["9999", "reviewed"] == "False"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("early_literacy_2021-22.csv", ("lausd_early_literacy", "2021-22")),
        ("SES_2021-2022_final.csv", ("lausd_survey", "2021-22")),
        ("norm_day-2020-21.csv", ("lausd_norm_day", "2020-21")),
    ],
)
def test_identify_by_name(name: str, expected: tuple[str, str]) -> None:
    assert identify(name, b"") == expected


def test_identify_reads_the_year_from_the_file_when_the_name_has_none() -> None:
    assert identify("inbox/early_literacy.csv", _el("2020-21,8420,R,K,1,1")) == (
        "lausd_early_literacy", "2020-21")  # fmt: skip
    with pytest.raises(InboxError, match="not a LAUSD drop"):
        identify("inbox/notes.txt", b"x")
    with pytest.raises(InboxError, match="2015-16"):
        identify("ses_2015-16.csv", b"")


def test_the_drop_prefixes_and_facts_come_from_the_drop_sources() -> None:
    assert drop_prefixes() == {
        "early_literacy": "lausd_early_literacy",
        "norm_day": "lausd_norm_day",
        "ses": "lausd_survey",
    }
    facts = {spec.name: [load.fact.table for load in spec.facts] for spec in drop_sources()}
    assert facts == {
        "lausd_early_literacy": ["fct_early_literacy"],
        "lausd_norm_day": ["fct_enrollment"],
        "lausd_survey": ["fct_survey_response"],
    }
