"""Synthetic chronic absenteeism samples (chronicabsenteeism21/22-v3/24.txt), real layout.

Latin-1 encoded, CRLF line endings, T/C/D/S rows, CharterSchool All/Y/N (+ DASS All/Y/N in the
2023-24 file), `*` for groups of 10 or fewer. The total (TA) of a school is the sum of its race
groups. In 2020-21 a school appears under All (and All/All) and again under its own flags; from
2021-22 only under its own flags (CDE's fsabd.asp). The 2023-24 file is spelt as third-party
readers show it: spaced identity headers (`Academic Year`, `Charter School`) and Yes / "No "
flags (unverified against real bytes). District 'D' rows are the exact sums of the school rows
of the district, county 'C' and state 'T' rows are larger. `write_reporting_category_file` is shared
with the suspension sample.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pilot_pipeline_dev.mirror.samples.common import (
    SampleSchool,
    all_sample_schools,
    rng_for,
    write_mirror_file,
)

HOST_PATH = "www3.cde.ca.gov/demo-downloads/attendance/"
FILES = {
    "2020-21": ("chronicabsenteeism21.txt", False),
    "2021-22": ("chronicabsenteeism22-v3.txt", False),
    "2023-24": ("chronicabsenteeism24.txt", True),  # adds DASS, spaced headers, Yes/No flags
}
# Years whose school rows still repeat under Charter=All (CDE's fsabd.asp: not from 2021-22).
SCHOOL_ALL_ROWS = frozenset({"2020-21"})
# Years written with the spelling third-party readers of 2023-24+ files show: spaced identity
# headers and Yes / "No " flags (trailing space, as in the real 2023-24 ACGR file).
SPACED_YEARS = frozenset({"2023-24", "2024-25"})
SPACED_ID = (
    "Academic Year", "Aggregate Level", "County Code", "District Code", "School Code",
    "County Name", "District Name", "School Name", "Charter School",
)  # fmt: skip
# A non-LAUSD school with non-ASCII letters so the latin-1 bytes are exercised.
ACCENTED_SCHOOL = SampleSchool(
    "01611190130450", "01", "61119", "0130450", "Alameda", "Alameda Unified",
    "Escuela Peñasco Élementaire (synthetic)", 0, 5, False, False,
)  # fmt: skip
RACE_SHARES = {"RH": 0.70, "RB": 0.08, "RW": 0.09, "RA": 0.05, "RF": 0.02, "RT": 0.02}
GROUPS = ("TA", "RH", "RB", "RW", "RA", "RF", "RT", "RD", "GM", "GF", "SE", "SD", "SS", "SH")
GRADE_SPAN = "GR912"  # present in real files, ignored by the parser
Values = dict[str, int]
MeasureFn = Callable[[random.Random, int], Values]
FormatFn = Callable[[Values], list[str]]


def group_sizes(rng: random.Random, total: int) -> dict[str, int]:
    """Student counts per ReportingCategory: races and genders partition the total."""
    sizes = {"TA": total}
    for code, share in RACE_SHARES.items():
        sizes[code] = max(0, round(total * share * rng.uniform(0.6, 1.4)))
    sizes["RD"] = max(0, total - sum(sizes[c] for c in RACE_SHARES))
    sizes["GM"] = round(total * rng.uniform(0.47, 0.53))
    sizes["GF"] = total - sizes["GM"]
    sizes["SE"] = round(total * rng.uniform(0.1, 0.35))
    sizes["SD"] = round(total * rng.uniform(0.08, 0.18))
    sizes["SS"] = round(total * rng.uniform(0.6, 0.95))
    sizes["SH"] = round(total * rng.uniform(0.0, 0.04))
    return sizes


def rate(numerator: int, denominator: int) -> str:
    return f"{100 * numerator / denominator:.1f}" if denominator else "0.0"


def _entity_rows(
    year: str,
    level: str,
    codes: tuple[str, str, str],
    names: tuple[str, str, str],
    flags: Sequence[tuple[str, ...]],
    values: Mapping[str, Values],
    fmt: FormatFn,
) -> list[list[str]]:
    rows = []
    for flag in flags:
        for group, vals in values.items():
            if vals["_size"] == 0:
                continue
            cells = ["*"] * len(fmt(vals)) if vals["_size"] <= 10 else fmt(vals)
            rows.append([year, level, *codes, *names, *flag, group, *cells])
    return rows


def _sum(parts: Sequence[Mapping[str, Values]], factor: int = 1) -> dict[str, Values]:
    out: dict[str, Values] = {}
    for part in parts:
        for group, vals in part.items():
            acc = out.setdefault(group, dict.fromkeys(vals, 0))
            for key, value in vals.items():
                acc[key] += value * factor
    return out


def write_reporting_category_file(
    relative_path: str,
    year: str,
    header: Sequence[str],
    measure: MeasureFn,
    fmt: FormatFn,
    *,
    dass: bool,
    seed: str,
    schools: Sequence[SampleSchool] | None = None,
) -> Path:
    """One demo-downloads file: S rows per school, D per district, C per county, one T."""
    schools = schools if schools is not None else (*all_sample_schools(), ACCENTED_SCHOOL)
    all_flag = ("All", "All") if dass else ("All",)
    yes, no = ("Yes", "No ") if year in SPACED_YEARS else ("Y", "N")
    body: list[list[str]] = []
    per_school: dict[str, dict[str, Values]] = {}
    for school in schools:
        rng = rng_for(seed, year, school.cds_code)
        sizes = group_sizes(rng, rng.randint(250, 1800))
        values = {g: {"_size": sizes[g], **measure(rng, sizes[g])} for g in GROUPS}
        # Races partition the school, so the total's counts are the sum of the race groups.
        values["TA"] = _sum([{"x": values[g]} for g in (*RACE_SHARES, "RD")])["x"]
        if school.grade_high >= 9:
            values[GRADE_SPAN] = dict(values["TA"])
        per_school[school.cds_code] = values
        own = yes if school.is_charter else no
        flags = [(own, no) if dass else (own,)]
        if year in SCHOOL_ALL_ROWS:
            flags.insert(0, all_flag)
        codes = (school.county_code, school.district_code, school.school_code)
        names = (school.county_name, school.district_name, school.school_name)
        body += _entity_rows(year, "S", codes, names, flags, values, fmt)
    districts = sorted(
        {(s.county_code, s.district_code, s.county_name, s.district_name) for s in schools}
    )
    for county, district, county_name, district_name in districts:
        members = [s for s in schools if (s.county_code, s.district_code) == (county, district)]
        codes, names = (county, district, "0000000"), (county_name, district_name, "")
        total = _sum([per_school[s.cds_code] for s in members])
        body += _entity_rows(year, "D", codes, names, [all_flag], total, fmt)
        for own, flag in ((yes, True), (no, False)):
            split = [per_school[s.cds_code] for s in members if s.is_charter == flag]
            if split:
                flags = [(own, "All") if dass else (own,)]
                body += _entity_rows(year, "D", codes, names, flags, _sum(split), fmt)
    for county, county_name in sorted({(s.county_code, s.county_name) for s in schools}):
        members = [per_school[s.cds_code] for s in schools if s.county_code == county]
        codes, names = (county, "00000", "0000000"), (county_name, "", "")
        body += _entity_rows(year, "C", codes, names, [all_flag], _sum(members, 4), fmt)
    state = _sum(list(per_school.values()), 40)
    body += _entity_rows(
        year, "T", ("00", "00000", "0000000"), ("State", "", ""), [all_flag], state, fmt
    )
    lines = ["\t".join(header)] + ["\t".join(row) for row in body]
    data = ("\r\n".join(lines) + "\r\n").encode("latin-1")
    return write_mirror_file(relative_path, data)


def absenteeism_measure(rng: random.Random, size: int) -> Values:
    return {"count": round(size * rng.uniform(0.05, 0.45))}


def absenteeism_format(vals: Values) -> list[str]:
    return [str(vals["_size"]), str(vals["count"]), rate(vals["count"], vals["_size"])]


def spaced(header: Sequence[str], year: str) -> list[str]:
    """The header as written for `year`: the identity columns spaced from 2023-24 on."""
    if year not in SPACED_YEARS:
        return list(header)
    by_name = {c.replace(" ", ""): c for c in (*SPACED_ID, "Reporting Category")}
    by_name["CharterYN"] = "Charter School"  # suspension's own name for the charter flag
    return [by_name.get(c, c) for c in header]


def header(dass: bool, year: str) -> list[str]:
    from pilot_pipeline.sources.chronic_absenteeism import LAYOUTS

    return spaced(LAYOUTS[1 if dass else 0].columns, year)


def generate() -> list[Path]:
    """Write the chronic absenteeism sample files; returns their paths."""
    return [
        write_reporting_category_file(
            HOST_PATH + name,
            year,
            header(dass, year),
            absenteeism_measure,
            absenteeism_format,
            dass=dass,
            seed="chronic_absenteeism",
        )  # fmt: skip
        for year, (name, dass) in FILES.items()
    ]


if __name__ == "__main__":
    for path in generate():
        print(path)
