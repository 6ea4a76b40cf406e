-- School Experience Survey, pilot vs non-pilot LAUSD schools (comparison as in
-- bi.vw_school_pilot_status), per school year, respondent group and item. The agree rate is
-- weighted by responses: agreeing respondents over respondents, both summed over the same
-- schools (those whose responses and percent are both known), rounded to one decimal as
-- published; a school with a suppressed or empty cell is left out and counted in
-- schools_excluded_*. higher_group compares the two groups' rates of the item.
CREATE OR REPLACE VIEW bi.vw_pilot_survey AS
WITH aggregated AS (
    SELECT
        school_year,
        comparison_group,
        respondent_group,
        item_id,
        max(item_text) AS item_text,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN responses END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN responses END) AS responses,
        sum(CASE WHEN is_included THEN agree_responses END) AS agree_responses
    FROM bi.vw_survey_response
    GROUP BY school_year, comparison_group, respondent_group, item_id
),

rates AS (
    SELECT
        aggregated.*,
        cast(round(cast(
            100.0 * aggregated.agree_responses / nullif(aggregated.responses, 0) AS NUMERIC
        ), 1) AS DOUBLE PRECISION) AS agree_pct
    FROM aggregated
),

item_groups AS (
    SELECT
        school_year,
        respondent_group,
        item_id,
        max(CASE WHEN comparison_group = 'pilot' THEN agree_pct END) AS pilot_pct,
        max(CASE WHEN comparison_group = 'non-pilot' THEN agree_pct END) AS non_pilot_pct
    FROM rates
    GROUP BY school_year, respondent_group, item_id
)

SELECT
    r.school_year,
    t.school_year_label,
    r.comparison_group,
    r.respondent_group,
    r.item_id,
    r.item_text,
    cast(t.schools_in_comparison_group AS BIGINT) AS schools_in_comparison_group,
    cast(r.schools_reporting AS BIGINT) AS schools_reporting,
    cast(r.schools_included AS BIGINT) AS schools_included,
    cast(r.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(r.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(r.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(r.responses AS BIGINT) AS responses,
    r.agree_pct,
    CASE
        WHEN i.pilot_pct IS NULL OR i.non_pilot_pct IS NULL THEN 'not_comparable'
        WHEN i.pilot_pct > i.non_pilot_pct THEN 'pilot'
        WHEN i.pilot_pct < i.non_pilot_pct THEN 'non-pilot'
        ELSE 'tie'
    END AS higher_group
FROM rates AS r
INNER JOIN bi.vw_comparison_group_size AS t
    ON r.school_year = t.school_year AND r.comparison_group = t.comparison_group
INNER JOIN item_groups AS i
    ON
        r.school_year = i.school_year
        AND r.respondent_group = i.respondent_group
        AND r.item_id = i.item_id;
