"""The statewide school universe of the benchmark files, and the directory written from it.

LAUSD keeps its real directory rows (from the sample mirror), so the reviewed pilot roster
crosswalk still resolves and its blocking check passes; every other district is synthetic, in
real shape: 58 real county codes, five-digit district codes, seven-digit school codes, the grade
spans and EIL/SOC codes CDE uses. Everything is drawn from one numpy generator seeded by the
caller, so the same seed and scale write the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pilot_pipeline.school_level import grade_bounds
from pilot_pipeline.sources.base import LAUSD_CDS_PREFIX, ParseContext
from pilot_pipeline.sources.school_directory import URL as DIRECTORY_URL
from pilot_pipeline.sources.school_directory import parse as parse_directory
from pilot_pipeline_dev import MIRROR_FILES_DIR

REAL_DIRECTORY = MIRROR_FILES_DIR / "www.cde.ca.gov" / "schooldirectory" / "report__rid=dl1&tp=txt"
FULL_SCHOOLS = 10_000  # open schools statewide at scale 1.0
FULL_DIRECTORY_ROWS = 18_000  # the directory also lists districts and closed/merged schools
COUNTIES = (
    "Alameda", "Alpine", "Amador", "Butte", "Calaveras", "Colusa", "Contra Costa", "Del Norte",
    "El Dorado", "Fresno", "Glenn", "Humboldt", "Imperial", "Inyo", "Kern", "Kings", "Lake",
    "Lassen", "Los Angeles", "Madera", "Marin", "Mariposa", "Mendocino", "Merced", "Modoc",
    "Mono", "Monterey", "Napa", "Nevada", "Orange", "Placer", "Plumas", "Riverside",
    "Sacramento", "San Benito", "San Bernardino", "San Diego", "San Francisco", "San Joaquin",
    "San Luis Obispo", "San Mateo", "Santa Barbara", "Santa Clara", "Santa Cruz", "Shasta",
    "Sierra", "Siskiyou", "Solano", "Sonoma", "Stanislaus", "Sutter", "Tehama", "Trinity",
    "Tulare", "Tuolumne", "Ventura", "Yolo", "Yuba",
)  # fmt: skip
# kind -> (share of schools, grade span, EIL code, EIL name, SOC, SOC type, EdOps code)
KINDS = {
    "elem": (0.59, "K-5", "ELEM", "Elementary", "60", "Elementary Schools (Public)", "TRAD"),
    "k8": (0.08, "K-8", "ELEM", "Elementary", "60", "Elementary Schools (Public)", "TRAD"),
    "mid": (0.13, "6-8", "INTMIDJR", "Intermediate/Middle/Junior High", "62",
            "Intermediate/Middle Schools (Public)", "TRAD"),
    "high": (0.13, "9-12", "HS", "High School", "66", "High Schools (Public)", "TRAD"),
    "cont": (0.045, "9-12", "HS", "High School", "68", "Continuation High Schools", "CON"),
    "span": (0.025, "K-12", "ELEMHIGH", "Elementary-High Combination", "65",
             "K-12 Schools (Public)", "TRAD"),
}  # fmt: skip
ACCENTED = ("Peñasco", "Cañada", "Élan", "Señora")  # some names exercise latin-1 / cp1252


def real_lausd_directory() -> tuple[list[str], list[bytes]]:
    """(header columns, LAUSD data lines as bytes) of the real directory in the mirror."""
    lines = REAL_DIRECTORY.read_bytes().splitlines()
    return lines[0].decode().split("\t"), lines[1:]


def lausd_schools() -> pd.DataFrame:
    """Open LAUSD schools of the real directory with a grade span, in the universe's columns."""
    ctx = ParseContext("school_directory", "2023-24", str(REAL_DIRECTORY), "", "statewide")
    frame = parse_directory(REAL_DIRECTORY.read_bytes(), ctx)
    frame = frame[frame["status_type"].eq("Active") & frame["school_name"].notna()]
    bounds = frame["grade_span_served"].map(grade_bounds)
    frame, bounds = frame[bounds.notna()], bounds[bounds.notna()]
    cds = frame["cds_code"]
    return pd.DataFrame({
        "cds_code": cds, "county_code": cds.str[:2], "district_code": cds.str[2:7],
        "school_code": cds.str[7:], "county_name": frame["county_name"],
        "district_name": frame["district_name"], "school_name": frame["school_name"],
        "grade_low": [b[0] for b in bounds], "grade_high": [b[1] for b in bounds],
        "is_charter": frame["is_charter"].fillna(False).astype(bool),
        "is_dass": frame["edops_code"].eq("CON").fillna(False).astype(bool),
    }).reset_index(drop=True)  # fmt: skip


