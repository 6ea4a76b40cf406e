CREATE TABLE IF NOT EXISTS warehouse.fct_enrollment (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL,
    school_key INTEGER,
    student_group_key INTEGER,
    student_group_code TEXT NOT NULL,
    grade TEXT NOT NULL,
    enrollment_source TEXT NOT NULL,
    enrollment INTEGER,
    enrollment_suppressed BOOLEAN,
    total_enrollment INTEGER,
    total_enrollment_suppressed BOOLEAN,
    published_rate DOUBLE PRECISION,
    published_rate_suppressed BOOLEAN,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, student_group_code, grade, enrollment_source)
);

COMMENT ON TABLE warehouse.fct_enrollment IS
'Enrollment counts from three CDE sources and LAUSD Norm Day. Grain: one row per school x '
'school year x student '
'group x grade x enrollment_source (census_day from 2023-24, historical up to 2022-23, dashboard '
'without grades: grade all). Sources differ in definition and must not be mixed in one series '
'without saying so; suppressed cells are NULL with a _suppressed flag.';

COMMENT ON COLUMN warehouse.fct_enrollment.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_enrollment.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN warehouse.fct_enrollment.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_enrollment.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is unknown';
COMMENT ON COLUMN warehouse.fct_enrollment.student_group_code IS
'Canonical student group code';
COMMENT ON COLUMN warehouse.fct_enrollment.grade IS
'Grade: all, TK, KN, 01 .. 12, UE/US (ungraded elementary/secondary), AD (adults; historical '
'only); dashboard rows are all';
COMMENT ON COLUMN warehouse.fct_enrollment.enrollment_source IS
'Which count: census_day (CDE Census Day file), historical (CDE historical enrollment bundle), '
'dashboard (Dashboard census enrollment rates), '
'lausd_norm_day (LAUSD Norm Day export, grade all)';
COMMENT ON COLUMN warehouse.fct_enrollment.enrollment IS
'Students of the group in the grade';
COMMENT ON COLUMN warehouse.fct_enrollment.enrollment_suppressed IS
'True when the file suppressed enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_enrollment.total_enrollment IS
'All students of the school in the grade, from the same source (the denominator for shares)';
COMMENT ON COLUMN warehouse.fct_enrollment.total_enrollment_suppressed IS
'True when the file suppressed total_enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_enrollment.published_rate IS
'Share of the school''s enrollment as the source published it (0-100); dashboard only, NULL '
'otherwise';
COMMENT ON COLUMN warehouse.fct_enrollment.published_rate_suppressed IS
'True when the file suppressed published_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_enrollment.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_enrollment.loaded_at IS
'UTC time the row was loaded';
