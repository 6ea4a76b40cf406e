"""Validate one parsed staging frame with its suite; return per-expectation outcomes and rows.

`validate_frame` prepares a validation view of the frame (pandas-3 `str` columns as `string`,
the derived rate-gap columns), runs the suite through GX, runs the district-total suite over
`district_comparison`, and returns a `ValidationReport`: one `Outcome` per expectation (with the
positions of its failing rows) grouped by Dagster check. `parse_failure` turns a parser's
`SourceError` into the same report shape, attributed to the check it is about.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pilot_pipeline.sources.base import LayoutMatch, MalformedCell
from pilot_pipeline.sources.expectations import SuiteSpec

from .resource import GreatExpectationsResource
from .spec import (
    CHECKS,
    CRITICAL,
    MIN_ROW_RATIO,
    PROVENANCE,
    WARNING,
    build_district_suite,
    build_suite,
    check_groups,
    directory_column,
    range_column,
    rate_gap_column,
)


@dataclass
class Outcome:
    """One expectation's result (or one parse error) for one file."""

    check: str
    expectation: str
    column: str | None
    success: bool
    severity: str
    row_level: bool
    unexpected_count: int = 0
    unexpected_percent: float = 0.0
    observed: object = None
    rows: list[int] = field(default_factory=list)  # positions in the staged frame
    values: list[object] = field(default_factory=list)  # partial list of failing values
    detail: str = ""  # parser message or GX exception


@dataclass
class ValidationReport:
    spec: SuiteSpec
    file_label: str
    outcomes: list[Outcome]
    seconds: float = 0.0
    parsed: bool = True
    frame: pd.DataFrame | None = None  # the parsed frame (None when the parse failed)
    district: pd.DataFrame | None = None  # the district comparison frame
    layouts: list[LayoutMatch] = field(default_factory=list)  # every header the parse matched
    failure_cause: Exception | None = None  # the parser's error, when the parse failed
    previous_rows: int = 0  # rows of the previous load of the partition (the row-count guard)

    def by_check(self, check: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.check == check]

    @property
    def file_rejected(self) -> bool:
        """A critical failure of a file-level check: nothing of this file is staged."""
        return not self.parsed or any(
            not o.success and o.severity == CRITICAL and CHECKS[o.check].file_level
            for o in self.outcomes
        )

    def quarantined_positions(self) -> list[int]:
        """Rows failing a critical row-level expectation: quarantined, never staged."""
        rows = {
            r
            for o in self.outcomes
            if not o.success and o.row_level and o.severity == CRITICAL
            for r in o.rows
        }
        return sorted(rows)


def _float64(series: pd.Series) -> pd.Series | np.ndarray:
    """A numeric column as numpy float64, NULL as NaN (GX checks those vectorised); any other
    column as it is, so a wrongly typed one still fails its range check value by value."""
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return series


def _in_directory(cds: pd.Series, codes: Sequence[str]) -> pd.Series:
    """Per row: is the code listed (NA for a NULL code, which `cds_code_format` reports).
    Without a loaded directory nothing can be said, so every code counts as listed."""
    listed = cds.isin(codes) if codes else pd.Series(True, index=cds.index)
    return listed.astype("boolean").mask(cds.isna())


def _view(
    frame: pd.DataFrame, spec: SuiteSpec, directory_codes: Sequence[str] = ()
) -> pd.DataFrame:
    """The frame GX sees: positional index, provenance dropped, text as `string`, rate gaps,
    numpy copies of the counts and rates for the range checks and the directory flag added."""
    view = frame.reset_index(drop=True).drop(columns=list(PROVENANCE), errors="ignore")
    view = view.assign(
        **{c: view[c].astype("string") for c in view.columns if view[c].dtype == "str"}
    )
    derived: dict[str, object] = {}
    for rule in spec.rate_rules:
        if {rule.rate, rule.count, rule.denominator} <= set(view.columns):
            den = view[rule.denominator].astype("Float64")
            exact = 100 * view[rule.count].astype("Float64") / den.where(den > 0)
            gap = (view[rule.rate].astype("Float64") - exact).abs()
            derived[rate_gap_column(rule.rate)] = _float64(gap)
        else:
            derived[rate_gap_column(rule.rate)] = np.full(len(view), np.nan)
    for column in [*spec.counts, *spec.rates]:
        if column in view.columns:
            derived[range_column(column)] = _float64(view[column])
    if spec.in_directory and "cds_code" in view.columns:
        derived[directory_column()] = _in_directory(view["cds_code"], directory_codes)
    return view.assign(**derived)


