CREATE TABLE IF NOT EXISTS warehouse.fct_chronic_absenteeism (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    student_group_key INTEGER NOT NULL,
    eligible_cumulative_enrollment INTEGER,
    eligible_cumulative_enrollment_suppressed BOOLEAN,
    chronic_absenteeism_count INTEGER,
    chronic_absenteeism_count_suppressed BOOLEAN,
    chronic_absenteeism_rate DOUBLE PRECISION,
    chronic_absenteeism_rate_suppressed BOOLEAN,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, student_group_key)
);

COMMENT ON TABLE warehouse.fct_chronic_absenteeism IS
'Chronic absenteeism from the CDE downloadable file. Grain: one row per school, school year and'
' student group. The rate is published, 0-100, over the eligible cumulative enrollment.';

COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is not in the dimension';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.eligible_cumulative_enrollment IS
'Chronic absenteeism eligible cumulative enrollment; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.eligible_cumulative_enrollment_suppressed IS
'True when the source cell for eligible_cumulative_enrollment was suppressed (*); the value is '
'then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.chronic_absenteeism_count IS
'Students chronically absent; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.chronic_absenteeism_count_suppressed IS
'True when the source cell for chronic_absenteeism_count was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.chronic_absenteeism_rate IS
'Chronic absenteeism rate as published, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.chronic_absenteeism_rate_suppressed IS
'True when the source cell for chronic_absenteeism_rate was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.loaded_at IS
'UTC time the row was loaded';
