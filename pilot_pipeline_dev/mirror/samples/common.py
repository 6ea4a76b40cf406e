"""The schools every synthetic sample file covers, and small helpers the generators share.

Schools come from the real directory rows in the mirror: the 40 pilot schools of the reviewed
crosswalk, a few dozen non-pilot LAUSD schools of each level, and a handful of schools of
other districts (so LAUSD filtering and the district roll-up are exercised).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from pilot_pipeline import DATA_DIR
from pilot_pipeline.school_level import grade_bounds
from pilot_pipeline.sources.base import ParseContext
from pilot_pipeline.sources.school_directory import parse as parse_directory
from pilot_pipeline_dev import MIRROR_FILES_DIR

DIRECTORY_FILE = MIRROR_FILES_DIR / "www.cde.ca.gov" / "schooldirectory" / "report__rid=dl1&tp=txt"
CROSSWALK_FILE = DATA_DIR / "pilot_roster_crosswalk.csv"
SEED = 20220
SYNTHETIC_NOTE = "SYNTHETIC sample values (pilot-pipeline sample mirror); not real CDE data"


@dataclass(frozen=True)
class SampleSchool:
    cds_code: str
    county_code: str
    district_code: str
    school_code: str
    county_name: str
    district_name: str
    school_name: str
    grade_low: int  # K = 0
    grade_high: int
    is_pilot: bool
    is_charter: bool

    def serves(self, grade: int) -> bool:
        return self.grade_low <= grade <= self.grade_high


# Schools of other districts (fictional rows in real shape) so LAUSD filtering is exercised.
OTHER_DISTRICT_SCHOOLS = (
    SampleSchool("19647251930015", "19", "64725", "1930015", "Los Angeles", "Long Beach Unified",
                 "Sample Long Beach High (synthetic)", 9, 12, False, False),
    SampleSchool("19647256011233", "19", "64725", "6011233", "Los Angeles", "Long Beach Unified",
                 "Sample Long Beach Elementary (synthetic)", 0, 5, False, False),
    SampleSchool("01611190130229", "01", "61119", "0130229", "Alameda", "Alameda Unified",
                 "Sample Alameda High (synthetic)", 9, 12, False, False),
)  # fmt: skip


def _pilot_cds_codes() -> set[str]:
    if not CROSSWALK_FILE.exists():
        return set()
    crosswalk = pd.read_csv(CROSSWALK_FILE, dtype=str)
    # The samples' pilots are the 2021-22 roster's; later (synthetic) roster years change status
    # in the warehouse, not which schools the samples cover.
    return set(crosswalk.loc[crosswalk["school_year"] == "2021-22", "cds_code"])


@cache
def lausd_sample_schools(non_pilot_per_level: int = 12) -> tuple[SampleSchool, ...]:
    """The 40 pilot schools plus `non_pilot_per_level` open district schools per level."""
    data = Path(DIRECTORY_FILE).read_bytes()
    directory = parse_directory(data, ParseContext("school_directory", "2021-22", "mirror", ""))
    directory = directory[directory["school_name"].notna()]
    pilots = _pilot_cds_codes()
    rng = random.Random(SEED)
    chosen: list[SampleSchool] = []

    def make(row: pd.Series, is_pilot: bool) -> SampleSchool | None:
        bounds = grade_bounds(row["grade_span_served"]) or grade_bounds(row["grade_span_offered"])
        if bounds is None:
            return None
        cds = row["cds_code"]
        return SampleSchool(
            cds, cds[:2], cds[2:7], cds[7:], row["county_name"], row["district_name"],
            row["school_name"], bounds[0], bounds[1], is_pilot, bool(row["is_charter"]),
        )  # fmt: skip

    for _, row in directory[directory["cds_code"].isin(pilots)].iterrows():
        school = make(row, True)
        if school:
            chosen.append(school)
    open_2022 = directory[
        directory["status_type"].eq("Active")
        & ~directory["cds_code"].isin(pilots)
        & directory["open_date"].le(pd.Timestamp("2020-07-01").date())
    ]
    for eil in ("ELEM", "INTMIDJR", "HS", "ELEMHIGH"):
        pool = open_2022[open_2022["eil_code"].eq(eil)].sort_values("cds_code")
        rows = [r for _, r in pool.iterrows()]
        for row in rng.sample(rows, min(non_pilot_per_level, len(rows))):
            school = make(row, False)
            if school:
                chosen.append(school)
    return tuple(sorted(chosen, key=lambda s: s.cds_code))


def all_sample_schools() -> tuple[SampleSchool, ...]:
    """LAUSD sample schools plus the few schools of other districts."""
    return lausd_sample_schools() + OTHER_DISTRICT_SCHOOLS


def rng_for(*parts: object) -> random.Random:
    """A generator seeded by the file and school, so each file's values are stable."""
    return random.Random(f"{SEED}:" + ":".join(str(p) for p in parts))


def write_mirror_file(relative_path: str, data: bytes) -> Path:
    """Write bytes under the mirror's files/ tree (host/path layout)."""
    target = MIRROR_FILES_DIR / relative_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target
