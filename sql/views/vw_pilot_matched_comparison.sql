-- Pilot schools beside their like-for-like comparison group (bi.vw_pilot_match: the
-- non-pilot schools of the same level with the nearest demographics) and beside all non-pilot
-- schools, one row per school year and measure. Each matched pilot weighs as much as its
-- matches together (match_weight), and a pilot enters a measure only with its matches.
CREATE OR REPLACE VIEW bi.vw_pilot_matched_comparison AS
WITH profile AS (
    SELECT * FROM bi.vw_school_year_profile
    WHERE comparison_group IS NOT NULL
),

-- one row per school, year and measure: the profile's counts behind each rate
measure_rows AS (
    SELECT
        p.school_year,
        p.cds_code,
        p.comparison_group,
        m.measure,
        m.numerator,
        m.denominator
    FROM profile AS p
    CROSS JOIN LATERAL (
        VALUES
        ('sed_pct', p.sed_students, p.total_enrollment),
        ('el_pct', p.el_students, p.total_enrollment),
        ('swd_pct', p.swd_students, p.total_enrollment),
        ('graduation_rate_pct', p.regular_hs_diploma_graduates, p.cohort_students),
        ('ag_rate_among_cohort_pct', p.met_uc_csu_grad_reqs, p.cohort_students),
        ('ela_met_or_exceeded_pct', p.ela_students_met_or_exceeded, p.ela_students_tested),
        ('math_met_or_exceeded_pct', p.math_students_met_or_exceeded, p.math_students_tested),
        (
            'chronic_absenteeism_rate_pct',
            p.chronically_absent_students,
            p.eligible_cumulative_enrollment
        ),
        ('suspension_rate_pct', p.students_suspended, p.cumulative_enrollment)
    ) AS m (measure, numerator, denominator)
),

school_measures AS (
    SELECT * FROM measure_rows
    WHERE numerator IS NOT NULL AND denominator > 0
),

pilots_matched AS (
    SELECT
        school_year,
        cast(count(DISTINCT pilot_cds_code) AS BIGINT) AS pilots_matched
    FROM bi.vw_pilot_match
    GROUP BY school_year
),

matched_pilots AS (
    SELECT DISTINCT
        school_year,
        pilot_cds_code
    FROM bi.vw_pilot_match
),

matched_pilot_side AS (
    SELECT
        p.school_year,
        p.measure,
        count(*) AS pilots_included,
        sum(p.numerator) AS numerator,
        sum(p.denominator) AS denominator
    FROM school_measures AS p
    INNER JOIN matched_pilots AS mp
        ON p.school_year = mp.school_year AND p.cds_code = mp.pilot_cds_code
    GROUP BY p.school_year, p.measure
),

matched_side AS (
    SELECT
        f.school_year,
        m.measure,
        count(DISTINCT f.matched_cds_code) AS matched_non_pilot_schools,
        sum(f.match_weight * m.numerator) AS numerator,
        sum(f.match_weight * m.denominator) AS denominator
    FROM bi.vw_pilot_match AS f
    INNER JOIN school_measures AS m
        ON f.school_year = m.school_year AND f.matched_cds_code = m.cds_code
    INNER JOIN school_measures AS p
        ON
            f.school_year = p.school_year
            AND f.pilot_cds_code = p.cds_code
            AND m.measure = p.measure
    GROUP BY f.school_year, m.measure
),

group_side AS (
    SELECT
        school_year,
        measure,
        sum(CASE WHEN comparison_group = 'pilot' THEN 1 ELSE 0 END) AS pilots_included_all,
        sum(CASE WHEN comparison_group = 'non-pilot' THEN 1 ELSE 0 END)
            AS non_pilot_schools_included,
        sum(CASE WHEN comparison_group = 'pilot' THEN numerator END) AS pilot_numerator,
        sum(CASE WHEN comparison_group = 'pilot' THEN denominator END) AS pilot_denominator,
        sum(CASE WHEN comparison_group = 'non-pilot' THEN numerator END) AS other_numerator,
        sum(CASE WHEN comparison_group = 'non-pilot' THEN denominator END) AS other_denominator
    FROM school_measures
    GROUP BY school_year, measure
),

rates AS (
    SELECT
        g.school_year,
        g.measure,
        g.pilots_included_all,
        g.non_pilot_schools_included,
        coalesce(mp.pilots_included, 0) AS pilots_included,
        coalesce(ms.matched_non_pilot_schools, 0) AS matched_non_pilot_schools,
        100.0 * mp.numerator / nullif(mp.denominator, 0) AS matched_pilot_rate,
        100.0 * ms.numerator / nullif(ms.denominator, 0) AS matched_non_pilot_rate,
        100.0 * g.pilot_numerator / nullif(g.pilot_denominator, 0) AS all_pilot_rate,
        100.0 * g.other_numerator / nullif(g.other_denominator, 0) AS all_non_pilot_rate
    FROM group_side AS g
    LEFT JOIN matched_pilot_side AS mp
        ON g.school_year = mp.school_year AND g.measure = mp.measure
    LEFT JOIN matched_side AS ms
        ON g.school_year = ms.school_year AND g.measure = ms.measure
)

SELECT
    r.school_year,
    t.school_year_label,
    r.measure,
    t.schools_in_comparison_group AS pilots_in_comparison_group,
    cast(r.pilots_included_all AS BIGINT) AS pilots_included_all,
    cast(r.pilots_included AS BIGINT) AS pilots_matched_included,
    cast(r.matched_non_pilot_schools AS BIGINT) AS matched_non_pilot_schools,
    cast(r.non_pilot_schools_included AS BIGINT) AS non_pilot_schools_included,
    cast(coalesce(pm.pilots_matched, 0) AS BIGINT) AS pilots_matched,
    cast(round(cast(r.all_pilot_rate AS NUMERIC(20, 10)), 1) AS DOUBLE PRECISION) AS all_pilot_pct,
    cast(round(cast(r.matched_pilot_rate AS NUMERIC(20, 10)), 1) AS DOUBLE PRECISION)
        AS matched_pilot_pct,
    cast(round(cast(r.matched_non_pilot_rate AS NUMERIC(20, 10)), 1) AS DOUBLE PRECISION)
        AS matched_non_pilot_pct,
    cast(round(cast(r.all_non_pilot_rate AS NUMERIC(20, 10)), 1) AS DOUBLE PRECISION)
        AS all_non_pilot_pct,
    cast(
        round(cast(r.matched_pilot_rate - r.matched_non_pilot_rate AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS gap_vs_matched_pct_points,
    cast(
        round(cast(r.all_pilot_rate - r.all_non_pilot_rate AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS gap_vs_all_non_pilot_pct_points
FROM rates AS r
INNER JOIN bi.vw_comparison_group_size AS t
    ON r.school_year = t.school_year AND t.comparison_group = 'pilot'
LEFT JOIN pilots_matched AS pm
    ON r.school_year = pm.school_year;
