-- Fills warehouse.fct_survey_response for one school year (:school_year) from
-- staging.stg_lausd_survey. The loader adds loaded_at and replaces the partition.
SELECT  -- noqa: ST06
    s.school_year,
    s.cds_code,
    coalesce(ds.school_key, -1) AS school_key,
    s.respondent_group,
    s.item_id,
    s.item_text,
    s.responses,
    s.responses_suppressed,
    s.agree_pct,
    s.agree_pct_suppressed,
    s.agree_pct * s.responses / 100.0 AS agree_responses,
    s.source_file_sha256
FROM staging.stg_lausd_survey AS s
LEFT JOIN warehouse.dim_school AS ds
    ON s.cds_code = ds.cds_code
WHERE s.school_year = :school_year
