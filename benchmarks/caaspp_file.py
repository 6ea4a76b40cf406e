"""A statewide CAASPP Smarter Balanced research zip (caret-delimited) and its entities zip.

Real layout of 2020-21 on (`caaspp.LAYOUTS` 'sb_student_group_type_id', 33 columns: Filler,
Students with Scores, the 12 claim-area columns and a last `Type ID`), CRLF, one row per entity
(school, district with school code 0000000, county, state) x Student Group ID x grade (03-08,
11 as served, 13 = all) x test (1 ELA, 2 math). Group IDs are the ones the pipeline maps plus
the ones it deliberately ignores. Per row the four achievement levels add up to the students
tested; mean scale score, percentages and claim areas are `*` when 10 or fewer students tested;
math area 4 is 0.00 as in the real files; aggregates are exact sums.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from pilot_pipeline.sources import caaspp

from .filekit import write_text

YEAR = "2023-24"
TEST_YEAR = "2024"
GRADES = (3, 4, 5, 6, 7, 8, 11)
SHARES = {"001": 1.0, "003": 0.51, "004": 0.49, "074": 0.05, "075": 0.02, "076": 0.1,
          "077": 0.03, "078": 0.55, "079": 0.02, "080": 0.21, "144": 0.04, "031": 0.6,
          "160": 0.18, "007": 0.06, "008": 0.16, "180": 0.58, "190": 0.02, "128": 0.13,
          "028": 0.02}  # fmt: skip
SHARES |= {g: 0.3 for g in sorted(caaspp.IGNORED_GROUP_IDS)}
AREAS = [(a, lvl) for a in range(1, 5) for lvl in ("Above", "Near", "Below")]
LEVELS = ("exceeded", "met", "nearly", "not_met")
COUNTS = ["enrolled", "tested", "score_sum", *LEVELS, *(f"a{a}_{lvl}" for a, lvl in AREAS)]
HEADER = (
    "County Code", "District Code", "School Code", "Filler", "Test Year", "Student Group ID",
    "Test Type", "Total Tested at Reporting Level", "Total Tested with Scores at Reporting Level",
    "Grade", "Test ID", "Students Enrolled", "Students Tested", "Mean Scale Score",
    "Percentage Standard Exceeded", "Percentage Standard Met", "Percentage Standard Met and Above",
    "Percentage Standard Nearly Met", "Percentage Standard Not Met", "Students with Scores",
    *(f"Area {a} Percentage {lvl} Standard" for a, lvl in AREAS), "Type ID",
)  # fmt: skip
ZIP_TIME = (2024, 10, 1, 0, 0, 0)


def _split(rng: np.random.Generator, total: np.ndarray, probs: np.ndarray) -> list[np.ndarray]:
    """Counts per category that add up to `total`, by sequential binomials (row-wise probs)."""
    parts, left, mass = [], total, np.ones(len(total))
    for k in range(probs.shape[1] - 1):
        p = np.clip(probs[:, k] / np.maximum(mass, 1e-9), 0, 1)
        draw = rng.binomial(left, p)
        parts.append(draw)
        left, mass = left - draw, mass - probs[:, k]
    return [*parts, left]


def _school_cells(schools: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """School x grade x group x test counts for the grades each school serves."""
    low, high = schools["grade_low"].to_numpy(), schools["grade_high"].to_numpy()
    pairs = [(i, g) for g in GRADES for i in np.nonzero((low <= g) & (high >= g))[0]]
    school, grade = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    enrolled = rng.integers(40, 261, len(pairs))
    groups = np.array(list(SHARES))
    shares = np.array(list(SHARES.values()))
    n_groups = len(groups)
    factor = np.where(shares < 1, rng.uniform(0.7, 1.3, (len(pairs), n_groups)), 1.0)
    size = np.rint(enrolled[:, None] * shares * factor).astype(np.int64).ravel()
    cells = pd.DataFrame({
        "school_index": np.repeat(school, n_groups), "grade": np.repeat(grade, n_groups),
        "group": np.tile(groups, len(pairs)), "size": size,
    })  # fmt: skip
    cells = cells[cells["size"] > 0]
    cells = pd.concat([cells.assign(test=1), cells.assign(test=2)], ignore_index=True)
    n = len(cells)
    ability = rng.uniform(-0.12, 0.12, len(schools))[cells["school_index"].to_numpy()]
    size = cells["size"].to_numpy()
    tested = size - rng.binomial(size, 0.03)
    base = np.array([0.2, 0.25, 0.25, 0.3])
    probs = np.clip(base + np.outer(ability, [1, 0.5, -0.5, -1]) + rng.normal(0, 0.03, (n, 4)),
                    0.02, None)  # fmt: skip
    probs /= probs.sum(axis=1, keepdims=True)
    out = {"enrolled": size, "tested": tested}
    out |= dict(zip(LEVELS, _split(rng, tested, probs), strict=True))
    score = 2300 + 40 * np.minimum(cells["grade"].to_numpy(), 9) + 120 * ability
    out["score_sum"] = np.rint((score + rng.uniform(-15, 15, n)) * tested).astype(np.int64)
    area_probs = np.clip(np.column_stack([0.3 + ability, np.full(n, 0.45), 0.25 - ability]),
                         0.02, None)  # fmt: skip
    area_probs /= area_probs.sum(axis=1, keepdims=True)
    for a in range(1, 5):
        draws = _split(rng, tested, area_probs)
        out |= {f"a{a}_{lvl}": d for lvl, d in zip(("Above", "Near", "Below"), draws, strict=True)}
    frame = cells.assign(**out)
    ident = schools[["county_code", "district_code", "school_code"]].iloc[frame["school_index"]]
    return pd.concat([frame.reset_index(drop=True), ident.reset_index(drop=True)], axis=1)


def _all_levels(cells: pd.DataFrame) -> pd.DataFrame:
    """Add grade 13 rows, then district, county and state sums (school code 0000000)."""
    keys = ["county_code", "district_code", "school_code", "group", "test"]
    cells = cells[[*keys, "grade", *COUNTS]]
    all_grades = cells.groupby(keys, sort=False)[COUNTS].sum().reset_index().assign(grade=13)
    schools = pd.concat([cells, all_grades], ignore_index=True)
    parts = [schools]
    for zeroed in (["school_code"], ["district_code", "school_code"],
                   ["county_code", "district_code", "school_code"]):  # fmt: skip
        level = schools.assign(**{c: "0" * len(schools[c].iloc[0]) for c in zeroed})
        parts.append(level.groupby([*keys, "grade"], sort=False)[COUNTS].sum().reset_index())
    out = pd.concat(parts, ignore_index=True)
    totals = out.groupby(keys, sort=False)["tested"].transform("max")  # the grade 13 row
    return out.assign(reporting=totals)


def _columns() -> list[tuple[str, str]]:
    sup = "tested <= 10"

    def pct(num: str) -> str:
        return f"CASE WHEN {sup} THEN '*' ELSE printf('%.2f', 100.0 * ({num}) / tested) END"

    cells = {"County Code": "county_code", "District Code": "district_code",
             "School Code": "school_code", "Filler": "''", "Test Year": f"'{TEST_YEAR}'",
             "Student Group ID": "\"group\"", "Test Type": "'B'",
             "Total Tested at Reporting Level": "CAST(reporting AS VARCHAR)",
             "Total Tested with Scores at Reporting Level": "CAST(reporting AS VARCHAR)",
             "Grade": "lpad(CAST(grade AS VARCHAR), 2, '0')", "Test ID": "CAST(test AS VARCHAR)",
             "Students Enrolled": "CAST(enrolled AS VARCHAR)",
             "Students Tested": "CAST(tested AS VARCHAR)",
             "Mean Scale Score": f"CASE WHEN {sup} THEN '*' "
                                 "ELSE printf('%.1f', score_sum / tested) END",
             "Percentage Standard Exceeded": pct("exceeded"),
             "Percentage Standard Met": pct("met"),
             "Percentage Standard Met and Above": pct("exceeded + met"),
             "Percentage Standard Nearly Met": pct("nearly"),
             "Percentage Standard Not Met": pct("not_met"),
             "Students with Scores": "CAST(tested AS VARCHAR)"}  # fmt: skip
    cells |= {f"Area {a} Percentage {lvl} Standard": pct(f"a{a}_{lvl}") for a, lvl in AREAS}
    for lvl in ("Above", "Near", "Below"):  # math reports 3 claim areas: area 4 is 0.00
        column = f"Area 4 Percentage {lvl} Standard"
        cells[column] = f"CASE WHEN test = 2 AND NOT ({sup}) THEN '0.00' ELSE {cells[column]} END"
    # Unpadded, as the real bytes write it: 7 school, 9 charter, 6 district, 5 county, 4 state.
    cells["Type ID"] = (
        "CASE WHEN school_code <> '0000000' THEN (CASE WHEN charter THEN '9' ELSE '7' END) "
        "WHEN district_code <> '00000' THEN '6' WHEN county_code <> '00' THEN '5' ELSE '4' END"
    )
    return [(h, cells[h]) for h in HEADER]


def _zip(text: Path, target: Path, member: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    info = zipfile.ZipInfo(member, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(target, "w") as archive, text.open("rb") as source:
        with archive.open(info, "w", force_zip64=True) as dest:
            shutil.copyfileobj(source, dest, 1 << 20)


def write_caaspp(
    schools: pd.DataFrame, root: Path, scratch: Path, seed: int
) -> tuple[str, int, str]:
    """Write the research zip and the entities zip; (zip path, data rows, entities path)."""
    rng = np.random.default_rng([seed, 50])
    frame = _all_levels(_school_cells(schools, rng))
    ids = ["county_code", "district_code", "school_code"]
    charter = pd.MultiIndex.from_frame(schools.loc[schools["is_charter"].astype(bool), ids])
    frame["charter"] = pd.MultiIndex.from_frame(frame[ids]).isin(charter)
    url = caaspp.URLS[YEAR]
    name = url.rsplit("/", 1)[1].removesuffix(".zip")
    text = scratch / f"{name}.txt"
    order = 'county_code, district_code, school_code, "group", test, grade'
    rows = write_text(frame, _columns(), order, text, sep="^", encoding="utf-8")
    path = url.removeprefix("https://")
    _zip(text, root / path, f"{name}.txt")
    text.unlink()
    entities_url = caaspp.ENTITIES_URLS[YEAR]
    entities_name = entities_url.rsplit("/", 1)[1].removesuffix(".zip")
    etext = scratch / f"{entities_name}.txt"
    write_text(_entities(schools), [(c, f'"{c}"') for c in _ENTITY_HEADER], "\"County Code\"",
               etext, sep="^", encoding="utf-8")  # fmt: skip
    entities_path = entities_url.removeprefix("https://")
    _zip(etext, root / entities_path, f"{entities_name}.txt")
    etext.unlink()
    return path, rows, entities_path


_ENTITY_HEADER = ("County Code", "District Code", "School Code", "Test Year", "Type ID",
                  "County Name", "District Name", "School Name", "Zip Code")  # fmt: skip


def _entities(schools: pd.DataFrame) -> pd.DataFrame:
    rows = [("00", "00000", "0000000", "04", "State", "", "")]
    rows += [
        (c, "00000", "0000000", "05", n, "", "")
        for c, n in schools[["county_code", "county_name"]]
        .drop_duplicates()
        .itertuples(index=False)
    ]
    rows += [(c, d, "0000000", "06", cn, dn, "") for c, d, cn, dn in
             schools[["county_code", "district_code", "county_name", "district_name"]]
             .drop_duplicates().itertuples(index=False)]  # fmt: skip
    rows += [
        (
            s.county_code,
            s.district_code,
            s.school_code,
            "09" if s.is_charter else "07",
            s.county_name,
            s.district_name,
            s.school_name,
        )
        for s in schools.itertuples()
    ]
    frame = pd.DataFrame(rows, columns=["County Code", "District Code", "School Code", "Type ID",
                                        "County Name", "District Name", "School Name"])  # fmt: skip
    return frame.assign(**{"Test Year": TEST_YEAR, "Zip Code": ""})
