"""Synthetic historical enrollment bundle (`enr202022-v2.txt`) in the real multi-year layout.

One record per school x race x gender x ENR_TYPE for 2020-21, 2021-22 and 2022-23; counts per
grade come from a multinomial split of each grade's enrollment over race x gender cells, and
ENR_TOTAL is the sum of the grade columns (K-12 plus ungraded; ADULT apart). The historical files
are not suppressed, so neither is the sample. ENR_TYPE 'P' (primary) records, which a parser
must not add to the 'C' (combined) ones, are written for every eighth school only, to keep the
file small. cp1252 with a non-ASCII school name, CRLF line ends.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pilot_pipeline.sources import historical_enrollment

from .common import SampleSchool, all_sample_schools, rng_for, write_mirror_file

BUNDLE_YEARS = {"enr202022-v2.txt": ("2020-21", "2021-22", "2022-23")}
EXTRA_SCHOOLS = (
    SampleSchool("01611190199997", "01", "61119", "0199997", "Alameda", "Alameda Unified",
                 "Sample Muñoz Middle (synthetic)", 6, 8, False, False),
)  # fmt: skip
# CDE codes: 0 not reported, 1 AmInd, 2 Asian, 3 Pac Isl, 4 Filipino, 5 Hispanic, 6 Black,
# 7 White, 9 two or more races.
RACES = {"5": 0.72, "6": 0.07, "7": 0.10, "2": 0.04, "4": 0.02, "1": 0.003, "3": 0.003,
         "9": 0.03, "0": 0.014}  # fmt: skip
GENDERS = {"F": 0.49, "M": 0.508, "X": 0.002}
GRADE_COLUMNS = ["GR_KN", *(f"GR_{g}" for g in range(1, 13)), "UNGR_ELM", "UNGR_SEC"]
HEADER = historical_enrollment.LAYOUTS[0].columns[:7] + ("ENR_TYPE",) + (
    "GR_KN", *(f"GR_{g}" for g in range(1, 13)), "UNGR_ELM", "UNGR_SEC", "ENR_TOTAL", "ADULT",
)  # fmt: skip


def school_records(school: SampleSchool, year: str, with_primary: bool) -> list[list[str]]:
    """The file records of one school and year: race x gender cells with any students."""
    rng = np.random.default_rng(rng_for("historical", year, school.cds_code).getrandbits(64))
    cells = [(r, g) for r in RACES for g in GENDERS]
    p = np.array([RACES[r] * GENDERS[g] for r, g in cells])
    p = p / p.sum()
    per_grade = np.zeros((len(cells), len(GRADE_COLUMNS)), dtype=int)
    for index, column in enumerate(GRADE_COLUMNS):
        if column.startswith("UNGR"):
            size = int(rng.integers(0, 4)) if rng.random() < 0.15 else 0
        else:
            grade = 0 if column == "GR_KN" else int(column.removeprefix("GR_"))
            size = (
                int(rng.integers(25, 140 if school.grade_high <= 8 else 420))
                if school.serves(grade)
                else 0
            )
        per_grade[:, index] = rng.multinomial(size, p)
    records = []
    for enr_type in ("C", "P") if with_primary else ("C",):
        # Primary enrollment is the combined count less short-term secondary enrollments.
        counts = per_grade if enr_type == "C" else per_grade - rng.binomial(per_grade, 0.02)
        for (race, gender), row in zip(cells, counts, strict=True):
            if row.sum() == 0:
                continue
            records.append(
                [year, school.cds_code, school.county_name, school.district_name,
                 school.school_name, race, gender, enr_type, *map(str, row), str(row.sum()), "0"]
            )  # fmt: skip
    return records


def build_file(name: str) -> bytes:
    """The bytes of one synthetic multi-year bundle."""
    schools = [*all_sample_schools(), *EXTRA_SCHOOLS]
    lines = ["\t".join(HEADER)]
    for year in BUNDLE_YEARS[name]:
        for index, school in enumerate(schools):
            lines += ["\t".join(r) for r in school_records(school, year, index % 8 == 0)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def mirror_path(name: str) -> str:
    """Relative mirror path (host/path) of a bundle."""
    url = next(u for u in historical_enrollment.URLS.values() if u.endswith("/" + name))
    return url.removeprefix("https://")


def generate() -> list[Path]:
    """Write every sample bundle into the mirror; returns the paths."""
    return [write_mirror_file(mirror_path(name), build_file(name)) for name in BUNDLE_YEARS]


if __name__ == "__main__":
    for path in generate():
        print(path)
