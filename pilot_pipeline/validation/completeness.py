"""Schools that were in the previous load of a partition and are missing from the new file.

The row-count guard (`row_count_not_collapsed`) catches a file cut below 60 % of its previous
rows; a file cut to 65 % passes it and silently drops a third of the schools. This check
compares school codes instead: a share of the previously loaded schools missing above
`PILOT_MISSING_SCHOOLS_WARN` (default 1 %) is a WARN naming them, above
`PILOT_MISSING_SCHOOLS_ERROR` (default 10 %) an ERROR that rejects the file (the previous
rows stay, the facts downstream do not load).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd

from pilot_pipeline.validation.runner import CRITICAL, WARNING, Outcome

CHECK = "schools_not_missing"
SHOWN = 20


def thresholds() -> tuple[float, float]:
    """(warn share, error share) of previously loaded schools allowed to go missing."""
    warn = float(os.environ.get("PILOT_MISSING_SCHOOLS_WARN", "0.01"))
    error = float(os.environ.get("PILOT_MISSING_SCHOOLS_ERROR", "0.10"))
    return warn, max(error, warn)


def missing_schools_outcome(
    previous: Sequence[str], frame: pd.DataFrame, file_label: str, table: str
) -> Outcome:
    """The check's outcome for one file: passed, WARN or ERROR, listing the missing codes."""
    before = set(previous)
    now = set(frame["cds_code"].dropna()) if "cds_code" in frame.columns else set()
    missing = sorted(before - now)
    share = len(missing) / len(before) if before else 0.0
    warn, error = thresholds()
    if not missing or share <= warn:
        detail = f"{len(missing)} of the {len(before)} schools of the previous load missing"
        return Outcome(CHECK, "schools_not_missing", "cds_code", True, CRITICAL, False,
                       observed=len(missing), detail=detail)  # fmt: skip
    severity = CRITICAL if share > error else WARNING
    limit = error if severity == CRITICAL else warn
    listed = ", ".join(missing[:SHOWN]) + (
        f" and {len(missing) - SHOWN} more" if len(missing) > SHOWN else ""
    )
    return Outcome(
        CHECK,
        "schools_not_missing",
        "cds_code",
        False,
        severity,
        False,
        unexpected_count=len(missing),
        unexpected_percent=round(100 * share, 2),
        observed={"previous_schools": len(before), "missing": len(missing)},
        values=missing[:SHOWN],
        detail=f"{file_label}: {len(missing)} of the {len(before)} schools in the previous load "
        f"of {table} are missing ({share:.1%}, above {limit:.0%}): {listed}",
    )
