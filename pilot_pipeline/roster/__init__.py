"""The pilot-school roster and its reviewed crosswalk to CDS codes.

``matching`` suggests directory rows for informal roster names (from the normalised names of
``names`` and the campus, website, grade and status ``evidence``), ``validation`` checks a
reviewed crosswalk, ``suggest`` is the command a reviewer runs for a new roster year. The
roster and the crosswalk themselves are data: ``pilot_pipeline/data/pilot_roster.csv`` and
``pilot_pipeline/data/pilot_roster_crosswalk.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import DATA_DIR

ROSTER_FILE: Path = DATA_DIR / "pilot_roster.csv"
CROSSWALK_FILE: Path = DATA_DIR / "pilot_roster_crosswalk.csv"


def read_roster(path: Path = ROSTER_FILE) -> pd.DataFrame:
    """The roster as published, all columns text.

    Args:
        path: Roster CSV.

    Returns:
        One row per roster entry and year.
    """
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def read_crosswalk(path: Path = CROSSWALK_FILE) -> pd.DataFrame:
    """The reviewed crosswalk, text columns (CDS codes keep their leading zeros).

    Args:
        path: Crosswalk CSV.

    Returns:
        One row per roster entry and year, with its CDS code and the review evidence.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["match_score"] = pd.to_numeric(frame["match_score"], errors="coerce")
    return frame


__all__ = ["CROSSWALK_FILE", "ROSTER_FILE", "read_crosswalk", "read_roster"]
