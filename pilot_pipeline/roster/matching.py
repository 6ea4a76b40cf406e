"""Suggest CDS codes for the informal school names of a pilot-school roster.

The pilot report lists schools by informal names with campus hints ("@ RFK", "(SPAN)", "LC"),
while the CDE directory holds formal names that drift over the years. Many campuses hold
look-alikes: sibling academies sharing one address, the parent high school of a small academy,
closed charters or closed schools at the same address. Name similarity alone picks the wrong row
on those campuses, so each candidate is scored on every piece of evidence the directory offers
(name, campus location, website, grade span, status, charter flag) and the evidence is kept in
words so a reviewer can check it. The engine suggests; a person decides (see README.md).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache

import pandas as pd
from rapidfuzz import fuzz

from ..partitions import spring_year
from ..school_level import grade_bounds
from ..sources.base import LAUSD_CDS_PREFIX
from .campuses import CAMPUSES, Campus

# Upper-case abbreviations of roster (and some directory) names; matched case-sensitively so
# "LA" (Los Angeles) is not confused with "la" inside words.
_ABBREVIATIONS: dict[str, str] = {
    "ES": "elementary",
    "MS": "middle",
    "HS": "high",
    "LC": "learning complex",
    "LA": "los angeles",
}
# Lower-case word forms both sides spell differently.
_WORD_FORMS: dict[str, str] = {
    "prep": "preparatory",
    "sr": "senior",
    "mag": "magnet",
    "entertain": "entertainment",
    "artes": "arts theatre entertainment",
    "institue": "institute",
    "centre": "center",
}
# Words that carry no identity when names are compared.
_STOPWORDS = frozenset({"the", "of", "and", "at", "a", "for", "school", "schools", "no"})
# Words too common to identify a school from its website host on their own.
_GENERIC = _STOPWORDS | frozenset(
    {
        "high", "academy", "academies", "elementary", "middle", "community", "magnet", "los",
        "angeles", "center", "arts", "art", "technology", "college", "preparatory", "learning",
        "leadership", "science", "sciences", "institute", "applied", "education",
    }
)  # fmt: skip
_LEVEL_WORDS = {"ES": "elementary", "MS": "middle", "HS": "high", "SPAN": "span"}
# Ownership codes of school kinds a pilot roster name never means unless it says so.
_SOC_KINDS = {"68": "continuation", "70": "adult", "13": "opportunity", "69": "community day"}

# Score weights. Name carries most; the rest break ties between look-alikes on one campus and
# push closed, charter and off-level rows down where a reviewer still sees them.
NAME_WEIGHT = 0.6
WEBSITE_WEIGHT = 25.0
ON_CAMPUS = 15.0
# Mild: the directory holds today's address and some schools have moved off their campus since.
OFF_CAMPUS = -5.0
PARENT_OF_CAMPUS = -15.0
LEVEL_MATCH = 5.0
LEVEL_MISMATCH = -15.0
SOC_KIND_PENALTY = -20.0
NOT_OPEN_PENALTY = -40.0
CHARTER_PENALTY = -30.0


@dataclass(frozen=True)
class RosterName:
    """A roster name split into the school, its campus hint and its level hint.

    Attributes:
        published: The name exactly as the roster publishes it.
        school: The school part, abbreviations expanded, normalised.
        campus: The campus the hint names, if it is a known campus.
        campus_text: The campus hint as written (also for unknown campuses).
        level_hint: "elementary", "middle", "high" or "span", from ES/MS/HS/SPAN.
    """

    published: str
    school: str
    campus: Campus | None
    campus_text: str | None
    level_hint: str | None


@dataclass(frozen=True)
class Candidate:
    """One directory row scored against one roster name.

    Attributes:
        cds_code: 14-digit CDS code.
        school_name: Directory name (today's name, which may differ from the roster year's).
        status_type: Directory status (Active, Closed, Merged, Pending).
        street: Directory street address.
        website: Directory website.
        grade_span: Grades offered.
        score: Total score; comparable between candidates of one roster name only.
        name_score: rapidfuzz similarity of the names, 0-100.
        eligible: Open in the school year and not a charter; only eligible rows may be chosen.
        evidence: Human-readable reasons behind the score.
    """

    cds_code: str
    school_name: str
    status_type: str
    street: str
    website: str
    grade_span: str
    score: float
    name_score: float
    eligible: bool
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def evidence_text(self) -> str:
        return "; ".join(self.evidence)


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Lower-case, abbreviations expanded, punctuation dropped, spaces collapsed.

    Args:
        text: A school or campus name, either side.

    Returns:
        The normalised name, e.g. "Garvanza ES" -> "garvanza elementary".
    """
    text = text.replace("&", " and ")
    # Case-sensitive pass first: upper-case abbreviations are unambiguous only before lowering.
    text = re.sub(
        r"\b(" + "|".join(_ABBREVIATIONS) + r")\b", lambda m: _ABBREVIATIONS[m.group(1)], text
    )
    text = re.sub(r"[^0-9a-z]+", " ", text.lower())
    # Directory names spell out what rosters abbreviate.
    text = re.sub(r"science technology engineering arts (and )?math(ematics)?", "steam", text)
    text = re.sub(r"science technology engineering (and )?math(ematics)?", "stem", text)
    words = [_WORD_FORMS.get(word, word) for word in text.split()]
    return " ".join(words)


