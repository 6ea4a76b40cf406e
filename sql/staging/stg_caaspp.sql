CREATE TABLE IF NOT EXISTS staging.stg_caaspp (
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_year INTEGER NOT NULL,
    student_group_code TEXT,
    grade TEXT,
    test TEXT,
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
    source_line INTEGER,
    source_file_sha256 TEXT
);

COMMENT ON TABLE staging.stg_caaspp IS
'CAASPP Smarter Balanced research file (ELA, math). Grain: one row per school, school year, '
'student group, grade and test.';

COMMENT ON COLUMN staging.stg_caaspp.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_caaspp.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_caaspp.student_group_code IS
'Canonical student group code (warehouse.dim_student_group), mapped from the source code';
COMMENT ON COLUMN staging.stg_caaspp.grade IS
'Grade tested: 03 .. 08, 11, or all (CAASPP grade 13)';
COMMENT ON COLUMN staging.stg_caaspp.test IS
'Test: ela or math (CAASPP Test ID 1 and 2)';
COMMENT ON COLUMN staging.stg_caaspp.students_enrolled IS
'Students enrolled (eligible to test); NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.students_enrolled_suppressed IS
'True when the source cell for students_enrolled was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_caaspp.students_tested IS
'Students tested; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.students_tested_suppressed IS
'True when the source cell for students_tested was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_caaspp.mean_scale_score IS
'Mean scale score; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.mean_scale_score_suppressed IS
'True when the source cell for mean_scale_score was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_caaspp.pct_exceeded IS
'Percent standard exceeded, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.pct_exceeded_suppressed IS
'True when the source cell for pct_exceeded was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.pct_met IS
'Percent standard met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.pct_met_suppressed IS
'True when the source cell for pct_met was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.pct_met_and_above IS
'Percent standard met and above, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.pct_met_and_above_suppressed IS
'True when the source cell for pct_met_and_above was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_caaspp.pct_nearly_met IS
'Percent standard nearly met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.pct_nearly_met_suppressed IS
'True when the source cell for pct_nearly_met was suppressed (*); the value is then NULL, never'
' 0';
COMMENT ON COLUMN staging.stg_caaspp.pct_not_met IS
'Percent standard not met, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN staging.stg_caaspp.pct_not_met_suppressed IS
'True when the source cell for pct_not_met was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.source_line IS
'Line (text files) or Excel row (workbooks) of the first source row, for error messages';
COMMENT ON COLUMN staging.stg_caaspp.source_file_sha256 IS
'sha256 of the raw file the row came from';

-- Claim areas, published from 2017-18 (real bytes 2017-18 .. 2022-23); ALTER so warehouses
-- staged before keep working. Math area 4 is always 0.00, * or empty in the real files.
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_above DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_above_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_near DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_near_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_below DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area1_pct_below_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_above DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_above_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_near DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_near_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_below DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area2_pct_below_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_above DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_above_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_near DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_near_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_below DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area3_pct_below_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_above DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_above_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_near DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_near_suppressed BOOLEAN;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_below DOUBLE PRECISION;
ALTER TABLE staging.stg_caaspp ADD COLUMN IF NOT EXISTS area4_pct_below_suppressed BOOLEAN;

COMMENT ON COLUMN staging.stg_caaspp.area1_pct_above IS
'Percent of students with scores above standard in claim area 1 (source `Area 1 Percentage Above '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area1_pct_above_suppressed IS
'True when the source cell for area1_pct_above was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area1_pct_near IS
'Percent of students with scores near standard in claim area 1 (source `Area 1 Percentage Near '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area1_pct_near_suppressed IS
'True when the source cell for area1_pct_near was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area1_pct_below IS
'Percent of students with scores below standard in claim area 1 (source `Area 1 Percentage Below '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area1_pct_below_suppressed IS
'True when the source cell for area1_pct_below was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_above IS
'Percent of students with scores above standard in claim area 2 (source `Area 2 Percentage Above '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_above_suppressed IS
'True when the source cell for area2_pct_above was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_near IS
'Percent of students with scores near standard in claim area 2 (source `Area 2 Percentage Near '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_near_suppressed IS
'True when the source cell for area2_pct_near was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_below IS
'Percent of students with scores below standard in claim area 2 (source `Area 2 Percentage Below '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area2_pct_below_suppressed IS
'True when the source cell for area2_pct_below was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_above IS
'Percent of students with scores above standard in claim area 3 (source `Area 3 Percentage Above '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_above_suppressed IS
'True when the source cell for area3_pct_above was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_near IS
'Percent of students with scores near standard in claim area 3 (source `Area 3 Percentage Near '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_near_suppressed IS
'True when the source cell for area3_pct_near was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_below IS
'Percent of students with scores below standard in claim area 3 (source `Area 3 Percentage Below '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area3_pct_below_suppressed IS
'True when the source cell for area3_pct_below was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_above IS
'Percent of students with scores above standard in claim area 4 (source `Area 4 Percentage Above '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_above_suppressed IS
'True when the source cell for area4_pct_above was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_near IS
'Percent of students with scores near standard in claim area 4 (source `Area 4 Percentage Near '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_near_suppressed IS
'True when the source cell for area4_pct_near was suppressed (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_below IS
'Percent of students with scores below standard in claim area 4 (source `Area 4 Percentage Below '
'Standard`), 0-100; NULL when suppressed, missing or not in the file''s layout';
COMMENT ON COLUMN staging.stg_caaspp.area4_pct_below_suppressed IS
'True when the source cell for area4_pct_below was suppressed (*); the value is then NULL, never 0';
