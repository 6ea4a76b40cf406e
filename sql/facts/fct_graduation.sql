CREATE TABLE IF NOT EXISTS warehouse.fct_graduation (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL,
    school_key INTEGER,
    student_group_key INTEGER,
    student_group_code TEXT NOT NULL,
    cohort_students INTEGER,
    cohort_students_suppressed BOOLEAN,
    regular_hs_diploma_graduates INTEGER,
    regular_hs_diploma_graduates_suppressed BOOLEAN,
    met_uc_csu_grad_reqs INTEGER,
    met_uc_csu_grad_reqs_suppressed BOOLEAN,
    seal_of_biliteracy INTEGER,
    seal_of_biliteracy_suppressed BOOLEAN,
    golden_state_seal INTEGER,
    golden_state_seal_suppressed BOOLEAN,
    dropouts INTEGER,
    dropouts_suppressed BOOLEAN,
    still_enrolled INTEGER,
    still_enrolled_suppressed BOOLEAN,
    graduation_rate DOUBLE PRECISION,
    graduation_rate_suppressed BOOLEAN,
    met_uc_csu_rate DOUBLE PRECISION,
    met_uc_csu_rate_suppressed BOOLEAN,
    seal_of_biliteracy_rate DOUBLE PRECISION,
    seal_of_biliteracy_rate_suppressed BOOLEAN,
    golden_state_seal_rate DOUBLE PRECISION,
    golden_state_seal_rate_suppressed BOOLEAN,
    dropout_rate DOUBLE PRECISION,
    dropout_rate_suppressed BOOLEAN,
    still_enrolled_rate DOUBLE PRECISION,
    still_enrolled_rate_suppressed BOOLEAN,
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
COMMENT ON COLUMN warehouse.fct_graduation.cohort_students IS
'Adjusted cohort students (CohortStudents)';
COMMENT ON COLUMN warehouse.fct_graduation.cohort_students_suppressed IS
'True when the file suppressed cohort_students (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.regular_hs_diploma_graduates IS
'Regular HS Diploma Graduates (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.regular_hs_diploma_graduates_suppressed IS
'True when the file suppressed regular_hs_diploma_graduates (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.met_uc_csu_grad_reqs IS
'Graduates who met UC/CSU (A-G) requirements, Met UC/CSU Grad Req''s (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.met_uc_csu_grad_reqs_suppressed IS
'True when the file suppressed met_uc_csu_grad_reqs (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.seal_of_biliteracy IS
'Seal of Biliteracy (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.seal_of_biliteracy_suppressed IS
'True when the file suppressed seal_of_biliteracy (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.golden_state_seal IS
'Golden State Seal Merit Diploma (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.golden_state_seal_suppressed IS
'True when the file suppressed golden_state_seal (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.dropouts IS
'Dropout (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.dropouts_suppressed IS
'True when the file suppressed dropouts (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.still_enrolled IS
'Still Enrolled (Count)';
COMMENT ON COLUMN warehouse.fct_graduation.still_enrolled_suppressed IS
'True when the file suppressed still_enrolled (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.graduation_rate IS
'Regular HS Diploma Graduates (Rate): four-year graduation rate, graduates / cohort x 100, as '
'published (0-100)';
COMMENT ON COLUMN warehouse.fct_graduation.graduation_rate_suppressed IS
'True when the file suppressed graduation_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.met_uc_csu_rate IS
'Met UC/CSU Grad Req''s (Rate) as published (0-100); CDE publishes it over graduates, not the '
'cohort';
COMMENT ON COLUMN warehouse.fct_graduation.met_uc_csu_rate_suppressed IS
'True when the file suppressed met_uc_csu_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.seal_of_biliteracy_rate IS
'Seal of Biliteracy (Rate) as published (0-100)';
COMMENT ON COLUMN warehouse.fct_graduation.seal_of_biliteracy_rate_suppressed IS
'True when the file suppressed seal_of_biliteracy_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.golden_state_seal_rate IS
'Golden State Seal Merit Diploma (Rate as published (0-100); the header lacks its closing '
'parenthesis';
COMMENT ON COLUMN warehouse.fct_graduation.golden_state_seal_rate_suppressed IS
'True when the file suppressed golden_state_seal_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.dropout_rate IS
'Dropout (Rate) as published (0-100)';
COMMENT ON COLUMN warehouse.fct_graduation.dropout_rate_suppressed IS
'True when the file suppressed dropout_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.still_enrolled_rate IS
'Still Enrolled (Rate) as published (0-100)';
COMMENT ON COLUMN warehouse.fct_graduation.still_enrolled_rate_suppressed IS
'True when the file suppressed still_enrolled_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_graduation.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_graduation.loaded_at IS
'UTC time the row was loaded';
