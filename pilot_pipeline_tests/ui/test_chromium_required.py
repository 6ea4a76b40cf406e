"""A missing Chromium fails the UI test on CI and skips it, with the reason, elsewhere."""

from pathlib import Path

import pytest

from . import conftest


def test_missing_chromium_fails_on_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(
        pytest.fail.Exception, match="no-chromium.*missing.*on CI this is a failure"
    ):
        conftest.require_chromium()


def test_missing_chromium_skips_off_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(conftest, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium chromium-driver"):
        conftest.require_chromium()
