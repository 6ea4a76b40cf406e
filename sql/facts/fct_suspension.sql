CREATE TABLE IF NOT EXISTS warehouse.fct_suspension (
    -- columns of shared.fact_columns from school_year to student_group_key
    -- measures of staging.stg_suspension (columns, types and comments as declared there)
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code, student_group_key)
);

COMMENT ON TABLE warehouse.fct_suspension IS
'Suspensions from the CDE downloadable file. Grain: one row per school, school year and student'
' group. The rate is published, 0-100: unduplicated students suspended over cumulative '
'enrollment.';
