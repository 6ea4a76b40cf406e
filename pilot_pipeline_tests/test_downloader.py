"""The download resource against a real loopback HTTP server (no mocked requests)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pilot_pipeline.resources.downloader import DownloadError, SourceDownloader
from pilot_pipeline.sources.school_directory import URL as DIRECTORY_URL
from pilot_pipeline_dev import MIRROR_FILES_DIR
from pilot_pipeline_dev.mirror.server import Fault, MirrorServer

DIRECTORY_PATH = "www.cde.ca.gov/schooldirectory/report__rid=dl1&tp=txt"
DIRECTORY_BYTES = (MIRROR_FILES_DIR / DIRECTORY_PATH).read_bytes()


def archived_files(downloader: SourceDownloader) -> list[Path]:
    root = Path(downloader.archive_dir)
    return [p for p in root.glob("*/*") if p.parent.name != "tmp"]


def test_fetch_archives_by_sha256_with_manifest(downloader: SourceDownloader) -> None:
    raw = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert raw.sha256 == hashlib.sha256(DIRECTORY_BYTES).hexdigest()
    assert Path(raw.path).name == raw.sha256
    assert Path(raw.path).read_bytes() == DIRECTORY_BYTES
    row = downloader.manifest.latest(DIRECTORY_URL)
    assert row is not None and row.bytes == len(DIRECTORY_BYTES) and row.etag
    assert row.last_modified and row.url == DIRECTORY_URL and row.outcome == "downloaded"


def test_unchanged_file_costs_one_request_and_no_rewrite(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    first = downloader.fetch(DIRECTORY_URL, source="school_directory")
    mtime = Path(first.path).stat().st_mtime_ns
    second = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert second.outcome == "not_modified"
    assert second.sha256 == first.sha256
    assert mirror.state.statuses() == [200, 304]
    assert Path(second.path).stat().st_mtime_ns == mtime
    assert len(archived_files(downloader)) == 1


def test_503_then_200_is_retried(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, Fault("status", status=503), Fault("status", status=502))
    raw = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert raw.bytes == len(DIRECTORY_BYTES)
    assert mirror.state.statuses() == [503, 502, 200]


def test_persistent_503_fails_naming_the_url(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, *[Fault("status", status=503)] * 10)
    with pytest.raises(DownloadError, match="schooldirectory/report.*HTTP 503"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert archived_files(downloader) == []


def test_404_is_not_retried(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    url = "https://www3.cde.ca.gov/demo-downloads/acgr/acgr99.txt"
    with pytest.raises(DownloadError, match="acgr99.txt: HTTP 404"):
        downloader.fetch(url, source="acgr")
    assert mirror.state.statuses() == [404]


def test_timeout_then_success(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, Fault("stall", seconds=1.0))
    raw = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert raw.bytes == len(DIRECTORY_BYTES)


def test_timeouts_exhaust_retries_with_clear_error(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, *[Fault("stall", seconds=1.0)] * 10)
    with pytest.raises(DownloadError, match=r"schooldirectory/report.*(attempts|timed out)"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")


@pytest.mark.parametrize("kind", ["truncate", "reset", "lying_length"])
def test_short_body_is_refused_then_retried(
    downloader: SourceDownloader, mirror: MirrorServer, kind: str
) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, *[Fault(kind, keep=1000)] * 10)
    with pytest.raises(DownloadError, match="schooldirectory/report"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert archived_files(downloader) == []
    assert list((Path(downloader.archive_dir) / "tmp").glob("*")) == []
    mirror.state.faults.clear()
    assert downloader.fetch(DIRECTORY_URL, source="school_directory").bytes == len(DIRECTORY_BYTES)


def test_truncated_once_recovers_on_retry(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, Fault("truncate", keep=500))
    raw = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert raw.sha256 == hashlib.sha256(DIRECTORY_BYTES).hexdigest()


@pytest.mark.parametrize("kind", ["html", "redirect_html"])
def test_html_page_is_refused(
    downloader: SourceDownloader, mirror: MirrorServer, kind: str
) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, Fault(kind))
    with pytest.raises(DownloadError, match="schooldirectory/report.*HTML"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert archived_files(downloader) == []


def test_html_served_as_text_is_refused(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.serve_bytes(
        DIRECTORY_PATH, b"\n  <!DOCTYPE html><html><body>captcha</body></html>"
    )
    with pytest.raises(DownloadError, match="HTML page"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")


def test_empty_body_is_refused(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.add_fault(DIRECTORY_PATH, Fault("empty"))
    with pytest.raises(DownloadError, match="schooldirectory/report.*empty body"):
        downloader.fetch(DIRECTORY_URL, source="school_directory")


def test_changed_etag_same_bytes_is_unchanged(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    first = downloader.fetch(DIRECTORY_URL, source="school_directory")
    mirror.state.add_fault(DIRECTORY_PATH, Fault("etag"))
    second = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert second.outcome == "unchanged" and second.sha256 == first.sha256
    assert len(archived_files(downloader)) == 1


def test_changed_file_is_downloaded_again(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    first = downloader.fetch(DIRECTORY_URL, source="school_directory")
    mirror.state.serve_bytes(DIRECTORY_PATH, DIRECTORY_BYTES + b"")
    mirror.state.serve_bytes(
        DIRECTORY_PATH, DIRECTORY_BYTES.replace(b"Active", b"Active", 1) + b"\n"
    )
    second = downloader.fetch(DIRECTORY_URL, source="school_directory")
    assert second.outcome == "downloaded" and second.sha256 != first.sha256
    assert len(archived_files(downloader)) == 2


def test_hosts_outside_the_allow_list_are_refused(downloader: SourceDownloader) -> None:
    with pytest.raises(DownloadError, match="not in the allow-list"):
        downloader.fetch("https://evil.example.com/acgr22.txt", source="acgr")


def test_mirror_url_keeps_host_and_query(downloader: SourceDownloader) -> None:
    fetched = downloader.resolve(DIRECTORY_URL)
    assert fetched.endswith("/www.cde.ca.gov/schooldirectory/report?rid=dl1&tp=txt")


def test_real_urls_are_the_default() -> None:
    assert SourceDownloader().resolve(DIRECTORY_URL) == DIRECTORY_URL


def test_user_agent_is_browser_like(downloader: SourceDownloader) -> None:
    assert downloader.user_agent.startswith("Mozilla/5.0")


def test_mirror_on_a_new_port_still_answers_304(downloader: SourceDownloader) -> None:
    first = downloader.fetch(DIRECTORY_URL, source="school_directory")
    with MirrorServer() as other:
        moved = downloader.model_copy(update={"mirror": other.url})
        second = moved.fetch(DIRECTORY_URL, source="school_directory")
        assert other.state.statuses() == [304]
    assert second.outcome == "not_modified" and second.sha256 == first.sha256
