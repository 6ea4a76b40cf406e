"""CDE English learner / LTEL / at-risk by grade (DataQuest `LTELDOWNLOADxxyy.txt`).

Tab-delimited, one row per entity (`AggLevel`: T state, **O county**, D district, S school) x
`Charter` (Y/N; there is **no All row**) x Grade (KN, 01 … 12, UE) x Gender (M/F), with counts of
EO, IFEP, EL, RFEP, TBD, TotalEnrollment, AR (at risk of becoming LTEL) and LTEL.

Layout registry: the CDE structure page (fsltela.asp) could only be read up to `AR`; the
`LTEL` column after it is a plausible, unverified name, and so is the charter header (`Charter`
or `Charter (Y/N)`, both accepted). A real file with other trailing columns loads and the
`layout_drift` check names them; one without a required column fails naming it. No real bytes
of this family have been found (pilot_pipeline_tests/fixtures/real/SOURCES.md).

Staging grain: school x school year x grade, summed over gender and over the charter Y and N
rows (a school sits under one flag, so summing never double counts; if a file ever carries an
All row, only the All rows are used). A sum that includes a suppressed (`*`) cell is NULL and
flagged suppressed; a sum of only missing cells is NULL.
"""

from __future__ import annotations

import pandas as pd

from pilot_pipeline.partitions import spring_year

from ..base import level_rows, measure_columns, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout, normalise_flag
from ..reading import read_delimited
from ..rollup import ALL, check_academic_year, mask_to_line
from ..spec import Fact, FactLoad, ParseContext, SourceSpec, measure_pairs, staging_columns

_BASE = "https://dq.cde.ca.gov/dataquest/longtermel/lteldnld.aspx?year="
# DataQuest serves one file per year through this query; only 2020-21 is attested
# (docs/data_sources.md §5), the other years are the same page with another year parameter.
URLS: dict[str, str] = {
    year: _BASE + year for year in ("2020-21", "2021-22", "2022-23", "2023-24", "2024-25")
}

_HEAD = ("AcademicYear", "CountyCode", "DistrictCode", "SchoolCode", "CountyName", "DistrictName",
         "SchoolName")  # fmt: skip
_COUNT_HEADERS = (
    "AggLevel",
    "Grade",
    "Gender",
    "EO",
    "IFEP",
    "EL",
    "RFEP",
    "TBD",
    "TotalEnrollment",
    "AR",
)
UNVERIFIED_AFTER_AR = ("LTEL",)
LAYOUTS: tuple[Layout, ...] = (
    Layout("ltel_charter", (*_HEAD, "Charter", *_COUNT_HEADERS, *UNVERIFIED_AFTER_AR)),
    Layout("ltel_charter_yn", (*_HEAD, "Charter (Y/N)", *_COUNT_HEADERS, *UNVERIFIED_AFTER_AR)),
)

GRADES: tuple[str, ...] = ("KN", *(f"{g:02d}" for g in range(1, 13)), "UE")
_MEASURES = {
    "EO": "eo",
    "IFEP": "ifep",
    "EL": "el",
    "RFEP": "rfep",
    "TBD": "tbd",
    "LTEL": "ltel",
    "AR": "at_risk",
    "TotalEnrollment": "total_enrollment",
}
COUNTS = tuple(_MEASURES.values())
COLUMNS: tuple[str, ...] = staging_columns("grade", *measure_pairs(*COUNTS))


def _grades(raw: pd.DataFrame, ctx: ParseContext) -> pd.Series:
    grade = strip_text(raw["Grade"]).str.upper()
    grade = grade.where(~grade.str.fullmatch(r"\d{1,2}").fillna(False), grade.str.zfill(2))
    bad = ~grade.isin(GRADES).fillna(False)
    if bad.any():
        raise SourceError(
            f"{ctx.file_label}: column 'Grade', line {mask_to_line(raw, bad)}: unknown grade "
            f"{raw.loc[bad, 'Grade'].iloc[0]!r} (expected {', '.join(GRADES)})"
        )
    return grade


def _sum_groups(measures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    grouped = measures.groupby(keys, sort=True)
    out = grouped[["source_line"]].min()
    for target in _MEASURES.values():
        total = grouped[target].sum(min_count=1)
        suppressed = grouped[f"{target}_suppressed"].any()
        out[target] = total.mask(suppressed).astype("Int64")
        out[f"{target}_suppressed"] = suppressed.astype(bool)
    return out.reset_index()


def _read(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    check_academic_year(raw, "AcademicYear", ctx)
    return raw


def _parse_level(raw: pd.DataFrame, ctx: ParseContext, level: str) -> pd.DataFrame:
    # Columns carry their layout's names: `Charter` in one layout, `Charter (Y/N)` in the other.
    charter_column = "Charter" if "Charter" in raw.columns else "Charter (Y/N)"
    rows = level_rows(raw, ctx, level, "AggLevel")
    rows["grade"] = _grades(rows, ctx)
    rows["gender"] = strip_text(rows["Gender"])
    rows["charter"] = normalise_flag(rows[charter_column])
    keys = ["cds_code", "grade", "gender"]
    duplicated = rows.duplicated([*keys, "charter"])
    if duplicated.any():
        raise SourceError(
            f"{ctx.file_label}: line {mask_to_line(rows, duplicated)}: entity, grade, gender and "
            "charter flag repeat an earlier row"
        )
    # Y + N rows partition the entity; an All row, should one appear, already is their sum.
    has_all = rows["charter"].eq(ALL).groupby([rows[k] for k in keys]).transform("any")
    rows = rows[rows["charter"].eq(ALL) | ~has_all]
    measures = measure_columns(rows, _MEASURES, ctx.file_label, integer=_MEASURES.values())
    measures[["cds_code", "grade", "source_line"]] = rows[["cds_code", "grade", "source_line"]]
    out = _sum_groups(measures, ["cds_code", "grade"])
    out["cds_code"] = out["cds_code"].astype("string")
    out["grade"] = out["grade"].astype("string")
    out["school_year"] = spring_year(ctx.school_year)
    out["source_file_sha256"] = provenance(ctx, len(out))
    return out[list(COLUMNS)]


GRAIN = "school x school year x grade"  # of the fact it feeds
SOURCE = SourceSpec(
    name="ltel", title="CDE English learners, LTEL and at-risk by grade",
    urls=URLS, layouts=LAYOUTS, read=_read, parse_level=_parse_level, description=__doc__ or "",
    facts=(FactLoad(Fact("fct_english_learner", GRAIN)),),
    unverified_columns=UNVERIFIED_AFTER_AR,
)  # fmt: skip
