"""The evidence beside the name that tells look-alike directory rows apart.

Each function answers one question about one directory row (is its website the school's own,
do its grades fit the roster's level hint, was it open in the school year, is it on the campus
the roster names) and says "cannot tell" where the directory lacks the data.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from ..partitions import spring_year
from ..school_level import grade_bounds
from .campuses import Campus
from .names import STOPWORDS, normalise

# Words too common to identify a school from its website host on their own.
_GENERIC = STOPWORDS | frozenset(
    {
        "high", "academy", "academies", "elementary", "middle", "community", "magnet", "los",
        "angeles", "center", "arts", "art", "technology", "college", "preparatory", "learning",
        "leadership", "science", "sciences", "institute", "applied", "education",
    }
)  # fmt: skip


def website_label(website: str | None) -> str:
    """The identifying part of a website: the host's first label, or the path on a shared host.

    Args:
        website: The directory's website cell.

    Returns:
        Lower-case letters and digits, e.g. "http://asgl.lausd.org" -> "asgl"; "" if none.
    """
    if not website or not isinstance(website, str) or "not available" in website.lower():
        return ""
    text = re.sub(r"^[a-z]+://", "", website.strip().lower())
    host, _, path = text.partition("/")
    labels = [label for label in host.split(".") if label != "www"]
    if not labels:
        return ""
    # District-wide hosts identify nothing; the path then names the school.
    if ".".join(labels) in {"lausd.net", "lausd.k12.ca.us"} and path:
        return re.sub(r"[^0-9a-z]", "", path.split("/")[-1] or path)
    return re.sub(r"[^0-9a-z]", "", labels[0])


def website_similarity(roster_school: str, website: str | None) -> tuple[float, str | None]:
    """How well a website's identifying label fits a roster school name, 0-1.

    Schools often name their site with the name's acronym ("asgl" for Ambassador School of
    Global Leadership) or with its distinctive words ("boyleheightsstem"); both survive renames,
    which is why this is evidence for schools whose directory name has changed.

    Args:
        roster_school: The normalised school part of a roster name.
        website: The directory's website cell.

    Returns:
        The similarity and a reason (None when nothing matched).
    """
    label = website_label(website)
    if len(label) < 3:
        return 0.0, None
    words = roster_school.split()
    acronym = "".join(w[0] for w in words if w not in STOPWORDS - {"school"})
    if len(acronym) >= 3 and (
        label.startswith(acronym) or (len(acronym) >= 4 and acronym in label)
    ):
        return 1.0, f"website '{label}' is the name's acronym '{acronym}'"
    distinctive = [w for w in words if w not in _GENERIC and len(w) >= 3]
    if not distinctive:
        return 0.0, None
    found = [w for w in distinctive if w in label]
    if not found:
        return 0.0, None
    share = len(found) / len(distinctive)
    reason = f"website '{label}' contains {'/'.join(found)}"
    if share == 1 and len(found) >= 2:
        # Every distinctive word, including those that tell siblings apart: the school's own
        # site, even where the directory name has since changed.
        return 1.2, reason + " (all distinctive words)"
    # Squared: a partial match is usually a shared neighbourhood word ("walnut park").
    return share**2, reason


def level_fits(level_hint: str, span: str | None) -> bool | None:
    """Whether a grade span fits the roster's ES/MS/HS/SPAN hint; None when it cannot tell.

    Args:
        level_hint: "elementary", "middle", "high" or "span".
        span: Grades offered.

    Returns:
        True, False or None.
    """
    bounds = grade_bounds(span)
    if bounds is None:
        return None
    low, high = bounds
    levels = {
        "elementary": low <= 5,
        "middle": low <= 8 and high >= 6,
        "high": high >= 9,
    }
    if level_hint == "span":
        return sum(levels.values()) >= 2
    if level_hint == "elementary":
        return low <= 5 and high <= 8
    if level_hint == "middle":
        return low >= 5 and high <= 9
    if level_hint == "high":
        return low >= 9
    return None


def school_year_bounds(school_year: str) -> tuple[date, date]:
    """First and last day of a school year label (July 1 to June 30).

    Args:
        school_year: Label such as "2021-22".

    Returns:
        (2021-07-01, 2022-06-30) for "2021-22".
    """
    spring = spring_year(school_year)
    return date(spring - 1, 7, 1), date(spring, 6, 30)


def _as_date(value: object) -> date | None:
    # NaT is an instance of datetime, so missing values are checked before the type.
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = pd.to_datetime(value, errors="coerce")
    return None if pd.isna(parsed) else parsed.date()


def is_open_in(open_date: object, closed_date: object, school_year: str) -> bool:
    """Whether a school was open at some point of a school year.

    Args:
        open_date: Directory open date (date, Timestamp, NaT or None).
        closed_date: Directory closed date (None or NaT while open).
        school_year: Label such as "2021-22".

    Returns:
        True when it opened by the year's last day and had not closed before its first day.
    """
    first, last = school_year_bounds(school_year)
    opened, closed = _as_date(open_date), _as_date(closed_date)
    if opened is not None and opened > last:
        return False
    return closed is None or closed >= first


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    # Equirectangular is exact enough at campus scale (metres) and LA's latitude.
    lat = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(lat)
    return math.hypot(dx, dy)


def _street_key(street: object) -> str | None:
    # House number plus the first street word: "322 South Lucas Avenue" ~ "322 Lucas Avenue".
    if not isinstance(street, str):
        return None
    words = [w for w in normalise(street).split() if w not in {"north", "south", "east", "west"}]
    return " ".join(words[:2]) if len(words) >= 2 and words[0].isdigit() else None


@dataclass(frozen=True)
class CampusSite:
    """Where a campus is: its anchor points and the street addresses of its open schools."""

    campus: Campus
    points: tuple[tuple[float, float], ...]
    streets: frozenset[str]


def campus_site(campus: Campus, directory: pd.DataFrame) -> CampusSite:
    """Locate a campus by its fixed point and the open directory rows its pattern names.

    Args:
        campus: The campus a roster name points at.
        directory: LAUSD school rows of the directory.

    Returns:
        The campus's site (empty when nothing locates it).
    """
    points: list[tuple[float, float]] = []
    streets: set[str] = set()
    if campus.anchor_point is not None:
        points.append(campus.anchor_point)
    if campus.locator is not None:
        locator = re.compile(campus.locator)
        names = directory["school_name"].fillna("").map(normalise)
        rows = directory[names.map(lambda name: locator.search(name) is not None)]
        # Open rows only: a campus is where its schools are now, not where a closed one was.
        rows = rows[rows["status_type"].fillna("") == "Active"]
        for _, row in rows.iterrows():
            if pd.notna(row["latitude"]) and pd.notna(row["longitude"]):
                points.append((float(row["latitude"]), float(row["longitude"])))
            key = _street_key(row["street"])
            if key:
                streets.add(key)
    return CampusSite(campus, tuple(points), frozenset(streets))


def on_campus(row: dict[str, object], site: CampusSite) -> bool | None:
    """Whether a directory row stands on the campus: same street address or within its radius.

    Args:
        row: One directory row (``street``, ``latitude``, ``longitude``).
        site: The located campus.

    Returns:
        True, False, or None when neither the campus nor the row can be placed.
    """
    if not site.points and not site.streets:
        return None
    key = _street_key(row["street"])
    if key is not None and key in site.streets:
        return True
    if pd.isna(row["latitude"]) or pd.isna(row["longitude"]):
        return None
    here = (float(row["latitude"]), float(row["longitude"]))
    return any(_distance_km(here, point) <= site.campus.radius_km for point in site.points)
