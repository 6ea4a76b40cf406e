"""The reviewed LAUSD location code -> CDS crosswalk, and the roll-up of program rows.

LAUSD exports name a school by its location code and an abbreviated name, and list a
dual-language (DL) program as a row of its own, under its own location code. The crosswalk
(`pilot_pipeline/data/lausd_location_crosswalk.csv`, reviewed data) maps every location code to
the CDS code of the school it belongs to, so a DL program maps to its school and its rows are
summed into the school's. A code the crosswalk does not hold fails the parse, naming the file,
the line, the code and the name: a new code needs a reviewed row, not a guess
(`python -m pilot_pipeline.lausd.suggest` proposes one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from pilot_pipeline import DATA_DIR

from .base import LAUSD_CDS_PREFIX, ParseContext, SourceError, strip_text

CROSSWALK_FILE = DATA_DIR / "lausd_location_crosswalk.csv"
COLUMNS = (
    "location_code",
    "lausd_school_name",
    "program",
    "cds_code",
    "directory_school_name",
    "match_score",
    "evidence",
    "review_note",
)


@cache
def read_location_crosswalk(path: Path = CROSSWALK_FILE) -> pd.DataFrame:
    """The crosswalk, text columns; fails naming the row when a code is malformed or repeated."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    frame = frame.apply(lambda col: col.str.strip())
    bad_code = ~frame["location_code"].str.fullmatch(r"\d{4}")
    bad_cds = ~frame["cds_code"].str.fullmatch(LAUSD_CDS_PREFIX + r"\d{7}")
    repeated = frame["location_code"].duplicated(keep=False)
    for mask, what in ((bad_code, "location_code is not 4 digits"),
                       (bad_cds, "cds_code is not a 14-digit LAUSD code"),
                       (repeated, "location_code repeated")):  # fmt: skip
        if mask.any():
            row = frame[mask].iloc[0]
            line = int(frame.index[mask][0]) + 2
            found = f"{row['location_code']!r} -> {row['cds_code']!r}"
            raise ValueError(f"{path}: line {line}: {what}: {found}")
    return frame


def location_codes(series: pd.Series) -> pd.Series:
    """Codes as 4-digit text: a spreadsheet round trip turns '0412' into '412'."""
    text = strip_text(series)
    return text.where(~text.str.fullmatch(r"\d{1,3}").fillna(False), text.str.zfill(4))


def resolve_locations(
    raw: pd.DataFrame,
    ctx: ParseContext,
    *,
    code_column: str = "Location Code",
    name_column: str = "School Name",
    crosswalk: pd.DataFrame | None = None,
) -> pd.Series:
    """CDS code per row; an unknown code fails naming file, line, code and school name."""
    table = read_location_crosswalk() if crosswalk is None else crosswalk
    codes = location_codes(raw[code_column])
    cds = codes.map(dict(zip(table["location_code"], table["cds_code"], strict=True)))
    unknown = cds.isna()
    if unknown.any():
        rows = raw[unknown]
        listed = [
            f"'{code}' ({name}, line {line})"
            for code, name, line in zip(
                codes[unknown].head(5),
                rows[name_column].head(5),
                rows["source_line"].head(5),
                strict=True,
            )
        ]
        raise SourceError(
            f"{ctx.file_label}: column '{code_column}': {int(unknown.sum())} row(s) with "
            f"location codes not in {CROSSWALK_FILE.name}: {', '.join(listed)}. Add reviewed "
            "rows (python -m pilot_pipeline.lausd.suggest proposes CDS codes)"
        )
    return cds.astype("string")


def roll_up(
    frame: pd.DataFrame,
    keys: Sequence[str],
    sums: Sequence[str] = (),
    weighted: Mapping[str, str] | None = None,
    first: Sequence[str] = (),
) -> pd.DataFrame:
    """One row per `keys` (which include `cds_code`): program rows summed into their school.

    `sums` add up; `weighted` maps a rate to its weight (a count) and averages it weighted.
    A result that involves a suppressed or missing part is NULL, flagged suppressed when any
    part was. `first` columns take the first row's value; `location_codes` lists the codes
    rolled up and `source_line` is the first contributing line.
    """
    weighted = dict(weighted or {})
    group = [frame[k] for k in keys]
    grouped = frame.groupby(group, sort=False, dropna=False)
    out = grouped[["source_line", *first]].first()
    out["source_line"] = grouped["source_line"].min()
    out["location_codes"] = grouped["location_code"].agg(lambda s: ",".join(sorted(set(s))))
    out["source_rows"] = grouped.size()
    for column in [*sums, *weighted]:
        flag = f"{column}_suppressed"
        incomplete = frame[column].isna().groupby(group, sort=False, dropna=False).any()
        if column in weighted:
            weight = frame[weighted[column]].astype("Float64")
            numerator = (frame[column].astype("Float64") * weight).groupby(group, sort=False).sum()
            denominator = weight.groupby(group, sort=False, dropna=False).sum()
            value = (numerator / denominator.replace(0, pd.NA)).round(1)
        else:
            value = grouped[column].sum(min_count=1)
        out[column] = value.mask(incomplete)
        out[flag] = frame[flag].groupby(group, sort=False, dropna=False).any()
    return out.reset_index(names=list(keys))
