"""How a public URL maps to a file of a mirror: `<host>/<path>`, the query kept in the name.

The downloader asks a mirror for `https://www3.cde.ca.gov/a/b.txt` as
`<mirror>/www3.cde.ca.gov/a/b.txt`; a mirror stores a query string as part of the file name
(`report?rid=dl1&tp=txt` is the file `report__rid=dl1&tp=txt`). The sample mirror
(`pilot_pipeline_dev/mirror/`) serves that layout.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

QUERY_SEPARATOR = "__"


def mirror_path_for(url_path_and_query: str) -> str:
    """'/host/a/b.txt?x=1' -> 'host/a/b.txt__x=1' (relative file path in the mirror)."""
    parts = urlsplit(url_path_and_query)
    path = unquote(parts.path).lstrip("/")
    return f"{path}{QUERY_SEPARATOR}{unquote(parts.query)}" if parts.query else path
