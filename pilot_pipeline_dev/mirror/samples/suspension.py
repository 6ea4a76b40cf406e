"""Synthetic suspension samples (suspension21.txt, suspension22-v2.txt), real layout.

Same shape as the chronic absenteeism samples (latin-1, CRLF, T/C/D/S, `CharterYN` All/Y/N;
2023-24 spelt `Charter School` with spaced headers and Yes / "No " flags, unverified,
`*` for groups of 10 or fewer, D rows = exact sums of the district's school rows). Per group,
the six reason counts add up to TotalSuspensions and the rate is unduplicated students
suspended / cumulative enrollment.
"""

from __future__ import annotations

import random
from pathlib import Path

from pilot_pipeline.sources.suspension import LAYOUTS
from pilot_pipeline_dev.mirror.samples.chronic_absenteeism import (
    Values,
    rate,
    spaced,
    write_reporting_category_file,
)

HOST_PATH = "www3.cde.ca.gov/demo-downloads/discipline/"
FILES = {
    "2020-21": "suspension21.txt",
    "2021-22": "suspension22-v2.txt",
    "2023-24": "suspension24.txt",  # spaced headers, `Charter School`, Yes / "No " flags
}
REASONS = ("violent_injury", "violent_no_injury", "weapons", "drugs", "defiance", "other")


def measure(rng: random.Random, size: int) -> Values:
    suspended = round(size * rng.uniform(0.0, 0.06))
    total = suspended + round(suspended * rng.uniform(0.0, 0.4))
    reasons = dict.fromkeys(REASONS, 0)
    for _ in range(total):
        reasons[rng.choices(REASONS, weights=(3, 5, 1, 2, 1, 2))[0]] += 1
    defiance_only = min(suspended, reasons["defiance"])
    return {
        "enrolled": size,
        "suspended": suspended,
        "total": total,
        "defiance_only": defiance_only,
        **reasons,
    }


def fmt(vals: Values) -> list[str]:
    return [
        str(vals["enrolled"]),
        str(vals["total"]),
        str(vals["suspended"]),
        str(vals["defiance_only"]),
        rate(vals["suspended"], vals["enrolled"]),
        *(str(vals[r]) for r in REASONS),
    ]


def generate() -> list[Path]:
    """Write the suspension sample files; returns their paths."""
    header = LAYOUTS[0].columns
    return [
        write_reporting_category_file(
            HOST_PATH + name,
            year,
            spaced(header, year),
            measure,
            fmt,
            dass=False,
            seed="suspension",
        )
        for year, name in FILES.items()
    ]


if __name__ == "__main__":
    for path in generate():
        print(path)
