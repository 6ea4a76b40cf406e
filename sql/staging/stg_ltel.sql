CREATE TABLE IF NOT EXISTS staging.stg_ltel (
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_year INTEGER NOT NULL,
    grade TEXT,
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
    source_line INTEGER,
    source_file_sha256 TEXT
);

COMMENT ON TABLE staging.stg_ltel IS
'CDE English learners / LTEL / at-risk by grade (DataQuest LTEL download). Grain: one row per '
'school, school year and grade, summed over gender and over the charter Y and N rows.';

COMMENT ON COLUMN staging.stg_ltel.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_ltel.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_ltel.grade IS
'Grade: KN, 01 .. 12, UE (ungraded)';
COMMENT ON COLUMN staging.stg_ltel.eo IS
'English only students; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.eo_suppressed IS
'True when the source cell for eo was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.ifep IS
'Initially fluent English proficient students; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.ifep_suppressed IS
'True when the source cell for ifep was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.el IS
'English learners; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.el_suppressed IS
'True when the source cell for el was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.rfep IS
'Reclassified fluent English proficient students; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.rfep_suppressed IS
'True when the source cell for rfep was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.tbd IS
'English language status to be determined; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.tbd_suppressed IS
'True when the source cell for tbd was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.ltel IS
'Long-term English learners (subset of EL; source column name unverified); NULL when suppressed'
' or missing';
COMMENT ON COLUMN staging.stg_ltel.ltel_suppressed IS
'True when the source cell for ltel was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.at_risk IS
'English learners at risk of becoming LTEL (subset of EL); NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.at_risk_suppressed IS
'True when the source cell for at_risk was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_ltel.total_enrollment IS
'Total enrollment (EO + IFEP + EL + RFEP + TBD); NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_ltel.total_enrollment_suppressed IS
'True when the source cell for total_enrollment was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_ltel.source_line IS
'Line (text files) or Excel row (workbooks) of the first source row, for error messages';
COMMENT ON COLUMN staging.stg_ltel.source_file_sha256 IS
'sha256 of the raw file the row came from';
