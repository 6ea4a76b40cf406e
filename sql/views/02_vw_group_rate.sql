-- The coverage counts and the student-weighted rate of every figure the bi.vw_pilot_* views
-- report as one count over another, per comparison group, computed once here so that those
-- views only pick their rows and name the columns. A school row is included when every count
-- its measure needs is known (a graduation row: cohort, graduates and A-G completers) and
-- counted in schools_excluded_suppressed when one of them was `*`.
CREATE OR REPLACE VIEW bi.vw_group_rate AS
-- ltel_measures: the LTEL file by grade, one row per measure, summed to one row per school; a
-- suppressed or empty grade taints the school.
WITH ltel_measures AS (
    SELECT
        m.measure,
        m.share_of,
        f.school_year,
        f.cds_code,
        CASE m.measure
            WHEN 'el' THEN f.el WHEN 'rfep' THEN f.rfep WHEN 'ltel' THEN f.ltel ELSE f.at_risk
        END AS numerator,
        CASE m.measure
            WHEN 'el' THEN f.el_suppressed
            WHEN 'rfep' THEN f.rfep_suppressed
            WHEN 'ltel' THEN f.ltel_suppressed
            ELSE f.at_risk_suppressed
        END AS numerator_suppressed,
        CASE WHEN m.share_of = 'english learners' THEN f.el ELSE f.total_enrollment END
            AS denominator,
        CASE
            WHEN m.share_of = 'english learners' THEN f.el_suppressed
            ELSE f.total_enrollment_suppressed
        END AS denominator_suppressed
    FROM warehouse.fct_english_learner AS f
    CROSS JOIN (
        VALUES
        ('el', 'students enrolled'),
        ('rfep', 'students enrolled'),
        ('ltel', 'english learners'),
        ('at_risk_ltel', 'english learners')
    ) AS m (measure, share_of)
),

ltel_schools AS (
    SELECT
        measure,
        share_of,
        school_year,
        cds_code,
        sum(numerator) AS numerator,
        sum(denominator) AS denominator,
        min(CASE WHEN numerator IS NULL OR denominator IS NULL THEN 0 ELSE 1 END) = 1
            AS is_included,
        max(CASE WHEN numerator_suppressed OR denominator_suppressed THEN 1 ELSE 0 END) = 1
            AS is_suppressed
    FROM ltel_measures
    GROUP BY measure, share_of, school_year, cds_code
),

-- Two counts of one fact row: the rate's numerator and denominator with their suppression.
two_counts AS (
    SELECT
        'chronic_absenteeism' AS measure,
        f.school_year,
        f.cds_code,
        sg.student_group_code AS breakdown,
        f.chronic_absenteeism_count AS numerator,
        f.eligible_cumulative_enrollment AS denominator,
        coalesce(f.chronic_absenteeism_count_suppressed, FALSE)
        OR coalesce(f.eligible_cumulative_enrollment_suppressed, FALSE) AS is_suppressed
    FROM warehouse.fct_chronic_absenteeism AS f
    INNER JOIN warehouse.dim_student_group AS sg
        ON f.student_group_key = sg.student_group_key
    UNION ALL
    SELECT
        'suspension' AS measure,
        f.school_year,
        f.cds_code,
        sg.student_group_code AS breakdown,
        f.unduplicated_students_suspended AS numerator,
        f.cumulative_enrollment AS denominator,
        coalesce(f.unduplicated_students_suspended_suppressed, FALSE)
        OR coalesce(f.cumulative_enrollment_suppressed, FALSE) AS is_suppressed
    FROM warehouse.fct_suspension AS f
    INNER JOIN warehouse.dim_student_group AS sg
        ON f.student_group_key = sg.student_group_key
    UNION ALL
    SELECT
        'early_literacy' AS measure,
        school_year,
        cds_code,
        grade AS breakdown,
        at_or_above_benchmark AS numerator,
        students_assessed AS denominator,
        coalesce(at_or_above_benchmark_suppressed, FALSE)
        OR coalesce(students_assessed_suppressed, FALSE) AS is_suppressed
    FROM warehouse.fct_early_literacy
    UNION ALL
    -- newcomers over all students of the same school and enrollment source (the breakdown)
    SELECT
        'newcomer' AS measure,
        g.school_year,
        g.cds_code,
        g.enrollment_source AS breakdown,
        g.enrollment AS numerator,
        t.enrollment AS denominator,
        coalesce(g.enrollment_suppressed, FALSE)
        OR coalesce(t.enrollment_suppressed, FALSE) AS is_suppressed
    FROM warehouse.fct_enrollment AS g
    LEFT JOIN warehouse.fct_enrollment AS t
        ON
            g.school_year = t.school_year
            AND g.cds_code = t.cds_code
            AND g.enrollment_source = t.enrollment_source
            AND t.grade = 'all'
            AND t.student_group_code = 'all'
    WHERE g.student_group_code = 'newcomer' AND g.grade = 'all'
),

