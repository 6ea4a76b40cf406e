"""`python -m pilot_pipeline_tests.reliability`: run the suite, then print `N passed, M failed`.

Extra arguments go to pytest. Exit status is non-zero when any case failed or errored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


class OutcomeCounter:
    """A pytest plugin counting each case once: failed if its setup, call or teardown failed."""

    def __init__(self) -> None:
        self.passed: set[str] = set()
        self.failed: set[str] = set()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.failed.add(report.nodeid)
        elif report.passed and report.when == "call":
            self.passed.add(report.nodeid)


def main(argv: list[str]) -> int:
    counter = OutcomeCounter()
    code = pytest.main(["-q", str(Path(__file__).parent), *argv], plugins=[counter])
    passed = len(counter.passed - counter.failed)
    print(f"{passed} passed, {len(counter.failed)} failed", flush=True)
    return 1 if counter.failed or code not in (0, 5) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