def _campus_for(hint: str) -> Campus | None:
    # Lower-cased first: in a campus hint "LA"/"LC" are part of the campus name ("Chavez LA" is
    # the Learning Academies), never "Los Angeles".
    key = normalise(hint.lower())
    for campus in CAMPUSES:
        if key in {normalise(alias.lower()) for alias in campus.aliases}:
            return campus
    return None


def parse_roster_name(published: str) -> RosterName:
    """Split a published roster name into school, campus hint and level hint.

    "@ <campus>" always marks a campus; " at <campus>" only when the campus is known, because
    "at" also occurs inside real school names.

    Args:
        published: The name as the roster publishes it.

    Returns:
        The parsed name.
    """
    text = published.strip()
    level_hint = None
    if re.search(r"\(SPAN\)|\bSPAN\b", text):
        level_hint = "span"
        text = re.sub(r"\(SPAN\)|\bSPAN\b", " ", text).strip()
    campus: Campus | None = None
    campus_text: str | None = None
    match = re.match(r"^(?P<school>.+?)\s+@\s+(?P<campus>.+)$", text)
    if match is None:
        at = re.match(r"^(?P<school>.+?)\s+at\s+(?P<campus>.+)$", text)
        if at is not None and _campus_for(at.group("campus")) is not None:
            match = at
    if match is not None:
        text, campus_text = match.group("school").strip(), match.group("campus").strip()
        campus = _campus_for(campus_text)
    if level_hint is None:
        # The school part's own ES/MS/HS; the campus part's "HS" describes the campus.
        found = re.findall(r"\b(ES|MS|HS)\b", text)
        level_hint = _LEVEL_WORDS[found[-1]] if found else None
    return RosterName(published, normalise(text), campus, campus_text, level_hint)


@cache
def _compiled_strips() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for campus in CAMPUSES for p in campus.strip_patterns)


@lru_cache(maxsize=16384)
def comparable_name(directory_name: str) -> str:
    """A directory name without campus words and stopwords, ready to compare.

    Args:
        directory_name: The directory's school name.

    Returns:
        The name reduced to the words that identify the school on its campus.
    """
    text = normalise(directory_name)
    for pattern in _compiled_strips():
        text = pattern.sub(" ", text)
    return _significant(text)


def _significant(text: str) -> str:
    # Single letters are section marks ("Marquez High A", "Walnut Park Middle B").
    return " ".join(w for w in text.split() if w not in _STOPWORDS and len(w) > 1)