def district_comparison(
    frame: pd.DataFrame, district: pd.DataFrame, spec: SuiteSpec
) -> pd.DataFrame:
    """Per district, group key and measure: the sum of the school rows and the district row."""
    columns = ["district", "key", "measure", "school_sum", "district_value"]
    measures = [m for m in spec.district_sums if m in frame.columns and m in district.columns]
    if frame.empty or district.empty or not measures:
        return pd.DataFrame(columns=columns)
    keys = [k for k in spec.key if k != "cds_code"]
    schools = frame.assign(district=frame["cds_code"].str[:7])
    sums = schools.groupby(["district", *keys], dropna=False)[measures].sum(min_count=1)
    totals = district.assign(district=district["cds_code"].str[:7])
    totals = totals.groupby(["district", *keys], dropna=False)[measures].first()
    joined = sums.join(totals, rsuffix="__district", how="inner").reset_index()
    # Built once, column-wise: a row-wise join per measure dominated the statewide staging.
    key = pd.Series("all", index=joined.index, dtype="string")
    for position, k in enumerate(keys):
        part = joined[k].astype("string")
        key = part if position == 0 else key + " / " + part
    key = key.astype(str)  # the dtype the row-wise join produced
    district_code = joined["district"].astype("string")
    parts = [
        pd.DataFrame(
            {
                "district": district_code,
                "key": key,
                "measure": pd.Series(m, index=joined.index, dtype="string"),
                "school_sum": joined[m].astype("Float64"),
                "district_value": joined[f"{m}__district"].astype("Float64"),
            }
        )
        for m in measures
    ]
    return pd.concat(parts, ignore_index=True)


def _outcome(result: Any) -> Outcome:
    config = result.expectation_config
    meta = config.meta or {}
    res = result.result or {}
    info = result.exception_info or {}
    raised = info.get("raised_exception") if isinstance(info, dict) else False
    return Outcome(
        check=str(meta["check"]),
        expectation=config.type,
        column=meta.get("column"),
        success=bool(result.success),
        severity=config.severity.value,
        row_level=bool(meta.get("row_level")),
        unexpected_count=int(res.get("unexpected_count") or 0),
        unexpected_percent=float(res.get("unexpected_percent") or 0.0),
        observed=res.get("observed_value"),
        rows=[int(i) for i in res.get("unexpected_index_list") or []],
        values=list(res.get("partial_unexpected_list") or [])[:20],
        detail=str(info.get("exception_message", "")) if raised else "",
    )


def validate_frame(
    gx_resource: GreatExpectationsResource,
    frame: pd.DataFrame,
    spec: SuiteSpec,
    file_label: str,
    *,
    previous_rows: int = 0,
    directory_codes: Sequence[str] | None = None,
    district: pd.DataFrame | None = None,
) -> ValidationReport:
    """Run the suite of `spec` on `frame` (and the district-total suite when it has one)."""
    started = time.perf_counter()
    codes = list(directory_codes) if directory_codes else []
    view = _view(frame, spec, codes)
    parameters = {"min_row_count": math.ceil(previous_rows * MIN_ROW_RATIO)}
    result = gx_resource.validate(view, build_suite(spec), parameters)
    outcomes = [_outcome(r) for r in result.results]
    for o in outcomes:
        if o.check != "schools_in_directory":
            continue
        if not codes:
            o.detail = "the directory is not loaded yet: not evaluated"
        elif o.rows and "cds_code" in frame.columns:  # the codes, not the flag's False
            o.values = frame["cds_code"].iloc[o.rows[:20]].tolist()
    comparison = None
    if spec.district_sums and district is not None:
        comparison = district_comparison(frame, district, spec)
        if not comparison.empty:
            checked = gx_resource.validate(comparison, build_district_suite(spec))
            outcomes += [_outcome(r) for r in checked.results]
    order = {g.name: i for i, g in enumerate(check_groups(spec))}
    outcomes.sort(key=lambda o: order.get(o.check, len(order)))
    return ValidationReport(
        spec,
        file_label,
        outcomes,
        time.perf_counter() - started,
        frame=frame,
        district=comparison,
        previous_rows=previous_rows,
    )


