CREATE TABLE IF NOT EXISTS staging.stg_dashboard_enrollment (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    source_group_code TEXT,
    total_enrollment INTEGER,
    total_enrollment_suppressed BOOLEAN,
    subgroup_enrollment INTEGER,
    subgroup_enrollment_suppressed BOOLEAN,
    rate DOUBLE PRECISION,
    rate_suppressed BOOLEAN,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, student_group_code)
);

COMMENT ON TABLE staging.stg_dashboard_enrollment IS
'California School Dashboard census enrollment rates (censusenrollratesdownloadYYYY.txt, YYYY = '
'spring year of the school year), tidy. Grain: one row per school (rtype S) x school year x '
'student group; an all row is derived from totalenrollment (source_group_code NULL) where the '
'file has no ALL row.';

COMMENT ON COLUMN staging.stg_dashboard_enrollment.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.student_group_code IS
'Canonical student group code (warehouse.dim_student_group)';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.source_group_code IS
'Student group code as the file writes it (code system dashboard); NULL on rows the parser '
'derived';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.total_enrollment IS
'The school''s whole Census Day enrollment (totalenrollment)';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.total_enrollment_suppressed IS
'True when the file suppressed total_enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.subgroup_enrollment IS
'Students of the group (subgrouptotal); equals total_enrollment on a derived all row';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.subgroup_enrollment_suppressed IS
'True when the file suppressed subgroup_enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.rate IS
'Group share of the school''s enrollment as published (rate, 0-100); NULL on a derived all row';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.rate_suppressed IS
'True when the file suppressed rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.source_line IS
'Line of the raw file the row came from (header = line 1); for derived sums the first '
'contributing line';
COMMENT ON COLUMN staging.stg_dashboard_enrollment.source_file_sha256 IS
'sha256 of the raw file the row came from';
