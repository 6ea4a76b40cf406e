"""Per-year URL tables: most CDE files follow one naming pattern per source, with the odd
re-issued year (a `-v2` suffix) named explicitly. Every URL the tables hold is written out in
full in pilot_pipeline_tests/sources/test_url_tables.py, which keeps them equal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pilot_pipeline.partitions import year_label


def yearly_urls(
    base: str,
    pattern: str,
    springs: Iterable[int],
    exceptions: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """School-year label -> `base` + file name, in the order of `springs`.

    `pattern` may use `{spring}` (2022), `{yy}` (22) and `{fall_yy}` (21); `exceptions` maps a
    label to the file name CDE actually published that year instead.
    """
    exceptions = exceptions or {}
    table: dict[str, str] = {}
    for spring in springs:
        label = year_label(spring)
        name = pattern.format(
            spring=spring, yy=f"{spring % 100:02d}", fall_yy=f"{(spring - 1) % 100:02d}"
        )
        table[label] = base + exceptions.get(label, name)
    unknown = set(exceptions) - set(table)
    if unknown:
        raise ValueError(f"exceptions for years not in the table: {sorted(unknown)}")
    return table
