"""Building blocks the per-source suites share: column kinds and the reviewed code sets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pilot_pipeline.sources.student_groups import canonical_groups, source_codes

GRADES_1_12 = frozenset(f"{g:02d}" for g in range(1, 13))
# Integer columns of every staging table: the year and the provenance counters.
STAGING_INTS = ("school_year", "source_line", "source_rows")


def column_kinds(
    columns: Sequence[str],
    *,
    ints: Iterable[str] = (),
    floats: Iterable[str] = (),
    bools: Iterable[str] = (),
) -> dict[str, str]:
    """The kind of each staged column, in the source's order (its `COLUMNS`): `ints` and the
    staging counters int, `floats` float, `bools` and each `_suppressed` flag bool, the rest
    text."""
    kinds = (
        dict.fromkeys((*STAGING_INTS, *ints), "int")
        | dict.fromkeys(floats, "float")
        | dict.fromkeys(bools, "bool")
    )
    return {c: "bool" if c.endswith("_suppressed") else kinds.get(c, "text") for c in columns}


def student_groups() -> frozenset[str]:
    """The canonical student-group codes (pilot_pipeline/data/student_groups.csv)."""
    return frozenset(canonical_groups()["student_group_code"])


def source_group_codes(*systems: str) -> frozenset[str]:
    """The source codes of some code systems (data/student_group_source_codes.csv)."""
    frame = source_codes()
    return frozenset(frame.loc[frame["source"].isin(systems), "source_code"])
