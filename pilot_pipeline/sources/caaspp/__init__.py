"""CAASPP Smarter Balanced research files (`sb_caYYYY_all_csv_vN.zip`), ELA and math.

Each zip holds one `.txt` with one row per entity x Student Group ID x grade (03-08, 11,
13 = all grades) x test (1 ELA, 2 math). `YYYY` is the spring year (sb_ca2021 = 2020-21);
there is no 2020 file. From 2020-21 the member is caret (`^`) delimited with 33 columns (real
bytes, `fixtures/real/caaspp`): the results, 12 claim-area columns (`Area 1..4 Percentage
Above/Near/Below Standard`) and a last `Type ID`. The 2017-18 file is a quoted comma CSV
with the older names (`Subgroup ID`, `CAASPP Reported Enrollment`) and no `Type ID`. The
member (4M rows statewide) is streamed in chunks of only the columns used, with zip-slip and
zip-bomb guards (`streaming.read_chunks`).

Entities: `Type ID` (04 state, 05 county, 06 district, 07 school, 09/10 charter; written
unpadded, `7`) says which rows are schools and which the district row, and must agree with
the school code (0000000 only on district rows). A layout without it falls back on the
school code, and on the entities file (`sb_caYYYYentities_csv.zip`, URL table in
`ENTITIES_URLS`) when passed to `parse`: every school row is then checked against it.

Student Group ID is numeric (3 digits, zero-padded here): code system `caaspp` in
`student_group_source_codes.csv`, from CDE's CAASPP demographics table (castdemolayout.asp).
IDs the warehouse does not keep (parent education, ethnicity x economic status, EL time in
the US, "not" groups) are in `IGNORED_GROUP_IDS`; any other ID fails the parse until reviewed.
Mean scale score, percentages and claim-area percentages are `*` when the group is too small
to report: NULL with a `_suppressed` flag, never 0.
"""

from __future__ import annotations

from ..spec import Fact, FactLoad, SourceSpec
from .file_format import (
    AREA_MEASURES,
    COLUMNS,
    DATA_MEMBER,
    DISTRICT_TYPE_ID,
    ENTITIES_MEMBER,
    ENTITIES_URLS,
    ENTITY_LAYOUTS,
    GRADES,
    IGNORED_GROUP_IDS,
    LAYOUTS,
    MEASURES,
    SCHOOL_TYPE_IDS,
    TESTS,
    URLS,
)
from .parsing import parse, parse_entities, parse_levels, pick_level

__all__ = [
    "AREA_MEASURES", "COLUMNS", "DATA_MEMBER", "DISTRICT_TYPE_ID", "ENTITIES_MEMBER",
    "ENTITIES_URLS", "ENTITY_LAYOUTS", "GRADES", "IGNORED_GROUP_IDS", "LAYOUTS", "MEASURES",
    "SCHOOL_TYPE_IDS", "SOURCE", "TESTS", "URLS", "parse", "parse_entities",
]  # fmt: skip

_GRAIN = "school x school year x student group x grade x test"
_AREA_GRAIN = f"{_GRAIN} x claim area (ELA areas 1-4, math 1-3)"
SOURCE = SourceSpec(
    name="caaspp", title="CAASPP Smarter Balanced research files (ELA, math)",
    urls=URLS, layouts=LAYOUTS, read=parse_levels, parse_level=pick_level,
    description=__doc__ or "",
    facts=(
        FactLoad(Fact("fct_assessment", _GRAIN)),
        FactLoad(Fact("fct_assessment_claim_area", _AREA_GRAIN), "fct_assessment_claim_area.sql"),
    ),
)  # fmt: skip
