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

COMMENT ON VIEW bi.vw_pilot_survey_summary IS
'School Experience Survey items on which each group agreed more, LAUSD pilot vs non-pilot '
'schools. Grain: one row per school year x comparison_group x respondent group; items_higher '
'counts the items where this group''s agree_pct (bi.vw_pilot_survey) is the higher one.';

COMMENT ON COLUMN bi.vw_pilot_survey_summary.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.comparison_group IS
'pilot or non-pilot (LAUSD-operated schools not on the pilot roster)';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.respondent_group IS
'Who answered: student, parent, staff or teacher';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without survey results';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.schools_reporting IS
'Schools of the group with survey rows for the respondent group (schools_included + '
'schools_excluded_suppressed + schools_excluded_missing)';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.schools_included IS
'Schools with a rate on at least one item';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.schools_excluded_suppressed IS
'Schools with no item rate because the export suppressed their cells';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.schools_excluded_missing IS
'Schools with no item rate because their cells are empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.students_excluded_suppressed IS
'Student respondents of the suppressed schools (respondents_excluded_suppressed on student '
'rows); 0 on staff, teacher and parent rows, whose respondents are not students';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.respondents_excluded_suppressed IS
'Respondents of any group at the suppressed schools where their count is known (the largest '
'item count); 0 when none is';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.items IS
'Survey items the group has a row for';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.items_higher IS
'Items on which this group agreed at a higher rate than the other group';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.items_lower IS
'Items on which the other group agreed at a higher rate';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.items_tied IS
'Items with equal rates (one decimal) in both groups';
COMMENT ON COLUMN bi.vw_pilot_survey_summary.items_not_comparable IS
'Items without a rate in one of the groups';
