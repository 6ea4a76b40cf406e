"""Statewide demo-downloads files in their real layouts: ACGR, Census Day, absenteeism, suspension.

Layouts come from the source modules (`LAYOUTS`), conventions from the sample generators in
`pilot_pipeline_dev/mirror/samples/`: T/C/D/S rows, All/Y/N roll-ups (with the trailing spaces of
ACGR's flags), `*` in every measure cell of a group of 10 or fewer, CRLF line ends, ACGR 2023-24
as UTF-8 with a BOM (36 columns, CDE's `(Rate` typo kept), Census Day as cp1252, absenteeism
and suspension as latin-1. Values are vectorised draws (numpy), so a statewide file takes
seconds; aggregates are exact sums of their schools.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pilot_pipeline.sources import acgr, census_day, chronic_absenteeism, suspension

from .filekit import count_sql, flag_sql, pct_sql, with_rollups, write_text

YEAR = "2023-24"
IDENTITY = ["cds_code", "county_code", "district_code", "school_code", "county_name",
            "district_name", "school_name", "is_charter", "is_dass"]  # fmt: skip
ORDER = "level_rank, county_code, district_code, school_code, variant, rank"
RACES = {"RH": 0.55, "RB": 0.05, "RW": 0.21, "RA": 0.10, "RF": 0.02, "RI": 0.005,
         "RP": 0.005, "RT": 0.04, "RD": 0.02}  # fmt: skip
GENDERS = {"GM": 0.505, "GF": 0.485, "GX": 0.006, "GZ": 0.004}
PROGRAMS = {"SE": 0.18, "SD": 0.14, "SS": 0.62, "SM": 0.01, "SF": 0.01, "SH": 0.04}
SPANS = {"GRK": (0, 0), "GR13": (1, 3), "GR46": (4, 6), "GR78": (7, 8), "GR912": (9, 12)}


def _ident_sql(charter_header: str, pad: str = "", dass_pad: str | None = None) -> list:
    cols = [("AggregateLevel", "level"), ("CountyCode", "county_code"),
            ("DistrictCode", "district_code"), ("SchoolCode", "school_code"),
            ("CountyName", "county_name"), ("DistrictName", "district_name"),
            ("SchoolName", "school_name"),
            (charter_header, flag_sql("charter_flag", pad))]  # fmt: skip
    if dass_pad is not None:
        cols.append(("DASS", flag_sql("dass_flag", dass_pad)))
    return cols


def _long(schools: pd.DataFrame, sizes: np.ndarray, codes: list[str]) -> pd.DataFrame:
    """School x group rows (groups of size 0 dropped) with the school identity columns."""
    n_schools, n_groups = sizes.shape
    idx = np.repeat(np.arange(n_schools), n_groups)
    frame = schools.iloc[idx][IDENTITY].reset_index(drop=True)
    frame["group"] = np.tile(codes, n_schools)
    frame["rank"] = np.tile(np.arange(n_groups), n_schools)
    frame["n"] = sizes.ravel()
    frame["school_index"] = idx
    return frame[frame["n"] > 0].reset_index(drop=True)


def _acgr_groups(rng: np.random.Generator, total: np.ndarray) -> tuple[np.ndarray, list[str]]:
    races = rng.multinomial(total, list(RACES.values()))
    genders = rng.multinomial(total, list(GENDERS.values()))
    programs = rng.binomial(total[:, None], list(PROGRAMS.values()))
    sizes = np.column_stack([total, races, genders, programs])
    return sizes, ["TA", *RACES, *GENDERS, *PROGRAMS]


def write_acgr(schools: pd.DataFrame, root: Path, seed: int) -> tuple[str, int]:
    rng = np.random.default_rng([seed, 10])
    grads = schools[schools["grade_high"].ge(12)].reset_index(drop=True)
    small = grads["is_dass"].to_numpy()
    cohort = np.where(small, rng.integers(8, 41, len(grads)), rng.integers(60, 521, len(grads)))
    sizes, codes = _acgr_groups(rng, cohort)
    rows = _long(grads, sizes, codes)
    n, school = rows["n"].to_numpy(), rows["school_index"].to_numpy()
    rows["grad"] = rng.binomial(n, rng.uniform(0.72, 0.97, len(grads))[school])
    non_grad = ["chspe", "adult", "sped", "ged", "transfer", "dropout", "still"]
    weights = np.array([0.01, 0.02, 0.12, 0.01, 0.08, 0.45, 0.31])
    rows[non_grad] = rng.multinomial(n - rows["grad"].to_numpy(), weights / weights.sum())
    grad = rows["grad"].to_numpy()
    rows["ag"] = rng.binomial(grad, rng.uniform(0.35, 0.8, len(grads))[school])
    for key, p in (("seal", 0.2), ("golden", 0.15), ("exempt", 0.03)):
        rows[key] = rng.binomial(grad, p)
    counts = ["n", "grad", "ag", "seal", "golden", "exempt", *non_grad]
    full = with_rollups(rows, ["group", "rank"], counts, dass=True)
    stems = {"Regular HS Diploma Graduates": ("grad", "n"),
             "Met UC/CSU Grad Req's": ("ag", "grad"), "Seal of Biliteracy": ("seal", "grad"),
             "Golden State Seal Merit Diploma": ("golden", "grad"),
             "Graduates Meeting Local Requirements Exemption": ("exempt", "grad"),
             "CPP Completer": ("chspe", "n"), "Adult Ed. HS Diploma": ("adult", "n"),
             "SPED Certificate": ("sped", "n"), "GED Completer": ("ged", "n"),
             "Other Transfer": ("transfer", "n"), "Dropout": ("dropout", "n"),
             "Still Enrolled": ("still", "n")}  # fmt: skip
    sup = "n <= 10"
    cells = {"AcademicYear": f"'{YEAR}'", "ReportingCategory": "\"group\"",
             "CohortStudents": count_sql("n", sup)}  # fmt: skip
    cells |= dict(_ident_sql("CharterSchool", "  ", " "))
    for stem, (num, den) in stems.items():
        cells[f"{stem} (Count)"] = count_sql(num, sup)
        cells[f"{stem} (Rate)"] = cells[f"{stem} (Rate"] = pct_sql(num, den, 1, sup)
    layout = next(x for x in acgr.LAYOUTS if x.name == "acgr_36")
    path = acgr.URLS[YEAR].removeprefix("https://")
    columns = [(c, cells[c]) for c in layout.columns]
    return path, write_text(full, columns, ORDER, root / path, sep="\t", encoding="utf-8-sig")


CENSUS_GRADES = [c for c in census_day.GRADES if c != "TOTAL_ENR"]
CENSUS_RACES = {f"RE_{k[1]}": p for k, p in RACES.items()}
CENSUS_GENDERS = {f"GN_{k[1]}": p for k, p in GENDERS.items()}
ELAS = {"ELAS_EO": 0.58, "ELAS_IFEP": 0.06, "ELAS_EL": 0.18, "ELAS_RFEP": 0.16,
        "ELAS_TBD": 0.006, "ELAS_ADEL": 0.002, "ELAS_MISS": 0.002}  # fmt: skip
CENSUS_PROGRAMS = {"SG_DS": 0.14, "SG_SD": 0.62, "SG_MG": 0.01, "SG_FS": 0.01, "SG_HM": 0.04}


def write_census_day(schools: pd.DataFrame, root: Path, seed: int) -> tuple[str, int]:
    rng = np.random.default_rng([seed, 20])
    n = len(schools)
    grade_no = np.array([-1, 0, *range(1, 13)])  # TK, K, 1..12
    low, high = schools["grade_low"].to_numpy()[:, None], schools["grade_high"].to_numpy()[:, None]
    serves = (grade_no >= low) & (grade_no <= high) | ((grade_no == -1) & (low == 0))
    upper = np.where(high <= 8, 140, 420)
    enrolled = np.where(serves, rng.integers(25, upper, (n, 14)), 0)
    blocks: dict[str, np.ndarray] = {"TA": enrolled}
    for family in (CENSUS_RACES, CENSUS_GENDERS, ELAS):
        draws = rng.multinomial(enrolled, list(family.values()))  # (n, 14, k)
        blocks |= {code: draws[:, :, k] for k, code in enumerate(family)}
    blocks["SG_EL"] = blocks["ELAS_EL"]
    for code, p in CENSUS_PROGRAMS.items():
        blocks[code] = rng.binomial(enrolled, p)
    older = rng.binomial(enrolled[:, -1], 0.04)
    blocks["AR_03"] = np.zeros_like(enrolled)
    blocks["AR_03"][:, 0] = rng.binomial(enrolled[:, 0], 0.3)
    blocks["AR_1922"] = np.zeros_like(enrolled)
    blocks["AR_1922"][:, -1] = older
    blocks["AR_0418"] = enrolled - blocks["AR_03"] - blocks["AR_1922"]
    order = ["TA", *CENSUS_RACES, *CENSUS_GENDERS, "SG_EL", *CENSUS_PROGRAMS, *ELAS,
             "AR_03", "AR_0418", "AR_1922"]  # fmt: skip
    stacked = np.stack([blocks[c] for c in order], axis=1)  # (n, categories, 14)
    rows = _long(schools, stacked.sum(axis=2), order)
    grades = stacked.reshape(-1, 14)[rows["school_index"] * len(order) + rows["rank"]]
    rows[CENSUS_GRADES] = grades
    full = with_rollups(rows, ["group", "rank"], CENSUS_GRADES, dass=False)
    total = " + ".join(CENSUS_GRADES)
    sup = f"(regexp_matches(\"group\", '^(GN|SG|ELAS)_') AND ({total}) <= 10)"
    cells = {"Academic Year": f"'{YEAR}'", "Aggregate Level": "level",
             "County Code": "county_code", "District Code": "district_code",
             "School Code": "school_code", "County Name": "county_name",
             "District Name": "district_name", "School Name": "school_name",
             "Charter (All/Y/N)": "charter_flag", "Reporting Category": "\"group\"",
             "TOTAL_ENR": f"CASE WHEN {sup} THEN '*' "
                          f"ELSE CAST({total} AS VARCHAR) END"}  # fmt: skip
    cells |= {g: count_sql(g, sup) for g in CENSUS_GRADES}
    path = census_day.URLS[YEAR].removeprefix("https://")
    columns = [(c, cells[c]) for c in census_day.LAYOUTS[0].columns]
    return path, write_text(full, columns, ORDER, root / path, sep="\t", encoding="cp1252")


def _student_groups(schools: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Cumulative enrollment per school x ACGR-coded group, plus the grade-span categories."""
    total = rng.integers(250, 1801, len(schools))
    sizes, codes = _acgr_groups(rng, total)
    low, high = schools["grade_low"].to_numpy(), schools["grade_high"].to_numpy()
    served = np.column_stack([np.clip(np.minimum(high, b) - np.maximum(low, a) + 1, 0, None)
                              for a, b in SPANS.values()])  # fmt: skip
    spans = rng.multinomial(total, np.ones(len(SPANS)) / len(SPANS)) * (served > 0)
    return _long(schools, np.column_stack([sizes, spans]), [*codes, *SPANS])


