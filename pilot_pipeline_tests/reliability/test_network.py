"""Flaky hosts, against the real loopback mirror: every failure names the URL, and no partial
or wrong body is ever promoted into the raw archive or recorded in its manifest."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from pilot_pipeline.resources.downloader import DownloadError, SourceDownloader
from pilot_pipeline_dev.mirror.server import Fault, MirrorServer

from .support import ACGR_BYTES, ACGR_PATH, ACGR_URL, archive_state

ACGR_SHA = hashlib.sha256(ACGR_BYTES).hexdigest()
CHANGED = ACGR_BYTES + b"2020-21\tS\t19\t64733\t0000000\n"


def fetch(downloader: SourceDownloader):  # noqa: ANN201 - RawFile
    return downloader.fetch(ACGR_URL, source="acgr", school_year="2020-21")


def assert_nothing_promoted(downloader: SourceDownloader, before=None) -> None:  # noqa: ANN001
    state = archive_state(downloader)
    assert state.part_files == (), "a temporary .part file was left behind"
    if before is None:
        assert state.files == frozenset() and state.manifest_rows == 0
    else:
        assert state == before


@pytest.fixture
def fetched_once(downloader: SourceDownloader, mirror: MirrorServer):  # noqa: ANN201
    """A good first fetch, then the upstream file changes: the next fetch downloads again."""
    first = fetch(downloader)
    mirror.state.serve_bytes(ACGR_PATH, CHANGED)
    return first, archive_state(downloader)


def test_timeout_on_every_attempt_fails_naming_the_url(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    # urllib3 retries inside each of tenacity's attempts: up to 3 x 3 requests.
    mirror.state.add_fault(ACGR_PATH, *[Fault("stall", seconds=1.0)] * 20)
    started = time.monotonic()
    with pytest.raises(DownloadError, match=r"acgr21\.txt: gave up after 3 attempts.*timed out"):
        fetch(downloader)
    assert time.monotonic() - started < 15, "read_timeout must bound each attempt"
    assert_nothing_promoted(downloader)


def test_reset_mid_body_is_retried_and_the_whole_file_archived(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(ACGR_PATH, Fault("reset", keep=5000))
    raw = fetch(downloader)
    assert raw.sha256 == ACGR_SHA and Path(raw.path).read_bytes() == ACGR_BYTES
    assert mirror.state.statuses() == [200, 200]
    assert archive_state(downloader).manifest_rows == 1


def test_reset_on_every_attempt_keeps_the_previous_file(
    downloader: SourceDownloader, mirror: MirrorServer, fetched_once
) -> None:
    first, before = fetched_once
    mirror.state.add_fault(ACGR_PATH, *[Fault("reset", keep=5000)] * 3)
    with pytest.raises(DownloadError, match=r"acgr21\.txt: body broke off after \d+ bytes"):
        fetch(downloader)
    assert_nothing_promoted(downloader, before)
    assert Path(first.path).read_bytes() == ACGR_BYTES
    assert downloader.manifest.latest(ACGR_URL).sha256 == ACGR_SHA


def test_500_then_503_then_success(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.add_fault(ACGR_PATH, Fault("status", status=500), Fault("status", status=503))
    raw = fetch(downloader)
    assert mirror.state.statuses() == [500, 503, 200]
    assert raw.sha256 == ACGR_SHA and raw.outcome == "downloaded"
    assert archive_state(downloader).manifest_rows == 1


def test_404_fails_at_once_naming_the_url(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(ACGR_PATH, Fault("status", status=404))
    with pytest.raises(DownloadError, match=r"acgr/acgr21\.txt: HTTP 404"):
        fetch(downloader)
    assert mirror.state.statuses() == [404], "a 404 is not worth a retry"
    assert_nothing_promoted(downloader)


def test_403_bot_wall_fails_at_once_naming_the_url(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(ACGR_PATH, Fault("status", status=403))
    with pytest.raises(DownloadError, match=r"acgr/acgr21\.txt: HTTP 403"):
        fetch(downloader)
    assert mirror.state.statuses() == [403]
    assert_nothing_promoted(downloader)


def test_303_redirect_to_an_html_challenge_is_refused(
    downloader: SourceDownloader, mirror: MirrorServer, fetched_once
) -> None:
    _, before = fetched_once
    mirror.state.add_fault(ACGR_PATH, Fault("redirect_html"))
    with pytest.raises(DownloadError, match=r"acgr21\.txt: got an HTML page"):
        fetch(downloader)
    assert mirror.state.statuses()[-2:] == [303, 200]  # the challenge page itself was served
    assert_nothing_promoted(downloader, before)


def test_html_page_served_as_data_is_refused(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.serve_bytes(ACGR_PATH, b"\r\n <!DOCTYPE html><html><title>Denied</title></html>")
    with pytest.raises(DownloadError, match=r"acgr21\.txt: body is an HTML page"):
        fetch(downloader)
    assert_nothing_promoted(downloader)


def test_truncated_body_is_retried_then_never_promoted(
    downloader: SourceDownloader, mirror: MirrorServer, fetched_once
) -> None:
    _, before = fetched_once
    mirror.state.add_fault(ACGR_PATH, *[Fault("truncate", keep=20_000)] * 3)
    with pytest.raises(DownloadError, match=r"acgr21\.txt: .*(broke off|truncated)"):
        fetch(downloader)
    assert mirror.state.statuses()[-3:] == [200, 200, 200], "each short body was retried"
    assert_nothing_promoted(downloader, before)
    raw = fetch(downloader)  # the host recovers: the next run archives the new file whole
    assert Path(raw.path).read_bytes() == CHANGED


def test_lying_content_length_is_never_promoted(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    mirror.state.add_fault(ACGR_PATH, *[Fault("lying_length")] * 3)
    with pytest.raises(DownloadError, match=r"acgr21\.txt: "):
        fetch(downloader)
    assert_nothing_promoted(downloader)


def test_slow_drip_is_bounded_by_the_total_timeout(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    # One byte every 20 ms never trips the 0.5 s read timeout; the wall-clock bound must.
    bounded = downloader.model_copy(update={"total_timeout": 1.0})
    mirror.state.add_fault(ACGR_PATH, Fault("drip", seconds=0.02))
    started = time.monotonic()
    with pytest.raises(DownloadError, match=r"acgr21\.txt: body took longer than 1 s"):
        fetch(bounded)
    assert time.monotonic() - started < 5
    assert_nothing_promoted(bounded)


def test_empty_body_is_refused(downloader: SourceDownloader, mirror: MirrorServer) -> None:
    mirror.state.add_fault(ACGR_PATH, Fault("empty"))
    with pytest.raises(DownloadError, match=r"acgr21\.txt: empty body"):
        fetch(downloader)
    assert_nothing_promoted(downloader)


def test_changed_etag_with_identical_bytes_is_unchanged(
    downloader: SourceDownloader, mirror: MirrorServer
) -> None:
    first = fetch(downloader)
    mtime = Path(first.path).stat().st_mtime_ns
    mirror.state.add_fault(ACGR_PATH, Fault("etag"))
    second = fetch(downloader)
    assert second.outcome == "unchanged" and second.sha256 == first.sha256
    assert second.etag != first.etag, "the new ETag is recorded for the next conditional GET"
    state = archive_state(downloader)
    assert len(state.files - {"manifest.sqlite"}) == 1 and state.manifest_rows == 2
    assert Path(first.path).stat().st_mtime_ns == mtime, "the archived file was not rewritten"
