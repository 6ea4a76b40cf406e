CREATE TABLE IF NOT EXISTS staging.stg_acgr (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    source_group_code TEXT,
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
    local_requirements_exemption INTEGER,
    local_requirements_exemption_suppressed BOOLEAN,
    chspe_cpp_completers INTEGER,
    chspe_cpp_completers_suppressed BOOLEAN,
    adult_ed_hs_diploma INTEGER,
    adult_ed_hs_diploma_suppressed BOOLEAN,
    sped_certificates INTEGER,
    sped_certificates_suppressed BOOLEAN,
    ged_completers INTEGER,
    ged_completers_suppressed BOOLEAN,
    other_transfers INTEGER,
    other_transfers_suppressed BOOLEAN,
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
    local_requirements_exemption_rate DOUBLE PRECISION,
    local_requirements_exemption_rate_suppressed BOOLEAN,
    chspe_cpp_completer_rate DOUBLE PRECISION,
    chspe_cpp_completer_rate_suppressed BOOLEAN,
    adult_ed_hs_diploma_rate DOUBLE PRECISION,
    adult_ed_hs_diploma_rate_suppressed BOOLEAN,
    sped_certificate_rate DOUBLE PRECISION,
    sped_certificate_rate_suppressed BOOLEAN,
    ged_completer_rate DOUBLE PRECISION,
    ged_completer_rate_suppressed BOOLEAN,
    other_transfer_rate DOUBLE PRECISION,
    other_transfer_rate_suppressed BOOLEAN,
    dropout_rate DOUBLE PRECISION,
    dropout_rate_suppressed BOOLEAN,
    still_enrolled_rate DOUBLE PRECISION,
    still_enrolled_rate_suppressed BOOLEAN,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, student_group_code)
);

COMMENT ON TABLE staging.stg_acgr IS
'CDE Adjusted Cohort Graduation Rate file (acgrYY.txt), tidy. Grain: one row per school '
'(AggregateLevel S, CharterSchool All, DASS All) x cohort year x student group.';