def write_absenteeism(schools: pd.DataFrame, root: Path, seed: int) -> tuple[str, int]:
    rng = np.random.default_rng([seed, 30])
    rows = _student_groups(schools, rng)
    school_rate = rng.uniform(0.05, 0.45, len(schools))[rows["school_index"]]
    rows["absent"] = rng.binomial(rows["n"].to_numpy(), school_rate)
    full = with_rollups(rows, ["group", "rank"], ["n", "absent"], dass=True,
                        school_dass_flag="own")  # fmt: skip
    sup = "n <= 10"
    cells = {"AcademicYear": f"'{YEAR}'", "ReportingCategory": "\"group\"",
             "ChronicAbsenteeismEligibleCumulativeEnrollment": count_sql("n", sup),
             "ChronicAbsenteeismCount": count_sql("absent", sup),
             "ChronicAbsenteeismRate": pct_sql("absent", "n", 1, sup, "'0.0'")}  # fmt: skip
    cells |= dict(_ident_sql("CharterSchool", dass_pad=""))
    layout = chronic_absenteeism.LAYOUTS[1]  # 2022-23 on: with DASS
    path = chronic_absenteeism.URLS[YEAR].removeprefix("https://")
    columns = [(c, cells[c]) for c in layout.columns]
    return path, write_text(full, columns, ORDER, root / path, sep="\t", encoding="latin-1")


