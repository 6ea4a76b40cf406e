"""The warehouse URL as errors and logs may show it: its password never, even misquoted.

A well-formed URL is rendered by SQLAlchemy with the password as `***`. A password holding an
unescaped `@` (`postgresql://pilot:Sup3r@cret@db:5432/w`) is split by SQLAlchemy at the first
`@`: its password becomes `Sup3r` and its host `cret@db`, which a driver then quotes in its
error ("failed to resolve host 'cret@db'"). Hand-written here because no library reads a URL
the way its writer meant it: the userinfo runs to the last `@` (a host never holds one), and
every piece of it that any reading could print is masked wherever it appears.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

from sqlalchemy.engine import make_url

MASK = "***"
_AUTHORITY = re.compile(r"^(?P<scheme>[^:/]+)://(?P<userinfo>.*)@(?P<rest>[^@]*)$", re.S)


def url_secrets(url: str) -> list[str]:
    """Every text that would reveal the password, longest first."""
    found: set[str] = set()
    if m := _AUTHORITY.match(url):
        _user, sep, password = m["userinfo"].partition(":")
        if sep and password:
            found |= {password, quote(password, safe=""), quote_plus(password)}
            found |= {p for p in password.split("@") if len(p) >= 3}
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - unparseable: the pieces found above are all there is
        parsed = None
    if parsed is not None:
        if parsed.password:
            found.add(str(parsed.password))
        if parsed.host and "@" in parsed.host:  # the tail of a misquoted password
            found.add(parsed.host.rpartition("@")[0])
    return sorted((s for s in found if s), key=len, reverse=True)


def safe_url(url: str) -> str:
    """The URL with its password as `***` (SQLAlchemy's rendering when it reads it right)."""
    m = _AUTHORITY.match(url)
    if not m or "@" not in m["userinfo"]:
        try:
            return make_url(url).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - not a URL SQLAlchemy reads: no password either
            return url if not m else f"{m['scheme']}://***@{m['rest']}"
    user, sep, _password = m["userinfo"].partition(":")
    return f"{m['scheme']}://{user}{':' + MASK if sep else ''}@{m['rest']}"


def mask_text(text: str, url: str) -> str:
    """`text` with the URL shown safely and every secret piece of it replaced by `***`."""
    text = text.replace(url, safe_url(url)) if url and url in text else text
    for secret in url_secrets(url):
        text = text.replace(secret, MASK)
    return text
