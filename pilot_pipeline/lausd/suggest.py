"""Suggest CDS codes for LAUSD location codes, for a reviewer to turn into the crosswalk.

Usage::

    python -m pilot_pipeline.lausd.suggest --locations locations.csv \\
        --directory pubschls.txt --school-year 2022-23 --out suggestions.csv

`locations.csv` is LAUSD's location list (columns `Location Code`, `School Name`, optional
`Program`), or any LAUSD export: its distinct location codes and names are used. Names are
expanded from LAUSD abbreviations ("El", "Sr High", "Acad") and a program suffix ("DL Two-Way
Im Spanish") is set aside, then scored by the pilot roster's suggestion engine
(`pilot_pipeline.roster.matching`). Codes already in the reviewed crosswalk are marked
`reviewed` so only new ones need review. The engine does not decide: a person does, then
copies the chosen rows into `pilot_pipeline/data/lausd_location_crosswalk.csv`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pilot_pipeline.roster.matching import score_candidates
from pilot_pipeline.roster.suggest import read_directory, suggestion_args
from pilot_pipeline.sources.lausd_crosswalk import (
    CROSSWALK_FILE,
    location_codes,
    read_location_crosswalk,
)

_PROGRAM = re.compile(r"\s+(DL\b.*|Dual Language\b.*|Mag(net)? Ctr\b.*)$", re.IGNORECASE)
_EXPANSIONS = (
    (r"\bEl\b", "Elementary"), (r"\bSr High\b", "High"), (r"\bMS\b", "Middle"),
    (r"\bAcad\b", "Academy"), (r"\bAcdemic\b", "Academic"), (r"\bLdrshp\b", "Leadership"),
    (r"\bComm\b", "Community"), (r"\bLC\b", "Learning Complex"), (r"\bTech\b", "Technology"),
    (r"\bSci\b", "Science"), (r"\bMag\b", "Magnet"),
)  # fmt: skip


def split_program(name: str) -> tuple[str, str]:
    """'Roybal-Allard El DL Two-Way Im Spanish' -> ('Roybal-Allard El', 'DL Two-Way Im …')."""
    match = _PROGRAM.search(name)
    return (name[: match.start()].strip(), match.group(1)) if match else (name.strip(), "")


def expand(name: str, program: str = "") -> str:
    """A LAUSD abbreviated name, program suffix removed, in the directory's words."""
    school = name[: -len(program)].strip() if program and name.endswith(program) else name
    school = split_program(school)[0]
    for pattern, replacement in _EXPANSIONS:
        school = re.sub(pattern, replacement, school)
    return school


def suggest_locations(
    locations: pd.DataFrame, directory: pd.DataFrame, school_year: str, limit: int = 3
) -> pd.DataFrame:
    """Ranked CDS candidates per location code, with the engine's evidence."""
    reviewed = set(read_location_crosswalk()["location_code"]) if CROSSWALK_FILE.exists() else set()
    rows = []
    for entry in locations.itertuples(index=False):
        name, program = entry.school_name, entry.program or split_program(entry.school_name)[1]
        ranked = score_candidates(expand(name, program), directory, school_year)
        for rank, cand in enumerate(ranked[:limit], start=1):
            following = ranked[rank].score if rank < len(ranked) else None
            rows.append({
                "location_code": entry.location_code, "lausd_school_name": name,
                "program": program, "rank": rank, "cds_code": cand.cds_code,
                "directory_school_name": cand.school_name, "match_score": cand.score,
                "margin_to_next": round(cand.score - following, 1) if following else None,
                "eligible": cand.eligible, "evidence": cand.evidence_text,
                "reviewed": entry.location_code in reviewed,
            })  # fmt: skip
    return pd.DataFrame(rows)


def read_locations(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = pd.DataFrame(
        {
            "location_code": location_codes(raw["Location Code"]),
            "school_name": raw["School Name"].str.strip(),
            "program": raw["Program"].str.strip() if "Program" in raw else "",
        }
    )
    return frame.drop_duplicates("location_code").sort_values("location_code")


def main(argv: Sequence[str] | None = None) -> int:
    args = suggestion_args(
        argv,
        prog="python -m pilot_pipeline.lausd.suggest",
        description="Suggest CDS codes (with evidence) for LAUSD location codes.",
        input_flag="--locations",
        input_help="location list or export",
        entry="location code",
    )
    locations = read_locations(args.locations)
    directory = read_directory(args.directory, args.school_year)
    suggestions = suggest_locations(locations, directory, args.school_year, args.limit)
    suggestions.to_csv(args.out, index=False)
    new = locations[~suggestions.groupby("location_code")["reviewed"].first().reindex(
        locations["location_code"]).fillna(False).to_numpy()]  # fmt: skip
    print(f"{len(locations)} location codes, {len(new)} not yet reviewed -> {args.out}",
          file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
