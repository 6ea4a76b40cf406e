"""Building blocks the per-source suites share: column kinds and the reviewed code sets."""

from __future__ import annotations

from pilot_pipeline.sources.student_groups import canonical_groups, source_codes

HEAD = {"cds_code": "text", "school_year": "int"}
TAIL = {"source_line": "int", "source_file_sha256": "text"}
GRADES_1_12 = frozenset(f"{g:02d}" for g in range(1, 13))


def measures(*names: str, kind: str) -> dict[str, str]:
    """`<measure>` of `kind` plus its `<measure>_suppressed` flag, for each name."""
    return {c: k for n in names for c, k in ((n, kind), (f"{n}_suppressed", "bool"))}


def student_groups() -> frozenset[str]:
    """The canonical student-group codes (pilot_pipeline/data/student_groups.csv)."""
    return frozenset(canonical_groups()["student_group_code"])


def source_group_codes(*systems: str) -> frozenset[str]:
    """The source codes of some code systems (data/student_group_source_codes.csv)."""
    frame = source_codes()
    return frozenset(frame.loc[frame["source"].isin(systems), "source_code"])
