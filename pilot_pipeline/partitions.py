"""School years, the one partitioning every yearly asset shares."""

import datetime as dt

import dagster as dg

FIRST_FALL_YEAR = 2016


def school_year_of(day: dt.date) -> str:
    """The school year a date falls in: July 1 starts a new one (2026-11-25 -> '2026-27')."""
    fall = day.year if day.month >= 7 else day.year - 1
    return f"{fall}-{(fall + 1) % 100:02d}"


# Labels as CDE writes them; the warehouse stores the spring year (2021-22 -> 2022). The list
# runs to the school year under way when the code location loads, so the nightly schedule
# always has the current year's partition.
SCHOOL_YEARS: list[str] = [
    f"{y}-{(y + 1) % 100:02d}"
    for y in range(FIRST_FALL_YEAR, int(school_year_of(dt.date.today())[:4]) + 1)
]

school_year_partitions = dg.StaticPartitionsDefinition(SCHOOL_YEARS)


def spring_year(label: str) -> int:
    """'2021-22' -> 2022. Rejects anything that is not a consecutive-year label."""
    start, _, end = label.partition("-")
    if not (start.isdigit() and end.isdigit() and len(start) == 4 and len(end) == 2):
        raise ValueError(f"not a school-year label: {label!r} (expected e.g. '2021-22')")
    spring = int(start) + 1
    if spring % 100 != int(end):
        raise ValueError(f"not consecutive years: {label!r}")
    return spring


def year_label(spring: int) -> str:
    """2022 -> '2021-22'."""
    return f"{spring - 1}-{spring % 100:02d}"
