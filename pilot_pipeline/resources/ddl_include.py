"""A fact that keeps every measure of its staging table names them once, in the staging DDL.

Its DDL file holds, where the measures go, the line

    -- measures of staging.stg_<source> (...)

and `read_ddl` (how the DDL runner reads every file) puts there the staging table's column
definitions (all but the identifying and lineage columns below, and those the fact declares
itself), and adds their `COMMENT ON COLUMN` statements for the fact. A measure is then added,
retyped or described in one file, and the fact follows.
"""

from __future__ import annotations

import re
from pathlib import Path

from .warehouse_sql import created_objects, split_sql

MARKER = re.compile(r"^([ \t]*)-- measures of staging\.(\w+)\b.*$", re.MULTILINE)
# Staging columns that identify a row or its origin: the fact declares its own.
NOT_MEASURES = frozenset(
    {"cds_code", "school_year", "student_group_code", "source_line", "source_file_sha256"}
)
_TABLE_CONSTRAINT = re.compile(r"^(PRIMARY\s+KEY|UNIQUE|CHECK|CONSTRAINT)\b", re.IGNORECASE)


def _top_level_items(body: str) -> list[str]:
    """The comma-separated items of a column list, commas inside parentheses kept."""
    items, depth, current = [], 0, []
    for char in body:
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    return [*items, "".join(current).strip()]


def _column_items(ddl: str) -> tuple[str, list[str], list[str]]:
    """(table, column definitions, statements) of the one CREATE TABLE in a DDL text."""
    statements = split_sql(ddl)
    create = next(s for s in statements if re.match(r"CREATE\s+TABLE", s, re.IGNORECASE))
    items = _top_level_items(create[create.index("(") + 1 : create.rindex(")")])
    columns = [" ".join(i.split()) for i in items if i and not _TABLE_CONSTRAINT.match(i)]
    return created_objects(create)[0], columns, statements


def staging_measures(
    staging_ddl: str, declared: frozenset[str] = frozenset()
) -> tuple[list[str], dict[str, str]]:
    """(column definitions, column -> comment literal) of a staging table's measures that
    the fact does not declare itself."""
    table, items, statements = _column_items(staging_ddl)
    skipped = NOT_MEASURES | declared
    columns = [item for item in items if item.split()[0] not in skipped]
    names = {c.split()[0] for c in columns}
    comment = re.compile(
        rf"COMMENT\s+ON\s+COLUMN\s+{re.escape(table)}\.(\w+)\s+IS\s+(.*)", re.I | re.S
    )
    comments = {
        found.group(1): found.group(2)
        for s in statements
        if (found := comment.match(s)) and found.group(1) in names
    }
    return columns, comments


def read_ddl(path: Path) -> str:
    """A DDL file's text, with its staging table's measures put in place of the marker."""
    text = path.read_text(encoding="utf-8")
    marker = MARKER.search(text)
    if marker is None:
        return text
    indent, staging = marker.groups()
    staging_ddl = (path.parent.parent / "staging" / f"{staging}.sql").read_text(encoding="utf-8")
    table, own, _ = _column_items(text)
    columns, comments = staging_measures(staging_ddl, frozenset(c.split()[0] for c in own))
    expanded = "".join(f"{indent}{column},\n" for column in columns)
    text = text[: marker.start()] + expanded + text[marker.end() + 1 :]
    described = [f"COMMENT ON COLUMN {table}.{c.split()[0]} IS\n" for c in columns]
    return text + "".join(
        f"{head}{comments[c.split()[0]]};\n"
        for head, c in zip(described, columns, strict=True)
        if c.split()[0] in comments
    )
