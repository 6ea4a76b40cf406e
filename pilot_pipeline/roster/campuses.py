"""The shared campuses that roster names point at ("@ RFK", "@ Torres HS"), as reviewed data.

A campus is known by the hints roster names use and, where the directory has rows for it, by
the pattern of its parent school; the matcher places each candidate on or off the campus.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Campus:
    """A shared campus that roster names point at with "@ <campus>".

    Attributes:
        key: Short identifier used in evidence text.
        full_name: The campus's formal name.
        aliases: Lower-case spellings the roster uses after "@" (or "at").
        parent_pattern: Regex (on normalised directory names) of the campus's own parent school,
            if it has one; an academy on the campus is never its parent high school.
        anchor_pattern: Regex (on normalised directory names) of rows that locate the campus.
            Defaults to ``parent_pattern``.
        anchor_point: Latitude/longitude of the campus when no directory row names it (RFK,
            a college campus).
        strip_patterns: Regexes removed from normalised directory names before names are
            compared, so the campus's words do not make every sibling look alike.
        radius_km: How far from an anchor a school still counts as on the campus.
    """

    key: str
    full_name: str
    aliases: tuple[str, ...]
    parent_pattern: str | None = None
    anchor_pattern: str | None = None
    anchor_point: tuple[float, float] | None = None
    strip_patterns: tuple[str, ...] = ()
    radius_km: float = 0.3

    @property
    def locator(self) -> str | None:
        return self.anchor_pattern or self.parent_pattern


def _high_school_campus(key: str, full_name: str, parent_name: str) -> Campus:
    """A high school's campus: the directory names the academies on it "<academy> at <key> High".

    Args:
        key: The campus key, also the word rosters use for it ("carson", "carson hs").
        full_name: The campus's formal name.
        parent_name: The parent high school's normalised directory name, matched whole.
    """
    return Campus(
        key,
        full_name,
        (key, f"{key} hs", f"{key} high"),
        parent_pattern=f"^{parent_name}$",
        strip_patterns=(f"at {key} high",),
    )


# Campus hints of LAUSD pilot rosters. The RFK and Trade Tech campuses have no directory row of
# their own, so they are located by a point (3400 Wilshire Blvd; 400 W Washington Blvd).
CAMPUSES: tuple[Campus, ...] = (
    Campus(
        "rfk",
        "Robert F. Kennedy Community Schools",
        ("rfk", "robert f kennedy", "rfk community schools", "robert f kennedy community schools"),
        anchor_point=(34.0600, -118.2970),
        strip_patterns=(r"(at )?robert f kennedy community schools?",),
        radius_km=0.45,
    ),
    Campus(
        "contreras",
        "Miguel Contreras Learning Complex",
        ("contreras", "contreras lc", "miguel contreras", "miguel contreras learning complex"),
        anchor_pattern=r"contreras learning (center|complex)",
        strip_patterns=(r"(at )?(miguel )?contreras learning (center|complex)",),
    ),
    Campus(
        "torres",
        "Esteban E. Torres High School campus",
        ("torres", "torres hs", "torres high", "esteban torres", "esteban e torres"),
        anchor_pattern=r"esteban (e )?torres",
        strip_patterns=(r"(at )?esteban (e )?torres( high)?( no \d)?",),
    ),
    Campus(
        "rivera",
        "Diego Rivera Learning Complex",
        ("rivera", "rivera lc", "diego rivera", "diego rivera learning complex"),
        anchor_pattern=r"diego rivera learning complex",
        strip_patterns=(r"(at )?diego rivera learning complex",),
    ),
    Campus(
        "chavez",
        "Cesar E. Chavez Learning Academies",
        ("chavez la", "chavez", "cesar chavez", "cesar e chavez learning academies"),
        anchor_pattern=r"cesar (e )?chavez learning academies",
        strip_patterns=(r"cesar (e )?chavez learning academies",),
    ),
    _high_school_campus("carson", "Carson High School", "carson senior high"),
    _high_school_campus(
        "narbonne", "Nathaniel Narbonne High School", "nathaniel narbonne senior high"
    ),
    Campus(
        "marquez",
        "Linda Esperanza Marquez High School",
        ("marquez", "marquez hs", "marquez high"),
        anchor_pattern=r"linda esperanza marquez high",
        strip_patterns=(r"linda esperanza marquez high( [abc])?",),
    ),
    _high_school_campus(
        "jefferson", "Thomas Jefferson High School", "thomas jefferson senior high"
    ),
    _high_school_campus("bernstein", "Helen Bernstein High School", "helen bernstein high"),
    _high_school_campus(
        "roosevelt", "Theodore Roosevelt High School", "theodore roosevelt senior high"
    ),
    Campus(
        "trade_tech",
        "Los Angeles Trade-Technical College",
        ("trade tech", "la trade tech", "lattc", "los angeles trade tech"),
        anchor_point=(34.0333, -118.2700),
        strip_patterns=(r"(los angeles )?trade tech college",),
    ),
    Campus(
        "sfms",
        "San Fernando Middle School",
        ("sfms", "san fernando ms", "san fernando middle"),
        parent_pattern=r"^san fernando middle$",
    ),
)
