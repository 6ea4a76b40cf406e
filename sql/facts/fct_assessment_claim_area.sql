CREATE TABLE IF NOT EXISTS warehouse.fct_assessment_claim_area (
    -- columns of shared.fact_columns from school_year to student_group_key
    grade TEXT NOT NULL,
    test TEXT NOT NULL,
    claim_area INTEGER NOT NULL CHECK (claim_area BETWEEN 1 AND 4),
    pct_above DOUBLE PRECISION,
    pct_above_suppressed BOOLEAN,
    pct_near DOUBLE PRECISION,
    pct_near_suppressed BOOLEAN,
    pct_below DOUBLE PRECISION,
    pct_below_suppressed BOOLEAN,
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code, student_group_key, grade, test, claim_area)
);

COMMENT ON TABLE warehouse.fct_assessment_claim_area IS
'CAASPP Smarter Balanced results per claim area, companion of fct_assessment. Grain: one row '
'per school, school year, student group, grade, test and claim area (ELA 1-4, math 1-3; math '
'area 4 is always 0.00, * or empty in the research files and is not loaded). Rows whose three '
'cells are all empty (nobody tested, or a layout without claim areas) are left out.';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.grade IS
'Grade tested: 03 .. 08, 11, or all (CAASPP grade 13)';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.test IS
'Test: ela or math (CAASPP Test ID 1 and 2)';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.claim_area IS
'Claim area number as the research file numbers it (Area 1 .. 4; 1 .. 3 for math)';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_above IS
'Percent of students with scores above standard in the claim area, 0-100; NULL when '
'suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_above_suppressed IS
'True when the source cell for pct_above was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_near IS
'Percent of students with scores near standard in the claim area, 0-100; NULL when '
'suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_near_suppressed IS
'True when the source cell for pct_near was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_below IS
'Percent of students with scores below standard in the claim area, 0-100; NULL when '
'suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment_claim_area.pct_below_suppressed IS
'True when the source cell for pct_below was suppressed (*); the value is then NULL, never 0';
