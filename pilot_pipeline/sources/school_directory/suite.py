"""The CDE school directory: one row per CDS code; it is the reference, so no directory check."""

from pilot_pipeline.sources.expectations import SuiteSpec

TEXT = (
    "cds_code", "nces_district_id", "nces_school_id", "status_type", "county_name",
    "district_name", "school_name", "street", "city", "zip", "phone", "website",
    "charter_number", "funding_type", "doc_code", "doc_type", "soc_code", "soc_type",
    "edops_code", "edops_name", "eil_code", "eil_name", "grade_span_offered",
    "grade_span_served", "is_virtual",
)  # fmt: skip

SUITES = (
    SuiteSpec(
        source="cde_school_directory",
        columns={
            **dict.fromkeys(TEXT, "text"),
            "open_date": "date",
            "closed_date": "date",
            "is_charter": "bool",
            "is_magnet": "bool",
            "latitude": "float",
            "longitude": "float",
            "last_updated": "date",
            "source_line": "int",
            "source_file_sha256": "text",
        },
        key=("cds_code",),
        code_sets={"status_type": frozenset({"Active", "Closed", "Merged", "Pending"})},
        in_directory=False,
    ),
)
