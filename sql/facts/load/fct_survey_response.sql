-- Rows of warehouse.fct_survey_response for one school year (:school_year) from
-- staging.stg_lausd_survey, with the agreeing responses derived from the percent. The loader
-- looks up school_key, adds loaded_at and replaces the partition.
SELECT
    s.school_year,
    s.cds_code,
    s.respondent_group,
    s.item_id,
    s.item_text,
    s.responses,
    s.responses_suppressed,
    s.agree_pct,
    s.agree_pct_suppressed,
    s.source_file_sha256,
    s.agree_pct * s.responses / 100.0 AS agree_responses
FROM staging.stg_lausd_survey AS s
WHERE s.school_year = :school_year
