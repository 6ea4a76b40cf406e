"""Synthetic Census Day enrollment files (`cdenrollYYZZ.txt`) in the real layout.

Values come from simulated students (grade, race, gender, language status, programs, age
band), counted per school, district, county and state and per Charter roll-up (All/Y/N), so
groups add up and the district row is the exact sum of its schools. Gender, program and
language rows of 10 or fewer students are `*` in every cell; race and age rows are not
suppressed (CDE: suppression "not including race/ethnicity or age range"). cp1252 bytes with a
non-ASCII school name, CRLF line ends. To keep the file small, a school's own Charter Y/N
split rows (which repeat its All rows) are written for TA, race and SG_EL only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pilot_pipeline.sources import census_day

from .common import SampleSchool, all_sample_schools, rng_for, write_mirror_file

SAMPLE_YEARS = ("2023-24", "2024-25")
EXTRA_SCHOOLS = (
    SampleSchool("01611190199998", "01", "61119", "0199998", "Alameda", "Alameda Unified",
                 "Sample Peña Elementary (synthetic)", 0, 5, False, False),
)  # fmt: skip
RACES = {"RE_H": 0.72, "RE_B": 0.07, "RE_W": 0.10, "RE_A": 0.04, "RE_F": 0.02, "RE_I": 0.003,
         "RE_P": 0.003, "RE_T": 0.03, "RE_D": 0.014}  # fmt: skip
GENDERS = {"GN_M": 0.51, "GN_F": 0.48, "GN_X": 0.006, "GN_Z": 0.004}
ELAS = {"ELAS_EO": 0.5, "ELAS_IFEP": 0.05, "ELAS_EL": 0.2, "ELAS_RFEP": 0.24, "ELAS_TBD": 0.006,
        "ELAS_MISS": 0.004}  # fmt: skip
PROGRAMS = {"SG_DS": 0.14, "SG_SD": 0.82, "SG_MG": 0.005, "SG_FS": 0.01, "SG_HM": 0.04}
GRADE_COLUMNS = [c for c in census_day.GRADES if c != "TOTAL_ENR"]
SUPPRESSIBLE = ("GN_", "SG_", "ELAS_")
SPLIT_KEPT = ("TA", "RE_", "SG_EL")
CATEGORY_ORDER = ["TA", *RACES, *GENDERS, "SG_EL", *PROGRAMS, *ELAS, "AR_0418", "AR_1922"]


def _grades(school: SampleSchool) -> list[str]:
    grades = [
        "GR_KN" if g == 0 else f"GR_{g:02d}" for g in range(school.grade_low, school.grade_high + 1)
    ]
    return (["GR_TK"] if school.grade_low == 0 else []) + grades


def simulate_students(school: SampleSchool, year: str) -> pd.DataFrame:
    """One row per synthetic student enrolled at the school on Census Day."""
    rng = np.random.default_rng(rng_for("census_day", year, school.cds_code).getrandbits(64))
    grades = _grades(school)
    per_grade = rng.integers(25, 140 if school.grade_high <= 8 else 420, size=len(grades))
    grade = np.repeat(grades, per_grade)
    n = len(grade)

    def pick(weights: dict[str, float]) -> np.ndarray:
        p = np.array(list(weights.values()))
        return rng.choice(list(weights), size=n, p=p / p.sum())

    frame = pd.DataFrame(
        {"grade": grade, "race": pick(RACES), "gender": pick(GENDERS), "elas": pick(ELAS)}
    )
    for code, p in PROGRAMS.items():
        frame[code] = rng.random(n) < p
    # Grade 12 holds the few students aged 19+; everyone else is in the 4-18 band.
    frame["age"] = np.where(
        frame["grade"].eq("GR_12") & (rng.random(n) < 0.04), "AR_1922", "AR_0418"
    )
    for key in ("cds_code", "county_code", "district_code", "school_code", "county_name",
                "district_name", "school_name"):  # fmt: skip
        frame[key] = getattr(school, key)
    frame["charter"] = "Y" if school.is_charter else "N"
    return frame


def _long_by_category(students: pd.DataFrame) -> pd.DataFrame:
    parts = [students.assign(category="TA")]
    parts += [students.assign(category=students[col]) for col in ("race", "gender", "elas", "age")]
    parts.append(students[students["elas"].eq("ELAS_EL")].assign(category="SG_EL"))
    parts += [students[students[code]].assign(category=code) for code in PROGRAMS]
    return pd.concat(parts, ignore_index=True)


def _ident(row: pd.Series, level: str) -> list[str]:
    return [
        row["county_code"] if level != "T" else "00",
        row["district_code"] if level in "DS" else "",
        row["school_code"] if level == "S" else "",
        row["county_name"] if level != "T" else "State",
        row["district_name"] if level in "DS" else "",
        row["school_name"] if level == "S" else "",
    ]


def _rows(long: pd.DataFrame, level: str, keys: list[str], year: str) -> list[str]:
    idents = long.drop_duplicates(keys).set_index(keys, drop=False)
    out = []
    for charter in ("All", "Y", "N"):
        part = long if charter == "All" else long[long["charter"].eq(charter)]
        counts = part.groupby([*keys, "category", "grade"]).size().unstack("grade", fill_value=0)
        counts = counts.reindex(columns=GRADE_COLUMNS, fill_value=0)
        for entity, block in counts.groupby(level=list(range(len(keys))), sort=True):
            entity = entity if isinstance(entity, tuple) else (entity,)
            ident = _ident(idents.loc[entity if len(keys) > 1 else entity[0]], level)
            block = block.droplevel(list(range(len(keys))))
            for category in CATEGORY_ORDER:
                if category not in block.index:
                    continue
                if level == "S" and charter != "All" and not category.startswith(SPLIT_KEPT):
                    continue  # size: a school's own Y/N split repeats it; a few categories suffice
                cells = [int(v) for v in block.loc[category]]
                values = [str(sum(cells)), *map(str, cells)]
                if category.startswith(SUPPRESSIBLE) and sum(cells) <= 10:
                    values = ["*"] * len(values)
                row = [year, level, *ident, charter, category, *values]
                out.append((entity, "\t".join(row)))
    return [line for _, line in sorted(out, key=lambda item: str(item[0]))]


def build_file(year: str) -> bytes:
    """The bytes of one synthetic Census Day file."""
    schools = [*all_sample_schools(), *EXTRA_SCHOOLS]
    students = pd.concat([simulate_students(s, year) for s in schools], ignore_index=True)
    long = _long_by_category(students).assign(state="00")
    lines = ["\t".join(census_day.LAYOUTS[0].columns)]
    lines += _rows(long, "T", ["state"], year)
    lines += _rows(long, "C", ["county_code"], year)
    lines += _rows(long, "D", ["county_code", "district_code"], year)
    lines += _rows(long, "S", ["cds_code"], year)
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def mirror_path(year: str) -> str:
    """Relative mirror path (host/path) of a year's URL."""
    return census_day.URLS[year].removeprefix("https://")


def generate() -> list[Path]:
    """Write every sample year's file into the mirror; returns the paths."""
    return [write_mirror_file(mirror_path(year), build_file(year)) for year in SAMPLE_YEARS]


if __name__ == "__main__":
    for path in generate():
        print(path)
