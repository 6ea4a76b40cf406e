-- CAASPP Smarter Balanced results, pilot vs non-pilot, by grade band and student group.
-- A school enters a band with all its grade rows of the band or not at all, so that students
-- tested, students who met or exceeded the standard and the mean scale score always describe
-- the same students. Rates and means are weighted by students tested.
CREATE OR REPLACE VIEW bi.vw_pilot_assessment AS
WITH graded AS (
    SELECT
        f.school_year,
        f.cds_code,
        c.comparison_group,
        f.test,
        sg.student_group_code,
        f.students_tested,
        f.mean_scale_score,
        f.pct_met_and_above,
        CASE
            WHEN f.grade = 'all' THEN 'all'
            WHEN f.grade IN ('03', '04', '05') THEN '3-5'
            WHEN f.grade IN ('06', '07', '08') THEN '6-8'
            WHEN f.grade = '11' THEN '11'
        END AS grade_band,
        (
            f.students_tested IS NOT NULL
            AND f.mean_scale_score IS NOT NULL
            AND f.pct_met_and_above IS NOT NULL
        ) AS is_known,
        (
            coalesce(f.students_tested_suppressed, FALSE)
            OR coalesce(f.mean_scale_score_suppressed, FALSE)
            OR coalesce(f.pct_met_and_above_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_assessment AS f
    INNER JOIN bi.vw_comparison_group AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
    INNER JOIN warehouse.dim_student_group AS sg
        ON f.student_group_key = sg.student_group_key
    WHERE coalesce(f.students_tested, 1) > 0
),

-- One row per school and band: its grades summed, included only if every grade is known.
school_bands AS (
    SELECT
        school_year,
        cds_code,
        comparison_group,
        test,
        grade_band,
        student_group_code,
        min(CASE WHEN is_known THEN 1 ELSE 0 END) = 1 AS is_included,
        max(CASE WHEN is_suppressed THEN 1 ELSE 0 END) = 1 AS is_suppressed,
        sum(students_tested) AS students_tested,
        sum(students_tested * pct_met_and_above / 100.0) AS students_met_or_exceeded,
        sum(students_tested * mean_scale_score) AS scale_score_points
    FROM graded
    WHERE grade_band IS NOT NULL
    GROUP BY school_year, cds_code, comparison_group, test, grade_band, student_group_code
),

aggregated AS (
    SELECT
        school_year,
        comparison_group,
        test,
        grade_band,
        student_group_code,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN students_tested END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN students_tested END) AS students_tested,
        sum(CASE WHEN is_included THEN students_met_or_exceeded END) AS students_met_or_exceeded,
        sum(CASE WHEN is_included THEN scale_score_points END) AS scale_score_points
    FROM school_bands
    GROUP BY school_year, comparison_group, test, grade_band, student_group_code
)

SELECT
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.test,
    a.grade_band,
    a.student_group_code,
    sg.student_group_name,
    t.schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.students_tested AS BIGINT) AS students_tested,
    cast(round(cast(a.students_met_or_exceeded AS NUMERIC(20, 6)), 0) AS BIGINT)
        AS students_met_or_exceeded,
    cast(
        round(
            cast(
                100.0 * a.students_met_or_exceeded / nullif(a.students_tested, 0)
                AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS met_or_exceeded_pct,
    cast(
        round(
            cast(a.scale_score_points / nullif(a.students_tested, 0) AS NUMERIC(20, 10)), 1
        ) AS DOUBLE PRECISION
    ) AS mean_scale_score
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group
LEFT JOIN warehouse.dim_student_group AS sg
    ON a.student_group_code = sg.student_group_code;
