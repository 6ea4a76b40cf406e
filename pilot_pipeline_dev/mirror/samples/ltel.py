"""Synthetic LTEL-by-grade samples (DataQuest lteldnld.aspx?year=2020-21 / 2021-22).

Tab-delimited, CRLF, header as registered in `pilot_pipeline.sources.ltel` (columns after AR
unverified). Rows per entity (S, D, O = county, T) x Charter (Y or N, no All row) x grade x
gender. Per row EO + IFEP + EL + RFEP + TBD = TotalEnrollment and LTEL + AR <= EL (LTEL from
grade 6, AR from grade 3). Rows of 10 or fewer students have `*` in every count except
TotalEnrollment. District 'D' rows are the exact sums of the district's school rows per
charter flag, grade and gender; county and state rows are larger multiples.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from pilot_pipeline.sources.ltel import GRADES, LAYOUTS
from pilot_pipeline_dev.mirror.samples.common import all_sample_schools, rng_for, write_mirror_file

HOST_PATH = "dq.cde.ca.gov/dataquest/longtermel/"
YEARS = ("2020-21", "2021-22")
COUNTS = ("EO", "IFEP", "EL", "RFEP", "TBD", "TotalEnrollment", "AR", "LTEL")


def file_name(year: str) -> str:
    return f"lteldnld.aspx__year={year}"


def _counts(rng: random.Random, grade_index: int, total: int) -> dict[str, int]:
    el = round(total * rng.uniform(0.1, 0.4 if grade_index < 6 else 0.2))
    rfep = round(total * rng.uniform(0.0, 0.05 * min(grade_index, 6)))
    ifep = round(total * rng.uniform(0.02, 0.08))
    tbd = rng.randint(0, 1) if total > 30 else 0
    eo = total - el - rfep - ifep - tbd
    if eo < 0:  # tiny rows: everyone EO
        el = rfep = ifep = tbd = 0
        eo = total
    ltel = round(el * rng.uniform(0.2, 0.6)) if grade_index >= 6 else 0
    at_risk = round((el - ltel) * rng.uniform(0.1, 0.4)) if grade_index >= 3 else 0
    return {"EO": eo, "IFEP": ifep, "EL": el, "RFEP": rfep, "TBD": tbd,
            "TotalEnrollment": total, "AR": at_risk, "LTEL": ltel}  # fmt: skip


def _cells(values: dict[str, int]) -> list[str]:
    small = values["TotalEnrollment"] <= 10
    return [
        str(values[c]) if c == "TotalEnrollment" or not small else "*"
        for c in LAYOUTS[0].columns[-8:]
    ]


def build(year: str) -> bytes:
    header = LAYOUTS[0].columns
    lines = ["\t".join(header)]
    districts: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for school in all_sample_schools():
        rng = rng_for("ltel", year, school.cds_code)
        flag = "Y" if school.is_charter else "N"
        served = [g for i, g in enumerate(GRADES[:-1]) if school.serves(i)]
        if rng.random() < 0.25:
            served.append("UE")
        for grade in served:
            index = GRADES.index(grade)
            for gender in ("M", "F"):
                total = rng.randint(3, 9) if grade == "UE" else rng.randint(25, 160)
                values = _counts(rng, index if grade != "UE" else 6, total)
                lines.append("\t".join([
                    year, school.county_code, school.district_code, school.school_code,
                    school.county_name, school.district_name, school.school_name, flag, "S",
                    grade, gender, *_cells(values),
                ]))  # fmt: skip
                key = (school.county_code, school.district_code, school.county_name,
                       school.district_name, flag, grade, gender)  # fmt: skip
                for c in COUNTS:
                    districts[key][c] += values[c]
    counties: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for key, values in sorted(districts.items()):
        county, district, county_name, district_name, flag, grade, gender = key
        lines.append("\t".join([
            year, county, district, "0000000", county_name, district_name, "", flag, "D",
            grade, gender, *_cells(values),
        ]))  # fmt: skip
        for c in COUNTS:
            counties[(county, county_name, flag, grade, gender)][c] += values[c] * 5
    state: dict[tuple, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNTS, 0))
    for (county, county_name, flag, grade, gender), values in sorted(counties.items()):
        lines.append("\t".join([
            year, county, "00000", "0000000", county_name, "", "", flag, "O", grade, gender,
            *_cells(values),
        ]))  # fmt: skip
        for c in COUNTS:
            state[(flag, grade, gender)][c] += values[c] * 8
    for (flag, grade, gender), values in sorted(state.items()):
        lines.append("\t".join([
            year, "00", "00000", "0000000", "State", "", "", flag, "T", grade, gender,
            *_cells(values),
        ]))  # fmt: skip
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def generate() -> list[Path]:
    """Write the LTEL sample files; returns their paths."""
    return [write_mirror_file(HOST_PATH + file_name(year), build(year)) for year in YEARS]


if __name__ == "__main__":
    for path in generate():
        print(path)
