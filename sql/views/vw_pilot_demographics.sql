-- Who the pilot and non-pilot schools serve: the share of students in each group, weighted by
-- students (sum of group counts / sum of school totals over the schools where both are known).
-- Each figure keeps its source, because the sources differ in definition and years:
-- fct_enrollment census_day (2023-24 on), historical (up to 2022-23, race and gender only),
-- dashboard (EL, SED, SWD, ...); fct_english_learner (EL, LTEL, at risk, summed over grades);
-- fct_frpm (free or reduced-price meal eligibility, K-12).
-- The files omit a group a school has no students of (none carries an explicit 0), so a
-- school with its all-students total but no row for a group counts 0 for that group.
-- Each enrollment source also has an `all` row (its total students, 100%), and every row
-- says how many sources report the group that year and how far apart their shares are.
CREATE OR REPLACE VIEW bi.vw_pilot_demographics AS
WITH enrollment AS (
    SELECT
        school_year,
        cds_code,
        enrollment_source,
        student_group_code,
        enrollment,
        enrollment_suppressed
    FROM warehouse.fct_enrollment
    WHERE grade = 'all'
),

enrollment_totals AS (
    SELECT
        school_year,
        cds_code,
        enrollment_source,
        enrollment AS total_students,
        enrollment_suppressed AS total_suppressed
    FROM enrollment
    WHERE student_group_code = 'all'
),

enrollment_groups AS (
    SELECT DISTINCT
        school_year,
        enrollment_source,
        student_group_code
    FROM enrollment
),

enrollment_cells AS (
    SELECT
        t.school_year,
        t.cds_code,
        t.enrollment_source AS source,
        'warehouse.fct_enrollment' AS source_table,
        g.student_group_code,
        t.total_students,
        CASE WHEN e.cds_code IS NULL THEN 0 ELSE e.enrollment END AS students,
        coalesce(e.enrollment_suppressed, FALSE)
        OR coalesce(t.total_suppressed, FALSE) AS is_suppressed
    FROM enrollment_totals AS t
    INNER JOIN enrollment_groups AS g
        ON t.school_year = g.school_year AND t.enrollment_source = g.enrollment_source
    LEFT JOIN enrollment AS e
        ON
            t.school_year = e.school_year
            AND t.cds_code = e.cds_code
            AND t.enrollment_source = e.enrollment_source
            AND g.student_group_code = e.student_group_code
),

-- One row per school: a count is known only when every grade's cell is.
english_learner_schools AS (
    SELECT
        school_year,
        cds_code,
        CASE WHEN count(total_enrollment) = count(*) THEN sum(total_enrollment) END
            AS total_students,
        CASE WHEN count(el) = count(*) THEN sum(el) END AS el,
        CASE WHEN count(ltel) = count(*) THEN sum(ltel) END AS ltel,
        CASE WHEN count(at_risk) = count(*) THEN sum(at_risk) END AS at_risk,
        max(CASE WHEN total_enrollment_suppressed THEN 1 ELSE 0 END) = 1 AS total_suppressed,
        max(CASE WHEN el_suppressed THEN 1 ELSE 0 END) = 1 AS el_suppressed,
        max(CASE WHEN ltel_suppressed THEN 1 ELSE 0 END) = 1 AS ltel_suppressed,
        max(CASE WHEN at_risk_suppressed THEN 1 ELSE 0 END) = 1 AS at_risk_suppressed
    FROM warehouse.fct_english_learner
    GROUP BY school_year, cds_code
),

english_learner_cells AS (
    SELECT
        s.school_year,
        s.cds_code,
        'ltel_by_grade' AS source,
        'warehouse.fct_english_learner' AS source_table,
        g.student_group_code,
        s.total_students,
        g.students,
        g.is_suppressed OR s.total_suppressed AS is_suppressed
    FROM english_learner_schools AS s
    CROSS JOIN LATERAL (
        VALUES
        ('el', s.el, s.el_suppressed),
        ('ltel', s.ltel, s.ltel_suppressed),
        ('at_risk_ltel', s.at_risk, s.at_risk_suppressed)
    ) AS g (student_group_code, students, is_suppressed)
),

frpm_cells AS (
    SELECT
        school_year,
        cds_code,
        'frpm' AS source,
        'warehouse.fct_frpm' AS source_table,
        'frpm' AS student_group_code,
        enrollment_k12 AS total_students,
        frpm_count_k12 AS students,
        coalesce(frpm_count_k12_suppressed, FALSE)
        OR coalesce(enrollment_k12_suppressed, FALSE) AS is_suppressed
    FROM warehouse.fct_frpm
),

