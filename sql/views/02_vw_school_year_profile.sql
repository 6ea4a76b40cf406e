-- One row per LAUSD school and school year with every headline measure side by side: the
-- wide table BI tools filter and drill into. School-level figures, not group rates: a
-- suppressed or missing cell stays NULL, and so does any rate computed from it.
CREATE OR REPLACE VIEW bi.vw_school_year_profile AS
WITH enrollment_groups AS (
    SELECT
        school_year,
        cds_code,
        enrollment_source,
        sum(CASE WHEN student_group_code = 'all' THEN enrollment END) AS total_enrollment,
        sum(CASE WHEN student_group_code = 'sed' THEN enrollment END) AS sed_students,
        sum(CASE WHEN student_group_code = 'el' THEN enrollment END) AS el_students,
        sum(CASE WHEN student_group_code = 'swd' THEN enrollment END) AS swd_students
    FROM warehouse.fct_enrollment
    WHERE grade = 'all' AND student_group_code IN ('all', 'sed', 'el', 'swd')
    GROUP BY school_year, cds_code, enrollment_source
),

-- One enrollment source per school and year: one with all three groups if any, then by the
-- order of bi.vw_pilot_demographics (census_day, historical, dashboard, lausd_norm_day).
ranked_enrollment AS (
    SELECT
        *,
        row_number() OVER (
            PARTITION BY school_year, cds_code
            ORDER BY
                CASE
                    WHEN
                        sed_students IS NOT NULL
                        AND el_students IS NOT NULL
                        AND swd_students IS NOT NULL
                        THEN 0
                    ELSE 1
                END,
                CASE enrollment_source
                    WHEN 'census_day' THEN 1
                    WHEN 'historical' THEN 2
                    WHEN 'dashboard' THEN 3
                    ELSE 4
                END
        ) AS source_rank
    FROM enrollment_groups
    WHERE total_enrollment IS NOT NULL
),

enrollment AS (
    SELECT * FROM ranked_enrollment
    WHERE source_rank = 1
),

-- the all-students rows of each fact
all_students AS (
    SELECT student_group_key FROM warehouse.dim_student_group
    WHERE student_group_code = 'all'
),

graduation AS (
    SELECT g.* FROM warehouse.fct_graduation AS g
    INNER JOIN all_students AS sg ON g.student_group_key = sg.student_group_key
),

assessment AS (
    SELECT
        a.school_year,
        a.cds_code,
        sum(CASE WHEN a.test = 'ela' THEN a.students_tested END) AS ela_students_tested,
        sum(CASE WHEN a.test = 'ela' THEN a.pct_met_and_above END) AS ela_met_or_exceeded,
        sum(CASE WHEN a.test = 'math' THEN a.students_tested END) AS math_students_tested,
        sum(CASE WHEN a.test = 'math' THEN a.pct_met_and_above END) AS math_met_or_exceeded
    FROM warehouse.fct_assessment AS a
    INNER JOIN all_students AS sg ON a.student_group_key = sg.student_group_key
    WHERE a.grade = 'all'
    GROUP BY a.school_year, a.cds_code
),

absenteeism AS (
    SELECT f.* FROM warehouse.fct_chronic_absenteeism AS f
    INNER JOIN all_students AS sg ON f.student_group_key = sg.student_group_key
),

suspension AS (
    SELECT f.* FROM warehouse.fct_suspension AS f
    INNER JOIN all_students AS sg ON f.student_group_key = sg.student_group_key
),

