"""Write CDS-code suggestions for a pilot roster, for a reviewer to turn into the crosswalk.

Usage::

    python -m pilot_pipeline.roster.suggest \\
        --roster pilot_pipeline/data/pilot_roster.csv \\
        --directory pubschls.txt --school-year 2022-23 --out suggestions.csv

The roster may hold several years; only rows of ``--school-year`` are suggested. A roster with
no rows for that year (or no ``school_year`` column) is carried forward: all its names are
suggested for that year. See README.md for the review.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from ..partitions import spring_year
from ..sources.base import ParseContext
from ..sources.school_directory import parse as parse_directory
from .matching import Candidate, score_candidates
from .validation import classify_candidates

SUGGESTION_COLUMNS = (
    "school_year", "school_name_as_published", "rank", "cds_code", "directory_school_name",
    "directory_status", "street", "website", "grade_span", "score", "margin_to_next",
    "eligible", "evidence",
)  # fmt: skip


def read_directory(path: Path, school_year: str) -> pd.DataFrame:
    """Parse a CDE public schools directory file (``pubschls.txt`` export), LAUSD rows.

    Args:
        path: The directory file.
        school_year: Label recorded in the parse context.

    Returns:
        The parsed directory frame.
    """
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    return parse_directory(data, ParseContext("school_directory", school_year, str(path), sha))


def suggestion_rows(
    name: str, ranked: Sequence[Candidate], school_year: str, *, limit: int = 3
) -> list[dict[str, object]]:
    """The reviewer's rows (``SUGGESTION_COLUMNS``) for one name's ranked candidates.

    Args:
        name: The roster name as published.
        ranked: Its candidates, best first (from ``score_candidates``).
        school_year: Label of the school year.
        limit: How many candidates to keep.

    Returns:
        One dict per kept candidate.
    """
    rows: list[dict[str, object]] = []
    for rank, cand in enumerate(ranked[:limit], start=1):
        following = ranked[rank] if rank < len(ranked) else None
        rows.append(
            {
                "school_year": school_year,
                "school_name_as_published": name,
                "rank": rank,
                "cds_code": cand.cds_code,
                "directory_school_name": cand.school_name,
                "directory_status": cand.status_type,
                "street": cand.street,
                "website": cand.website,
                "grade_span": cand.grade_span,
                "score": cand.score,
                "margin_to_next": round(cand.score - following.score, 1) if following else None,
                "eligible": cand.eligible,
                "evidence": cand.evidence_text,
            }
        )
    return rows


def build_suggestions(
    roster: pd.DataFrame, directory: pd.DataFrame, school_year: str, *, limit: int = 3
) -> pd.DataFrame:
    """Ranked candidates per roster entry plus the engine's own verdict on each entry.

    Args:
        roster: Roster rows (``school_name_as_published``, optional ``school_year``).
        directory: Parsed directory frame.
        school_year: Label of the year to suggest for.
        limit: Candidates per entry.

    Returns:
        Suggestions with a ``flag`` column: "" when one candidate stands out, otherwise the
        problem kind ("unresolved", "ambiguous") the reviewer must settle by hand.
    """
    if "school_year" in roster.columns:
        same_year = roster[roster["school_year"].astype(str) == school_year]
        # A roster without rows for the year is carried forward: last year's names checked
        # against this year's openness, the usual start of a new year's review.
        roster = same_year if not same_year.empty else roster
    names = list(dict.fromkeys(roster["school_name_as_published"].astype(str)))
    rows: list[dict[str, object]] = []
    for name in names:
        ranked = score_candidates(name, directory, school_year)
        flag = ",".join(p.kind for p in classify_candidates(name, ranked, school_year))
        rows += [
            {**row, "flag": flag} for row in suggestion_rows(name, ranked, school_year, limit=limit)
        ]
    columns = list(SUGGESTION_COLUMNS)
    suggestions = pd.DataFrame(rows, columns=[*columns[:2], "flag", *columns[2:]])
    return suggestions


def suggestion_args(
    argv: Sequence[str] | None,
    *,
    prog: str,
    description: str,
    input_flag: str,
    input_help: str,
    entry: str,
) -> argparse.Namespace:
    """The options every suggestion command shares (its input list, the CDE directory, the
    school year, the output CSV, candidates per `entry`), the school year already checked."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument(input_flag, type=Path, required=True, help=input_help)
    parser.add_argument("--directory", type=Path, required=True, help="CDE pubschls.txt export")
    parser.add_argument("--school-year", required=True, help="label, e.g. 2022-23")
    parser.add_argument("--out", type=Path, required=True, help="suggestions CSV to write")
    parser.add_argument("--limit", type=int, default=3, help=f"candidates per {entry}")
    args = parser.parse_args(argv)
    spring_year(args.school_year)  # rejects a malformed label before any work
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    args = suggestion_args(
        argv,
        prog="python -m pilot_pipeline.roster.suggest",
        description="Suggest CDS codes (with evidence) for each pilot roster entry.",
        input_flag="--roster",
        input_help="roster CSV",
        entry="entry",
    )

    roster = pd.read_csv(args.roster, dtype=str, keep_default_na=False)
    directory = read_directory(args.directory, args.school_year)
    suggestions = build_suggestions(roster, directory, args.school_year, limit=args.limit)
    suggestions.to_csv(args.out, index=False)
    entries = suggestions["school_name_as_published"].nunique()
    flagged = suggestions.loc[suggestions["flag"] != "", "school_name_as_published"].nunique()
    print(
        f"{entries} roster entries, {flagged} flagged for a closer look -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
