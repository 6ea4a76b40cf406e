"""Checks that a reviewed roster crosswalk is usable: one open LAUSD district school per entry.

The crosswalk is data a person reviewed; these checks catch what review can miss (a typo in a
name, a code pasted twice, a school that closed before the roster year) and say which entry is
wrong, so the asset check and the tests can print the problems as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..sources.base import LAUSD_CDS_PREFIX
from .evidence import is_open_in
from .matching import Candidate, score_candidates

PROBLEM_KINDS = frozenset(
    {"unresolved", "ambiguous", "closed", "outside_lausd", "not_in_directory", "duplicate_cds",
     "charter"}
)  # fmt: skip

# Below this a suggestion is no match: made-up names score about 40 and the weakest real
# 2021-22 match (Francis Polytechnic HS, no campus or website evidence) about 58.
MIN_SCORE = 50.0
# Two eligible suggestions this close are indistinguishable on the evidence.
AMBIGUITY_MARGIN = 5.0


@dataclass(frozen=True)
class CrosswalkProblem:
    """One thing wrong with one roster entry's crosswalk.

    Attributes:
        school_year: Label of the roster year, e.g. "2021-22".
        school_name_as_published: The roster entry.
        kind: One of ``PROBLEM_KINDS``.
        message: What is wrong, naming the entry.
    """

    school_year: str
    school_name_as_published: str
    kind: str
    message: str

    def __post_init__(self) -> None:
        if self.kind not in PROBLEM_KINDS:
            raise ValueError(f"unknown crosswalk problem kind {self.kind!r}")


def _codes(rows: pd.DataFrame) -> list[str]:
    values = rows["cds_code"].dropna().astype(str).str.strip()
    return sorted(set(values[values != ""]))


def validate_crosswalk(
    roster: pd.DataFrame, crosswalk: pd.DataFrame, directory: pd.DataFrame
) -> list[CrosswalkProblem]:
    """Every problem of a crosswalk against its roster and the directory.

    Args:
        roster: Roster entries, columns ``school_year`` and ``school_name_as_published``.
        crosswalk: Crosswalk rows, columns ``school_year``, ``school_name_as_published`` and
            ``cds_code`` (text).
        directory: Parsed directory frame (``cds_code``, ``status_type``, ``open_date``,
            ``closed_date``, ``is_charter``, ``school_name``).

    Returns:
        Problems in roster order; empty when each entry maps to exactly one distinct,
        open, non-charter LAUSD school of the directory.
    """
    by_code = directory.assign(cds_code=directory["cds_code"].astype(str)).set_index("cds_code")
    problems: list[CrosswalkProblem] = []
    owners: dict[tuple[str, str], list[str]] = {}
    for entry in roster[["school_year", "school_name_as_published"]].itertuples(index=False):
        year, name = str(entry.school_year), str(entry.school_name_as_published)

        def problem(kind: str, message: str, year: str = year, name: str = name) -> None:
            problems.append(CrosswalkProblem(year, name, kind, f"{year} '{name}': {message}"))

        rows = crosswalk[
            (crosswalk["school_year"].astype(str) == year)
            & (crosswalk["school_name_as_published"].astype(str) == name)
        ]
        codes = _codes(rows)
        if not codes:
            problem("unresolved", "no CDS code in the crosswalk")
            continue
        if len(codes) > 1:
            problem("ambiguous", f"{len(codes)} CDS codes: {', '.join(codes)}")
        for code in codes:
            owners.setdefault((year, code), []).append(name)
            if not (len(code) == 14 and code.isdigit() and code.startswith(LAUSD_CDS_PREFIX)):
                problem("outside_lausd", f"{code} is not a Los Angeles Unified CDS code")
                continue
            if code not in by_code.index:
                problem("not_in_directory", f"{code} is not in the school directory")
                continue
            row = by_code.loc[code]
            label = f"{code} ({row['school_name']})"
            if pd.notna(row["is_charter"]) and bool(row["is_charter"]):
                problem("charter", f"{label} is a charter school; pilots are district schools")
            if not is_open_in(row["open_date"], row["closed_date"], year):
                problem(
                    "closed",
                    f"{label} was not open in {year} "
                    f"(opened {row['open_date']}, closed {row['closed_date']})",
                )
    for (year, code), names in owners.items():
        if len(names) > 1:
            for name in names:
                others = ", ".join(f"'{other}'" for other in names if other != name)
                problems.append(
                    CrosswalkProblem(
                        year,
                        name,
                        "duplicate_cds",
                        f"{year} '{name}': {code} is also mapped from {others}",
                    )  # fmt: skip
                )
    return problems


def classify_candidates(
    entry_name: str,
    ranked: Sequence[Candidate],
    school_year: str,
    *,
    min_score: float = MIN_SCORE,
    margin: float = AMBIGUITY_MARGIN,
) -> list[CrosswalkProblem]:
    """The verdict of ``resolve_by_suggestion`` on candidates already scored.

    Args:
        entry_name: The roster name as published.
        ranked: Its candidates, best first (from ``score_candidates``).
        school_year: Label of the roster year.
        min_score: Score the best candidate must reach.
        margin: Scores closer than this make the top two indistinguishable.

    Returns:
        See ``resolve_by_suggestion``.
    """
    # Only eligible rows count: a closed look-alike scoring close to the right school is not
    # a real ambiguity.
    eligible = [c for c in ranked if c.eligible]
    if not eligible or eligible[0].score < min_score:
        best = (
            f"best {eligible[0].cds_code} ({eligible[0].school_name}) {eligible[0].score}"
            if eligible
            else "no eligible candidate"
        )
        return [
            CrosswalkProblem(
                school_year,
                entry_name,
                "unresolved",
                f"{school_year} '{entry_name}': no school scores {min_score} or more ({best})",
            )  # fmt: skip
        ]
    if len(eligible) > 1 and eligible[1].score >= min_score:
        first, second = eligible[0], eligible[1]
        if first.score - second.score < margin:
            return [
                CrosswalkProblem(
                    school_year,
                    entry_name,
                    "ambiguous",
                    f"{school_year} '{entry_name}': {first.cds_code} ({first.school_name}, "
                    f"{first.score}) and {second.cds_code} ({second.school_name}, "
                    f"{second.score}) fit equally well",
                )  # fmt: skip
            ]
    return []


def resolve_by_suggestion(
    entry_name: str,
    directory: pd.DataFrame,
    school_year: str,
    *,
    min_score: float = MIN_SCORE,
    margin: float = AMBIGUITY_MARGIN,
) -> list[CrosswalkProblem]:
    """Whether the suggestion engine alone settles one roster name.

    Only eligible candidates (open that year, not charters) are considered.

    Args:
        entry_name: The roster name as published.
        directory: Parsed directory frame.
        school_year: Label of the roster year.
        min_score: Score the best candidate must reach.
        margin: Scores closer than this make the top two indistinguishable.

    Returns:
        ``[]`` when one candidate stands out; an "unresolved" problem when none scores
        ``min_score``; an "ambiguous" problem when the top two are within ``margin`` and both
        reach ``min_score``.
    """
    ranked = score_candidates(entry_name, directory, school_year)
    return classify_candidates(entry_name, ranked, school_year, min_score=min_score, margin=margin)