def name_similarity(roster_school: str, directory_name: str) -> float:
    """Similarity 0-100 of a roster school part and a directory name.

    token_set_ratio alone gives 100 whenever one name's words are a subset of the other's
    (every "Academy" would match); averaging with token_sort_ratio charges for extra words.

    Args:
        roster_school: The normalised school part of a roster name.
        directory_name: The directory's school name (raw).

    Returns:
        The similarity.
    """
    query = _significant(roster_school)
    other = comparable_name(directory_name)
    if not query or not other:
        return 0.0
    return 0.5 * fuzz.token_set_ratio(query, other) + 0.5 * fuzz.token_sort_ratio(query, other)


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
    acronym = "".join(w[0] for w in words if w not in _STOPWORDS - {"school"})
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
class _CampusSite:
    points: tuple[tuple[float, float], ...]
    streets: frozenset[str]


def _campus_site(campus: Campus, directory: pd.DataFrame) -> _CampusSite:
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
    return _CampusSite(tuple(points), frozenset(streets))


def _on_campus(row: dict[str, object], campus: Campus, site: _CampusSite) -> bool | None:
    if not site.points and not site.streets:
        return None
    key = _street_key(row["street"])
    if key is not None and key in site.streets:
        return True
    if pd.isna(row["latitude"]) or pd.isna(row["longitude"]):
        return None
    here = (float(row["latitude"]), float(row["longitude"]))
    return any(_distance_km(here, point) <= campus.radius_km for point in site.points)


def lausd_schools(directory: pd.DataFrame) -> pd.DataFrame:
    """LAUSD school rows of a parsed directory (district row and other districts dropped).

    Args:
        directory: Frame from ``pilot_pipeline.sources.school_directory.parse``.

    Returns:
        The LAUSD school rows.
    """
    codes = directory["cds_code"].astype(str)
    keep = codes.str.startswith(LAUSD_CDS_PREFIX) & ~codes.str.endswith("0000000")
    return directory[keep & directory["school_name"].notna()]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def score_candidates(
    name: RosterName | str, directory: pd.DataFrame, school_year: str
) -> list[Candidate]:
    """Score every LAUSD directory row against one roster name, best first.

    Args:
        name: A roster name, published or already parsed.
        directory: Parsed directory frame (any scope; non-LAUSD rows are ignored).
        school_year: Label of the roster's school year, e.g. "2021-22".

    Returns:
        All LAUSD school rows as candidates, sorted by score (highest first).
    """
    parsed = parse_roster_name(name) if isinstance(name, str) else name
    schools = lausd_schools(directory)
    site = _campus_site(parsed.campus, schools) if parsed.campus is not None else None
    wants_kind = {kind for kind in _SOC_KINDS.values() if kind in parsed.school}
    out: list[Candidate] = []
    # Plain dicts: a pandas Series per row costs more than all the scoring.
    for row in schools.to_dict("records"):
        evidence: list[str] = []
        name_score = name_similarity(parsed.school, row["school_name"])
        score = NAME_WEIGHT * name_score
        evidence.append(f"name {name_score:.0f}")

        web_share, web_reason = website_similarity(parsed.school, _text(row["website"]))
        if web_reason:
            score += WEBSITE_WEIGHT * web_share
            evidence.append(web_reason)

        if parsed.campus is not None and site is not None:
            on = _on_campus(row, parsed.campus, site)
            if on:
                score += ON_CAMPUS
                evidence.append(f"on the {parsed.campus.key} campus")
            elif on is False:
                score += OFF_CAMPUS
                evidence.append(f"not on the {parsed.campus.key} campus (today's address)")
            parent = parsed.campus.parent_pattern
            if parent and re.search(parent, normalise(row["school_name"])):
                score += PARENT_OF_CAMPUS
                evidence.append("is the campus's parent school, not an academy on it")
        elif parsed.campus_text:
            # An unknown campus: its words can still appear in the directory name.
            campus_fit = fuzz.partial_token_set_ratio(
                normalise(parsed.campus_text), normalise(row["school_name"])
            )
            if campus_fit >= 90:
                score += ON_CAMPUS / 3
                evidence.append(f"name mentions '{parsed.campus_text}'")

        span = _text(row["grade_span_offered"])
        if parsed.level_hint is not None:
            fits = level_fits(parsed.level_hint, span)
            if fits:
                score += LEVEL_MATCH
                evidence.append(f"grades {span} fit {parsed.level_hint}")
            elif fits is False:
                score += LEVEL_MISMATCH
                evidence.append(f"grades {span} do not fit {parsed.level_hint}")

        kind = _SOC_KINDS.get(_text(row["soc_code"]))
        if kind is not None and kind not in wants_kind:
            score += SOC_KIND_PENALTY
            evidence.append(f"{kind} school, the roster name does not say so")

        is_open = is_open_in(row["open_date"], row["closed_date"], school_year)
        if not is_open:
            score += NOT_OPEN_PENALTY
            evidence.append(f"{row['status_type']}, not open in {school_year}")
        is_charter = bool(row["is_charter"]) if pd.notna(row["is_charter"]) else False
        if is_charter:
            # Pilot schools are district schools by definition.
            score += CHARTER_PENALTY
            evidence.append("charter (pilots are district schools)")

        out.append(
            Candidate(
                cds_code=str(row["cds_code"]),
                school_name=str(row["school_name"]),
                status_type=_text(row["status_type"]),
                street=_text(row["street"]),
                website=_text(row["website"]),
                grade_span=span,
                score=round(score, 1),
                name_score=round(name_score, 1),
                eligible=is_open and not is_charter,
                evidence=tuple(evidence),
            )
        )
    out.sort(key=lambda c: (-c.score, c.cds_code))
    return out


