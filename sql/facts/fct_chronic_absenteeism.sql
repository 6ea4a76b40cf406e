CREATE TABLE IF NOT EXISTS warehouse.fct_chronic_absenteeism (
    -- columns of shared.fact_columns from school_year to student_group_key
    -- measures of staging.stg_chronic_absenteeism (columns, types and comments as declared there)
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code, student_group_key)
);

COMMENT ON TABLE warehouse.fct_chronic_absenteeism IS
'Chronic absenteeism from the CDE downloadable file. Grain: one row per school, school year and'
' student group. The rate is published, 0-100, over the eligible cumulative enrollment.';
