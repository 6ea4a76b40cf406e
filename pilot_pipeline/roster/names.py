"""Roster and directory school names reduced to the words that identify a school.

Rosters abbreviate ("Garvanza ES", "Boyle Heights STEM HS @ Roosevelt") and add campus and level
hints; the directory spells names out and repeats its campus's name in every academy on it.
Both sides are normalised the same way before they are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz import fuzz

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
STOPWORDS = frozenset({"the", "of", "and", "at", "a", "for", "school", "schools", "no"})
_LEVEL_WORDS = {"ES": "elementary", "MS": "middle", "HS": "high", "SPAN": "span"}


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
    return " ".join(w for w in text.split() if w not in STOPWORDS and len(w) > 1)


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
