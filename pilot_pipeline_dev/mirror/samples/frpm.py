"""Synthetic FRPM workbooks (frpm2021.xlsx, frpm2122_v2.xlsx) in the real workbook shape.

Three sheets (title page, data, field descriptions); the 2021-22 data sheet name has CDE's
trailing space. Header on row 2 with embedded line breaks (and a space before some breaks), the
year-stamped certification column last, `Academic Year` as `2020-2021`, percentages stored as
fractions, `Charter School (Y/N)` as Yes / "No " / N/A, and one "Nonpublic, Nonsectarian
Schools" pseudo-row (school code 0000001) per district. Byte-stable: fixed document
properties and zip entry dates.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from pilot_pipeline_dev.mirror.samples.common import (
    SYNTHETIC_NOTE,
    SampleSchool,
    all_sample_schools,
    rng_for,
    write_mirror_file,
)

HOST_PATH = "www.cde.ca.gov/ds/ad/documents/"
FILES = {
    "2020-21": ("frpm2021.xlsx", "FRPM School-Level Data"),
    "2021-22": ("frpm2122_v2.xlsx", "FRPM School-Level Data "),  # CDE's trailing space
}
FIXED_TIME = datetime(2022, 1, 1)
_ZIP_TIME = (2022, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")

# Header cells as Excel shows them: line breaks, sometimes a space before the break.
RAW_HEADERS = (
    "Academic Year", "County Code", "District Code", "School Code", "County Name",
    "District Name", "School Name", "District Type", "School Type",
    "Educational \nOption Type", "NSLP \nProvision \nStatus", "Charter \nSchool (Y/N)",
    "Charter \nSchool \nNumber", "Charter \nFunding \nType", "IRC", "Low Grade", "High Grade",
    "Enrollment \n(K-12)", "Free Meal \nCount \n(K-12)", "Percent (%) \nEligible Free \n(K-12)",
    "FRPM Count \n(K-12)", "Percent (%) \nEligible FRPM \n(K-12)", "Enrollment \n(Ages 5-17)",
    "Free Meal \nCount \n(Ages 5-17)", "Percent (%) \nEligible Free \n(Ages 5-17)",
    "FRPM Count \n(Ages 5-17)", "Percent (%) \nEligible FRPM \n(Ages 5-17)",
)  # fmt: skip


def certification_header(year: str) -> str:
    return f"{year} CALPADS Fall 1 \nCertification Status"


def _grade(value: int) -> str:
    return "K" if value == 0 else str(value)


def school_row(school: SampleSchool, year: str, rng_seed: str = "frpm") -> list[object]:
    """One data row: consistent counts, fractions as CDE's xlsx stores them."""
    rng = rng_for(rng_seed, year, school.cds_code)
    enrollment = rng.randint(250, 2200)
    free = round(enrollment * rng.uniform(0.45, 0.9))
    frpm = min(enrollment, free + round(enrollment * rng.uniform(0.0, 0.08)))
    enrollment_517 = enrollment - round(enrollment * rng.uniform(0.0, 0.04))
    free_517 = min(free, enrollment_517)
    frpm_517 = min(frpm, enrollment_517)
    start = year[:4]
    return [
        f"{start}-{int(start) + 1}", school.county_code, school.district_code,
        school.school_code, school.county_name, school.district_name, school.school_name,
        "Unified School District",
        "High Schools (Public)" if school.grade_low >= 9 else "Elementary Schools (Public)",
        "Traditional", rng.choice(("CEP", "CEP", "Provision 2", "N/A")),
        "Yes" if school.is_charter else "No ",
        f"{rng.randint(100, 2000):04d}" if school.is_charter else "N/A",
        "Directly funded" if school.is_charter else "N/A",
        "Y" if school.is_charter else "N", _grade(school.grade_low), str(school.grade_high),
        enrollment, free, free / enrollment, frpm, frpm / enrollment,
        enrollment_517, free_517, free_517 / enrollment_517, frpm_517, frpm_517 / enrollment_517,
        "Y",
    ]  # fmt: skip


def nonpublic_row(county: str, district: str, names: Sequence[str], year: str) -> list[object]:
    """The per-district 'Nonpublic, Nonsectarian Schools' pseudo-row (school code 0000001)."""
    start = year[:4]
    return [
        f"{start}-{int(start) + 1}", county, district, "0000001", names[0], names[1],
        "Nonpublic, Nonsectarian Schools", "Unified School District", "Nonpublic, Nonsectarian",
        "N/A", "N/A", "N/A", "N/A", "N/A", "N", "K", "12",
        40, 20, 0.5, 25, 0.625, 38, 19, 0.5, 24, 24 / 38, "Y",
    ]  # fmt: skip


def stable_xlsx(data: bytes) -> bytes:
    """Rewrite an openpyxl archive with fixed entry dates so reruns are byte-identical."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` at save time
                content = _MODIFIED.sub(rb"\g<1>2022-01-01T00:00:00Z\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def build_workbook(
    year: str,
    rows: Sequence[Sequence[object]],
    sheet_name: str = "FRPM School-Level Data",
    headers: Sequence[str] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> bytes:
    """A three-sheet FRPM workbook; `headers` defaults to the real 28-column header."""
    headers = list(headers) if headers is not None else [*RAW_HEADERS, certification_header(year)]
    book = Workbook()
    title = book.active
    title.title = "Title Page"
    title["A1"] = f"Free or Reduced-Price Meal (Student Poverty) Data {year}"
    title["A2"] = SYNTHETIC_NOTE
    data = book.create_sheet(sheet_name)
    data.append([f"{year} Free or Reduced-Price Meal (FRPM) school-level data ({SYNTHETIC_NOTE})"])
    data.append(list(headers))
    for row in rows:
        data.append(list(row))
    fields = book.create_sheet("Data Field Descriptions")
    fields.append(["Field Name", "Description"])
    for header in headers:
        name = " ".join(header.split())
        fields.append([name, (descriptions or {}).get(name, f"{name} (see CDE FRPM page)")])
    book.properties.creator = "pilot-pipeline sample mirror"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_xlsx(buffer.getvalue())


def sample_rows(year: str) -> list[list[object]]:
    schools = all_sample_schools()
    rows: list[list[object]] = [school_row(s, year) for s in schools]
    districts = sorted(
        {(s.county_code, s.district_code, s.county_name, s.district_name) for s in schools}
    )
    for county, district, county_name, district_name in districts:
        rows.append(nonpublic_row(county, district, (county_name, district_name), year))
    return rows


# Not `generate()`, so that `python -m pilot_pipeline_dev.mirror.samples` skips it: the sample
# mirror serves the real CDE workbooks at these paths.
def write_synthetic_workbooks() -> list[Path]:
    """Write synthetic FRPM workbooks over the mirror's; returns their paths."""
    paths = []
    for year, (name, sheet) in FILES.items():
        paths.append(
            write_mirror_file(HOST_PATH + name, build_workbook(year, sample_rows(year), sheet))
        )
    return paths


if __name__ == "__main__":
    for path in write_synthetic_workbooks():
        print(path)