def drift_outcome(matches: Sequence[LayoutMatch]) -> Outcome:
    """The `layout_drift` result of one parse: WARN naming each new column with sample values;
    passed (with the parser's notes, e.g. a year check it could not run) when there is none."""
    extra = {c: m.samples.get(c, []) for m in matches for c in m.extra}
    notes = list(dict.fromkeys(n for m in matches for n in m.notes))
    layouts = ", ".join(dict.fromkeys(m.layout.name for m in matches))
    if not extra:
        detail = f"layout {layouts}" + (f"; {'; '.join(notes)}" if notes else "")
        return Outcome("layout_drift", "layout_drift", None, True, WARNING, False, detail=detail)
    label = matches[0].file_label
    named = "; ".join(
        f"'{c}' (e.g. {', '.join(map(repr, v)) or 'no values'})" for c, v in extra.items()
    )
    return Outcome(
        "layout_drift",
        "layout_drift",
        ", ".join(extra),
        False,
        WARNING,
        False,
        unexpected_count=len(extra),
        observed={"layout": layouts, "new_columns": extra},
        values=list(extra),
        detail=f"{label}: {len(extra)} new column(s) beyond layout {layouts}, loaded without "
        f"them and kept in the raw archive: {named}",
    )


def malformed_outcomes(cells: Sequence[MalformedCell], frame: pd.DataFrame) -> list[Outcome]:
    """The `numbers_well_formed` result of one parse: per staging column, the staged rows whose
    cell was not a number (quarantined), each quoted as the file has it. A refused cell on a row
    the parser did not stage (another district, a district total) costs nothing."""
    if not cells or "source_line" not in frame.columns:
        return []
    position = {int(line): pos for pos, line in enumerate(frame["source_line"]) if pd.notna(line)}
    by_target: dict[str, list[MalformedCell]] = {}
    for cell in cells:
        if cell.source_line in position:
            by_target.setdefault(cell.target, []).append(cell)
    outcomes = []
    for target, found in by_target.items():
        outcomes.append(
            Outcome(
                "numbers_well_formed",
                "numbers_well_formed",
                target,
                False,
                CRITICAL,
                True,
                unexpected_count=len(found),
                unexpected_percent=100 * len(found) / max(len(frame), 1),
                rows=[position[c.source_line] for c in found],
                values=[c.cell for c in found],
                detail="; ".join(c.message for c in found[:5])
                + (f"; and {len(found) - 5} more" if len(found) > 5 else ""),
            )
        )
    return outcomes


_COLUMN = re.compile(r"column '([^']+)'")
_MISSING = re.compile(r"missing columns (\[[^\]]*\])")


def parse_failure(exc: Exception, spec: SuiteSpec, file_label: str) -> ValidationReport:
    """A parser's error as a failed `file_parses` check, plus the check it is about."""
    message = str(exc)
    if file_label not in message:
        message = f"{file_label}: {message}"
    column = m.group(1) if (m := _COLUMN.search(message)) else None
    if "unknown layout" in message or "duplicated header" in message:
        about = "expected_columns_and_types"
        column = m.group(1) if (m := _MISSING.search(message)) else column
    elif "student-group code" in message or "unknown grade" in message:
        about = "codes_in_known_sets"
    elif "twice" in message or "more than once" in message or "repeat" in message:
        about, column = "key_unique", ", ".join(spec.key)
    elif "non-numeric" in message or "non-integer" in message:
        about = "expected_columns_and_types"
    else:
        about = "file_parses"
    checks = ["file_parses"] + ([about] if about != "file_parses" else [])
    outcomes = [Outcome(c, "parse", column, False, CRITICAL, False, detail=message) for c in checks]
    return ValidationReport(spec, file_label, outcomes, parsed=False, failure_cause=exc)


__all__ = ["CRITICAL", "WARNING", "Outcome", "ValidationReport", "parse_failure", "validate_frame"]