REASONS = ("SuspensionCountViolentIncidentInjury", "SuspensionCountViolentIncidentNoInjury",
           "SuspensionCountWeaponsPossession", "SuspensionCountIllicitDrugRelated",
           "SuspensionCountDefianceOnly", "SuspensionCountOtherReasons")  # fmt: skip


def write_suspension(schools: pd.DataFrame, root: Path, seed: int) -> tuple[str, int]:
    rng = np.random.default_rng([seed, 40])
    rows = _student_groups(schools, rng)
    n = rows["n"].to_numpy()
    suspended = rng.binomial(n, rng.uniform(0.0, 0.06, len(schools))[rows["school_index"]])
    total = suspended + rng.binomial(suspended, 0.4)
    weights = np.array([3, 5, 1, 2, 1, 2]) / 14
    reasons = rng.multinomial(total, weights)
    rows["suspended"], rows["total"] = suspended, total
    rows[[f"r{k}" for k in range(6)]] = reasons
    rows["defiance_only"] = np.minimum(suspended, reasons[:, 4])
    counts = ["n", "suspended", "total", "defiance_only", *(f"r{k}" for k in range(6))]
    full = with_rollups(rows, ["group", "rank"], counts, dass=False)
    sup = "n <= 10"
    cells = {"AcademicYear": f"'{YEAR}'", "ReportingCategory": "\"group\"",
             "CumulativeEnrollment": count_sql("n", sup),
             "TotalSuspensions": count_sql("total", sup),
             "UnduplicatedCountStudentsSuspendedTotal": count_sql("suspended", sup),
             "UnduplicatedCountStudentsSuspendedDefianceOnly": count_sql("defiance_only", sup),
             "SuspensionRateTotal": pct_sql("suspended", "n", 1, sup, "'0.0'")}  # fmt: skip
    cells |= {reason: count_sql(f"r{k}", sup) for k, reason in enumerate(REASONS)}
    cells |= dict(_ident_sql("CharterYN"))
    path = suspension.URLS[YEAR].removeprefix("https://")
    columns = [(c, cells[c]) for c in suspension.LAYOUTS[0].columns]
    return path, write_text(full, columns, ORDER, root / path, sep="\t", encoding="latin-1")
