"""What every source module shares to parse: decoding, layout matching, suppression, CDS codes
and scope. What a source declares (its `SourceSpec`) is in `spec.py`, re-exported here.

A source module (one per file family, found by `sources.discovered_sources`) declares a
`SOURCE = SourceSpec(...)` and turns the raw bytes of one file into a tidy staging frame with
these helpers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .encoding import decode_bytes, first_line, utf16_codec
from .errors import LayoutError, SourceError
from .layouts import (
    Layout,
    LayoutMatch,
    header_key,
    match_header,
    match_layout,
    normalise_flag,
    normalise_header,
    observing_layouts,
    record_layout,
)
from .numbers import (
    MAX_MALFORMED_CELLS,
    MalformedCell,
    MalformedNumber,
    first_malformed,
    malformed_collector,
    numeric_text,
    quarantining_malformed,
    shown,
)
from .reading import arrow_parse_error, read_delimited, read_unquoted, unquoted_text_options
from .spec import (
    DISTRICT,
    ENROLLMENT,
    LAUSD_CDS_PREFIX,
    LAUSD_DISTRICT_CDS,
    SCHOOL,
    Fact,
    FactLoad,
    ParseContext,
    SourceSpec,
    district_in_scope,
    enrollment_load,
    measure_pairs,
    staging_columns,
)

# Parsers and callers import these from here: one module for everything a source shares.
__all__ = [
    "Layout",
    "decode_bytes",
    "first_line",
    "utf16_codec",
    "LayoutError",
    "LayoutMatch",
    "SourceError",
    "header_key",
    "match_header",
    "match_layout",
    "normalise_flag",
    "normalise_header",
    "observing_layouts",
    "quarantining_malformed",
    "MalformedCell",
    "record_layout",
    "arrow_parse_error",
    "read_delimited",
    "read_unquoted",
    "unquoted_text_options",
    "DISTRICT",
    "ENROLLMENT",
    "LAUSD_CDS_PREFIX",
    "LAUSD_DISTRICT_CDS",
    "SCHOOL",
    "Fact",
    "FactLoad",
    "ParseContext",
    "SourceSpec",
    "district_in_scope",
    "enrollment_load",
    "measure_pairs",
    "staging_columns",
]

# Cells that mean "no value" in CDE files; `*` is different: it means suppressed.
SUPPRESSED = "*"
MISSING_SENTINELS = frozenset({"", "No Data", "N/A", "NA", "--", "n/a"})


def level_rows(
    raw: pd.DataFrame,
    ctx: ParseContext,
    level: str,
    level_column: str = "AggregateLevel",
    codes: tuple[str, str, str] = ("CountyCode", "DistrictCode", "SchoolCode"),
) -> pd.DataFrame:
    """The rows of one aggregate level in scope, with their `cds_code` built from the county,
    district and school code columns."""
    rows = raw[strip_text(raw[level_column]).eq(level).fillna(False)].copy()
    rows["cds_code"] = build_cds(*(rows[c] for c in codes))
    return rows[in_scope(rows["cds_code"], ctx.scope)]


def provenance(ctx: ParseContext, rows: int) -> pd.Categorical:
    """The file's sha256 for every row, as a category: one value per file, so one byte a row
    rather than 64 (a statewide Census Day frame holds 3.8M rows)."""
    return pd.Categorical.from_codes(np.zeros(rows, dtype="int8"), [ctx.source_file_sha256])


def strip_text(series: pd.Series) -> pd.Series:
    """Codes arrive with trailing spaces ('No ', 'All ')."""
    return series.astype("string").str.strip()


def to_measure(
    series: pd.Series, *, integer: bool = False, percent: bool = False
) -> tuple[pd.Series, pd.Series]:
    """Text cells -> (numeric values, suppressed flag). `*` is NULL + suppressed, never 0.

    Missing sentinels ('No Data', 'N/A', '--', blank) become NULL and not suppressed. A cell
    must be a number in the strict pattern of `numbers.py` (`1,234` but not `1,8`; a `%` only
    with `percent`; no `inf` or `nan`); any other raises `MalformedNumber` quoting the cell as
    the file has it, with its row label, so a parser can name the column and line. Arrow's
    compute kernels do the whole column (statewide files have millions of cells).
    """
    text = pc.utf8_trim_whitespace(pa.array(series.astype("string"), type=pa.string()))
    suppressed = pc.fill_null(pc.equal(text, SUPPRESSED), False)
    empty = pc.or_(pc.is_in(text, value_set=_SENTINELS), pc.is_null(text))
    cleaned = pc.if_else(pc.or_(suppressed, empty), pa.scalar(None, pa.string()), text)
    bad = first_malformed(cleaned, percent=percent)
    if bad is not None:
        cell = _cell(text, bad)
        raise MalformedNumber(f"non-numeric value {cell}", series.index[bad], cell)
    numbers = pc.cast(numeric_text(cleaned, percent=percent), pa.float64())
    numbers = numbers.to_numpy(zero_copy_only=False)
    null = pc.is_null(cleaned).to_numpy(zero_copy_only=False)
    values = np.where(null, 0.0, numbers)
    limit = 2.0**53 if integer else np.inf  # beyond it an int64 count is no longer exact
    if (out := np.flatnonzero(~(np.abs(values) < limit))).size:
        cell = _cell(text, int(out[0]))
        raise MalformedNumber(
            f"non-numeric value {cell} (out of range)", series.index[out[0]], cell
        )
    if integer:
        if (fraction := np.flatnonzero(values != np.round(values))).size:
            cell = _cell(text, int(fraction[0]))
            raise MalformedNumber(f"non-integer count {cell}", series.index[fraction[0]], cell)
        array = pd.arrays.IntegerArray(values.astype("int64"), null)
    else:
        array = pd.arrays.FloatingArray(values, null)
    flag = pd.Series(suppressed.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    return pd.Series(array, index=series.index), flag


_SENTINELS = pa.array(sorted(MISSING_SENTINELS), type=pa.string())


def _cell(text: pa.Array, position: int) -> str:
    return shown(str(text[position].as_py()))


def measure_columns(
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    file_label: str,
    *,
    integer: Iterable[str] = (),
    percent: Iterable[str] = (),
) -> pd.DataFrame:
    """Convert source measure columns to `<target>` + `<target>_suppressed` pairs.

    `mapping` is source header -> target column name; targets listed in `integer` become Int64;
    those in `percent` may end in `%` (only where the source writes percent strings).
    Errors name the file, the column and the file line.
    """
    integer, percent = set(integer), set(percent)
    out = pd.DataFrame(index=frame.index)
    for source_column, target in mapping.items():
        series = frame[source_column]
        while True:
            try:
                values, suppressed = to_measure(
                    series, integer=target in integer, percent=target in percent
                )
                break
            except MalformedNumber as exc:
                series = _set_aside(frame, series, exc, file_label, source_column, target)
        out[target] = values
        out[f"{target}_suppressed"] = suppressed
    return out


def _set_aside(
    frame: pd.DataFrame,
    series: pd.Series,
    exc: MalformedNumber,
    file_label: str,
    source_column: str,
    target: str,
) -> pd.Series:
    """The column with the refused cell blanked, the cell collected for quarantine; or the
    parse fails naming it (no collector, no file line, or too many refused cells)."""
    line = frame.at[exc.index, "source_line"] if "source_line" in frame.columns else None
    where = f", line {line}" if line is not None else ""
    message = f"{file_label}: column '{source_column}'{where}: {exc}"
    cells = malformed_collector()
    if cells is None or line is None:
        raise SourceError(message) from exc
    if len(cells) >= MAX_MALFORMED_CELLS:
        raise SourceError(
            f"{message}; more than {MAX_MALFORMED_CELLS} cells of this file are not numbers, "
            "so the file is refused whole rather than row by row"
        ) from exc
    cells.append(MalformedCell(int(line), source_column, target, exc.cell, message))
    series = series.copy()  # at most MAX_MALFORMED_CELLS copies of one column
    series.loc[exc.index] = pd.NA
    return series


def build_cds(county: pd.Series, district: pd.Series, school: pd.Series) -> pd.Series:
    """County(2) + district(5) + school(7) as text, re-padding parts that lost leading zeros."""
    parts = [
        strip_text(county).str.zfill(2),
        strip_text(district).str.zfill(5),
        strip_text(school).str.zfill(7),
    ]
    return parts[0] + parts[1] + parts[2]


def in_scope(cds: pd.Series, scope: str) -> pd.Series:
    """Row mask for the configured scope; statewide keeps everything on the same code path."""
    if scope == "statewide":
        return pd.Series(True, index=cds.index)
    if scope == "lausd":
        return cds.str.startswith(LAUSD_CDS_PREFIX).fillna(False)
    raise ValueError(f"unknown scope {scope!r} (expected 'lausd' or 'statewide')")


def parse_mdy(series: pd.Series) -> pd.Series:
    """MM/DD/YYYY text (CDE) to dates; sentinels to NaT."""
    text = series.astype("string").str.strip().mask(lambda s: s.isin(MISSING_SENTINELS))
    return pd.to_datetime(text, format="%m/%d/%Y", errors="raise").dt.date


def check_one_row_per_group(out: pd.DataFrame, ctx: ParseContext, entity: str) -> None:
    """One staged row per `entity` (its CDS code) x student group; the error names the line of
    the first repeat and the group as the file wrote it."""
    repeated = out.duplicated(["cds_code", "student_group_code"])
    if repeated.any():
        first = out[repeated].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: line {first['source_line']}: {entity} {first['cds_code']} group "
            f"{first['source_group_code']} appears twice"
        )
