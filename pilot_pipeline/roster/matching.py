"""Suggest CDS codes for the informal school names of a pilot-school roster.

The pilot report lists schools by informal names with campus hints ("@ RFK", "(SPAN)", "LC"),
while the CDE directory holds formal names that drift over the years. Many campuses hold
look-alikes: sibling academies sharing one address, the parent high school of a small academy,
closed charters or closed schools at the same address. Name similarity alone picks the wrong row
on those campuses, so each candidate is scored on every piece of evidence the directory offers
(name in ``names``; campus location, website, grade span, status in ``evidence``; charter flag)
and the evidence is kept in words so a reviewer can check it. The engine suggests; a person
decides (see README.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
from rapidfuzz import fuzz

from ..sources.base import LAUSD_CDS_PREFIX
from .evidence import (
    CampusSite,
    campus_site,
    is_open_in,
    level_fits,
    on_campus,
    website_similarity,
)
from .names import RosterName, name_similarity, normalise, parse_roster_name

# Ownership codes of school kinds a pilot roster name never means unless it says so.
_SOC_KINDS = {"68": "continuation", "70": "adult", "13": "opportunity", "69": "community day"}

# Score weights. Name carries most; the rest break ties between look-alikes on one campus and
# push closed, charter and off-level rows down where a reviewer still sees them.
NAME_WEIGHT = 0.6
WEBSITE_WEIGHT = 25.0
ON_CAMPUS = 15.0
# Mild: the directory holds today's address and some schools have moved off their campus since.
OFF_CAMPUS = -5.0
PARENT_OF_CAMPUS = -15.0
LEVEL_MATCH = 5.0
LEVEL_MISMATCH = -15.0
SOC_KIND_PENALTY = -20.0
NOT_OPEN_PENALTY = -40.0
CHARTER_PENALTY = -30.0


@dataclass(frozen=True)
class Candidate:
    """One directory row scored against one roster name.

    Attributes:
        cds_code: 14-digit CDS code.
        school_name: Directory name (today's name, which may differ from the roster year's).
        status_type: Directory status (Active, Closed, Merged, Pending).
        street: Directory street address.
        website: Directory website.
        grade_span: Grades offered.
        score: Total score; comparable between candidates of one roster name only.
        name_score: rapidfuzz similarity of the names, 0-100.
        eligible: Open in the school year and not a charter; only eligible rows may be chosen.
        evidence: Human-readable reasons behind the score.
    """

    cds_code: str
    school_name: str
    status_type: str
    street: str
    website: str
    grade_span: str
    score: float
    name_score: float
    eligible: bool
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def evidence_text(self) -> str:
        return "; ".join(self.evidence)


@dataclass
class _Tally:
    """A candidate's running score and its reasons, in the order the evidence was weighed."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: float, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)

    def weigh(
        self, holds: bool | None, if_so: tuple[float, str], if_not: tuple[float, str]
    ) -> None:
        # None: the directory cannot tell, so neither side of the evidence counts.
        if holds is not None:
            self.add(*(if_so if holds else if_not))


def lausd_schools(directory: pd.DataFrame) -> pd.DataFrame:
    """LAUSD school rows of a parsed directory (district row and other districts dropped).

    Args:
        directory: Frame from ``pilot_pipeline.sources.school_directory.parse``.

    Returns:
        The LAUSD school rows.
    """
    codes = directory["cds_code"].astype(str)
    keep = codes.str.startswith(LAUSD_CDS_PREFIX) & ~codes.str.endswith("0000000")
    return directory[keep & directory["school_name"].notna()]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _weigh_campus(
    tally: _Tally, row: dict[str, object], parsed: RosterName, site: CampusSite | None
) -> None:
    if parsed.campus is None and not parsed.campus_text:
        return
    name = normalise(str(row["school_name"]))
    if parsed.campus is not None and site is not None:
        key = parsed.campus.key
        tally.weigh(
            on_campus(row, site),
            (ON_CAMPUS, f"on the {key} campus"),
            (OFF_CAMPUS, f"not on the {key} campus (today's address)"),
        )
        parent = parsed.campus.parent_pattern
        if parent and re.search(parent, name):
            tally.add(PARENT_OF_CAMPUS, "is the campus's parent school, not an academy on it")
    elif parsed.campus_text:
        # An unknown campus: its words can still appear in the directory name.
        if fuzz.partial_token_set_ratio(normalise(parsed.campus_text), name) >= 90:
            tally.add(ON_CAMPUS / 3, f"name mentions '{parsed.campus_text}'")


def score_candidates(
    name: RosterName | str, directory: pd.DataFrame, school_year: str
) -> list[Candidate]:
    """Score every LAUSD directory row against one roster name, best first.

    Args:
        name: A roster name, published or already parsed.
        directory: Parsed directory frame (any scope; non-LAUSD rows are ignored).
        school_year: Label of the roster's school year, e.g. "2021-22".

    Returns:
        All LAUSD school rows as candidates, sorted by score (highest first).
    """
    parsed = parse_roster_name(name) if isinstance(name, str) else name
    schools = lausd_schools(directory)
    site = campus_site(parsed.campus, schools) if parsed.campus is not None else None
    wants_kind = {kind for kind in _SOC_KINDS.values() if kind in parsed.school}
    out: list[Candidate] = []
    # Plain dicts: a pandas Series per row costs more than all the scoring.
    for row in schools.to_dict("records"):
        tally = _Tally()
        name_score = name_similarity(parsed.school, row["school_name"])
        tally.add(NAME_WEIGHT * name_score, f"name {name_score:.0f}")

        web_share, web_reason = website_similarity(parsed.school, _text(row["website"]))
        if web_reason:
            tally.add(WEBSITE_WEIGHT * web_share, web_reason)

        _weigh_campus(tally, row, parsed, site)

        span = _text(row["grade_span_offered"])
        if parsed.level_hint is not None:
            hint = parsed.level_hint
            tally.weigh(
                level_fits(hint, span),
                (LEVEL_MATCH, f"grades {span} fit {hint}"),
                (LEVEL_MISMATCH, f"grades {span} do not fit {hint}"),
            )

        kind = _SOC_KINDS.get(_text(row["soc_code"]))
        if kind is not None and kind not in wants_kind:
            tally.add(SOC_KIND_PENALTY, f"{kind} school, the roster name does not say so")

        is_open = is_open_in(row["open_date"], row["closed_date"], school_year)
        if not is_open:
            tally.add(NOT_OPEN_PENALTY, f"{row['status_type']}, not open in {school_year}")
        is_charter = bool(row["is_charter"]) if pd.notna(row["is_charter"]) else False
        if is_charter:
            # Pilot schools are district schools by definition.
            tally.add(CHARTER_PENALTY, "charter (pilots are district schools)")

        out.append(
            Candidate(
                cds_code=str(row["cds_code"]),
                school_name=str(row["school_name"]),
                status_type=_text(row["status_type"]),
                street=_text(row["street"]),
                website=_text(row["website"]),
                grade_span=span,
                score=round(tally.score, 1),
                name_score=round(name_score, 1),
                eligible=is_open and not is_charter,
                evidence=tuple(tally.reasons),
            )
        )
    out.sort(key=lambda c: (-c.score, c.cds_code))
    return out
