"""Synthetic LAUSD drops (early literacy, SES, Norm Day) for 2020-21 and 2021-22, and the
synthetic location-code crosswalk they use.

LAUSD publishes none of these as files (docs/data_sources.md §3d, §8), so shape and values are
invented in the documented contract (`docs/lausd_input_contracts.md`): comma-delimited,
location codes and abbreviated LAUSD-style names. Location codes are SYNTHETIC placeholders
(8000-8999; LAUSD's real codes are other 4-digit numbers) that a district team replaces with its
real list. Two schools run a dual-language program that the exports list as rows of its own,
under its own location code. Written to the sample inbox `pilot_pipeline_dev/mirror/inbox/lausd/`.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pandas as pd

from pilot_pipeline import DATA_DIR
from pilot_pipeline.roster.matching import score_candidates
from pilot_pipeline.roster.suggest import read_directory
from pilot_pipeline.sources.lausd_crosswalk import COLUMNS as CROSSWALK_COLUMNS
from pilot_pipeline_dev import SAMPLE_INBOX
from pilot_pipeline_dev.mirror.samples.common import (
    DIRECTORY_FILE,
    SampleSchool,
    lausd_sample_schools,
    rng_for,
)

YEARS = ("2020-21", "2021-22")
CROSSWALK_FILE = DATA_DIR / "lausd_location_crosswalk.csv"
# Dual-language programs listed as rows of their own: school CDS -> program name.
DL_PROGRAMS = {
    "19647330126391": "DL Two-Way Im Spanish",  # Lucille Roybal-Allard Elementary (pilot)
    "19647330109322": "DL One-Way Im Spanish",  # Pacific Boulevard (non-pilot)
}
_ABBREVIATIONS = (
    (r"\.", ""), (r"\bElementary School\b", "El"), (r"\bElementary\b", "El"),
    (r"\bMiddle School\b", "MS"), (r"\bMiddle\b", "MS"), (r"\bSenior High\b", "Sr High"),
    (r"\bHigh School\b", "Sr High"), (r"\bAcademy\b", "Acad"), (r"\bAcademic\b", "Acdemic"),
    (r"\bLeadership\b", "Ldrshp"), (r"\bCommunity\b", "Comm"), (r"\bLearning Complex\b", "LC"),
    (r"\bTechnology\b", "Tech"), (r"\bScience\b", "Sci"), (r"\bMagnet\b", "Mag"),
)  # fmt: skip
SES_ITEMS = {
    "student": ("I feel safe on school grounds", "Adults at this school treat all students "
                "with respect", "My teachers expect me to go to college", "I have an adult at "
                "school I can talk to", "Students at this school are friendly to each other",
                "I know where to go for help with college applications", "My school offers "
                "an advisory class that helps me", "I am proud to go to this school"),
    "parent": ("I feel welcome at my child's school", "The school keeps me informed about my "
               "child's progress", "My child is safe at school", "The school offers "
               "opportunities for parents to take part in decisions"),
    "staff": ("I feel safe at this school", "Staff have a voice in school decisions",
              "This school is a supportive place to work", "Staff collaborate to support "
              "students"),
    "teacher": ("Teachers take part in decisions about curriculum", "I receive useful "
                "professional development", "The principal supports teacher leadership",
                "Teachers at this school trust each other", "I have time to collaborate with "
                "colleagues"),
}  # fmt: skip
# Per item and year the base agree rate and the pilot edge, so the comparison varies by item.
_SES_VARIANTS = 2  # each statement asked in two variants (e.g. S-01a, S-01b) -> more items


def abbreviate(name: str) -> str:
    """A LAUSD-style abbreviated name from a directory name (synthetic, for the samples)."""
    for pattern, replacement in _ABBREVIATIONS:
        name = re.sub(pattern, replacement, name)
    return re.sub(r"\s+", " ", name).strip()[:60]


@cache
def locations() -> tuple[tuple[str, str, str, SampleSchool], ...]:
    """(location code, LAUSD name, program, school) for every sample school and DL program."""
    rows = []
    for index, school in enumerate(lausd_sample_schools()):
        code = 8000 + 10 * index
        rows.append((str(code), abbreviate(school.school_name), "", school))
        if school.cds_code in DL_PROGRAMS:
            program = DL_PROGRAMS[school.cds_code]
            rows.append((str(code + 1), f"{abbreviate(school.school_name)} {program}", program,
                         school))  # fmt: skip
    return tuple(rows)


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def build_early_literacy(year: str) -> bytes:
    rows: list[list[object]] = []
    for code, name, program, school in locations():
        if school.grade_low > 0:
            continue  # DIBELS K-2 only
        for grade, base in (("K", 0.62), ("1", 0.64), ("2", 0.63)):
            rng = rng_for("lausd_early_literacy", year, code, grade)
            assessed = rng.randint(12, 36) if program else rng.randint(45, 140)
            rate = base + (0.05 if school.is_pilot else 0.0) + rng.uniform(-0.12, 0.12)
            met = round(assessed * min(max(rate, 0.05), 0.98))
            rows.append([year, code, name, grade, assessed, met, f"{100 * met / assessed:.1f}"])
    header = ["School Year", "Location Code", "School Name", "Grade", "Students Assessed",
              "At or Above Benchmark", "Percent At or Above Benchmark"]  # fmt: skip
    return _csv(header, rows)


def ses_items() -> list[tuple[str, str, str]]:
    """(respondent group, item id, item text) of every synthetic SES item."""
    items = []
    for group, statements in SES_ITEMS.items():
        for number, text in enumerate(statements, start=1):
            for variant in "abc"[:_SES_VARIANTS]:
                suffix = {"a": "", "b": " (this year)", "c": " (most of the time)"}[variant]
                items.append((group, f"{group[0].upper()}-{number:02d}{variant}", text + suffix))
    return items


def build_ses(year: str) -> bytes:
    group_names = {"student": "Student", "parent": "Parent", "staff": "Staff",
                   "teacher": "Teacher"}  # fmt: skip
    rows: list[list[object]] = []
    for code, name, program, school in locations():
        for group, item_id, text in ses_items():
            if group == "student" and school.grade_high < 3:
                continue
            rng = rng_for("lausd_ses", year, code, item_id)
            item_rng = rng_for("lausd_ses_item", year, item_id)
            scale = {"student": (40, 600), "parent": (20, 300), "staff": (4, 40),
                     "teacher": (6, 60)}[group]  # fmt: skip
            responses = rng.randint(*scale) // (4 if program else 1)
            edge = (
                item_rng.uniform(-4, 8)
                if group in ("student", "parent")
                else item_rng.uniform(-3, 12)
            )
            pct = item_rng.uniform(55, 85) + (edge if school.is_pilot else 0) + rng.uniform(-6, 6)
            cell = "*" if responses < 10 else f"{min(max(pct, 0), 100):.1f}"
            rows.append([year, code, name, group_names[group], item_id, text, responses, cell])
    header = ["School Year", "Location Code", "School Name", "Respondent Group", "Item ID",
              "Item Text", "Responses", "Percent Agree or Strongly Agree"]  # fmt: skip
    return _csv(header, rows)


RACE_GROUPS = ("LATINO", "AFRICAN_AMERICAN", "WHITE", "ASIAN", "FILIPINO", "AMERICAN_INDIAN",
               "PACIFIC_ISLANDER", "MULTIPLE")  # fmt: skip


def build_norm_day(year: str) -> bytes:
    rows: list[list[object]] = []
    for code, name, program, school in locations():
        rng = rng_for("lausd_norm_day", year, code)
        span = school.grade_high - school.grade_low + 1
        total = rng.randint(25, 70) * span // (3 if program else 1) + 10
        shares = [rng.uniform(0.5, 0.9)] + [rng.uniform(0.0, 0.1) for _ in RACE_GROUPS[1:]]
        counts = [round(total * s / sum(shares)) for s in shares]
        counts[0] += total - sum(counts)
        groups = dict(zip(RACE_GROUPS, counts, strict=True))
        pilot_edge = 0.05 if school.is_pilot else 0.0
        groups["SED"] = round(total * min(rng.uniform(0.7, 0.9) + pilot_edge, 1.0))
        groups["EL"] = round(total * rng.uniform(0.1, 0.35))
        groups["LTEL"] = round(groups["EL"] * (rng.uniform(0.2, 0.5) + pilot_edge)) if (
            school.grade_high >= 6) else 0  # fmt: skip
        groups["NEWCOMER"] = round(total * (rng.uniform(0.01, 0.05) + pilot_edge / 5))
        groups["SWD"] = round(total * rng.uniform(0.08, 0.16))
        groups["FOSTER"] = round(total * rng.uniform(0.0, 0.02))
        groups["HOMELESS"] = round(total * rng.uniform(0.0, 0.04))
        rows.append([year, code, name, "ALL", total, total])
        rows += [[year, code, name, group, count, total] for group, count in groups.items()]
    header = ["School Year", "Location Code", "School Name", "Student Group",
              "Norm Day Enrollment", "Total Norm Day Enrollment"]  # fmt: skip
    return _csv(header, rows)


def build_crosswalk() -> pd.DataFrame:
    """The location crosswalk, with the suggestion engine's evidence for each row."""
    directory = read_directory(Path(DIRECTORY_FILE), "2021-22")
    from pilot_pipeline.lausd.suggest import expand

    records = []
    for code, name, program, school in locations():
        ranked = score_candidates(expand(name, program), directory, "2021-22")
        best = {c.cds_code: c for c in ranked[:3]}
        chosen = best.get(school.cds_code)
        note = "SYNTHETIC location code (placeholder for LAUSD's real code list)"
        if program:
            note += f"; {program} program row, rolled up to its school"
        if chosen is None or ranked[0].cds_code != school.cds_code:
            note += "; the engine ranked another school first: chosen by review of the sample"
        records.append({
            "location_code": code, "lausd_school_name": name, "program": program,
            "cds_code": school.cds_code, "directory_school_name": school.school_name,
            "match_score": chosen.score if chosen else "",
            "evidence": chosen.evidence_text if chosen else "", "review_note": note,
        })  # fmt: skip
    return pd.DataFrame(records, columns=list(CROSSWALK_COLUMNS))


def generate() -> list[Path]:
    SAMPLE_INBOX.mkdir(parents=True, exist_ok=True)
    written = []
    for year in YEARS:
        for prefix, build in (("early_literacy", build_early_literacy), ("ses", build_ses),
                              ("norm_day", build_norm_day)):  # fmt: skip
            target = SAMPLE_INBOX / f"{prefix}_{year}.csv"
            target.write_bytes(build(year))
            written.append(target)
    build_crosswalk().to_csv(CROSSWALK_FILE, index=False, lineterminator="\n")
    written.append(CROSSWALK_FILE)
    return written


if __name__ == "__main__":
    for path in generate():
        print(f"{path} ({path.stat().st_size:,} bytes)")
