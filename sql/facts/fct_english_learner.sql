CREATE TABLE IF NOT EXISTS warehouse.fct_english_learner (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    grade TEXT NOT NULL,
    eo INTEGER,
    eo_suppressed BOOLEAN,
    ifep INTEGER,
    ifep_suppressed BOOLEAN,
    el INTEGER,
    el_suppressed BOOLEAN,
    rfep INTEGER,
    rfep_suppressed BOOLEAN,
    tbd INTEGER,
    tbd_suppressed BOOLEAN,
    ltel INTEGER,
    ltel_suppressed BOOLEAN,
    at_risk INTEGER,
    at_risk_suppressed BOOLEAN,
    total_enrollment INTEGER,
    total_enrollment_suppressed BOOLEAN,
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
COMMENT ON COLUMN warehouse.fct_english_learner.eo IS
'English only students; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.eo_suppressed IS
'True when the source cell for eo was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.ifep IS
'Initially fluent English proficient students; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.ifep_suppressed IS
'True when the source cell for ifep was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.el IS
'English learners; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.el_suppressed IS
'True when the source cell for el was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.rfep IS
'Reclassified fluent English proficient students; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.rfep_suppressed IS
'True when the source cell for rfep was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.tbd IS
'English language status to be determined; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.tbd_suppressed IS
'True when the source cell for tbd was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.ltel IS
'Long-term English learners (subset of EL; source column name unverified); NULL when suppressed'
' or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.ltel_suppressed IS
'True when the source cell for ltel was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.at_risk IS
'English learners at risk of becoming LTEL (subset of EL); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.at_risk_suppressed IS
'True when the source cell for at_risk was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.total_enrollment IS
'Total enrollment (EO + IFEP + EL + RFEP + TBD); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_english_learner.total_enrollment_suppressed IS
'True when the source cell for total_enrollment was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_english_learner.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_english_learner.loaded_at IS
'UTC time the row was loaded';
