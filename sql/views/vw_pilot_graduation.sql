-- Four-year cohort graduation and A-G (met UC/CSU) rates, pilot vs non-pilot, weighted by
-- students: sums of counts over the schools whose three counts are all known, then divided.
-- A school row with any of the three counts suppressed or empty is left out of every rate,
-- so the three rates always describe the same students. bi.vw_group_rate holds graduates
-- (measure graduation) and A-G completers (measure a_g), each over the cohort, on those schools.
CREATE OR REPLACE VIEW bi.vw_pilot_graduation AS
SELECT
    g.school_year,
    g.school_year_label,
    g.comparison_group,
    g.breakdown AS student_group_code,
    sg.student_group_name,
    g.schools_in_comparison_group,
    g.schools_reporting,
    g.schools_included,
    g.schools_excluded_suppressed,
    g.schools_excluded_missing,
    g.students_excluded_suppressed,
    g.denominator AS cohort_students,
    g.numerator AS regular_hs_diploma_graduates,
    a.numerator AS met_uc_csu_grad_reqs,
    g.rate_pct AS graduation_rate_pct,
    cast(
        round(cast(100.0 * a.numerator / nullif(g.numerator, 0) AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS ag_rate_among_graduates_pct,
    a.rate_pct AS ag_rate_among_cohort_pct
FROM bi.vw_group_rate AS g
INNER JOIN bi.vw_group_rate AS a
    ON
        g.school_year = a.school_year
        AND g.comparison_group = a.comparison_group
        AND g.breakdown = a.breakdown
        AND a.measure = 'a_g'
LEFT JOIN warehouse.dim_student_group AS sg
    ON g.breakdown = sg.student_group_code
WHERE g.measure = 'graduation';

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
