-- The survey rows of the compared schools, with whether each enters an agree rate: the one
-- definition by which bi.vw_pilot_survey and bi.vw_pilot_survey_summary count their schools.
CREATE OR REPLACE VIEW bi.vw_survey_response AS
SELECT
    f.school_year,
    c.comparison_group,
    f.cds_code,
    f.respondent_group,
    f.item_id,
    f.item_text,
    f.responses,
    f.agree_responses,
    (
        f.responses IS NOT NULL
        AND f.agree_pct IS NOT NULL
        AND f.agree_responses IS NOT NULL
    ) AS is_included,
    (
        coalesce(f.responses_suppressed, FALSE)
        OR coalesce(f.agree_pct_suppressed, FALSE)
    ) AS is_suppressed
FROM warehouse.fct_survey_response AS f
INNER JOIN bi.vw_comparison_group AS c
    ON f.school_year = c.school_year AND f.cds_code = c.cds_code;

COMMENT ON VIEW bi.vw_survey_response IS
'School Experience Survey rows of the schools in the pilot vs non-pilot comparison, with whether '
'each row enters an agree rate. Grain: one row per school x school year x respondent group x '
'item. The rows bi.vw_pilot_survey and bi.vw_pilot_survey_summary count and weigh.';

COMMENT ON COLUMN bi.vw_survey_response.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_survey_response.comparison_group IS
'pilot or non-pilot (as in bi.vw_comparison_group)';
COMMENT ON COLUMN bi.vw_survey_response.cds_code IS
'14-character CDS code of the school';
COMMENT ON COLUMN bi.vw_survey_response.respondent_group IS
'Who answered: student, parent, staff or teacher';
COMMENT ON COLUMN bi.vw_survey_response.item_id IS
'Survey item identifier as the export writes it';
COMMENT ON COLUMN bi.vw_survey_response.item_text IS
'Survey item wording';
COMMENT ON COLUMN bi.vw_survey_response.responses IS
'Respondents who answered the item (the weight of agree rates)';
COMMENT ON COLUMN bi.vw_survey_response.agree_responses IS
'Estimated respondents who agreed: agree_pct x responses / 100';
COMMENT ON COLUMN bi.vw_survey_response.is_included IS
'True when responses and the agree percent are both known: the row enters the rates';
COMMENT ON COLUMN bi.vw_survey_response.is_suppressed IS
'True when the export suppressed the responses or the percent (*)';
