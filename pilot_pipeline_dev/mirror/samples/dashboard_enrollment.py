"""Synthetic Dashboard census enrollment files (`censusenrollratesdownloadYYYY.txt`).

Per school a total Census Day enrollment and counts for each Dashboard student group; the
district (D) and state (X) rows are the exact sums of their schools, rates recomputed. Groups
of 10 or fewer students are `*` in subgrouptotal and rate. Columns in the censusenroll22.asp
order (the tests reorder them as dbcensusenroll.asp lists them). The 2021 file has no ALL rows
(the parser must derive `all` from totalenrollment); the 2022 file has them. cp1252 with a
non-ASCII school name, LF line ends.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pilot_pipeline.partitions import spring_year
from pilot_pipeline.sources import dashboard_enrollment

from .common import SampleSchool, all_sample_schools, rng_for, write_mirror_file

# school year -> whether the file has ALL rows
SAMPLE_YEARS = {"2020-21": False, "2021-22": True}
EXTRA_SCHOOLS = (
    SampleSchool("01611190199996", "01", "61119", "0199996", "Alameda", "Alameda Unified",
                 "Sample Ibáñez Elementary (synthetic)", 0, 5, False, False),
)  # fmt: skip
RACES = {
    "HI": 0.72,
    "AA": 0.07,
    "WH": 0.10,
    "AS": 0.04,
    "FI": 0.02,
    "AI": 0.003,
    "PI": 0.003,
    "MR": 0.03,
}  # fmt: skip  (the remaining ~1.4% did not report a race)
PROGRAMS = {"EL": 0.2, "SED": 0.82, "SWD": 0.14, "FOS": 0.01, "HOM": 0.04}
GROUP_ORDER = [
    "ALL",
    "AA",
    "AI",
    "AS",
    "FI",
    "HI",
    "PI",
    "WH",
    "MR",
    "EL",
    "SED",
    "SWD",
    "FOS",
    "HOM",
]


def school_counts(school: SampleSchool, year: str) -> dict[str, int]:
    """Total enrollment ('ALL') and each group's count for one school."""
    rng = np.random.default_rng(rng_for("dashboard", year, school.cds_code).getrandbits(64))
    grades = school.grade_high - school.grade_low + 1
    total = int(rng.integers(25, 140 if school.grade_high <= 8 else 420)) * grades
    races = rng.multinomial(total, [*RACES.values(), 1 - sum(RACES.values())])
    counts = {"ALL": total, **dict(zip(RACES, map(int, races[:-1]), strict=True))}
    counts.update({code: int(rng.binomial(total, p)) for code, p in PROGRAMS.items()})
    return counts


def _lines(rtype: str, cds: str, names: tuple[str, str, str], counts: dict[str, int],
           year: str, with_all: bool) -> list[str]:  # fmt: skip
    lines = []
    for group in GROUP_ORDER:
        if group == "ALL" and not with_all:
            continue
        n = counts[group]
        small = n <= 10
        rate = "*" if small else f"{round(n / counts['ALL'] * 100 + 1e-9, 1):.1f}"
        row = [cds, rtype, *names, group, str(counts["ALL"]), "*" if small else str(n), rate,
               str(spring_year(year))]  # fmt: skip
        lines.append("\t".join(row))
    return lines


def build_file(year: str) -> bytes:
    """The bytes of one synthetic Dashboard census enrollment file."""
    with_all = SAMPLE_YEARS[year]
    schools = [*all_sample_schools(), *EXTRA_SCHOOLS]
    counts = pd.DataFrame(
        [school_counts(s, year) for s in schools], index=[s.cds_code for s in schools]
    )
    lines = ["\t".join(dashboard_enrollment.COLUMNS_BY_NAME)]
    lines += _lines("X", "00000000000000", ("", "", ""), counts.sum().to_dict(), year, with_all)
    by_district = pd.Series([s.cds_code[:7] for s in schools], index=counts.index)
    for prefix, block in counts.groupby(by_district, sort=True):
        school = next(s for s in schools if s.cds_code.startswith(prefix))
        names = ("", school.district_name, school.county_name)
        lines += _lines("D", prefix + "0000000", names, block.sum().to_dict(), year, with_all)
    for school in sorted(schools, key=lambda s: s.cds_code):
        names = (school.school_name, school.district_name, school.county_name)
        lines += _lines(
            "S", school.cds_code, names, counts.loc[school.cds_code].to_dict(), year, with_all
        )
    return ("\n".join(lines) + "\n").encode("cp1252")


def mirror_path(year: str) -> str:
    """Relative mirror path (host/path) of a year's URL."""
    return dashboard_enrollment.URLS[year].removeprefix("https://")


def generate() -> list[Path]:
    """Write every sample year's file into the mirror; returns the paths."""
    return [write_mirror_file(mirror_path(year), build_file(year)) for year in SAMPLE_YEARS]


if __name__ == "__main__":
    for path in generate():
        print(path)
