CREATE TABLE IF NOT EXISTS staging.stg_census_day (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    source_group_code TEXT,
    grade TEXT NOT NULL,
    enrollment INTEGER,
    enrollment_suppressed BOOLEAN,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, student_group_code, grade)
);

COMMENT ON TABLE staging.stg_census_day IS
'CDE Census Day enrollment (cdenrollYYZZ.txt, 2023-24 on), tidy and long. Grain: one row per '
'school (Aggregate Level S, Charter All) x school year x student group x grade. Age bands (AR_*) '
'are not kept; English learners come from SG_EL (ELAS_EL only where a school has no SG_EL row).';

COMMENT ON COLUMN staging.stg_census_day.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_census_day.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_census_day.student_group_code IS
'Canonical student group code (warehouse.dim_student_group)';
COMMENT ON COLUMN staging.stg_census_day.source_group_code IS
'Student group code as the file writes it (code system census_day); NULL on rows the parser '
'derived';
COMMENT ON COLUMN staging.stg_census_day.grade IS
'Grade: all (TOTAL_ENR), TK, KN, 01 .. 12';
COMMENT ON COLUMN staging.stg_census_day.enrollment IS
'Enrolled students';
COMMENT ON COLUMN staging.stg_census_day.enrollment_suppressed IS
'True when the file suppressed enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_census_day.source_line IS
'Line of the raw file the row came from (header = line 1); for derived sums the first '
'contributing line';
COMMENT ON COLUMN staging.stg_census_day.source_file_sha256 IS
'sha256 of the raw file the row came from';
