CREATE TABLE IF NOT EXISTS staging.stg_lausd_norm_day (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    source_group_code TEXT,
    enrollment INTEGER,
    enrollment_suppressed BOOLEAN,
    total_enrollment INTEGER,
    total_enrollment_suppressed BOOLEAN,
    location_codes TEXT,
    source_rows INTEGER,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, student_group_code)
);

COMMENT ON TABLE staging.stg_lausd_norm_day IS
'LAUSD Norm Day enrollment export (LAUSD''s early-fall staffing count, not CDE Census Day), '
'tidy. Grain: one row per school x school year x student group; program rows summed.';

COMMENT ON COLUMN staging.stg_lausd_norm_day.cds_code IS
'14-character CDS code, from the LAUSD location code through the reviewed crosswalk';
COMMENT ON COLUMN staging.stg_lausd_norm_day.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_lausd_norm_day.student_group_code IS
'Canonical student group code (warehouse.dim_student_group)';
COMMENT ON COLUMN staging.stg_lausd_norm_day.source_group_code IS
'Student group as the export writes it (code system lausd_norm_day)';
COMMENT ON COLUMN staging.stg_lausd_norm_day.enrollment IS
'Students of the group on Norm Day';
COMMENT ON COLUMN staging.stg_lausd_norm_day.enrollment_suppressed IS
'True when the export suppressed a part of enrollment (*); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_norm_day.total_enrollment IS
'All students of the school on Norm Day (the denominator for shares)';
COMMENT ON COLUMN staging.stg_lausd_norm_day.total_enrollment_suppressed IS
'True when the export suppressed a part of total_enrollment (*); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_norm_day.location_codes IS
'LAUSD location codes summed into the row, comma-separated';
COMMENT ON COLUMN staging.stg_lausd_norm_day.source_rows IS
'Export rows summed into the row';
COMMENT ON COLUMN staging.stg_lausd_norm_day.source_line IS
'First line of the export that contributed (header = line 1)';
COMMENT ON COLUMN staging.stg_lausd_norm_day.source_file_sha256 IS
'sha256 of the raw file the row came from';
