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
