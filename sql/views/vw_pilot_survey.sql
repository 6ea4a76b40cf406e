-- School Experience Survey, pilot vs non-pilot LAUSD schools (comparison as in
-- bi.vw_school_pilot_status), per school year, respondent group and item. Each group's rate is weighted by responses (agreeing respondents over
-- respondents, summed over the group's schools; suppressed percents left out), rounded to one
-- decimal as published, and higher_group says which group agreed more.
CREATE OR REPLACE VIEW bi.vw_pilot_survey AS
WITH by_item AS (
    SELECT
        f.school_year,
        f.respondent_group,
        f.item_id,
        max(f.item_text) AS item_text,
        sum(CASE WHEN c.comparison_group = 'pilot' THEN 1 ELSE 0 END) AS pilot_schools,
        sum(CASE WHEN c.comparison_group = 'non-pilot' THEN 1 ELSE 0 END) AS non_pilot_schools,
        sum(CASE WHEN c.comparison_group = 'pilot' THEN f.responses END) AS pilot_responses,
        sum(CASE WHEN c.comparison_group = 'non-pilot' THEN f.responses END)
            AS non_pilot_responses,
        sum(CASE WHEN c.comparison_group = 'pilot' THEN f.agree_responses END) AS pilot_agree,
        sum(CASE WHEN c.comparison_group = 'non-pilot' THEN f.agree_responses END)
            AS non_pilot_agree
    FROM warehouse.fct_survey_response AS f
    INNER JOIN bi.vw_school_pilot_status AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
    WHERE
        c.comparison_group IS NOT NULL
        AND f.agree_pct IS NOT NULL
        AND f.responses IS NOT NULL
    GROUP BY f.school_year, f.respondent_group, f.item_id
),

rates AS (
    SELECT
        by_item.*,
        cast(round(cast(
            100.0 * by_item.pilot_agree / nullif(by_item.pilot_responses, 0) AS NUMERIC
        ), 1) AS DOUBLE PRECISION) AS pilot_agree_pct,
        cast(round(cast(
            100.0 * by_item.non_pilot_agree
            / nullif(by_item.non_pilot_responses, 0) AS NUMERIC
        ), 1) AS DOUBLE PRECISION) AS non_pilot_agree_pct
    FROM by_item
)

SELECT
    school_year,
    respondent_group,
    item_id,
    item_text,
    pilot_schools,
    non_pilot_schools,
    pilot_responses,
    non_pilot_responses,
    pilot_agree_pct,
    non_pilot_agree_pct,
    cast(school_year - 1 AS TEXT)
    || '-'
    || lpad(cast(school_year % 100 AS TEXT), 2, '0') AS school_year_label,
    pilot_agree_pct - non_pilot_agree_pct AS difference_pct_points,
    CASE
        WHEN pilot_agree_pct IS NULL OR non_pilot_agree_pct IS NULL THEN 'not_comparable'
        WHEN pilot_agree_pct > non_pilot_agree_pct THEN 'pilot'
        WHEN pilot_agree_pct < non_pilot_agree_pct THEN 'non-pilot'
        ELSE 'tie'
    END AS higher_group
FROM rates;

COMMENT ON VIEW bi.vw_pilot_survey IS
'Pilot vs non-pilot School Experience Survey agreement. Grain: school year x respondent group '
'x item; rates weighted by responses (suppressed percents left out); higher_group is pilot, '
'non-pilot, tie or not_comparable.';
