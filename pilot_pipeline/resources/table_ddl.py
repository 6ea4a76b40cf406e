"""The tables of sql/ declared as data, `sql/<folder>/<table>.yml`, rendered to their DDL.

A declaration names the table, its comment, its key (and other table constraints) and its
columns, one list item a column:

    - cds_code                                # a standard column: sql/shared/columns.yml
    - cds_code TEXT NOT NULL                  # a standard column with this table's type
    - item_id TEXT NOT NULL: Survey item ...  # a column of its own, with its comment
    - measure pct_met DOUBLE PRECISION: ...   # the value and its `pct_met_suppressed` flag
    - measures of staging.stg_ltel            # a fact: the staging measures (ddl_include.py)

The flag of a measure gets the table's standard comment (`suppressed:`, one of the templates of
sql/shared/columns.yml). Columns added to a table after warehouses were created with it go in
`added:` (`note:` and `columns:`): they become `ALTER TABLE ... ADD COLUMN IF NOT EXISTS`.
The text rendered is the same on both backends; the DDL runner adapts it as it adapts a file.

A view's comments are declared the same way, `sql/views/<view>.yml` beside its `.sql`: `view:`,
`comment:` and `columns:`, a bare name taking the standard comment. The DDL runner reads the
`.yml` after the `.sql` (name order).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# The standard columns and flag comments, from the sql/ folder.
STANDARD = Path("shared", "columns.yml")
MEASURE = "measure "
INCLUDE = "measures of "
DEFAULT_FLAG = "source cell"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _entry(item: str | dict[str, Any]) -> tuple[str, str | None]:
    """(key, comment) of one list item: a bare string has no comment of its own."""
    if isinstance(item, str):
        return item, None
    ((key, comment),) = item.items()
    return key, comment


def _columns(
    items: list[str | dict[str, Any]], standard: dict[str, tuple[str, str]], flag: str
) -> Iterator[tuple[str, str | None]]:
    """(definition, comment) of each column; an include line is passed on as a SQL comment."""
    for item in items:
        key, comment = _entry(item)
        if key.startswith(INCLUDE):
            yield f"-- {key}", None
            continue
        name, _, sql_type = key.removeprefix(MEASURE).partition(" ")
        std_type, std_comment = standard.get(name, ("", None))
        if not (sql_type or std_type):
            raise ValueError(f"column {name}: no type, and not a standard column")
        yield f"{name} {sql_type or std_type}", comment if comment is not None else std_comment
        if key.startswith(MEASURE):
            yield f"{name}_suppressed BOOLEAN", flag.format(name=name)


def _comments(table: str, columns: list[tuple[str, str | None]]) -> list[str]:
    return [
        f"COMMENT ON COLUMN {table}.{definition.split()[0]} IS {_literal(comment)};\n"
        for definition, comment in columns
        if comment is not None and not definition.startswith("--")
    ]


def _view_comments(declared: dict[str, Any], standard: dict[str, tuple[str, str]]) -> str:
    """The COMMENT statements of a view (the view itself is the .sql file of the same name)."""
    view = declared["view"]
    columns = []
    for item in declared["columns"]:
        name, comment = _entry(item)
        columns.append((name, comment if comment is not None else standard[name][1]))
    comment = f"COMMENT ON VIEW {view} IS {_literal(declared['comment'])};\n"
    return comment + "".join(_comments(view, columns))


def _declaration(path: Path) -> Any:
    stat = path.stat()
    return _parsed(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=512)
def _parsed(path: str, _mtime_ns: int, _size: int) -> Any:
    # Every run applies the DDL and every load looks up its table's key: parsed once a process
    # (until the file changes), by libyaml where PyYAML has it (pure Python is ~20x slower).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506


def render_table(path: Path) -> str:
    """The DDL of one declaration: CREATE TABLE IF NOT EXISTS, its comments, its ALTERs; for a
    view (`view:` instead of `table:`), its comments."""
    declared = _declaration(path)
    shared = _declaration(path.parents[1] / STANDARD)
    standard = {
        key.partition(" ")[0]: (key.partition(" ")[2], comment)
        for key, comment in shared["columns"].items()
    }
    if "view" in declared:
        return _view_comments(declared, standard)
    flag = shared["suppressed"][declared.get("suppressed", DEFAULT_FLAG)]
    table = declared["table"]
    columns = list(_columns(declared["columns"], standard, flag))
    body = [f"    {d}\n" if d.startswith("--") else f"    {d},\n" for d, _ in columns]
    if key := declared.get("key"):
        body.append(f"    PRIMARY KEY ({', '.join(key)}),\n")
    body += [f"    {constraint},\n" for constraint in declared.get("constraints", [])]
    last = max(i for i, line in enumerate(body) if line.endswith(",\n"))
    body[last] = body[last][:-2] + "\n"  # the last item ends the list
    text = f"CREATE TABLE IF NOT EXISTS {table} (\n{''.join(body)});\n\n"
    text += f"COMMENT ON TABLE {table} IS {_literal(declared['comment'])};\n"
    text += "".join(_comments(table, columns))
    if added := declared.get("added"):
        new = list(_columns(added["columns"], standard, flag))
        text += "".join(f"\n-- {line}" for line in added["note"].splitlines()) + "\n"
        text += "".join(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {d};\n" for d, _ in new)
        text += "".join(_comments(table, new))
    return text
