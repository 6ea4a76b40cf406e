"""The GX resource: telemetry off, no network, and the runner's results on a small frame."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator

import pandas as pd
import pytest

from pilot_pipeline.sources.base import SourceError
from pilot_pipeline.sources.expectations import RateRule, SuiteSpec
from pilot_pipeline.validation.resource import GreatExpectationsResource, ephemeral_context
from pilot_pipeline.validation.runner import parse_failure, validate_frame

_connects: list[object] = []
_recording = False


def _audit(event: str, args: tuple) -> None:
    # Audit hooks cannot be removed; this one only records while a test asks it to.
    if _recording and event == "socket.connect":
        _connects.append(args[1])


sys.addaudithook(_audit)


@pytest.fixture
def connects() -> Iterator[list[object]]:
    global _recording
    _connects.clear()
    _recording = True
    try:
        yield _connects
    finally:
        _recording = False


SPEC = SuiteSpec(
    source="toy",
    layout=None,
    columns={
        "cds_code": "text",
        "n": "int",
        "d": "int",
        "rate": "float",
        "source_line": "int",
    },
    key=("cds_code",),
    counts=("n", "d"),
    rates=("rate",),
    rate_rules=(RateRule("rate", "n", "d"),),
    in_directory=False,
)


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cds_code": pd.array(["19647330000001", "1964733000000X", "19647330000003"], "string"),
            "n": pd.array([5, -1, 3], "Int64"),
            "d": pd.array([10, 10, 4], "Int64"),
            "rate": pd.array([50.0, 0.0, 60.0], "Float64"),
            "source_line": [2, 3, 4],
        }
    )


def test_context_has_analytics_off_and_validation_makes_no_network_call(
    connects: list[object],
) -> None:
    context = ephemeral_context()
    assert context.variables.config.analytics_enabled is False
    report = validate_frame(GreatExpectationsResource(), frame(), SPEC, "toy.txt")
    assert report.outcomes
    probe = socket.socket()  # proves the hook records: a refused loopback connect
    probe.settimeout(0.2)
    with pytest.raises(OSError):
        probe.connect(("127.0.0.1", 9))
    probe.close()
    assert connects == [("127.0.0.1", 9)]


def test_runner_finds_the_failing_rows_by_check() -> None:
    report = validate_frame(GreatExpectationsResource(), frame(), SPEC, "toy.txt")
    failed = {o.check: o for o in report.outcomes if not o.success}
    assert set(failed) == {"cds_code_format", "counts_non_negative", "rates_consistent_with_counts"}
    assert failed["cds_code_format"].rows == [1]
    assert failed["counts_non_negative"].rows == [1]
    assert failed["rates_consistent_with_counts"].rows == [1, 2]  # -10 % and 75 % vs 0 and 60
    assert report.quarantined_positions() == [1, 2]
    assert not report.file_rejected


def test_parse_error_is_attributed_to_its_check() -> None:
    error = SourceError("toy.txt: column 'ReportingCategory': unmapped student-group codes ['ZZ']")
    report = parse_failure(error, SPEC, "toy.txt")
    assert {o.check for o in report.outcomes} == {"file_parses", "codes_in_known_sets"}
    assert report.file_rejected
    assert {o.column for o in report.outcomes} == {"ReportingCategory"}