def _codes(rng: np.random.Generator, n: int, digits: int, taken: set[int]) -> np.ndarray:
    """`n` distinct random codes of `digits` digits, none of them in `taken` or all zeros."""
    pool = rng.choice(np.arange(1, 10**digits), size=n + len(taken) + 16, replace=False)
    return np.array([c for c in pool if c not in taken][:n])


def build_universe(scale: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(open schools with data in every file, synthetic districts) for a scale and seed."""
    rng = np.random.default_rng([seed, 1])
    lausd = lausd_schools()
    pilots = set(pd.read_csv(_crosswalk(), dtype=str)["cds_code"].dropna())
    keep = lausd["cds_code"].isin(pilots) | (rng.random(len(lausd)) < min(1.0, scale))
    lausd = lausd[keep]
    n = max(20, round(FULL_SCHOOLS * scale) - len(lausd))
    n_districts = max(3, n // 10)
    district_codes = _codes(rng, n_districts, 5, {int(LAUSD_CDS_PREFIX[2:])})
    county_index = rng.integers(0, len(COUNTIES), n_districts)
    districts = pd.DataFrame({
        "county_code": [f"{i + 1:02d}" for i in county_index],
        "district_code": [f"{c:05d}" for c in district_codes],
        "county_name": [COUNTIES[i] for i in county_index],
        "district_name": [f"Synthetic {COUNTIES[i]} District {k + 1}"
                          for k, i in enumerate(county_index)],
    })  # fmt: skip
    kinds = list(KINDS)
    kind = rng.choice(kinds, size=n, p=[KINDS[k][0] for k in kinds])
    low = {"elem": 0, "k8": 0, "mid": 6, "high": 9, "cont": 9, "span": 0}
    high = {"elem": 5, "k8": 8, "mid": 8, "high": 12, "cont": 12, "span": 12}
    district = districts.iloc[rng.integers(0, n_districts, n)].reset_index(drop=True)
    school_codes = _codes(rng, n, 7, set())
    names = [
        f"{ACCENTED[i % 4] if i % 40 == 0 else 'Synthetic'} {k.title()} School {i + 1}"
        for i, k in enumerate(kind)
    ]
    synthetic = district.assign(
        school_code=[f"{c:07d}" for c in school_codes],
        school_name=names,
        grade_low=[low[k] for k in kind],
        grade_high=[high[k] for k in kind],
        is_charter=rng.random(n) < 0.12,
        is_dass=kind == "cont",
        kind=kind,
    )
    synthetic["cds_code"] = (
        synthetic["county_code"] + synthetic["district_code"] + synthetic["school_code"]
    )
    lausd = lausd.assign(kind=[_kind_of(lo, hi, d) for lo, hi, d in
                               zip(lausd["grade_low"], lausd["grade_high"], lausd["is_dass"],
                                   strict=True)])  # fmt: skip
    schools = pd.concat([lausd, synthetic[lausd.columns]], ignore_index=True)
    return schools.sort_values("cds_code", ignore_index=True), districts


def _crosswalk() -> Path:
    from pilot_pipeline import DATA_DIR

    return DATA_DIR / "pilot_roster_crosswalk.csv"


def _kind_of(low: int, high: int, dass: bool) -> str:
    if dass:
        return "cont"
    if low >= 9:
        return "high"
    if high >= 9:
        return "span"
    return "mid" if low >= 5 else ("k8" if high >= 7 else "elem")


def _directory_row(
    columns: list[str], cds: str, status: str, names: tuple[str, str, str], kind: str | None,
    charter: bool, rng: np.random.Generator,
) -> str:  # fmt: skip
    nd = "No Data"
    k = KINDS.get(kind or "", None)
    opened = f"{rng.integers(1, 13):02d}/{rng.integers(1, 29):02d}/{rng.integers(1960, 2020)}"
    closed = f"06/30/{rng.integers(2000, 2024)}" if status != "Active" else nd
    lat, lon = 32.5 + rng.random() * 9.5, -124.2 + rng.random() * 10
    values = {
        "CDSCode": cds, "NCESDist": f"06{cds[2:7]}", "NCESSchool": f"{int(cds[9:]):05d}",
        "StatusType": status, "County": names[0], "District": names[1],
        "School": names[2] if kind else nd, "Street": f"{rng.integers(1, 9999)} Main Street",
        "StreetAbr": "Main St.", "City": names[0], "Zip": f"9{rng.integers(0, 9999):04d}",
        "State": "CA", "Phone": f"(555) 555-{rng.integers(0, 9999):04d}",
        "OpenDate": opened if kind else nd, "ClosedDate": closed,
        "Charter": ("Y" if charter else "N") if kind else nd,
        "CharterNum": f"{rng.integers(1, 2999):04d}" if charter else nd,
        "FundingType": "Directly funded" if charter else nd, "DOC": "54",
        "DOCType": "Unified School District",
        "SOC": k[4] if k else nd, "SOCType": k[5] if k else nd, "EdOpsCode": k[6] if k else nd,
        "EdOpsName": "Traditional" if k and k[6] == "TRAD" else ("Continuation" if k else nd),
        "EILCode": k[2] if k else nd, "EILName": k[3] if k else nd,
        "GSoffered": k[1] if k else nd, "GSserved": k[1] if k else nd,
        "Virtual": "N" if kind else nd, "Magnet": "N" if kind else nd,
        "Latitude": f"{lat:.6f}", "Longitude": f"{lon:.6f}", "LastUpDate": "06/01/2025",
    }  # fmt: skip
    return "\t".join(values.get(c, nd) for c in columns)


def write_directory(
    target: Path, schools: pd.DataFrame, districts: pd.DataFrame, scale: float, seed: int
) -> int:
    """Write the directory (real LAUSD rows + synthetic rows, LF, UTF-8); returns data rows."""
    rng = np.random.default_rng([seed, 2])
    columns, lausd_lines = real_lausd_directory()
    lines = [line.decode() for line in lausd_lines]
    for d in districts.itertuples():
        cds = f"{d.county_code}{d.district_code}0000000"
        names = (d.county_name, d.district_name, "")
        lines.append(_directory_row(columns, cds, "Active", names, None, False, rng))
    synthetic = schools[~schools["cds_code"].str.startswith(LAUSD_CDS_PREFIX)]
    for s in synthetic.itertuples():
        names = (s.county_name, s.district_name, s.school_name)
        lines.append(_directory_row(columns, s.cds_code, "Active", names, s.kind, s.is_charter,
                                    rng))  # fmt: skip
    closed = max(0, round(FULL_DIRECTORY_ROWS * scale) - len(lines))
    taken = set(schools["school_code"].astype(int))
    for i, code in enumerate(_codes(rng, closed, 7, taken)):
        d = districts.iloc[i % len(districts)]
        cds = f"{d.county_code}{d.district_code}{code:07d}"
        names = (d.county_name, d.district_name, f"Former School {i + 1}")
        status = "Merged" if i % 7 == 0 else "Closed"
        lines.append(_directory_row(columns, cds, status, names, "elem", False, rng))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(("\t".join(columns) + "\n" + "\n".join(lines) + "\n").encode("utf-8"))
    return len(lines)


def directory_url() -> str:
    return DIRECTORY_URL
