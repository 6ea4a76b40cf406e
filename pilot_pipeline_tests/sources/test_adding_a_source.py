"""docs/adding_a_source.md, followed: a toy source (one folder, its spec and its suite, outside
the package) is discovered, parses through the base hooks, validates against its suite and
feeds a fact, without an edit to any list in the package."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import pilot_pipeline.sources as sources_package
from pilot_pipeline.assets.facts import source_facts
from pilot_pipeline.assets.staging import build_staging_asset
from pilot_pipeline.sources import discovered_sources, source_named, yearly_sources
from pilot_pipeline.sources.base import LAUSD_DISTRICT_CDS, ParseContext
from pilot_pipeline.validation.filecheck import validate_file
from pilot_pipeline.validation.resource import GreatExpectationsResource
from pilot_pipeline.validation.suites import declared_suites, suites
from pilot_pipeline_dev.mirror.samples import generators

TOY = Path(__file__).parents[1] / "fixtures" / "toy_source"
HEADER = "AcademicYear\tAggregateLevel\tCountyCode\tDistrictCode\tSchoolCode\tStudents"


def _file(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows, ""]).encode()


GOOD = _file(
    "2021-22\tD\t19\t64733\t0000000\t30",
    "2021-22\tS\t19\t64733\t0100001\t10",
    "2021-22\tS\t19\t64733\t0100002\t*",
    "2021-22\tS\t01\t61119\t0100003\t99",  # another district: out of the default scope
)


@pytest.fixture
def toy_source(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The toy's folder copied to a temp path that joins the sources package's `__path__`, as
    a new folder in `pilot_pipeline/sources/` would be found."""
    shutil.copytree(TOY / "toy_counts", tmp_path / "toy_counts")
    monkeypatch.setattr(sources_package, "__path__", [*sources_package.__path__, str(tmp_path)])
    discovered_sources.cache_clear()
    suites.cache_clear()
    yield
    for name in ("pilot_pipeline.sources.toy_counts", "pilot_pipeline.sources.toy_counts.suite"):
        sys.modules.pop(name, None)
    discovered_sources.cache_clear()
    suites.cache_clear()


def _ctx() -> ParseContext:
    return ParseContext("toy_counts", "2021-22", "toy22.txt", "d" * 64)


@pytest.mark.usefixtures("toy_source")
def test_discovery_finds_the_new_module_and_its_suite() -> None:
    assert "toy_counts" in [spec.name for spec in yearly_sources()]
    assert [suite.name for suite in suites("toy_counts")] == ["toy_counts"]
    facts = {fact.table: fact for fact in source_facts(discovered_sources())}
    assert [load.source for load in facts["fct_toy_counts"].loads] == ["toy_counts"]
    asset = build_staging_asset(source_named("toy_counts"))
    assert {key.name for key in asset.check_keys} >= {"key_unique", "counts_non_negative"}


@pytest.mark.usefixtures("toy_source")
def test_the_base_hooks_parse_both_levels_from_one_read() -> None:
    spec = source_named("toy_counts")
    schools, districts = spec.parse_levels(GOOD, _ctx())
    assert schools["cds_code"].tolist() == ["19647330100001", "19647330100002"]
    assert schools["students"].tolist()[0] == 10 and schools["students_suppressed"].tolist() == [
        False,
        True,
    ]
    assert districts["cds_code"].tolist() == [LAUSD_DISTRICT_CDS]
    assert schools.equals(spec.parse(GOOD, _ctx()))
    assert districts.equals(spec.parse_district_totals(GOOD, _ctx()))


@pytest.mark.usefixtures("toy_source")
def test_its_suite_passes_a_good_file_and_catches_a_bad_one() -> None:
    spec = source_named("toy_counts")
    gx = GreatExpectationsResource()
    report, _ = validate_file(gx, GOOD, _ctx(), spec.parse, spec.parse_levels)
    assert report.parsed and report.spec.name == "toy_counts"
    assert [o.check for o in report.outcomes if not o.success] == []
    bad = _file(
        "2021-22\tD\t19\t64733\t0000000\t30",
        "2021-22\tS\t19\t64733\t0100001\t-1",
        "2021-22\tS\t19\t64733\t0100002\t40",
    )
    report, _ = validate_file(gx, bad, _ctx(), spec.parse, spec.parse_levels)
    failed = {o.check for o in report.outcomes if not o.success}
    assert {"counts_non_negative", "school_rows_within_district_total"} <= failed


def test_a_folder_without_a_spec_fails_discovery(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "half_added").mkdir()
    (tmp_path / "half_added" / "__init__.py").write_text('"""No SOURCE yet."""\n')
    monkeypatch.setattr(sources_package, "__path__", [*sources_package.__path__, str(tmp_path)])
    discovered_sources.cache_clear()
    try:
        with pytest.raises(TypeError, match="half_added declares no"):
            discovered_sources()
    finally:
        sys.modules.pop("pilot_pipeline.sources.half_added", None)
        discovered_sources.cache_clear()


def test_every_suite_sits_in_a_source_folder_and_names_a_staged_source() -> None:
    declared = declared_suites()
    staged = {spec.name for spec in discovered_sources()} | {"cde_school_directory"}
    assert {suite.source for suite in declared} <= staged
    assert suites("caaspp") == tuple(s for s in declared if s.source == "caaspp")


def test_the_sample_generators_are_found_by_source_name() -> None:
    # FRPM's mirror files are the real workbooks, so its sample module has no `generate()`.
    expected = {spec.name for spec in yearly_sources()} - {"frpm"}
    assert set(generators()) == expected
