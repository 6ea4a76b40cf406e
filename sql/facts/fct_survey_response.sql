CREATE TABLE IF NOT EXISTS warehouse.fct_survey_response (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL,
    school_key INTEGER,
    respondent_group TEXT NOT NULL,
    item_id TEXT NOT NULL,
    item_text TEXT NOT NULL,
    responses INTEGER,
    responses_suppressed BOOLEAN,
    agree_pct DOUBLE PRECISION,
    agree_pct_suppressed BOOLEAN,
    agree_responses DOUBLE PRECISION,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, respondent_group, item_id)
);

COMMENT ON TABLE warehouse.fct_survey_response IS
'LAUSD School Experience Survey results. Grain: one row per school x school year x '
'respondent group x item, from the LAUSD export (program rows rolled up to their school).';

COMMENT ON COLUMN warehouse.fct_survey_response.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_survey_response.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN warehouse.fct_survey_response.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_survey_response.respondent_group IS
'Who answered: student, parent, staff or teacher';
COMMENT ON COLUMN warehouse.fct_survey_response.item_id IS
'Survey item identifier as the export writes it';
COMMENT ON COLUMN warehouse.fct_survey_response.item_text IS
'Survey item wording';
COMMENT ON COLUMN warehouse.fct_survey_response.responses IS
'Respondents who answered the item (the weight for group rates)';
COMMENT ON COLUMN warehouse.fct_survey_response.responses_suppressed IS
'True when the export suppressed responses; the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_survey_response.agree_pct IS
'Percent answering Agree or Strongly Agree (0-100)';
COMMENT ON COLUMN warehouse.fct_survey_response.agree_pct_suppressed IS
'True when the export suppressed the percent (too few responses); the value is then NULL';
COMMENT ON COLUMN warehouse.fct_survey_response.agree_responses IS
'agree_pct x responses / 100: the (estimated) respondents who agreed, for weighted rates';
COMMENT ON COLUMN warehouse.fct_survey_response.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_survey_response.loaded_at IS
'UTC time the row was loaded';
