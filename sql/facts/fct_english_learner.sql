CREATE TABLE IF NOT EXISTS warehouse.fct_english_learner (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    grade TEXT NOT NULL,
    -- measures of staging.stg_ltel (columns, types and comments as declared there)
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, grade)
);

COMMENT ON TABLE warehouse.fct_english_learner IS
'English language acquisition status counts from the CDE LTEL-by-grade file. Grain: one row per'
' school, school year and grade (KN, 01-12, UE). LTEL and at-risk are subsets of EL.';

COMMENT ON COLUMN warehouse.fct_english_learner.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_english_learner.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN warehouse.fct_english_learner.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_english_learner.grade IS
'Grade: KN, 01 .. 12, UE (ungraded)';
COMMENT ON COLUMN warehouse.fct_english_learner.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_english_learner.loaded_at IS
'UTC time the row was loaded';