joined AS (
    SELECT
        s.school_year,
        s.school_year_label,
        s.cds_code,
        s.school_name,
        s.school_level,
        s.comparison_group,
        s.exclusion_reason,
        s.is_pilot,
        s.governance,
        s.local_district,
        s.board_district,
        e.enrollment_source,
        e.total_enrollment,
        e.sed_students,
        e.el_students,
        e.swd_students,
        g.cohort_students,
        g.regular_hs_diploma_graduates,
        g.met_uc_csu_grad_reqs,
        a.ela_students_tested,
        a.math_students_tested,
        ab.eligible_cumulative_enrollment,
        ab.chronic_absenteeism_count,
        su.cumulative_enrollment,
        su.unduplicated_students_suspended,
        a.ela_students_tested * a.ela_met_or_exceeded / 100.0 AS ela_met_or_exceeded,
        a.math_students_tested * a.math_met_or_exceeded / 100.0 AS math_met_or_exceeded
    FROM bi.vw_school_pilot_status AS s
    LEFT JOIN enrollment AS e
        ON s.school_year = e.school_year AND s.cds_code = e.cds_code
    LEFT JOIN graduation AS g
        ON s.school_year = g.school_year AND s.cds_code = g.cds_code
    LEFT JOIN assessment AS a
        ON s.school_year = a.school_year AND s.cds_code = a.cds_code
    LEFT JOIN absenteeism AS ab
        ON s.school_year = ab.school_year AND s.cds_code = ab.cds_code
    LEFT JOIN suspension AS su
        ON s.school_year = su.school_year AND s.cds_code = su.cds_code
)

SELECT
    school_year,
    school_year_label,
    cds_code,
    school_name,
    school_level,
    comparison_group,
    exclusion_reason,
    is_pilot,
    governance,
    local_district,
    board_district,
    enrollment_source,
    cast(total_enrollment AS BIGINT) AS total_enrollment,
    cast(sed_students AS BIGINT) AS sed_students,
    cast(el_students AS BIGINT) AS el_students,
    cast(swd_students AS BIGINT) AS swd_students,
    cast(cohort_students AS BIGINT) AS cohort_students,
    cast(regular_hs_diploma_graduates AS BIGINT) AS regular_hs_diploma_graduates,
    cast(met_uc_csu_grad_reqs AS BIGINT) AS met_uc_csu_grad_reqs,
    cast(ela_students_tested AS BIGINT) AS ela_students_tested,
    cast(math_students_tested AS BIGINT) AS math_students_tested,
    cast(eligible_cumulative_enrollment AS BIGINT) AS eligible_cumulative_enrollment,
    cast(chronic_absenteeism_count AS BIGINT) AS chronically_absent_students,
    cast(cumulative_enrollment AS BIGINT) AS cumulative_enrollment,
    cast(unduplicated_students_suspended AS BIGINT) AS students_suspended,
    cast(round(cast(ela_met_or_exceeded AS NUMERIC(20, 6)), 0) AS BIGINT)
        AS ela_students_met_or_exceeded,
    cast(round(cast(math_met_or_exceeded AS NUMERIC(20, 6)), 0) AS BIGINT)
        AS math_students_met_or_exceeded,
    cast(
        round(cast(100.0 * sed_students / nullif(total_enrollment, 0) AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS sed_pct,
    cast(
        round(cast(100.0 * el_students / nullif(total_enrollment, 0) AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS el_pct,
    cast(
        round(cast(100.0 * swd_students / nullif(total_enrollment, 0) AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS swd_pct,
    cast(
        round(
            cast(
                100.0 * regular_hs_diploma_graduates / nullif(cohort_students, 0)
                AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS graduation_rate_pct,
    cast(
        round(
            cast(100.0 * met_uc_csu_grad_reqs / nullif(cohort_students, 0) AS NUMERIC(20, 10)),
            1
        ) AS DOUBLE PRECISION
    ) AS ag_rate_among_cohort_pct,
    cast(
        round(
            cast(
                100.0 * ela_met_or_exceeded / nullif(ela_students_tested, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS ela_met_or_exceeded_pct,
    cast(
        round(
            cast(
                100.0 * math_met_or_exceeded / nullif(math_students_tested, 0)
                AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS math_met_or_exceeded_pct,
    cast(
        round(
            cast(
                100.0 * chronic_absenteeism_count / nullif(eligible_cumulative_enrollment, 0)
                AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS chronic_absenteeism_rate_pct,
    cast(
        round(
            cast(
                100.0 * unduplicated_students_suspended / nullif(cumulative_enrollment, 0)
                AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS suspension_rate_pct
FROM joined;
