"""One canonical student-group list and each source's codes for it.

Both live as reviewed data in `pilot_pipeline/data/`: `student_groups.csv` (the canonical list,
loaded into `warehouse.dim_student_group`) and `student_group_source_codes.csv` (source, source
code -> canonical code, loaded into `warehouse.dim_student_group_source_code`). A code a source
sends that is not in the mapping fails the parse: a new code needs a reviewed row, not a guess.

Source systems (see docs/data_sources.md §0, §3, §6, §11): `acgr` (also chronic absenteeism and
suspension, which share ACGR's ReportingCategory codes), `census_day`, `dashboard`,
`historical_ethnic` (numeric ETHNIC / RACE_ETHNICITY codes of the historical enrollment files;
9 = two or more races per CDE's own field description, 8 is not a code there), `caaspp`
(numeric Student Group IDs).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from pilot_pipeline import DATA_DIR

from .base import SourceError

GROUPS_FILE = DATA_DIR / "student_groups.csv"
SOURCE_CODES_FILE = DATA_DIR / "student_group_source_codes.csv"


@cache
def canonical_groups() -> pd.DataFrame:
    """The canonical list: student_group_code, name, category, sort_order."""
    return pd.read_csv(GROUPS_FILE, dtype={"sort_order": "int64"}, keep_default_na=False)


@cache
def source_codes() -> pd.DataFrame:
    """Every (source, source_code) -> student_group_code row, validated against the list."""
    frame = pd.read_csv(SOURCE_CODES_FILE, dtype=str, keep_default_na=False)
    unknown = set(frame["student_group_code"]) - set(canonical_groups()["student_group_code"])
    if unknown:
        raise ValueError(f"{SOURCE_CODES_FILE.name}: codes not in the canonical list: {unknown}")
    duplicated = frame.duplicated(["source", "source_code"])
    if duplicated.any():
        raise ValueError(f"{SOURCE_CODES_FILE.name}: duplicated rows {frame[duplicated].values}")
    return frame


def mapping_for(code_system: str) -> dict[str, str]:
    """source_code -> canonical code for one code system."""
    rows = source_codes()[source_codes()["source"] == code_system]
    if rows.empty:
        raise KeyError(f"no student-group mapping for code system {code_system!r}")
    return dict(zip(rows["source_code"], rows["student_group_code"], strict=True))


def map_student_groups(
    codes: pd.Series,
    code_system: str,
    file_label: str,
    column: str,
    *,
    ignore: frozenset[str] = frozenset(),
) -> pd.Series:
    """Source codes -> canonical codes; an unmapped code fails naming file, column and codes.

    `ignore` lists codes a source sends that the warehouse deliberately does not keep (age
    bands, for example); their rows map to NA and the caller drops them.
    """
    mapping = mapping_for(code_system)
    trimmed = codes.astype("string").str.strip()
    mapped = trimmed.map(mapping)
    unmapped = sorted(set(trimmed[mapped.isna() & ~trimmed.isin(ignore)].dropna()))
    if unmapped:
        raise SourceError(
            f"{file_label}: column '{column}': unmapped student-group codes {unmapped} "
            f"(code system {code_system!r}; add reviewed rows to {SOURCE_CODES_FILE.name})"
        )
    return mapped.astype("string")
