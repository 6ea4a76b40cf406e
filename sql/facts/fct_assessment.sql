CREATE TABLE IF NOT EXISTS warehouse.fct_assessment (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    student_group_key INTEGER NOT NULL,
    grade TEXT NOT NULL,
    test TEXT NOT NULL,
    students_enrolled INTEGER,
    students_enrolled_suppressed BOOLEAN,
    students_tested INTEGER,
    students_tested_suppressed BOOLEAN,
    mean_scale_score DOUBLE PRECISION,
    mean_scale_score_suppressed BOOLEAN,
    pct_exceeded DOUBLE PRECISION,
    pct_exceeded_suppressed BOOLEAN,
    pct_met DOUBLE PRECISION,
    pct_met_suppressed BOOLEAN,
    pct_met_and_above DOUBLE PRECISION,
    pct_met_and_above_suppressed BOOLEAN,
    pct_nearly_met DOUBLE PRECISION,
    pct_nearly_met_suppressed BOOLEAN,
    pct_not_met DOUBLE PRECISION,
    pct_not_met_suppressed BOOLEAN,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, student_group_key, grade, test)
);

COMMENT ON TABLE warehouse.fct_assessment IS
'CAASPP Smarter Balanced results (ELA and math). Grain: one row per school, school year, '
'student group, grade (03-08, 11, all) and test. Percentages are 0-100 of students with scores,'
' as published.';

COMMENT ON COLUMN warehouse.fct_assessment.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_assessment.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN warehouse.fct_assessment.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_assessment.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is not in the dimension';
COMMENT ON COLUMN warehouse.fct_assessment.grade IS
'Grade tested: 03 .. 08, 11, or all (CAASPP grade 13)';
COMMENT ON COLUMN warehouse.fct_assessment.test IS
'Test: ela or math (CAASPP Test ID 1 and 2)';
COMMENT ON COLUMN warehouse.fct_assessment.students_enrolled IS
'Students enrolled (eligible to test); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.students_enrolled_suppressed IS
'True when the source cell for students_enrolled was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_assessment.students_tested IS
'Students tested; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.students_tested_suppressed IS
'True when the source cell for students_tested was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_assessment.mean_scale_score IS
'Mean scale score; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.mean_scale_score_suppressed IS
'True when the source cell for mean_scale_score was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_assessment.pct_exceeded IS
'Percent standard exceeded, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.pct_exceeded_suppressed IS
'True when the source cell for pct_exceeded was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_assessment.pct_met IS
'Percent standard met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.pct_met_suppressed IS
'True when the source cell for pct_met was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_assessment.pct_met_and_above IS
'Percent standard met and above, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.pct_met_and_above_suppressed IS
'True when the source cell for pct_met_and_above was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_assessment.pct_nearly_met IS
'Percent standard nearly met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.pct_nearly_met_suppressed IS
'True when the source cell for pct_nearly_met was suppressed (*); the value is then NULL, never'
' 0';
COMMENT ON COLUMN warehouse.fct_assessment.pct_not_met IS
'Percent standard not met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_assessment.pct_not_met_suppressed IS
'True when the source cell for pct_not_met was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_assessment.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_assessment.loaded_at IS
'UTC time the row was loaded';
