"""The raw archive's manifest: one row per fetch, in a SQLite file beside the archived files.

SQLite because the archive is a folder on the machine running the downloads, and a manifest
update must be atomic and safe when two runs fetch at once.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS fetches (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    school_year TEXT,
    url TEXT NOT NULL,
    fetched_url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS fetches_by_public_url ON fetches (url, id);
"""


@dataclass(frozen=True)
class ManifestRow:
    source: str
    school_year: str | None
    url: str
    fetched_url: str
    fetched_at: str
    http_status: int
    outcome: str  # downloaded | unchanged | not_modified
    etag: str | None
    last_modified: str | None
    bytes: int
    sha256: str


class Manifest:
    """Append-only fetch log; the newest row per URL drives conditional requests."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        return conn

    def append(self, row: ManifestRow) -> None:
        values = asdict(row)
        columns = ", ".join(values)
        placeholders = ", ".join(f":{name}" for name in values)
        with closing(self._connect()) as conn, conn:
            conn.execute(f"INSERT INTO fetches ({columns}) VALUES ({placeholders})", values)  # noqa: S608 - names are the dataclass's fields

    def latest(self, url: str) -> ManifestRow | None:
        """The newest fetch of a public URL, from whichever host (real or mirror) served it.

        Keyed by the public URL, not the fetched one, so a mirror on a new port still gets a
        conditional request; a validator from another host simply does not match (200).
        """
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            found = conn.execute(
                "SELECT * FROM fetches WHERE url = ? ORDER BY id DESC LIMIT 1",
                (url,),
            ).fetchone()
        if found is None:
            return None
        values = dict(found)
        values.pop("id")
        return ManifestRow(**values)

    def rows(self) -> list[ManifestRow]:
        with closing(self._connect()) as conn:
            conn.row_factory = sqlite3.Row
            found = conn.execute("SELECT * FROM fetches ORDER BY id").fetchall()
        return [ManifestRow(**{k: row[k] for k in row.keys() if k != "id"}) for row in found]
