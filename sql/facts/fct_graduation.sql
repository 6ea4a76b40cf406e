CREATE TABLE IF NOT EXISTS warehouse.fct_graduation (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL,
    school_key INTEGER,
    student_group_key INTEGER,
    student_group_code TEXT NOT NULL,
    -- measures of staging.stg_acgr from cohort_students to golden_state_seal_suppressed
    -- measures of staging.stg_acgr from dropouts to still_enrolled_suppressed
    -- measures of staging.stg_acgr from graduation_rate to golden_state_seal_rate_suppressed
    -- measures of staging.stg_acgr from dropout_rate to still_enrolled_rate_suppressed
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, student_group_code)
);

COMMENT ON TABLE warehouse.fct_graduation IS
'Four-year adjusted cohort graduation outcomes from the CDE ACGR files. Grain: one row per school '
'x cohort year x student group. Counts and rates as CDE published them; suppressed cells are NULL '
'with a _suppressed flag. The A-G rate among graduates is met_uc_csu_grad_reqs / '
'regular_hs_diploma_graduates, among the cohort met_uc_csu_grad_reqs / cohort_students.';

COMMENT ON COLUMN warehouse.fct_graduation.school_year IS
'Spring year of the cohort''s on-time graduation (class of 2020-21 is 2021)';
COMMENT ON COLUMN warehouse.fct_graduation.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN warehouse.fct_graduation.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_graduation.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is unknown';
COMMENT ON COLUMN warehouse.fct_graduation.student_group_code IS
'Canonical student group code';
COMMENT ON COLUMN warehouse.fct_graduation.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_graduation.loaded_at IS
'UTC time the row was loaded';
