"""Downloads public files into a content-addressed raw archive.

Every fetch streams to a temporary file in the archive, hashing as it goes; only a complete,
verified body is renamed to `<archive>/<sha[:2]>/<sha256>` (so a crash or a full disk never
promotes a partial file), and a manifest row records url, time, ETag, Last-Modified, size and
hash. The newest row of a URL turns the next fetch into a conditional GET: an unchanged file
costs one request and no rewrite.

Retries: urllib3's `Retry` (connection errors, 429/5xx with backoff, Retry-After) for errors
before the body; tenacity around the whole fetch for failures mid-body (resets, truncation),
which urllib3 does not retry once streaming has begun.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import dagster as dg
import requests
from pydantic import Field
from requests.adapters import HTTPAdapter
from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)
from urllib3.exceptions import ProtocolError, ReadTimeoutError
from urllib3.util.retry import Retry

from .manifest import Manifest, ManifestRow

# CDE's hosts sit behind a bot manager that turns bare clients away.
BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Safari/537.36 pilot-pipeline/0.1 (+https://github.com/pilot-pipeline)"
)
PUBLIC_HOSTS = (
    "www.cde.ca.gov",
    "www3.cde.ca.gov",
    "dq.cde.ca.gov",
    "caaspp-elpac.ets.org",
    "opendata.lausd.org",
)
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<?xml version")


class DownloadError(RuntimeError):
    """A fetch that did not produce a trustworthy file; the message names the URL."""


class ArchiveAccessError(dg.Failure):
    """The raw archive or its manifest cannot be read or written (permissions, a read-only or
    corrupt file): a local fault that waiting will not cure, so Dagster does not retry it."""

    def __init__(self, message: str) -> None:
        super().__init__(description=message, allow_retries=False)


_LOCAL_ERRNOS = (errno.EACCES, errno.EPERM, errno.EROFS)


class _RetryableBodyError(DownloadError):
    """The body broke off: worth another attempt."""


@dataclass(frozen=True)
class RawFile:
    """A file in the raw archive, as handed from the raw assets to the staging assets."""

    source: str
    school_year: str | None
    url: str
    fetched_url: str
    path: str
    sha256: str
    bytes: int
    outcome: str  # downloaded | unchanged | not_modified
    etag: str | None
    last_modified: str | None
    fetched_at: str

    def read_bytes(self) -> bytes:
        return Path(self.path).read_bytes()

    @property
    def label(self) -> str:
        """How errors name this file: the public URL and the archived copy."""
        return f"{self.url} (sha256 {self.sha256[:12]})"


def _body_chunks(response: requests.Response, size: int = 1 << 20) -> Iterator[bytes]:
    """The body as it arrives: `read1` returns after one socket read, so a byte-a-second drip
    still yields and `total_timeout` can end it (`iter_content` waits for a full chunk)."""
    while chunk := response.raw.read1(size, decode_content=True):
        yield chunk


class SourceDownloader(dg.ConfigurableResource):
    """Fetches public files (or their sample-mirror copies) into the raw archive."""

    archive_dir: str = Field(default="data/raw", description="Folder of the raw archive.")
    mirror: str = Field(
        default="",
        description="Base URL of a mirror laid out as <host>/<path>; empty = the real hosts.",
    )
    user_agent: str = BROWSER_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = Field(default=60.0, description="Seconds of silence before giving up.")
    total_timeout: float = Field(default=1800.0, description="Wall seconds for one body.")
    retries: int = 4
    backoff_factor: float = 0.5
    max_bytes: int = 4 * 1024**3
    allowed_hosts: list[str] = Field(default_factory=lambda: list(PUBLIC_HOSTS))

    @property
    def manifest(self) -> Manifest:
        return Manifest(Path(self.archive_dir) / "manifest.sqlite")

    def resolve(self, url: str) -> str:
        """The URL actually requested: the public URL, or its copy on the mirror (laid out as
        `resources/mirror_layout.py` says)."""
        parts = urlsplit(url)
        if parts.hostname not in self.allowed_hosts:
            raise DownloadError(f"{url}: host {parts.hostname!r} is not in the allow-list")
        if not self.mirror:
            return url
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.mirror.rstrip('/')}/{parts.hostname}{parts.path}{query}"

    def _session(self) -> requests.Session:
        retry = Retry(
            total=self.retries,
            connect=self.retries,
            read=self.retries,
            status=self.retries,
            backoff_factor=self.backoff_factor,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers.update({"User-Agent": self.user_agent, "Accept": "*/*"})
        return session

    def fetch(self, url: str, *, source: str, school_year: str | None = None) -> RawFile:
        """Fetch `url` (through the mirror when configured) into the archive.

        Raises DownloadError naming the URL for an HTML page where data was expected, an empty
        body, a body shorter than its Content-Length, a 4xx, or 5xx/timeouts after the retries.
        """
        fetched_url = self.resolve(url)
        try:
            return self._fetch_retrying(url, fetched_url, source, school_year)
        except (sqlite3.Error, OSError) as exc:
            if isinstance(exc, OSError) and exc.errno not in _LOCAL_ERRNOS:
                raise
            manifest = Path(self.archive_dir) / "manifest.sqlite"
            raise ArchiveAccessError(
                f"{url}: the raw archive {self.archive_dir} (manifest {manifest}) cannot be "
                f"read or written: {type(exc).__name__}: {exc}. A local permission, read-only "
                "or corrupt file: not retried"
            ) from exc

    def _fetch_retrying(
        self, url: str, fetched_url: str, source: str, school_year: str | None
    ) -> RawFile:
        retrying = Retrying(
            retry=retry_if_exception_type(
                (_RetryableBodyError, requests.ConnectionError, requests.Timeout)
            ),
            stop=stop_after_attempt(self.retries + 1),
            wait=wait_exponential(multiplier=self.backoff_factor, max=30),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._fetch_once(url, fetched_url, source, school_year)
        except (requests.ConnectionError, requests.Timeout) as exc:
            raise DownloadError(f"{url}: gave up after {self.retries + 1} attempts: {exc}") from exc
        raise AssertionError("unreachable")

    def _fetch_once(
        self, url: str, fetched_url: str, source: str, school_year: str | None
    ) -> RawFile:
        previous = self.manifest.latest(url)
        if previous is not None and not self._archived(previous.sha256).exists():
            previous = None  # the archive was cleaned: fetch in full
        headers = {"Accept-Encoding": "identity"}
        if previous is not None and previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous is not None and previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
        with self._session() as session:
            response = session.get(
                fetched_url,
                headers=headers,
                stream=True,
                timeout=(self.connect_timeout, self.read_timeout),
            )
            with response:
                self._check_final_host(url, response)
                if response.status_code == 304 and previous is not None:
                    return self._record(previous, url, fetched_url, response, "not_modified")
                if response.status_code != 200:
                    raise DownloadError(
                        f"{url}: HTTP {response.status_code} from {fetched_url} "
                        f"(after {self.retries} retries for 5xx)"
                    )
                sha256, size = self._stream_to_archive(url, response)
        return self.record_archived(
            previous, source=source, school_year=school_year, url=url, fetched_url=fetched_url,
            http_status=200, sha256=sha256, size=size, etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )  # fmt: skip

    def record_archived(
        self,
        previous: ManifestRow | None,
        *,
        source: str,
        school_year: str | None,
        url: str,
        fetched_url: str,
        http_status: int,
        sha256: str,
        size: int,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> RawFile:
        """Log a file now in the archive under `sha256`; 'unchanged' when its bytes are those of
        the `previous` row of its URL."""
        unchanged = previous is not None and previous.sha256 == sha256
        row = ManifestRow(
            source=source,
            school_year=school_year,
            url=url,
            fetched_url=fetched_url,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            http_status=http_status,
            outcome="unchanged" if unchanged else "downloaded",
            etag=etag,
            last_modified=last_modified,
            bytes=size,
            sha256=sha256,
        )
        self.manifest.append(row)
        return self._raw_file(row)

    def _check_final_host(self, url: str, response: requests.Response) -> None:
        allowed = set(self.allowed_hosts)
        if self.mirror:
            allowed.add(urlsplit(self.mirror).hostname or "")
        host = urlsplit(response.url).hostname
        if host not in allowed:
            raise DownloadError(f"{url}: redirected to {response.url}, outside the allow-list")

    def _record(
        self,
        previous: ManifestRow,
        url: str,
        fetched_url: str,
        response: requests.Response,
        outcome: str,
    ) -> RawFile:
        row = ManifestRow(
            **{
                **previous.__dict__,
                "url": url,
                "fetched_url": fetched_url,
                "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "http_status": response.status_code,
                "outcome": outcome,
                "etag": response.headers.get("ETag", previous.etag),
            }
        )
        self.manifest.append(row)
        return self._raw_file(row)

    def _archived(self, sha256: str) -> Path:
        return Path(self.archive_dir) / sha256[:2] / sha256

    def _raw_file(self, row: ManifestRow) -> RawFile:
        return RawFile(
            source=row.source,
            school_year=row.school_year,
            url=row.url,
            fetched_url=row.fetched_url,
            path=str(self._archived(row.sha256).resolve()),
            sha256=row.sha256,
            bytes=row.bytes,
            outcome=row.outcome,
            etag=row.etag,
            last_modified=row.last_modified,
            fetched_at=row.fetched_at,
        )

    def _stream_to_archive(self, url: str, response: requests.Response) -> tuple[str, int]:
        content_type = response.headers.get("Content-Type", "").lower()
        if "text/html" in content_type:
            raise DownloadError(f"{url}: got an HTML page ({content_type}) where data was expected")
        declared = response.headers.get("Content-Length")
        encoded = response.headers.get("Content-Encoding", "identity") not in ("", "identity")
        tmp_dir = Path(self.archive_dir) / "tmp"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = tmp_dir / f"{os.getpid()}-{time.time_ns()}.part"
        digest = hashlib.sha256()
        size = 0
        started = time.monotonic()
        try:
            with tmp.open("wb") as handle:
                try:
                    for chunk in _body_chunks(response):
                        if size == 0 and chunk[:512].lstrip().lower().startswith(_HTML_MARKERS):
                            raise DownloadError(
                                f"{url}: body is an HTML page where data was expected"
                            )
                        size += len(chunk)
                        if size > self.max_bytes:
                            raise DownloadError(f"{url}: body exceeds {self.max_bytes} bytes")
                        if time.monotonic() - started > self.total_timeout:
                            raise DownloadError(
                                f"{url}: body took longer than {self.total_timeout:.0f} s"
                            )
                        digest.update(chunk)
                        handle.write(chunk)
                except (ProtocolError, ReadTimeoutError, ConnectionError) as exc:
                    raise _RetryableBodyError(
                        f"{url}: body broke off after {size} bytes: {exc}"
                    ) from exc
                except OSError as exc:  # a full disk or a file-size limit: name the URL
                    raise DownloadError(
                        f"{url}: cannot write to the raw archive after {size} bytes: {exc}"
                    ) from exc
                handle.flush()
                os.fsync(handle.fileno())
            if size == 0:
                raise DownloadError(f"{url}: empty body")
            if declared is not None and not encoded and size < int(declared):
                raise _RetryableBodyError(
                    f"{url}: truncated body: {size} bytes of the {declared} in Content-Length"
                )
            sha256 = digest.hexdigest()
            target = self._archived(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                tmp.unlink()  # content-addressed: the same bytes are already archived
            else:
                os.replace(tmp, target)
            return sha256, size
        finally:
            tmp.unlink(missing_ok=True)
