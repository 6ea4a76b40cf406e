CREATE TABLE IF NOT EXISTS staging.stg_chronic_absenteeism (
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_year INTEGER NOT NULL,
    student_group_code TEXT,
    eligible_cumulative_enrollment INTEGER,
    eligible_cumulative_enrollment_suppressed BOOLEAN,
    chronic_absenteeism_count INTEGER,
    chronic_absenteeism_count_suppressed BOOLEAN,
    chronic_absenteeism_rate DOUBLE PRECISION,
    chronic_absenteeism_rate_suppressed BOOLEAN,
    source_line INTEGER,
    source_file_sha256 TEXT
);

COMMENT ON TABLE staging.stg_chronic_absenteeism IS
'CDE chronic absenteeism file. Grain: one row per school, school year and student group (All '
'charter/DASS roll-up, each school once).';

COMMENT ON COLUMN staging.stg_chronic_absenteeism.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.student_group_code IS
'Canonical student group code (warehouse.dim_student_group), mapped from the source code';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.eligible_cumulative_enrollment IS
'Chronic absenteeism eligible cumulative enrollment; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.eligible_cumulative_enrollment_suppressed IS
'True when the source cell for eligible_cumulative_enrollment was suppressed (*); the value is '
'then NULL, never 0';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.chronic_absenteeism_count IS
'Students chronically absent; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.chronic_absenteeism_count_suppressed IS
'True when the source cell for chronic_absenteeism_count was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.chronic_absenteeism_rate IS
'Chronic absenteeism rate as published, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.chronic_absenteeism_rate_suppressed IS
'True when the source cell for chronic_absenteeism_rate was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.source_line IS
'Line (text files) or Excel row (workbooks) of the first source row, for error messages';
COMMENT ON COLUMN staging.stg_chronic_absenteeism.source_file_sha256 IS
'sha256 of the raw file the row came from';
