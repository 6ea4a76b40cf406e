CREATE TABLE IF NOT EXISTS warehouse.fct_chronic_absenteeism (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    student_group_key INTEGER NOT NULL,
    -- measures of staging.stg_chronic_absenteeism (columns, types and comments as declared there)
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
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_chronic_absenteeism.loaded_at IS
'UTC time the row was loaded';
