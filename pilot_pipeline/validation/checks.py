"""Great Expectations results as Dagster asset checks, and the quarantine rows they imply.

Each staging asset declares one `AssetCheckSpec` per check group of its suite (`check_specs`);
ERROR-severity groups are blocking, so a failure stops the warehouse facts downstream in the
same run. `check_results` turns a `ValidationReport` into those checks' results, with the
failing count and percent and a markdown sample of failing rows with their file lines.
Schema drift of the staged tables: `checks/schema_drift.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence

import dagster as dg
import pandas as pd

from pilot_pipeline.validation.runner import CRITICAL, Outcome, ValidationReport
from pilot_pipeline.validation.spec import (
    CHECKS,
    MIN_ROW_RATIO,
    CheckGroup,
    check_groups,
    group_severity,
)
from pilot_pipeline.validation.suites import suites

SAMPLE_ROWS = 10
_SEVERITY = {CRITICAL: dg.AssetCheckSeverity.ERROR}


def groups_of(source: str) -> list[CheckGroup]:
    """The check groups of every suite of a source, in the order of `CHECKS`."""
    names = {g.name for spec in suites(source) for g in check_groups(spec)}
    return [g for name, g in CHECKS.items() if name in names]


def check_specs(source: str, asset_key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    """One check per group; blocking when the suite gives the group ERROR severity."""
    specs = []
    for group in groups_of(source):
        critical = any(group_severity(s, group.name) == CRITICAL for s in suites(source))
        level = "ERROR, blocking" if critical else "WARN"
        specs.append(
            dg.AssetCheckSpec(
                name=group.name,
                asset=asset_key,
                description=f"{group.description} ({level}; Great Expectations suite `{source}`)",
                blocking=critical,
            )
        )
    return specs


def _message(o: Outcome, report: ValidationReport) -> str:
    if o.detail and not o.expectation.startswith("expect_"):
        # A parser error names the file and line; add the column when it does not.
        named = not o.column or o.column in o.detail
        return o.detail if named else f"{o.detail} (column '{o.column}')"
    where = f"{report.file_label}: column '{o.column}'" if o.column else report.file_label
    if o.detail:
        return f"{where}: {o.expectation} could not be evaluated: {o.detail}"
    if o.check == "row_count_not_collapsed":
        return (
            f"{where}: {o.observed} rows, previously {report.previous_rows}: fewer than "
            f"{MIN_ROW_RATIO:.0%} of the previous load ({o.expectation})"
        )
    if o.check == "expected_columns_and_types" and not o.rows:
        return f"{where}: {o.expectation} failed (observed {o.observed})"
    frame = report.district if o.check == "school_rows_within_district_total" else report.frame
    lines = _lines(frame, o.rows[:3])
    example = f"; e.g. line {lines[0]}: {o.values[0]!r}" if lines and o.values else ""
    return (
        f"{where}: {o.unexpected_count} rows ({o.unexpected_percent:.2f}%) fail "
        f"{o.expectation}{example}"
    )


def _lines(frame: pd.DataFrame | None, rows: Sequence[int]) -> list[object]:
    if frame is None or "source_line" not in frame.columns:
        return []
    return [frame["source_line"].iloc[r] for r in rows if r < len(frame)]


def _failing_value(o: Outcome, k: int, frame: pd.DataFrame, pos: int) -> str:
    # A refused number is NULL in the frame: the cell as the file has it is in the outcome.
    if o.check == "numbers_well_formed" and k < len(o.values):
        return str(o.values[k])
    return _value(frame, pos, o.column)


def _reason(o: Outcome, k: int) -> str:
    if o.check == "numbers_well_formed" and k < len(o.values):
        return f"{CHECKS[o.check].description} ({o.column}: not a number: {o.values[k]})"
    return f"{CHECKS[o.check].description} ({o.expectation} on {o.column})"


def _value(frame: pd.DataFrame, pos: int, column: str | None) -> str:
    names = [c.strip() for c in (column or "").split(",") if c.strip() in frame.columns]
    values = [frame[c].iloc[pos] for c in names]
    return " / ".join("NULL" if pd.isna(v) else str(v) for v in values)


def failing_rows_markdown(report: ValidationReport, outcomes: Iterable[Outcome]) -> str:
    """A few failing rows per expectation: file line, CDS code, key, column and value."""
    records = []
    for o in outcomes:
        if o.check == "school_rows_within_district_total" and report.district is not None:
            sample = report.district.iloc[o.rows[:SAMPLE_ROWS]]
            records += sample.assign(column=o.column).to_dict("records")
            continue
        frame = report.frame
        if frame is None:
            continue
        for pos in o.rows[:SAMPLE_ROWS]:
            row = {"source_line": frame["source_line"].iloc[pos]} if "source_line" in frame else {}
            row |= {k: frame[k].iloc[pos] for k in report.spec.key if k in frame.columns}
            row |= {"column": o.column, "value": _value(frame, pos, o.column)}
            records.append(row)
    return (
        pd.DataFrame(records).astype("string").fillna("NULL").to_markdown(index=False)
        if (records)
        else "_none_"
    )


def check_results(
    report: ValidationReport, groups: Sequence[CheckGroup], quarantined: int = 0
) -> list[dg.AssetCheckResult]:
    """One result per group present in `report` (a parse failure reports only its groups)."""
    results = []
    names = {o.check for o in report.outcomes}
    for group in groups:
        if group.name not in names:
            if report.parsed:
                results.append(_passed(group, report, "no expectation applies"))
            continue
        outcomes = report.by_check(group.name)
        failed = [o for o in outcomes if not o.success]
        if not failed:
            results.append(_passed(group, report, f"{len(outcomes)} expectations passed", outcomes))
            continue
        critical = any(o.severity == CRITICAL for o in failed)
        rows = {r for o in failed for r in o.rows}
        total = len(report.frame) if report.frame is not None else 0
        metadata: dict[str, object] = {
            "file": dg.MetadataValue.url(report.file_label),
            "suite": report.spec.name,
            "columns": ", ".join(dict.fromkeys(str(o.column) for o in failed)),
            "unexpected_count": len(rows) or max(o.unexpected_count for o in failed),
            "unexpected_percent": float(round(100 * len(rows) / total, 4)) if total else 0.0,
            "expectations": dg.MetadataValue.json([_summary(o) for o in failed]),
            "failing_rows": dg.MetadataValue.md(failing_rows_markdown(report, failed)),
        }
        if not group.file_level:
            metadata["quarantined_rows"] = quarantined if critical else 0
        results.append(
            dg.AssetCheckResult(
                check_name=group.name,
                passed=False,
                severity=_SEVERITY.get(CRITICAL if critical else "", dg.AssetCheckSeverity.WARN),
                description="; ".join(_message(o, report) for o in failed)[:4000],
                metadata=metadata,
            )
        )
    return results


def _summary(o: Outcome) -> dict[str, object]:
    return {
        "expectation": o.expectation,
        "column": o.column,
        "severity": o.severity,
        "unexpected_count": o.unexpected_count,
        "unexpected_percent": round(o.unexpected_percent, 4),
        "observed": json.loads(json.dumps(o.observed, default=str)),
        "sample_values": [str(v) for v in o.values[:5]],
    }


def _passed(
    group: CheckGroup, report: ValidationReport, text: str, outcomes: Sequence[Outcome] = ()
) -> dg.AssetCheckResult:
    notes = sorted({o.detail for o in outcomes if o.detail})
    return dg.AssetCheckResult(
        check_name=group.name,
        passed=True,
        description=f"{report.file_label}: {text}" + (f" ({'; '.join(notes)})" if notes else ""),
        metadata={
            "file": dg.MetadataValue.url(report.file_label),
            "suite": report.spec.name,
            "unexpected_count": 0,
            "unexpected_percent": 0.0,
            "validation_seconds": round(report.seconds, 3),
        },
    )


def quarantine_frame(
    report: ValidationReport, source: str, year_label: str, school_year: int | None, sha256: str
) -> pd.DataFrame:
    """One row per (frame row, failed critical row-level expectation), for quarantine."""
    frame = report.frame
    records = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for o in report.outcomes:
        if o.success or not o.row_level or o.severity != CRITICAL or frame is None:
            continue
        if not o.rows:
            continue
        rows_json = frame.iloc[o.rows].to_json(orient="records", lines=True).splitlines()
        lines = _lines(frame, o.rows)
        for k, pos in enumerate(o.rows):
            records.append(
                {
                    "source": source,
                    "school_year": school_year,
                    "school_year_label": year_label,
                    "file_label": report.file_label,
                    "source_file_sha256": sha256,
                    "source_line": int(lines[k]) if k < len(lines) else None,
                    "check_name": o.check,
                    "expectation": o.expectation,
                    "column_name": o.column,
                    "failing_value": _failing_value(o, k, frame, pos),
                    "reason": _reason(o, k),
                    "row_json": rows_json[k],
                    "quarantined_at": now,
                }
            )
    columns = [
        "source", "school_year", "school_year_label", "file_label", "source_file_sha256",
        "source_line", "check_name", "expectation", "column_name", "failing_value", "reason",
        "row_json", "quarantined_at",
    ]  # fmt: skip
    out = pd.DataFrame(records, columns=columns)
    out["school_year"] = out["school_year"].astype("Int64")
    out["source_line"] = out["source_line"].astype("Int64")
    return out