def suggest(
    name: str, directory: pd.DataFrame, school_year: str, *, limit: int = 5
) -> list[Candidate]:
    """The best ``limit`` candidates for one roster name.

    Args:
        name: The roster name as published.
        directory: Parsed directory frame.
        school_year: Label of the roster's school year.
        limit: How many candidates to return.

    Returns:
        Candidates, best first.
    """
    return score_candidates(name, directory, school_year)[:limit]


SUGGESTION_COLUMNS = (
    "school_year", "school_name_as_published", "rank", "cds_code", "directory_school_name",
    "directory_status", "street", "website", "grade_span", "score", "margin_to_next",
    "eligible", "evidence",
)  # fmt: skip


def suggestion_rows(
    name: str, ranked: Sequence[Candidate], school_year: str, *, limit: int = 3
) -> list[dict[str, object]]:
    """The reviewer's rows (``SUGGESTION_COLUMNS``) for one name's ranked candidates.

    Args:
        name: The roster name as published.
        ranked: Its candidates, best first (from ``score_candidates``).
        school_year: Label of the school year.
        limit: How many candidates to keep.

    Returns:
        One dict per kept candidate.
    """
    rows: list[dict[str, object]] = []
    for rank, cand in enumerate(ranked[:limit], start=1):
        following = ranked[rank] if rank < len(ranked) else None
        rows.append(
            {
                "school_year": school_year,
                "school_name_as_published": name,
                "rank": rank,
                "cds_code": cand.cds_code,
                "directory_school_name": cand.school_name,
                "directory_status": cand.status_type,
                "street": cand.street,
                "website": cand.website,
                "grade_span": cand.grade_span,
                "score": cand.score,
                "margin_to_next": round(cand.score - following.score, 1) if following else None,
                "eligible": cand.eligible,
                "evidence": cand.evidence_text,
            }
        )
    return rows


def suggest_roster(
    names: Iterable[str], directory: pd.DataFrame, school_year: str, *, limit: int = 3
) -> pd.DataFrame:
    """Ranked candidates for every roster name, one row per (name, candidate), for review.

    Args:
        names: Roster names as published.
        directory: Parsed directory frame.
        school_year: Label of the school year the roster is for.
        limit: Candidates per name.

    Returns:
        Frame with ``SUGGESTION_COLUMNS``.
    """
    rows = [
        row
        for name in names
        for row in suggestion_rows(
            name, score_candidates(name, directory, school_year), school_year, limit=limit
        )
    ]
    return pd.DataFrame(rows, columns=list(SUGGESTION_COLUMNS))