cells AS (
    SELECT * FROM enrollment_cells
    UNION ALL
    SELECT * FROM english_learner_cells
    UNION ALL
    SELECT * FROM frpm_cells
),

aggregated AS (
    SELECT
        c.school_year,
        p.comparison_group,
        c.source,
        c.source_table,
        c.student_group_code,
        count(*) AS schools_reporting,
        sum(CASE WHEN c.students IS NOT NULL AND c.total_students IS NOT NULL THEN 1 ELSE 0 END)
            AS schools_included,
        sum(
            CASE
                WHEN (c.students IS NULL OR c.total_students IS NULL) AND c.is_suppressed
                    THEN 1
                ELSE 0
            END
        ) AS schools_excluded_suppressed,
        sum(
            CASE
                WHEN (c.students IS NULL OR c.total_students IS NULL) AND NOT c.is_suppressed
                    THEN 1
                ELSE 0
            END
        ) AS schools_excluded_missing,
        sum(CASE WHEN c.students IS NULL AND c.is_suppressed THEN c.total_students END)
            AS students_excluded_suppressed,
        sum(CASE WHEN c.total_students IS NOT NULL THEN c.students END) AS students,
        sum(CASE WHEN c.students IS NOT NULL THEN c.total_students END) AS total_students
    FROM cells AS c
    INNER JOIN bi.vw_comparison_group AS p
        ON c.school_year = p.school_year AND c.cds_code = p.cds_code
    GROUP BY c.school_year, p.comparison_group, c.source, c.source_table, c.student_group_code
),

-- One series per group and year for charts: the most complete, most official source.
ranked AS (
    SELECT
        a.*,
        CASE a.source
            WHEN 'census_day' THEN 1
            WHEN 'historical' THEN 2
            WHEN 'dashboard' THEN 3
            WHEN 'ltel_by_grade' THEN 4
            ELSE 5
        END AS source_priority,
        100.0 * a.students / nullif(a.total_students, 0) AS share_raw
    FROM aggregated AS a
),

chosen AS (
    SELECT
        r.*,
        r.source_priority = min(r.source_priority) OVER (
            PARTITION BY r.school_year, r.student_group_code
        ) AS is_preferred_source,
        count(*) OVER (
            PARTITION BY r.school_year, r.comparison_group, r.student_group_code
        ) AS sources_reporting_group,
        max(r.share_raw) OVER (
            PARTITION BY r.school_year, r.comparison_group, r.student_group_code
        ) - min(r.share_raw) OVER (
            PARTITION BY r.school_year, r.comparison_group, r.student_group_code
        ) AS share_spread
    FROM ranked AS r
)

SELECT
    r.school_year,
    t.school_year_label,
    r.comparison_group,
    r.student_group_code,
    r.source,
    r.source_table,
    r.is_preferred_source,
    cast(t.schools_in_comparison_group AS BIGINT) AS schools_in_comparison_group,
    cast(r.schools_reporting AS BIGINT) AS schools_reporting,
    cast(r.schools_included AS BIGINT) AS schools_included,
    cast(r.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(r.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(r.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(r.students AS BIGINT) AS students,
    cast(r.total_students AS BIGINT) AS total_students,
    cast(
        round(
            cast(100.0 * r.students / nullif(r.total_students, 0) AS NUMERIC(20, 10)), 1
        ) AS DOUBLE PRECISION
    )
        AS share_of_students_pct,
    cast(r.sources_reporting_group AS BIGINT) AS sources_reporting_group,
    cast(round(cast(r.share_spread AS NUMERIC(20, 10)), 1) AS DOUBLE PRECISION)
        AS share_spread_between_sources_pct_points,
    coalesce(
        sg.student_group_name,
        CASE WHEN r.student_group_code = 'frpm' THEN 'Eligible for free or reduced-price meals' END
    ) AS student_group_name,
    coalesce(
        sg.student_group_category,
        CASE WHEN r.student_group_code = 'frpm' THEN 'program' END
    ) AS student_group_category
FROM chosen AS r
INNER JOIN bi.vw_comparison_group_size AS t
    ON r.school_year = t.school_year AND r.comparison_group = t.comparison_group
LEFT JOIN warehouse.dim_student_group AS sg
    ON r.student_group_code = sg.student_group_code;
