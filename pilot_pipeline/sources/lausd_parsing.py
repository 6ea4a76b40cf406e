"""What the three LAUSD parsers share: read the CSV, check the year, resolve location codes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from .base import Layout, ParseContext, SourceError, read_delimited
from .lausd_crosswalk import location_codes, resolve_locations
from .rollup import check_academic_year
from .spec import FactLoad, ParseFile, SourceSpec, ValueProblems

HEAD = ("School Year", "Location Code", "School Name")


def year_label(text: str) -> str:
    """'2021-2022' (LAUSD dashboards) -> '2021-22'; '2021-22' unchanged."""
    text = text.strip()
    if len(text) == 9 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        return f"{text[:4]}-{text[7:]}"
    return text


def read_lausd(data: bytes, ctx: ParseContext, layouts: Sequence[Layout]) -> pd.DataFrame:
    """A LAUSD export as all-text columns plus `source_line`, `location_code` and `cds_code`.

    Comma-delimited UTF-8 (a BOM or cp1252 also decode). Every row must be of the partition's
    school year and every location code in the reviewed crosswalk.
    """
    raw, _layout = read_delimited(data, ctx.file_label, layouts, sep=",")
    if raw.empty:
        raise SourceError(f"{ctx.file_label}: header only, no rows")
    check_academic_year(raw, "School Year", ctx, normalise=year_label)
    raw["location_code"] = location_codes(raw["Location Code"])
    raw["cds_code"] = resolve_locations(raw, ctx)
    return raw


def map_codes(
    raw: pd.DataFrame, column: str, allowed: Mapping[str, str], ctx: ParseContext
) -> pd.Series:
    """Map a coded column (case- and space-insensitive); an unknown value fails naming it."""
    text = raw[column].astype("string").str.strip()
    mapped = text.str.casefold().map({k.casefold(): v for k, v in allowed.items()})
    bad = mapped.isna()
    if bad.any():
        line = int(raw.loc[bad, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column '{column}', line {line}: unknown value "
            f"{text[bad].iloc[0]!r} (allowed: {sorted(set(allowed))})"
        )
    return mapped.astype("string")


def check_unique(frame: pd.DataFrame, keys: Sequence[str], ctx: ParseContext) -> None:
    """A location code must not repeat a key (two rows for one school, grade and item)."""
    repeated = frame.duplicated(["location_code", *keys])
    if repeated.any():
        row = frame[repeated].iloc[0]
        what = ", ".join(f"{k} {row[k]!r}" for k in keys)
        raise SourceError(
            f"{ctx.file_label}: line {row['source_line']}: location code "
            f"{row['location_code']} repeats {what}"
        )


def lausd_drop(
    name: str,
    title: str,
    file_prefix: str,
    layouts: tuple[Layout, ...],
    parse: ParseFile,
    load: FactLoad,
    value_problems: ValueProblems,
    description: str,
) -> SourceSpec:
    """The spec of an LAUSD export: dropped in the inbox per school year and parsed whole. No
    public endpoint (`LausdFiles.urls` configures one per year where it is served)."""
    return SourceSpec(
        name=name, title=title, urls={}, layouts=layouts, parse_file=parse,
        description=description, facts=(load,), delivery="drop", file_prefix=file_prefix,
        value_problems=value_problems,
    )  # fmt: skip
