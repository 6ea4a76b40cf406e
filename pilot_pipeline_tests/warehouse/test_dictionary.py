"""docs/data_dictionary.md is generated from sql/: the committed file must be current."""

from __future__ import annotations

from pathlib import Path

from pilot_pipeline import REPO_DIR
from pilot_pipeline.dictionary import main

COMMITTED = REPO_DIR / "docs" / "data_dictionary.md"


def test_committed_dictionary_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "data_dictionary.md"
    main([str(fresh)])
    text = fresh.read_text(encoding="utf-8")
    for view in ("bi.vw_pilot_graduation", "bi.vw_pilot_demographics", "bi.vw_school_pilot_status"):
        assert f"### `{view}`" in text
    assert "Grain: one row per cohort year x comparison_group x student group" in text
    assert text == COMMITTED.read_text(encoding="utf-8"), (
        "docs/data_dictionary.md is stale: run `make docs` and commit the result"
    )
