"""The reviewed pilot crosswalk, the suggestion engine and the crosswalk checks."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from pilot_pipeline.roster import read_crosswalk, read_roster
from pilot_pipeline.roster.evidence import is_open_in, level_fits, website_label
from pilot_pipeline.roster.matching import Candidate, score_candidates
from pilot_pipeline.roster.names import parse_roster_name
from pilot_pipeline.roster.suggest import build_suggestions, main, read_directory
from pilot_pipeline.roster.validation import (
    classify_candidates,
    resolve_by_suggestion,
    validate_crosswalk,
)
from pilot_pipeline_dev import MIRROR_FILES_DIR

DIRECTORY_FILE = MIRROR_FILES_DIR / "www.cde.ca.gov" / "schooldirectory" / "report__rid=dl1&tp=txt"
YEAR = "2021-22"


@cache
def _directory() -> pd.DataFrame:
    return read_directory(DIRECTORY_FILE, YEAR)


@cache
def _ranked(name: str, year: str = YEAR) -> tuple[Candidate, ...]:
    # Scoring a name takes ~0.1 s; several tests look at the same names.
    return tuple(score_candidates(name, _directory(), year))


@pytest.fixture(scope="module")
def directory() -> pd.DataFrame:
    return _directory()


@pytest.fixture(scope="module")
def roster() -> pd.DataFrame:
    return read_roster()


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return read_crosswalk()


def _code(crosswalk: pd.DataFrame, name: str) -> str:
    rows = crosswalk[crosswalk["school_year"] == YEAR]
    return rows.loc[rows["school_name_as_published"] == name, "cds_code"].item()


# --- the committed data ------------------------------------------------------------------


def test_roster_is_the_published_appendix(roster: pd.DataFrame) -> None:
    year = roster[roster["school_year"] == YEAR]
    assert len(year) == 40
    assert year["school_name_as_published"].is_unique
    assert (year["roster_source"].str.len() > 0).all()
    # Names kept as printed, including the report's own capitalisation slip.
    assert "Huntington Park institute of Applied Medicine @ Marquez HS" in set(
        year["school_name_as_published"]
    )
    # The one Torres school whose board district differs from its siblings stays as published.
    torres = year[year["school_name_as_published"].str.contains("@ Torres HS")]
    assert (
        torres.set_index("school_name_as_published")["board_district"].to_dict()[
            "Social Justice and Leadership Academy @ Torres HS"
        ]
        == "5"
    )
    assert (torres["board_district"] == "2").sum() == 4


def test_committed_crosswalk_validates_against_the_real_directory(
    roster: pd.DataFrame, crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> None:
    problems = validate_crosswalk(roster, crosswalk, directory)
    assert problems == [], "\n".join(p.message for p in problems)


def test_committed_crosswalk_has_40_distinct_lausd_codes(
    roster: pd.DataFrame, crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> None:
    year = crosswalk[crosswalk["school_year"] == YEAR]
    assert len(year) == 40
    assert year["cds_code"].nunique() == 40
    assert year["cds_code"].str.fullmatch(r"1964733\d{7}").all()
    assert set(year["school_name_as_published"]) == set(
        roster.loc[roster["school_year"] == YEAR, "school_name_as_published"]
    )
    rows = directory.set_index("cds_code").loc[year["cds_code"]]
    assert not rows["is_charter"].astype(bool).any()
    # The stored directory columns are the directory's, not retyped by hand.
    assert list(rows["school_name"]) == list(year["directory_school_name"])
    assert list(rows["status_type"]) == list(year["directory_status"])


def test_school_levels_reproduce_the_reports_breakdown(
    crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> None:
    # The report's figure: 7 elementary, 2 middle, 28 high, 3 span schools. The directory's
    # instruction-level code reproduces it (Porter Ranch, K-8 "SPAN" on the roster, is ELEM).
    codes = crosswalk.loc[crosswalk["school_year"] == YEAR, "cds_code"]
    eil = directory.set_index("cds_code").loc[codes, "eil_code"].value_counts().to_dict()
    assert eil == {"HS": 28, "ELEM": 7, "ELEMHIGH": 3, "INTMIDJR": 2}


def test_every_crosswalk_row_with_a_look_alike_has_a_review_note(crosswalk: pd.DataFrame) -> None:
    assert (crosswalk["review_note"].str.len() > 0).all()
    assert (
        "Eastside High"
        in crosswalk.loc[
            (crosswalk["school_name_as_published"] == "Boyle Heights STEM HS @ Roosevelt HS")
            & (crosswalk["school_year"] == YEAR),
            "directory_school_name",
        ].item()
    )


# --- the suggestion engine ---------------------------------------------------------------

# Roster entries with a look-alike in the directory, and the look-alikes that must rank lower:
# siblings on one campus, the campus's parent school, same-named schools on other campuses,
# closed schools or charters at the same address, and a school renamed since 2021-22.
LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "Ambassador School of Global Education @ RFK": (
        "19647330121095",  # Ambassador-Global Leadership, sibling on the RFK campus
        "19647330114967",  # Global Education Academy, charter
    ),
    "Ambassador School of Global Leadership @ RFK (SPAN)": ("19647330121103",),
    "Los Angeles Academy of the Arts @ RFK": (
        "19647330110304",  # Los Angeles Academy of Arts and Enterprise, charter
        "19647330127787",  # HARTS Academy of Los Angeles, the Narbonne pilot
    ),
    "School of Social Justice @ Contreras": ("19647330126532",),  # same name at Marquez
    "School of Social Justice @ Marquez": ("19647330127795",),  # same name at Contreras
    "Boyle Heights STEM HS @ Roosevelt HS": (
        "19647330122309",  # School of STEM at Roosevelt High, closed 2013
        "19647330122333",  # Math, Science & Technology Magnet Academy at Roosevelt
        "19647331937424",  # Theodore Roosevelt Senior High, the parent
        "19647331932821",  # Boyle Heights Continuation
    ),
    "Walnut Park MS STEM": ("19647330126458",),  # Walnut Park Middle A, sibling
    "San Fernando Institute of Applied Media at SFMS": ("19647336058283",),  # parent middle
    "STEM Academy @ Bernstein HS": (
        "19647330117069",  # Helen Bernstein High, the parent
        "19647330117077",  # APEX Academy, charter on the campus, closed 2023
    ),
    "Nava College Prep Academy @ Jefferson HS": (
        "19647331934371",  # Thomas Jefferson Senior High, the parent
        "19647330112862",  # Student Empowerment Academy, closed charter, same address
        "19647330124453",  # Dr. Julian Nava Learning Academy, a middle school
    ),
    "Humanities and Arts Academy of LA @ Narbonne HS": ("19647331936160",),  # parent
    "Academy of Medical Arts @ Carson HS": ("19647331931526", "19647330126615"),
    "Academies of Education & Empowerment @ Carson HS": ("19647331931526", "19647330126623"),
    "Gratts Learning Academy for Young Scholars ES": ("19647330122630",),  # closed charter
    "Francis Polytechnic HS": ("19647331936335",),  # closed adult school, same address
    "Balboa Gifted-High Ability Magnet ES": ("19647336015911",),  # closed 1989, same address
    "Baldwin Hills ES": ("19647336104160",),  # merged 1987, same address
    "East LA Renaissance Academy @ Torres HS": ("19647330102350",),  # closed charter
    "Humanitas Academy of Arts and Technology @ Torres HS": (
        "19647330122291",  # Humanitas Art School at Roosevelt High, closed
        "19647330124388",  # Social Justice Humanitas Academy, the Chavez pilot
    ),
    "Engineering and Technology Academy @ Torres HS": ("19647330119719",),  # closed 2013
    "UCLA Community School @ RFK (SPAN)": ("19647330135681",),  # Horace Mann UCLA Community
    "ARTes Magnet Academy @ Chavez LA": ("19647330124396", "19647330124404"),
}


@pytest.mark.parametrize("name", sorted(LOOK_ALIKES))
def test_engine_ranks_the_reviewed_school_above_its_look_alikes(
    name: str, crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> None:
    ranked = [c.cds_code for c in _ranked(name)]
    chosen = _code(crosswalk, name)
    assert ranked[0] == chosen
    for look_alike in LOOK_ALIKES[name]:
        assert look_alike in ranked  # the look-alike is a real directory row
        assert ranked.index(look_alike) > 0


def test_engine_ranks_the_reviewed_school_first_for_every_entry(
    crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> None:
    misses = {
        name: _ranked(name)[0].cds_code
        for name in crosswalk.loc[crosswalk["school_year"] == YEAR, "school_name_as_published"]
        if _ranked(name)[0].cds_code != _code(crosswalk, name)
    }
    assert misses == {}


def test_closed_and_charter_rows_are_never_eligible(directory: pd.DataFrame) -> None:
    ranked = _ranked("Boyle Heights STEM HS @ Roosevelt HS")
    closed = next(c for c in ranked if c.cds_code == "19647330122309")
    assert not closed.eligible
    assert "not open in 2021-22" in closed.evidence_text
    charter = next(
        c for c in _ranked("STEM Academy @ Bernstein HS") if c.cds_code == "19647330117077"
    )
    assert not charter.eligible
    assert "charter" in charter.evidence_text


@pytest.mark.parametrize(
    ("published", "school", "campus", "level"),
    [
        ("Ambassador School of Global Leadership @ RFK (SPAN)",
         "ambassador school of global leadership", "rfk", "span"),
        ("Academy of Scientific Exploration @ Chavez LA",
         "academy of scientific exploration", "chavez", None),
        ("Communication & Technology School @ Rivera LC",
         "communication and technology school", "rivera", None),
        ("San Fernando Institute of Applied Media at SFMS",
         "san fernando institute of applied media", "sfms", None),
        ("Boyle Heights STEM HS @ Roosevelt HS", "boyle heights stem high", "roosevelt", "high"),
        ("Humanities and Arts Academy of LA @ Narbonne HS",
         "humanities and arts academy of los angeles", "narbonne", None),
        ("Walnut Park MS STEM", "walnut park middle stem", None, "middle"),
        ("Porter Ranch Community School SPAN", "porter ranch community school", None, "span"),
        ("Garvanza ES", "garvanza elementary", None, "elementary"),
    ],
)  # fmt: skip
def test_parse_roster_name(
    published: str, school: str, campus: str | None, level: str | None
) -> None:
    parsed = parse_roster_name(published)
    assert parsed.school == school
    assert (parsed.campus.key if parsed.campus else None) == campus
    assert parsed.level_hint == level


def test_unknown_campus_is_kept_as_text() -> None:
    parsed = parse_roster_name("Some Academy @ Nowhere HS")
    assert parsed.campus is None
    assert parsed.campus_text == "Nowhere HS"


@pytest.mark.parametrize(
    ("opened", "closed", "year", "expected"),
    [
        (date(2010, 9, 13), None, YEAR, True),
        (date(2010, 9, 13), date(2021, 7, 1), YEAR, True),  # closed on the first day: open
        (date(2010, 9, 13), date(2021, 6, 30), YEAR, False),
        (date(2022, 6, 30), None, YEAR, True),
        (date(2022, 7, 1), None, YEAR, False),
        (pd.Timestamp("2013-08-12"), pd.NaT, "2022-23", True),
    ],
)
def test_is_open_in(opened: object, closed: object, year: str, expected: bool) -> None:
    assert is_open_in(opened, closed, year) is expected


@pytest.mark.parametrize(
    ("hint", "span", "expected"),
    [
        ("span", "K-8", True),
        ("span", "6-12", True),
        ("span", "9-12", False),
        ("elementary", "K-5", True),
        ("elementary", "9-12", False),
        ("middle", "6-8", True),
        ("high", "9-12", True),
        ("high", "6-12", False),
        ("high", "Adult", None),
    ],
)
def test_level_fits(hint: str, span: str, expected: bool | None) -> None:
    assert level_fits(hint, span) is expected


@pytest.mark.parametrize(
    ("website", "label"),
    [
        ("http://asgl.lausd.org", "asgl"),
        ("www.svah-rfk.org", "svahrfk"),
        ("www.lausd.net/bernstein_hs", "bernsteinhs"),
        ("Information Not Available", ""),
        (None, ""),
    ],
)
def test_website_label(website: str | None, label: str) -> None:
    assert website_label(website) == label


# --- resolve_by_suggestion ---------------------------------------------------------------


def test_made_up_name_is_unresolved(directory: pd.DataFrame) -> None:
    problems = resolve_by_suggestion("Zephyr Quantum Aviation Institute", directory, YEAR)
    assert [p.kind for p in problems] == ["unresolved"]
    assert "Zephyr Quantum Aviation Institute" in problems[0].message


def test_name_fitting_two_sibling_schools_is_ambiguous(directory: pd.DataFrame) -> None:
    # Without its campus hint this name fits the Contreras and the Marquez school equally.
    problems = resolve_by_suggestion("School of Social Justice", directory, YEAR)
    assert [p.kind for p in problems] == ["ambiguous"]
    assert "19647330127795" in problems[0].message
    assert "19647330126532" in problems[0].message


def test_campus_hint_settles_the_same_name(directory: pd.DataFrame) -> None:
    assert resolve_by_suggestion("School of Social Justice @ Marquez", directory, YEAR) == []


def test_every_roster_entry_resolves_by_suggestion(
    roster: pd.DataFrame, directory: pd.DataFrame
) -> None:
    flagged = {
        name: [p.kind for p in classify_candidates(name, _ranked(name), YEAR)]
        for name in roster.loc[roster["school_year"] == YEAR, "school_name_as_published"]
    }
    assert {name: kinds for name, kinds in flagged.items() if kinds} == {}


# --- validate_crosswalk on crafted cases -------------------------------------------------


def _case(rows: list[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    names = list(dict.fromkeys(name for name, _ in rows))
    roster = pd.DataFrame({"school_year": YEAR, "school_name_as_published": names})
    crosswalk = pd.DataFrame(
        [{"school_year": YEAR, "school_name_as_published": n, "cds_code": c} for n, c in rows]
    )
    return roster, crosswalk


def _kinds(roster: pd.DataFrame, crosswalk: pd.DataFrame, directory: pd.DataFrame) -> dict:
    found: dict[str, list[str]] = {}
    for problem in validate_crosswalk(roster, crosswalk, directory):
        found.setdefault(problem.school_name_as_published, []).append(problem.kind)
        assert problem.school_name_as_published in problem.message
    return found


def test_unknown_name_is_unresolved(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case([("Garvanza ES", "19647336017230")])
    roster = pd.concat(
        [roster, pd.DataFrame({"school_year": [YEAR], "school_name_as_published": ["Nowhere ES"]})]
    )
    assert _kinds(roster, crosswalk, directory) == {"Nowhere ES": ["unresolved"]}


def test_blank_code_is_unresolved(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case([("Garvanza ES", "")])
    assert _kinds(roster, crosswalk, directory) == {"Garvanza ES": ["unresolved"]}


def test_entry_mapped_to_two_schools_is_ambiguous(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case(
        [("Walnut Park MS STEM", "19647330126466"), ("Walnut Park MS STEM", "19647330126458")]
    )
    assert _kinds(roster, crosswalk, directory) == {"Walnut Park MS STEM": ["ambiguous"]}


def test_closed_school_is_closed(directory: pd.DataFrame) -> None:
    # School of STEM at Roosevelt High closed in 2013.
    roster, crosswalk = _case([("Boyle Heights STEM HS @ Roosevelt HS", "19647330122309")])
    assert _kinds(roster, crosswalk, directory) == {
        "Boyle Heights STEM HS @ Roosevelt HS": ["closed"]
    }


def test_school_not_yet_open_is_closed(directory: pd.DataFrame) -> None:
    # Opened 2022-07-01: open in 2022-23, not in 2021-22.
    roster, crosswalk = _case([("Computer Science Virtual Academy", "19647330141549")])
    assert _kinds(roster, crosswalk, directory) == {"Computer Science Virtual Academy": ["closed"]}
    crosswalk["school_year"] = roster["school_year"] = "2022-23"
    assert _kinds(roster, crosswalk, directory) == {}


def test_non_lausd_code_is_outside_lausd(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case([("Garvanza ES", "19647250000000")])
    assert _kinds(roster, crosswalk, directory) == {"Garvanza ES": ["outside_lausd"]}


def test_unknown_lausd_code_is_not_in_directory(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case([("Garvanza ES", "19647339999999")])
    assert _kinds(roster, crosswalk, directory) == {"Garvanza ES": ["not_in_directory"]}


def test_two_entries_on_one_code_are_duplicate_cds(directory: pd.DataFrame) -> None:
    roster, crosswalk = _case(
        [
            ("School of Social Justice @ Contreras", "19647330127795"),
            ("School of Social Justice @ Marquez", "19647330127795"),
        ]
    )
    assert _kinds(roster, crosswalk, directory) == {
        "School of Social Justice @ Contreras": ["duplicate_cds"],
        "School of Social Justice @ Marquez": ["duplicate_cds"],
    }


def test_charter_is_charter(directory: pd.DataFrame) -> None:
    # Los Angeles Academy of Arts and Enterprise: an open LAUSD-authorised charter.
    roster, crosswalk = _case([("Los Angeles Academy of the Arts @ RFK", "19647330110304")])
    assert _kinds(roster, crosswalk, directory) == {
        "Los Angeles Academy of the Arts @ RFK": ["charter"]
    }


# --- the regeneration command ------------------------------------------------------------


def test_suggest_command_writes_suggestions_for_a_new_year(
    tmp_path: Path, roster: pd.DataFrame
) -> None:
    roster_file, out = tmp_path / "roster.csv", tmp_path / "suggestions.csv"
    # Only 2021-22 rows, so 2022-23 is a new year whose names are carried forward.
    roster[roster["school_year"] == YEAR].to_csv(roster_file, index=False)
    code = main(
        [
            "--roster", str(roster_file), "--directory", str(DIRECTORY_FILE),
            "--school-year", "2022-23", "--out", str(out), "--limit", "2",
        ]
    )  # fmt: skip
    assert code == 0
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(written) == 80  # 40 carried-forward names x 2 candidates
    assert set(written["school_year"]) == {"2022-23"}
    assert (written["evidence"].str.len() > 0).all()
    top = written[written["rank"] == "1"].set_index("school_name_as_published")["cds_code"]
    assert top["Boyle Heights STEM HS @ Roosevelt HS"] == "19647330129536"


def test_build_suggestions_flags_unresolvable_entries(directory: pd.DataFrame) -> None:
    roster = pd.DataFrame(
        {
            "school_year": [YEAR, YEAR],
            "school_name_as_published": ["Garvanza ES", "Zephyr Quantum Aviation Institute"],
        }
    )
    flags = (
        build_suggestions(roster, directory, YEAR, limit=1)
        .set_index("school_name_as_published")["flag"]
        .to_dict()
    )
    assert flags == {"Garvanza ES": "", "Zephyr Quantum Aviation Institute": "unresolved"}
