CREATE TABLE IF NOT EXISTS warehouse.fct_english_learner (
    -- columns of shared.fact_columns from school_year to school_key
    grade TEXT NOT NULL,
    -- measures of staging.stg_ltel (columns, types and comments as declared there)
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code, grade)
);

COMMENT ON TABLE warehouse.fct_english_learner IS
'English language acquisition status counts from the CDE LTEL-by-grade file. Grain: one row per'
' school, school year and grade (KN, 01-12, UE). LTEL and at-risk are subsets of EL.';
COMMENT ON COLUMN warehouse.fct_english_learner.grade IS
'Grade: KN, 01 .. 12, UE (ungraded)';
