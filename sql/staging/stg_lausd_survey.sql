CREATE TABLE IF NOT EXISTS staging.stg_lausd_survey (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    respondent_group TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_text TEXT NOT NULL,
    responses INTEGER,
    responses_suppressed BOOLEAN,
    agree_pct DOUBLE PRECISION,
    agree_pct_suppressed BOOLEAN,
    location_codes TEXT,
    source_rows INTEGER,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, respondent_group, item_id)
);

COMMENT ON TABLE staging.stg_lausd_survey IS
'LAUSD School Experience Survey export, tidy. Grain: one row per school x school year x '
'respondent group x item; program rows rolled up (responses summed, percent weighted).';

COMMENT ON COLUMN staging.stg_lausd_survey.cds_code IS
'14-character CDS code, from the LAUSD location code through the reviewed crosswalk';
COMMENT ON COLUMN staging.stg_lausd_survey.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_lausd_survey.respondent_group IS
'Who answered: student, parent, staff or teacher';
COMMENT ON COLUMN staging.stg_lausd_survey.item_id IS
'Survey item identifier as the export writes it';
COMMENT ON COLUMN staging.stg_lausd_survey.item_text IS
'Survey item wording';
COMMENT ON COLUMN staging.stg_lausd_survey.responses IS
'Respondents who answered the item';
COMMENT ON COLUMN staging.stg_lausd_survey.responses_suppressed IS
'True when the export suppressed a part of responses (*); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_survey.agree_pct IS
'Percent answering Agree or Strongly Agree (0-100)';
COMMENT ON COLUMN staging.stg_lausd_survey.agree_pct_suppressed IS
'True when the export suppressed the percent (*, too few responses); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_survey.location_codes IS
'LAUSD location codes rolled up into the row, comma-separated';
COMMENT ON COLUMN staging.stg_lausd_survey.source_rows IS
'Export rows rolled up into the row';
COMMENT ON COLUMN staging.stg_lausd_survey.source_line IS
'First line of the export that contributed (header = line 1)';
COMMENT ON COLUMN staging.stg_lausd_survey.source_file_sha256 IS
'sha256 of the raw file the row came from';
