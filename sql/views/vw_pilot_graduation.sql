-- Four-year cohort graduation and A-G (met UC/CSU) rates, pilot vs non-pilot, weighted by
-- students: sums of counts over the schools whose three counts are all known, then divided.
-- A school row with any of the three counts suppressed or empty is left out of every rate,
-- so the three rates always describe the same students.
CREATE OR REPLACE VIEW bi.vw_pilot_graduation AS
WITH school_rows AS (
    SELECT
        g.school_year,
        c.comparison_group,
        g.student_group_code,
        g.cohort_students,
        g.regular_hs_diploma_graduates,
        g.met_uc_csu_grad_reqs,
        (
            g.cohort_students IS NOT NULL
            AND g.regular_hs_diploma_graduates IS NOT NULL
            AND g.met_uc_csu_grad_reqs IS NOT NULL
        ) AS is_included,
        (
            coalesce(g.cohort_students_suppressed, FALSE)
            OR coalesce(g.regular_hs_diploma_graduates_suppressed, FALSE)
            OR coalesce(g.met_uc_csu_grad_reqs_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_graduation AS g
    INNER JOIN bi.vw_comparison_group AS c
        ON g.school_year = c.school_year AND g.cds_code = c.cds_code
),

aggregated AS (
    SELECT
        school_year,
        comparison_group,
        student_group_code,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN cohort_students END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN cohort_students END) AS cohort_students,
        sum(CASE WHEN is_included THEN regular_hs_diploma_graduates END)
            AS regular_hs_diploma_graduates,
        sum(CASE WHEN is_included THEN met_uc_csu_grad_reqs END) AS met_uc_csu_grad_reqs
    FROM school_rows
    GROUP BY school_year, comparison_group, student_group_code
)

SELECT
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.student_group_code,
    sg.student_group_name,
    cast(t.schools_in_comparison_group AS BIGINT) AS schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.cohort_students AS BIGINT) AS cohort_students,
    cast(a.regular_hs_diploma_graduates AS BIGINT) AS regular_hs_diploma_graduates,
    cast(a.met_uc_csu_grad_reqs AS BIGINT) AS met_uc_csu_grad_reqs,
    cast(
        round(
            cast(
                100.0
                * a.regular_hs_diploma_graduates
                / nullif(a.cohort_students, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS graduation_rate_pct,
    cast(
        round(
            cast(
                100.0
                * a.met_uc_csu_grad_reqs
                / nullif(a.regular_hs_diploma_graduates, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS ag_rate_among_graduates_pct,
    cast(
        round(
            cast(100.0 * a.met_uc_csu_grad_reqs / nullif(a.cohort_students, 0) AS NUMERIC(20, 10)),
            1
        ) AS DOUBLE PRECISION
    ) AS ag_rate_among_cohort_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group
LEFT JOIN warehouse.dim_student_group AS sg
    ON a.student_group_code = sg.student_group_code;

COMMENT ON VIEW bi.vw_pilot_graduation IS
'Four-year adjusted cohort graduation and A-G (met UC/CSU requirements) rates of LAUSD pilot vs '
'non-pilot schools (non-pilot as in bi.vw_school_pilot_status). Grain: one row per cohort year x '
'comparison_group x student group (all is the headline). Rates are weighted by students: sum of '
'counts / sum of counts over schools_included, never an average of school rates. A school row '
'with any of cohort, graduates or A-G count suppressed or empty is excluded from all three '
'rates and counted in schools_excluded_*. Source: warehouse.fct_graduation (CDE ACGR).';

COMMENT ON COLUMN bi.vw_pilot_graduation.school_year IS
'Spring year of the cohort''s on-time graduation (class of 2020-21 is 2021)';
COMMENT ON COLUMN bi.vw_pilot_graduation.school_year_label IS
'School year label of the graduation year, e.g. 2020-21';
COMMENT ON COLUMN bi.vw_pilot_graduation.comparison_group IS
'pilot or non-pilot (LAUSD-operated schools not on the pilot roster)';
COMMENT ON COLUMN bi.vw_pilot_graduation.student_group_code IS
'Canonical student group code; all is the headline';
COMMENT ON COLUMN bi.vw_pilot_graduation.student_group_name IS
'Student group display name';
COMMENT ON COLUMN bi.vw_pilot_graduation.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without a graduating cohort';
COMMENT ON COLUMN bi.vw_pilot_graduation.schools_reporting IS
'Schools of the group with an ACGR row for the student group (schools_included + '
'schools_excluded_suppressed + schools_excluded_missing)';
COMMENT ON COLUMN bi.vw_pilot_graduation.schools_included IS
'Schools whose cohort, graduate and A-G counts are all known; the rates cover exactly these';
COMMENT ON COLUMN bi.vw_pilot_graduation.schools_excluded_suppressed IS
'Schools left out because CDE suppressed (*) one of the three counts';
COMMENT ON COLUMN bi.vw_pilot_graduation.schools_excluded_missing IS
'Schools left out because one of the three counts is empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_graduation.students_excluded_suppressed IS
'Cohort students of the suppressed schools where the cohort itself is known; a suppressed '
'cohort (fewer than 11 students) cannot be counted';
COMMENT ON COLUMN bi.vw_pilot_graduation.cohort_students IS
'Four-year adjusted cohort, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_graduation.regular_hs_diploma_graduates IS
'Regular high school diploma graduates, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_graduation.met_uc_csu_grad_reqs IS
'Graduates who met UC/CSU (A-G) requirements, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_graduation.graduation_rate_pct IS
'Four-year cohort graduation rate, 0-100: regular_hs_diploma_graduates / cohort_students';
COMMENT ON COLUMN bi.vw_pilot_graduation.ag_rate_among_graduates_pct IS
'A-G rate among graduates, 0-100: met_uc_csu_grad_reqs / regular_hs_diploma_graduates (CDE''s '
'published definition)';
COMMENT ON COLUMN bi.vw_pilot_graduation.ag_rate_among_cohort_pct IS
'A-G rate among the cohort, 0-100: met_uc_csu_grad_reqs / cohort_students';
