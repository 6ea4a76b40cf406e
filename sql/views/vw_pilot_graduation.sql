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