COMMENT ON COLUMN staging.stg_acgr.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_acgr.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_acgr.student_group_code IS
'Canonical student group code (warehouse.dim_student_group)';
COMMENT ON COLUMN staging.stg_acgr.source_group_code IS
'Student group code as the file writes it (code system acgr); NULL on rows the parser derived';
COMMENT ON COLUMN staging.stg_acgr.cohort_students IS
'Adjusted cohort students (CohortStudents)';
COMMENT ON COLUMN staging.stg_acgr.cohort_students_suppressed IS
'True when the file suppressed cohort_students (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.regular_hs_diploma_graduates IS
'Regular HS Diploma Graduates (Count)';
COMMENT ON COLUMN staging.stg_acgr.regular_hs_diploma_graduates_suppressed IS
'True when the file suppressed regular_hs_diploma_graduates (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.met_uc_csu_grad_reqs IS
'Graduates who met UC/CSU (A-G) requirements, Met UC/CSU Grad Req''s (Count)';
COMMENT ON COLUMN staging.stg_acgr.met_uc_csu_grad_reqs_suppressed IS
'True when the file suppressed met_uc_csu_grad_reqs (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.seal_of_biliteracy IS
'Seal of Biliteracy (Count)';
COMMENT ON COLUMN staging.stg_acgr.seal_of_biliteracy_suppressed IS
'True when the file suppressed seal_of_biliteracy (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.golden_state_seal IS
'Golden State Seal Merit Diploma (Count)';
COMMENT ON COLUMN staging.stg_acgr.golden_state_seal_suppressed IS
'True when the file suppressed golden_state_seal (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.local_requirements_exemption IS
'Graduates Meeting Local Requirements Exemption (Count); 2023-24 on, NULL (not suppressed) before';
COMMENT ON COLUMN staging.stg_acgr.local_requirements_exemption_suppressed IS
'True when the file suppressed local_requirements_exemption (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.chspe_cpp_completers IS
'CHSPE Completer (Count), called CPP Completer from 2023-24';
COMMENT ON COLUMN staging.stg_acgr.chspe_cpp_completers_suppressed IS
'True when the file suppressed chspe_cpp_completers (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.adult_ed_hs_diploma IS
'Adult Ed. HS Diploma (Count)';
COMMENT ON COLUMN staging.stg_acgr.adult_ed_hs_diploma_suppressed IS
'True when the file suppressed adult_ed_hs_diploma (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.sped_certificates IS
'SPED Certificate (Count)';
COMMENT ON COLUMN staging.stg_acgr.sped_certificates_suppressed IS
'True when the file suppressed sped_certificates (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.ged_completers IS
'GED Completer (Count)';
COMMENT ON COLUMN staging.stg_acgr.ged_completers_suppressed IS
'True when the file suppressed ged_completers (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.other_transfers IS
'Other Transfer (Count)';
COMMENT ON COLUMN staging.stg_acgr.other_transfers_suppressed IS
'True when the file suppressed other_transfers (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.dropouts IS
'Dropout (Count)';
COMMENT ON COLUMN staging.stg_acgr.dropouts_suppressed IS
'True when the file suppressed dropouts (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.still_enrolled IS
'Still Enrolled (Count)';
COMMENT ON COLUMN staging.stg_acgr.still_enrolled_suppressed IS
'True when the file suppressed still_enrolled (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.graduation_rate IS
'Regular HS Diploma Graduates (Rate): four-year graduation rate, graduates / cohort x 100, as '
'published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.graduation_rate_suppressed IS
'True when the file suppressed graduation_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.met_uc_csu_rate IS
'Met UC/CSU Grad Req''s (Rate) as published (0-100); CDE publishes it over graduates, not the '
'cohort';
COMMENT ON COLUMN staging.stg_acgr.met_uc_csu_rate_suppressed IS
'True when the file suppressed met_uc_csu_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.seal_of_biliteracy_rate IS
'Seal of Biliteracy (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.seal_of_biliteracy_rate_suppressed IS
'True when the file suppressed seal_of_biliteracy_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.golden_state_seal_rate IS
'Golden State Seal Merit Diploma (Rate as published (0-100); the header lacks its closing '
'parenthesis';
COMMENT ON COLUMN staging.stg_acgr.golden_state_seal_rate_suppressed IS
'True when the file suppressed golden_state_seal_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.local_requirements_exemption_rate IS
'Graduates Meeting Local Requirements Exemption (Rate) as published (0-100); 2023-24 on';
COMMENT ON COLUMN staging.stg_acgr.local_requirements_exemption_rate_suppressed IS
'True when the file suppressed local_requirements_exemption_rate (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN staging.stg_acgr.chspe_cpp_completer_rate IS
'CHSPE/CPP Completer (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.chspe_cpp_completer_rate_suppressed IS
'True when the file suppressed chspe_cpp_completer_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.adult_ed_hs_diploma_rate IS
'Adult Ed. HS Diploma (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.adult_ed_hs_diploma_rate_suppressed IS
'True when the file suppressed adult_ed_hs_diploma_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.sped_certificate_rate IS
'SPED Certificate (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.sped_certificate_rate_suppressed IS
'True when the file suppressed sped_certificate_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.ged_completer_rate IS
'GED Completer (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.ged_completer_rate_suppressed IS
'True when the file suppressed ged_completer_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.other_transfer_rate IS
'Other Transfer (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.other_transfer_rate_suppressed IS
'True when the file suppressed other_transfer_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.dropout_rate IS
'Dropout (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.dropout_rate_suppressed IS
'True when the file suppressed dropout_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.still_enrolled_rate IS
'Still Enrolled (Rate) as published (0-100)';
COMMENT ON COLUMN staging.stg_acgr.still_enrolled_rate_suppressed IS
'True when the file suppressed still_enrolled_rate (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_acgr.source_line IS
'Line of the raw file the row came from (header = line 1); for derived sums the first '
'contributing line';
COMMENT ON COLUMN staging.stg_acgr.source_file_sha256 IS
'sha256 of the raw file the row came from';
