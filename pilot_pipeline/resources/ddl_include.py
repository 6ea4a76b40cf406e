"""How the DDL runner reads sql/: files as they are, declarations (`.yml`) rendered, and includes.

A fact that keeps every measure of its staging table names them once, in the staging table's
declaration. Its DDL holds, where the measures go, the line (a declaration's list item
`measures of staging.stg_<source>` renders to it)

    -- measures of staging.stg_<source> (...)

and `read_ddl` (how the DDL runner reads every file) puts there the staging table's column
definitions (all but the identifying and lineage columns below, and those the fact declares
itself), and adds their `COMMENT ON COLUMN` statements for the fact. A measure is then added,
retyped or described in one file, and the fact follows. A fact that keeps only some of the
staging measures names each run it keeps, one line a run, in the staging table's order:

    -- measures of staging.stg_<source> from <first column> to <last column>

The columns most tables share (keys, lineage) are declared once, in sql/shared/columns.yml, and
named in each declaration (table_ddl.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from .table_ddl import render_table
from .warehouse_sql import created_objects, split_sql

MARKER = re.compile(
    r"^([ \t]*)-- measures of staging\.(\w+)\b(?: from (\w+) to (\w+)\b)?.*$", re.MULTILINE
)
# Where the staging tables are declared, from sql/facts.
STAGING_DIR = Path("..", "staging")
# A DDL file: SQL as it runs, or a table declared as data.
DDL_SUFFIXES = (".sql", ".yml")
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
    body = re.sub(r"--[^\n]*", "", create[create.index("(") + 1 : create.rindex(")")])
    items = _top_level_items(body)
    columns = [" ".join(i.split()) for i in items if i and not _TABLE_CONSTRAINT.match(i)]
    return created_objects(create)[0], columns, statements


def staging_measures(
    staging_ddl: str,
    declared: frozenset[str] = frozenset(),
    identifying: frozenset[str] = NOT_MEASURES,
) -> tuple[list[str], dict[str, str]]:
    """(column definitions, column -> comment literal) of a staging table's measures that
    the fact does not declare itself (all its columns but `identifying`)."""
    table, items, statements = _column_items(staging_ddl)
    skipped = identifying | declared
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


def _column_run(columns: list[str], first: str | None, last: str | None) -> list[str]:
    """The columns from `first` to `last` (both kept), or all of them without a range."""
    if first is None or last is None:
        return columns
    names = [c.split()[0] for c in columns]
    return columns[names.index(first) : names.index(last) + 1]


def ddl_files(folder: Path) -> list[Path]:
    """The DDL files of one sql/ folder, in the order they run (by name)."""
    return sorted(p for p in folder.glob("*") if p.suffix in DDL_SUFFIXES)


def table_source(folder: Path, name: str) -> Path:
    """The file that declares table `name` in `folder`: its declaration, else its SQL."""
    declared = folder / f"{name}.yml"
    return declared if declared.exists() else folder / f"{name}.sql"


def _text(path: Path) -> str:
    return render_table(path) if path.suffix == ".yml" else path.read_text(encoding="utf-8")


def read_ddl(path: Path) -> str:
    """A DDL file's text (a declaration rendered), its staging table's measures put in place of
    each marker."""
    text = _text(path)
    markers = list(MARKER.finditer(text))
    if not markers:
        return text
    table, own, _ = _column_items(text)
    declared = frozenset(c.split()[0] for c in own)
    included: list[str] = []
    comments: dict[str, str] = {}
    for marker in reversed(markers):  # from the end, so earlier offsets stay valid
        indent, name, first, last = marker.groups()
        source_ddl = _text(table_source(path.parent / STAGING_DIR, name))
        all_columns, staging_comments = staging_measures(source_ddl, declared)
        columns = _column_run(all_columns, first, last)
        comments.update(staging_comments)
        included = columns + included
        expanded = "".join(f"{indent}{column},\n" for column in columns)
        text = text[: marker.start()] + expanded + text[marker.end() + 1 :]
    described = [f"COMMENT ON COLUMN {table}.{c.split()[0]} IS\n" for c in included]
    return text + "".join(
        f"{head}{comments[c.split()[0]]};\n"
        for head, c in zip(described, included, strict=True)
        if c.split()[0] in comments
    )
