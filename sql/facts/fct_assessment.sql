CREATE TABLE IF NOT EXISTS warehouse.fct_assessment (
    -- columns of shared.fact_columns from school_year to student_group_key
    grade TEXT NOT NULL,
    test TEXT NOT NULL,
    -- measures of staging.stg_caaspp (columns, types and comments as declared there)
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code, student_group_key, grade, test)
);

COMMENT ON TABLE warehouse.fct_assessment IS
'CAASPP Smarter Balanced results (ELA and math). Grain: one row per school, school year, '
'student group, grade (03-08, 11, all) and test. Percentages are 0-100 of students with scores,'
' as published.';
COMMENT ON COLUMN warehouse.fct_assessment.grade IS
'Grade tested: 03 .. 08, 11, or all (CAASPP grade 13)';
COMMENT ON COLUMN warehouse.fct_assessment.test IS
'Test: ela or math (CAASPP Test ID 1 and 2)';
