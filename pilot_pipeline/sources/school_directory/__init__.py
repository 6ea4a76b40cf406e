"""CDE Public Schools and Districts directory (`pubschls.txt`).

One row per CDS code (district rows have school code 0000000), all statuses. A current
snapshot, not a per-year file: the same URL serves every school year. Missing values are the
literal `No Data`; dates are MM/DD/YYYY. The column set drifts between pulls (Email/AdmEmail,
Website/WebSite, Multilingual), so columns are chosen by name.
"""

from __future__ import annotations

import pandas as pd

from ..base import MISSING_SENTINELS, in_scope, parse_mdy, provenance, strip_text
from ..errors import SourceError
from ..layouts import Layout
from ..reading import read_delimited
from ..spec import ParseContext, SourceSpec

URL = "https://www.cde.ca.gov/schooldirectory/report?rid=dl1&tp=txt"

# The columns the pipeline uses; every known pull has them (WebSite was `Website` in older ones).
_REQUIRED = (
    "CDSCode", "NCESDist", "NCESSchool", "StatusType", "County", "District", "School",
    "Street", "City", "Zip", "State", "Phone", "OpenDate", "ClosedDate", "Charter",
    "CharterNum", "FundingType", "DOC", "DOCType", "SOC", "SOCType", "EdOpsCode",
    "EdOpsName", "EILCode", "EILName", "GSoffered", "GSserved", "Virtual", "Magnet",
    "Latitude", "Longitude", "LastUpDate",
)  # fmt: skip
_ADDRESS_EXTRAS = (
    "StreetAbr", "MailStreet", "MailStrAbr", "MailCity", "MailZip", "MailState", "Ext",
    "YearRoundYN", "FederalDFCDistrictID", "AdmFName", "AdmLName",
)  # fmt: skip

LAYOUTS = (
    # Real 2026 pull (46 columns), the sample mirror's file.
    Layout("pubschls_2026", (*_REQUIRED, *_ADDRESS_EXTRAS, "FaxNumber", "WebSite", "Multilingual")),
    # 2022-era pull: Email and AdmEmail, no Multilingual.
    Layout(
        "pubschls_2022",
        (*_REQUIRED, *_ADDRESS_EXTRAS, "FaxNumber", "Email", "WebSite", "AdmEmail"),
    ),
)  # fmt: skip

STATUS_TYPES = frozenset({"Active", "Closed", "Merged", "Pending"})

COLUMNS: dict[str, str] = {
    "cds_code": "14-digit CDS code (county 2 + district 5 + school 7), text",
    "nces_district_id": "NCES district id",
    "nces_school_id": "NCES school id",
    "status_type": "Active, Closed, Merged or Pending",
    "county_name": "County",
    "district_name": "District",
    "school_name": "School name as the directory spells it today (NULL on district rows)",
    "street": "Street address",
    "city": "City",
    "zip": "ZIP code",
    "phone": "Phone",
    "website": "Web site",
    "open_date": "Date opened",
    "closed_date": "Date closed (NULL while open)",
    "is_charter": "Charter school (NULL where unknown)",
    "charter_number": "Charter number",
    "funding_type": "Directly funded / Locally funded (charters)",
    "doc_code": "District ownership code",
    "doc_type": "District ownership type",
    "soc_code": "School ownership code (60 elementary, 62 middle, 66 high …)",
    "soc_type": "School ownership type",
    "edops_code": "Educational option code (TRAD, ALTSOC, CON …)",
    "edops_name": "Educational option name",
    "eil_code": "Educational instruction level code (ELEM, INTMIDJR, HS, ELEMHIGH …)",
    "eil_name": "Educational instruction level name",
    "grade_span_offered": "Grades offered, e.g. K-5",
    "grade_span_served": "Grades served, e.g. K-5",
    "is_virtual": "Virtual instruction code (N, C, P, V)",
    "is_magnet": "Magnet school",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "last_updated": "Date the directory row last changed",
}

_RENAME = {
    "CDSCode": "cds_code", "NCESDist": "nces_district_id", "NCESSchool": "nces_school_id",
    "StatusType": "status_type", "County": "county_name", "District": "district_name",
    "School": "school_name", "Street": "street", "City": "city", "Zip": "zip", "Phone": "phone",
    "WebSite": "website", "CharterNum": "charter_number", "FundingType": "funding_type",
    "DOC": "doc_code", "DOCType": "doc_type", "SOC": "soc_code", "SOCType": "soc_type",
    "EdOpsCode": "edops_code", "EdOpsName": "edops_name", "EILCode": "eil_code",
    "EILName": "eil_name", "GSoffered": "grade_span_offered", "GSserved": "grade_span_served",
    "Virtual": "is_virtual",
}  # fmt: skip


def _yes_no(series: pd.Series) -> pd.Series:
    text = strip_text(series)
    return text.map({"Y": True, "N": False}).astype("boolean")


def parse(data: bytes, ctx: ParseContext) -> pd.DataFrame:
    """Directory bytes -> one row per CDS code in scope, typed, `No Data` -> NULL."""
    raw, _layout = read_delimited(data, ctx.file_label, LAYOUTS)
    text = raw.apply(lambda col: strip_text(col).mask(strip_text(col).isin(MISSING_SENTINELS)))
    bad = ~raw["CDSCode"].str.fullmatch(r"\d{14}")
    if bad.any():
        line = int(raw.loc[bad, "source_line"].iloc[0])
        value = raw.loc[bad, "CDSCode"].iloc[0]
        raise SourceError(
            f"{ctx.file_label}: column 'CDSCode', line {line}: {value!r} is not 14 digits"
        )
    unknown = ~text["StatusType"].isin(STATUS_TYPES)
    if unknown.any():
        line = int(raw.loc[unknown, "source_line"].iloc[0])
        raise SourceError(
            f"{ctx.file_label}: column 'StatusType', line {line}: unknown status "
            f"{raw.loc[unknown, 'StatusType'].iloc[0]!r}"
        )
    out = text[list(_RENAME)].rename(columns=_RENAME)
    try:
        out["open_date"] = parse_mdy(raw["OpenDate"])
        out["closed_date"] = parse_mdy(raw["ClosedDate"])
        out["last_updated"] = parse_mdy(raw["LastUpDate"])
    except ValueError as exc:
        raise SourceError(f"{ctx.file_label}: a date column is not MM/DD/YYYY: {exc}") from exc
    out["is_charter"] = _yes_no(raw["Charter"])
    out["is_magnet"] = _yes_no(raw["Magnet"])
    for column in ("Latitude", "Longitude"):
        out[column.lower()] = pd.to_numeric(text[column], errors="coerce").astype("Float64")
    out = out[list(COLUMNS)]
    out = out[in_scope(out["cds_code"], ctx.scope)].reset_index(drop=True)
    out["source_line"] = raw.loc[in_scope(raw["CDSCode"], ctx.scope), "source_line"].to_numpy()
    out["source_file_sha256"] = provenance(ctx, len(out))
    if out["cds_code"].duplicated().any():
        dup = out.loc[out["cds_code"].duplicated(), "cds_code"].iloc[0]
        raise SourceError(f"{ctx.file_label}: column 'CDSCode': duplicated code {dup}")
    return out


SOURCE = SourceSpec(
    name="school_directory", title="CDE Public Schools and Districts directory",
    urls={},  # not per year: see URL
    layouts=LAYOUTS, parse_file=parse, description=__doc__ or "", delivery="snapshot",
)  # fmt: skip
