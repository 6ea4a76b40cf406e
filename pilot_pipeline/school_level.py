"""`school_level` of dim_school: Elementary, Middle, High, Span or Other.

The rule reads the directory's Educational Instruction Level (EILCode) first, because that is
how CDE and LAUSD classify a school's level; it reproduces the 2021-22 pilot report's counts
(7 elementary, 2 middle, 28 high, 3 span):

- EIL `ELEM` -> Elementary (K-8 schools included: CDE files them as elementary),
  `INTMIDJR` -> Middle, `HS` -> High, `ELEMHIGH` -> Span.
- Any other EIL (`A` adult, `PS` preschool, `UG` ungraded) or none: the grades served
  (GSserved, falling back to GSoffered) decide: lowest grade 9+ High; within 6-8 Middle;
  reaching high-school grades from below 9 Span; other graded spans Elementary.
- No EIL level and no grade span: Other.

SOC codes are not used: SOC 63 ("Alternative Schools of Choice") mixes high schools and
elementary magnets.
"""

from __future__ import annotations

import pandas as pd

LEVELS = ("Elementary", "Middle", "High", "Span", "Other")
EIL_LEVELS = {"ELEM": "Elementary", "INTMIDJR": "Middle", "HS": "High", "ELEMHIGH": "Span"}


def grade_number(token: str) -> int | None:
    """'K', 'TK', 'P' -> 0; '5' -> 5; anything else None."""
    token = token.strip().upper()
    if token in {"K", "TK", "P", "PK"}:
        return 0
    return int(token) if token.isdigit() else None


def grade_bounds(span: str | None) -> tuple[int, int] | None:
    """'K-5' -> (0, 5); '12' -> (12, 12); 'Adult' / 'No Data' / None -> None."""
    if span is None or pd.isna(span):
        return None
    low, _, high = str(span).partition("-")
    low_n, high_n = grade_number(low), grade_number(high or low)
    if low_n is None or high_n is None or high_n < low_n:
        return None
    return low_n, high_n


def level_for_grades(low: int, high: int) -> str:
    if low >= 9:
        return "High"
    if low >= 6 and high <= 8:
        return "Middle"
    if high >= 9:
        return "Span"
    return "Elementary"


def school_level(eil_code: str | None, served: str | None, offered: str | None) -> str:
    """The documented rule above, for one school."""
    if eil_code is not None and not pd.isna(eil_code) and str(eil_code) in EIL_LEVELS:
        return EIL_LEVELS[str(eil_code)]
    bounds = grade_bounds(served) or grade_bounds(offered)
    return level_for_grades(*bounds) if bounds is not None else "Other"


def school_levels(frame: pd.DataFrame) -> pd.Series:
    """school_level for every row of a staged directory frame."""
    return pd.Series(
        [
            school_level(e, s, o)
            for e, s, o in zip(
                frame["eil_code"],
                frame["grade_span_served"],
                frame["grade_span_offered"],
                strict=True,
            )
        ],
        index=frame.index,
        dtype="string",
    )
