"""What a CAASPP research file is: its URLs, members, layouts, codes and staging columns."""

from __future__ import annotations

from pilot_pipeline.partitions import spring_year

from ..layouts import Layout
from ..urls import yearly_urls

_BASE = "https://caaspp-elpac.ets.org/caaspp/researchfiles/"
# No 2017-18 entry: its layout is accepted (quoted CSV, probe it by hand) but the reference
# (data_sources.md section 6) gives no 2017-18 URL, and URLs are never guessed.
URLS: dict[str, str] = yearly_urls(
    _BASE, "sb_ca{spring}_all_csv_v1.zip", (2019, *range(2021, 2026)),
    {"2018-19": "sb_ca2019_all_csv_v4.zip", "2020-21": "sb_ca2021_all_csv_v2.zip"},
)  # fmt: skip
ENTITIES_URLS: dict[str, str] = {
    year: f"{_BASE}sb_ca{spring_year(year)}entities_csv.zip" for year in URLS
}
DATA_MEMBER = r"sb_ca\d{4}_(?:all|1)_csv_v\d+\.txt"  # _1_: the All Students file
ENTITIES_MEMBER = r"sb_ca\d{4}entities_csv\.txt"

KEYS = ("County Code", "District Code", "School Code", "Test Year")
_RESULTS = (
    "Grade", "Test ID", "Students Enrolled", "Students Tested", "Mean Scale Score",
    "Percentage Standard Exceeded", "Percentage Standard Met",
    "Percentage Standard Met and Above", "Percentage Standard Nearly Met",
    "Percentage Standard Not Met",
)  # fmt: skip
_AREAS = tuple(
    f"Area {n} Percentage {level} Standard"
    for n in range(1, 5)
    for level in ("Above", "Near", "Below")
)
_COUNTS = tuple(
    f"Count Standard {level}"
    for level in ("Exceeded", "Met", "Met and Above", "Nearly Met", "Not Met")
)
_OPTIONAL = ("Filler", "Students with Scores", *_AREAS, *_COUNTS)
_GROUP_IDS = ("Student Group ID", "Test Type", "Total Tested at Reporting Level",
              "Total Tested with Scores at Reporting Level")  # fmt: skip
_SUBGROUP_IDS = ("Subgroup ID", "Test Type", "Total Tested at Entity Level",
                 "Total Tested with Scores")  # fmt: skip
LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "sb_student_group_type_id",  # 2020-21 on (real bytes 2020-21 .. 2022-23): 33 columns
        (*KEYS, *_GROUP_IDS, *_RESULTS, "Students with Scores", *_AREAS, "Type ID"),
        ("Filler", *_COUNTS),
    ),
    Layout(
        "sb_student_group",  # 2018-19 (CAST/SB record definitions): no Type ID
        (*KEYS, *_GROUP_IDS, *_RESULTS),
        _OPTIONAL,
    ),
    Layout(
        "sb_subgroup",  # 2017-18 and before: Subgroup ID, entity level; real 2017-18 is a
        # quoted comma CSV naming Students Enrolled `CAASPP Reported Enrollment`
        (*KEYS, *_SUBGROUP_IDS, *_RESULTS),
        _OPTIONAL,
        aliases={"Students Enrolled": ("CAASPP Reported Enrollment",)},
    ),
)  # fmt: skip
ENTITY_LAYOUTS: tuple[Layout, ...] = (
    Layout(
        "sb_entities",
        ("County Code", "District Code", "School Code", "Test Year", "Type ID", "County Name",
         "District Name", "School Name", "Zip Code"),
        ("Filler",),
    ),
)  # fmt: skip
SCHOOL_TYPE_IDS = frozenset({"07", "09", "10"})
DISTRICT_TYPE_ID = "06"

# Confirmed on CDE's demographics table but not kept by the warehouse.
IGNORED_GROUP_IDS = frozenset(
    {"006", "099", "111", "120", "142", "170", "090", "091", "092", "093", "094", "121"}
    | {f"{n:03d}" for n in range(200, 208)}
)
GRADES = {"03": "03", "04": "04", "05": "05", "06": "06", "07": "07", "08": "08", "11": "11",
          "13": "all"}  # fmt: skip
TESTS = {"1": "ela", "2": "math"}
MEASURES = {
    "Students Enrolled": "students_enrolled",
    "Students Tested": "students_tested",
    "Mean Scale Score": "mean_scale_score",
    "Percentage Standard Exceeded": "pct_exceeded",
    "Percentage Standard Met": "pct_met",
    "Percentage Standard Met and Above": "pct_met_and_above",
    "Percentage Standard Nearly Met": "pct_nearly_met",
    "Percentage Standard Not Met": "pct_not_met",
}
# Claim areas as published: `Area 2 Percentage Near Standard` -> area2_pct_near. All 12 are
# staged; the claim-area fact leaves out math area 4 (always 0.00, * or empty in real files).
AREA_MEASURES = {
    f"Area {n} Percentage {level} Standard": f"area{n}_pct_{level.lower()}"
    for n in range(1, 5)
    for level in ("Above", "Near", "Below")
}
COLUMNS: tuple[str, ...] = (
    "cds_code",
    "school_year",
    "student_group_code",
    "grade",
    "test",
    *(c for m in MEASURES.values() for c in (m, f"{m}_suppressed")),
    "source_line",
    "source_file_sha256",
    # Last, as `ALTER TABLE ... ADD COLUMN` puts them in warehouses staged before 2020-21's
    # layout was known.
    *(c for m in AREA_MEASURES.values() for c in (m, f"{m}_suppressed")),
)
