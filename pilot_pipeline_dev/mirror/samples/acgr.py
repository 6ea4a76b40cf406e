"""Synthetic ACGR files (`acgrYY.txt`) in the real 34- and 36-column layouts.

Values come from simulated students (one record per cohort member with race, gender, program
flags and one outcome), aggregated per school, district, county and state, so every count adds
up: outcomes sum to the cohort, race and gender groups sum to TA, the district row is the exact
sum of its schools. Groups of 10 or fewer students are `*` in every measure cell; "Not
Reported" race is suppressed whenever another race group of the entity is (CDE's rule).
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from pilot_pipeline.sources import acgr

from .common import SampleSchool, all_sample_schools, rng_for, write_mirror_file

# year -> (layout, encoding). acgr24 carries a UTF-8 BOM (public cleaning code strips one);
# the older files are cp1252 like the other demo-downloads files.
SAMPLE_YEARS: dict[str, tuple[str, str]] = {
    "2019-20": ("acgr_34", "cp1252"),
    "2020-21": ("acgr_34", "cp1252"),
    "2021-22": ("acgr_34", "cp1252"),
    "2023-24": ("acgr_36", "utf-8-sig"),
}
# A non-LAUSD school with a non-ASCII name, so the cp1252 bytes are really exercised.
EXTRA_SCHOOLS = (
    SampleSchool("01611190199999", "01", "61119", "0199999", "Alameda", "Alameda Unified",
                 "Sample Cañada High (synthetic)", 9, 12, False, True),
)  # fmt: skip
# RD (Not Reported) last, so its complementary suppression sees the other race groups.
RACES = {"RH": 0.70, "RB": 0.08, "RW": 0.10, "RA": 0.05, "RF": 0.03, "RI": 0.004,
         "RP": 0.004, "RT": 0.02, "RD": 0.012}  # fmt: skip
GENDERS = {"GM": 0.505, "GF": 0.485, "GX": 0.006, "GZ": 0.004}
PROGRAMS = {"SE": 0.14, "SD": 0.13, "SS": 0.82, "SM": 0.006, "SF": 0.012, "SH": 0.04}
NON_GRAD = {"chspe": 0.01, "adult": 0.02, "sped": 0.12, "ged": 0.01, "transfer": 0.08,
            "dropout": 0.45, "still": 0.31}  # fmt: skip
GRAD_FLAGS = ("ag", "seal", "golden", "exempt")
# Outcome stems in file order with their denominator: graduates or the cohort.
OUTCOMES = (
    ("Regular HS Diploma Graduates", "grad", "cohort"),
    ("Met UC/CSU Grad Req's", "ag", "grad"),
    ("Seal of Biliteracy", "seal", "grad"),
    ("Golden State Seal Merit Diploma", "golden", "grad"),
    ("Graduates Meeting Local Requirements Exemption", "exempt", "grad"),
    ("CHSPE Completer", "chspe", "cohort"),
    ("CPP Completer", "chspe", "cohort"),
    ("Adult Ed. HS Diploma", "adult", "cohort"),
    ("SPED Certificate", "sped", "cohort"),
    ("GED Completer", "ged", "cohort"),
    ("Other Transfer", "transfer", "cohort"),
    ("Dropout", "dropout", "cohort"),
    ("Still Enrolled", "still", "cohort"),
)


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def simulate_cohort(school: SampleSchool, year: str) -> pd.DataFrame:
    """One row per synthetic cohort member of a school serving grade 12."""
    rng = rng_for("acgr", year, school.cds_code)
    size = rng.randint(8, 40) if "Continuation" in school.school_name else rng.randint(60, 520)
    grad_p, ag_p = rng.uniform(0.72, 0.97), rng.uniform(0.35, 0.8)
    students = []
    for _ in range(size):
        grad = rng.random() < grad_p
        outcome = "grad" if grad else _pick(rng, NON_GRAD)
        student = {"race": _pick(rng, RACES), "gender": _pick(rng, GENDERS), "outcome": outcome}
        student.update({code: rng.random() < p for code, p in PROGRAMS.items()})
        student.update(
            ag=grad and rng.random() < ag_p,
            seal=grad and rng.random() < 0.2,
            golden=grad and rng.random() < 0.15,
            exempt=grad and rng.random() < 0.03,
        )
        students.append(student)
    frame = pd.DataFrame(students)
    for key in ("cds_code", "county_code", "district_code", "school_code", "county_name",
                "district_name", "school_name"):  # fmt: skip
        frame[key] = getattr(school, key)
    frame["charter"] = "Y" if school.is_charter else "N"
    frame["dass"] = "Y" if "Continuation" in school.school_name else "N"
    return frame


COUNT_KEYS = ("cohort", "grad", *GRAD_FLAGS, *NON_GRAD)


def _long_by_group(students: pd.DataFrame) -> pd.DataFrame:
    """One row per student and group the student belongs to (TA, race, gender, programs)."""
    flags = students.assign(cohort=1)
    for key in ("grad", *NON_GRAD):
        flags[key] = students["outcome"].eq(key)
    flags[list(COUNT_KEYS)] = flags[list(COUNT_KEYS)].astype(int)
    parts = [flags.assign(group="TA"), flags.assign(group=flags["race"])]
    parts.append(flags.assign(group=flags["gender"]))
    parts += [flags[flags[code]].assign(group=code) for code in PROGRAMS]
    return pd.concat(parts, ignore_index=True)


def _measure_cells(counts: pd.Series, columns: tuple[str, ...]) -> dict[str, str]:
    cells = {"CohortStudents": str(counts["cohort"])}
    for stem, key, denominator in OUTCOMES:
        base = counts[denominator]
        cells[f"{stem} (Count)"] = str(counts[key])
        for rate_name in (f"{stem} (Rate)", f"{stem} (Rate"):
            if rate_name in columns:
                cells[rate_name] = (
                    f"{round(counts[key] / base * 100 + 1e-9, 1):.1f}" if base else ""
                )
    return cells


GROUP_ORDER = ["TA", *RACES, *GENDERS, *PROGRAMS]


def _rows(
    long: pd.DataFrame, level: str, keys: list[str], columns: tuple[str, ...], year: str
) -> list[str]:
    """All/All, charter-split and DASS-split rows of every entity of a level, every group."""
    splits = [("All", "All", None, None)]
    splits += [(flag, "All", "charter", flag) for flag in ("Y", "N")]
    if level != "S":  # a school's own DASS split would only repeat it once more
        splits += [("All", flag, "dass", flag) for flag in ("Y", "N")]
    idents = long.drop_duplicates(keys).set_index(keys, drop=False)
    out = []
    for charter, dass, column, flag in splits:
        part = long if column is None else long[long[column].eq(flag)]
        sums = part.groupby([*keys, "group"], sort=False)[list(COUNT_KEYS)].sum()
        # Trailing spaces on the Y/N codes, as the real files have them.
        charter_cell = charter if charter == "All" else f"{charter}  "
        dass_cell = dass if dass == "All" else f"{dass} "
        for entity, block in sums.groupby(level=list(range(len(keys))), sort=True):
            entity = entity if isinstance(entity, tuple) else (entity,)
            ident = _ident(idents.loc[entity if len(keys) > 1 else entity[0]], level)
            block = block.droplevel(list(range(len(keys))))
            race_suppressed = False
            for code in GROUP_ORDER:
                if code not in block.index:
                    continue
                counts = block.loc[code]
                cells = _measure_cells(counts, columns)
                small = counts["cohort"] <= 10
                suppress = small or (code == "RD" and race_suppressed)
                race_suppressed |= code.startswith("R") and bool(small)
                if suppress:
                    cells = dict.fromkeys(cells, "*")
                row = {"AcademicYear": year, "AggregateLevel": level, **ident,
                       "CharterSchool": charter_cell, "DASS": dass_cell,
                       "ReportingCategory": code, **cells}  # fmt: skip
                out.append((entity, "\t".join(row.get(c, "") for c in columns)))
    # Entity by entity, the All/All rows first, as CDE sorts them.
    return [line for _, line in sorted(out, key=lambda item: str(item[0]))]


def _ident(row: pd.Series, level: str) -> dict[str, str]:
    return {
        "CountyCode": row["county_code"] if level != "T" else "00",
        "DistrictCode": row["district_code"] if level in "DS" else "",
        "SchoolCode": row["school_code"] if level == "S" else "",
        "CountyName": row["county_name"] if level != "T" else "State",
        "DistrictName": row["district_name"] if level in "DS" else "",
        "SchoolName": row["school_name"] if level == "S" else "",
    }


def build_file(year: str) -> bytes:
    """The bytes of one synthetic ACGR file for a cohort year."""
    layout_name, encoding = SAMPLE_YEARS[year]
    columns = next(layout for layout in acgr.LAYOUTS if layout.name == layout_name).columns
    schools = [s for s in (*all_sample_schools(), *EXTRA_SCHOOLS) if s.serves(12)]
    students = pd.concat([simulate_cohort(s, year) for s in schools], ignore_index=True)
    long = _long_by_group(students).assign(state="00")
    lines = ["\t".join(columns)]
    lines += _rows(long, "T", ["state"], columns, year)
    lines += _rows(long, "C", ["county_code"], columns, year)
    lines += _rows(long, "D", ["county_code", "district_code"], columns, year)
    lines += _rows(long, "S", ["cds_code"], columns, year)
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def mirror_path(year: str) -> str:
    """Relative mirror path (host/path) of a year's URL."""
    return acgr.URLS[year].removeprefix("https://")


def generate() -> list[Path]:
    """Write every sample year's file into the mirror; returns the paths."""
    return [write_mirror_file(mirror_path(year), build_file(year)) for year in SAMPLE_YEARS]


if __name__ == "__main__":
    for path in generate():
        print(path)
