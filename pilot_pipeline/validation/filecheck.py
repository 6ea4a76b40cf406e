"""Parse and validate one file as the pipeline does: the staging assets and the file probe
share this, so an operator's probe verdict is the nightly run's verdict."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import pandas as pd

from pilot_pipeline.sources.base import (
    ParseContext,
    SourceError,
    observing_layouts,
    quarantining_malformed,
)

from .resource import GreatExpectationsResource
from .runner import (
    ValidationReport,
    drift_outcome,
    malformed_outcomes,
    parse_failure,
    validate_frame,
)
from .suites import layout_of, suite_for

Parser = Callable[[bytes, ParseContext], pd.DataFrame]
# School rows and district rows from one read: statewide files are too big to parse twice.
LevelsParser = Callable[[bytes, ParseContext], tuple[pd.DataFrame, pd.DataFrame]]


def validate_file(
    gx: GreatExpectationsResource,
    data: bytes,
    ctx: ParseContext,
    parse: Parser,
    levels_parse: LevelsParser | None = None,
    *,
    previous_rows: int = 0,
    directory_codes: Callable[[], Sequence[str]] | None = None,
) -> tuple[ValidationReport, float]:
    """Parse `data` and run its suite; (report, parse seconds). A parser error becomes a
    failed `file_parses` report; every header seen feeds the `layout_drift` outcome; a cell
    that is not a number quarantines its row (`numbers_well_formed`).
    `directory_codes` is called only when the suite checks schools against the directory."""
    started = time.perf_counter()
    try:
        layout = layout_of(ctx.source, data, ctx.file_label)
    except SourceError:
        layout = None  # the parser reports the layout problem below, naming the columns
    spec = suite_for(ctx.source, layout)
    district = None
    try:
        with observing_layouts() as layouts, quarantining_malformed() as malformed:
            if levels_parse and spec.district_sums:
                frame, district = levels_parse(data, ctx)
            else:
                frame = parse(data, ctx)
    except SourceError as exc:
        return parse_failure(exc, spec, ctx.file_label), time.perf_counter() - started
    parse_seconds = time.perf_counter() - started
    check_started = time.perf_counter()
    codes = directory_codes() if spec.in_directory and directory_codes else None
    report = validate_frame(
        gx,
        frame,
        spec,
        ctx.file_label,
        previous_rows=previous_rows,
        directory_codes=codes,
        district=district,
    )
    report.seconds = time.perf_counter() - check_started  # the directory read too
    report.layouts = layouts
    report.outcomes.extend(malformed_outcomes(malformed, frame))
    if layouts:
        report.outcomes.insert(0, drift_outcome(layouts))
    return report, parse_seconds
