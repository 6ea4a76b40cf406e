-- How many SES items each group agreed with more than the other group, per school year and
-- respondent group: the report's "pilot students agreed at a higher rate on 41 items compared
-- to 37". A school counts as included when at least one of its items has a rate.
CREATE OR REPLACE VIEW bi.vw_pilot_survey_summary AS
WITH schools AS (
    SELECT
        school_year,
        comparison_group,
        respondent_group,
        cds_code,
        max(CASE WHEN is_included THEN 1 ELSE 0 END) AS is_included,
        max(CASE WHEN is_suppressed THEN 1 ELSE 0 END) AS is_suppressed,
        max(responses) AS max_responses
    FROM bi.vw_survey_response
    GROUP BY school_year, comparison_group, respondent_group, cds_code
),

coverage AS (
    SELECT
        school_year,
        comparison_group,
        respondent_group,
        count(*) AS schools_reporting,
        sum(is_included) AS schools_included,
        sum(CASE WHEN is_included = 0 AND is_suppressed = 1 THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN is_included = 0 AND is_suppressed = 0 THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN is_included = 0 AND is_suppressed = 1 THEN max_responses END)
            AS respondents_excluded_suppressed
    FROM schools
    GROUP BY school_year, comparison_group, respondent_group
),

items AS (
    SELECT
        school_year,
        comparison_group,
        respondent_group,
        count(*) AS items,
        sum(CASE WHEN higher_group = comparison_group THEN 1 ELSE 0 END) AS items_higher,
        sum(
            CASE
                WHEN higher_group IN ('pilot', 'non-pilot') AND higher_group != comparison_group
                    THEN 1
                ELSE 0
            END
        ) AS items_lower,
        sum(CASE WHEN higher_group = 'tie' THEN 1 ELSE 0 END) AS items_tied,
        sum(CASE WHEN higher_group = 'not_comparable' THEN 1 ELSE 0 END)
            AS items_not_comparable
    FROM bi.vw_pilot_survey
    GROUP BY school_year, comparison_group, respondent_group
)

SELECT
    c.school_year,
    t.school_year_label,
    c.comparison_group,
    c.respondent_group,
    cast(t.schools_in_comparison_group AS BIGINT) AS schools_in_comparison_group,
    cast(c.schools_reporting AS BIGINT) AS schools_reporting,
    cast(c.schools_included AS BIGINT) AS schools_included,
    cast(c.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(c.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(
        CASE
            WHEN c.respondent_group = 'student' THEN coalesce(c.respondents_excluded_suppressed, 0)
            ELSE 0
        END AS BIGINT
    ) AS students_excluded_suppressed,
    cast(coalesce(c.respondents_excluded_suppressed, 0) AS BIGINT)
        AS respondents_excluded_suppressed,
    cast(i.items AS BIGINT) AS items,
    cast(i.items_higher AS BIGINT) AS items_higher,
    cast(i.items_lower AS BIGINT) AS items_lower,
    cast(i.items_tied AS BIGINT) AS items_tied,
    cast(i.items_not_comparable AS BIGINT) AS items_not_comparable
FROM coverage AS c
INNER JOIN bi.vw_comparison_group_size AS t
    ON c.school_year = t.school_year AND c.comparison_group = t.comparison_group
INNER JOIN items AS i
    ON
        c.school_year = i.school_year
        AND c.comparison_group = i.comparison_group
        AND c.respondent_group = i.respondent_group;