-- graduation (graduates / cohort) and a_g (A-G completers / cohort) on the same schools
graduation_schools AS (
    SELECT
        m.measure,
        f.school_year,
        f.cds_code,
        f.student_group_code AS breakdown,
        f.cohort_students AS denominator,
        CASE
            WHEN m.measure = 'a_g' THEN f.met_uc_csu_grad_reqs
            ELSE f.regular_hs_diploma_graduates
        END AS numerator,
        (
            f.cohort_students IS NOT NULL
            AND f.regular_hs_diploma_graduates IS NOT NULL
            AND f.met_uc_csu_grad_reqs IS NOT NULL
        ) AS is_included,
        (
            coalesce(f.cohort_students_suppressed, FALSE)
            OR coalesce(f.regular_hs_diploma_graduates_suppressed, FALSE)
            OR coalesce(f.met_uc_csu_grad_reqs_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_graduation AS f
    CROSS JOIN (VALUES ('graduation'), ('a_g')) AS m (measure)
),

school_rows AS (
    SELECT
        s.measure,
        s.school_year,
        c.comparison_group,
        s.breakdown,
        -- newcomers are the one English learner measure of this shape
        CASE WHEN s.measure = 'newcomer' THEN 'students enrolled' END AS share_of,
        s.numerator,
        s.denominator,
        s.numerator IS NOT NULL AND s.denominator IS NOT NULL AS is_included,
        s.is_suppressed
    FROM two_counts AS s
    INNER JOIN bi.vw_comparison_group AS c
        ON s.school_year = c.school_year AND s.cds_code = c.cds_code
    UNION ALL
    SELECT
        s.measure,
        s.school_year,
        c.comparison_group,
        s.breakdown,
        cast(NULL AS TEXT) AS share_of,
        s.numerator,
        s.denominator,
        s.is_included,
        s.is_suppressed
    FROM graduation_schools AS s
    INNER JOIN bi.vw_comparison_group AS c
        ON s.school_year = c.school_year AND s.cds_code = c.cds_code
    UNION ALL
    SELECT
        s.measure,
        s.school_year,
        c.comparison_group,
        'ltel_by_grade' AS breakdown,
        s.share_of,
        s.numerator,
        s.denominator,
        s.is_included,
        s.is_suppressed
    FROM ltel_schools AS s
    INNER JOIN bi.vw_comparison_group AS c
        ON s.school_year = c.school_year AND s.cds_code = c.cds_code
),

aggregated AS (
    SELECT
        measure,
        school_year,
        comparison_group,
        breakdown,
        share_of,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN denominator END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN numerator END) AS numerator,
        sum(CASE WHEN is_included THEN denominator END) AS denominator
    FROM school_rows
    GROUP BY measure, school_year, comparison_group, breakdown, share_of
)

SELECT
    a.measure,
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.breakdown,
    a.share_of,
    t.schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.numerator AS BIGINT) AS numerator,
    cast(a.denominator AS BIGINT) AS denominator,
    cast(
        round(
            cast(100.0 * a.numerator / nullif(a.denominator, 0) AS NUMERIC(20, 10)), 1
        ) AS DOUBLE PRECISION
    ) AS rate_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group;
