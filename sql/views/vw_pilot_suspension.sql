-- Suspension rate, pilot vs non-pilot, weighted by students: students suspended at least once
-- summed over the schools whose cumulative enrollment and count are both known, then divided.
CREATE OR REPLACE VIEW bi.vw_pilot_suspension AS
WITH school_rows AS (
    SELECT
        f.school_year,
        c.comparison_group,
        sg.student_group_code,
        f.cumulative_enrollment,
        f.unduplicated_students_suspended,
        (
            f.cumulative_enrollment IS NOT NULL
            AND f.unduplicated_students_suspended IS NOT NULL
        ) AS is_included,
        (
            coalesce(f.cumulative_enrollment_suppressed, FALSE)
            OR coalesce(f.unduplicated_students_suspended_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_suspension AS f
    INNER JOIN bi.vw_comparison_group AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
    INNER JOIN warehouse.dim_student_group AS sg
        ON f.student_group_key = sg.student_group_key
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
        sum(CASE WHEN NOT is_included AND is_suppressed THEN cumulative_enrollment END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN cumulative_enrollment END)
            AS cumulative_enrollment,
        sum(CASE WHEN is_included THEN unduplicated_students_suspended END)
            AS students_suspended
    FROM school_rows
    GROUP BY school_year, comparison_group, student_group_code
)

SELECT
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.student_group_code,
    sg.student_group_name,
    t.schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.cumulative_enrollment AS BIGINT) AS cumulative_enrollment,
    cast(a.students_suspended AS BIGINT) AS students_suspended,
    cast(
        round(
            cast(
                100.0 * a.students_suspended
                / nullif(a.cumulative_enrollment, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS suspension_rate_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group
LEFT JOIN warehouse.dim_student_group AS sg
    ON a.student_group_code = sg.student_group_code;

COMMENT ON VIEW bi.vw_pilot_suspension IS
'Suspensions of LAUSD pilot vs non-pilot schools. Grain: one row per school year x '
'comparison_group x student group (all is the headline). The rate is weighted by students: '
'students suspended at least once (unduplicated) / cumulative enrollment summed over '
'schools_included, rounded to one decimal as CDE publishes it (full precision in '
'warehouse.fct_suspension). Caveat: 2019-20 and 2020-21 were years of closed and distance '
'schooling, not comparable with in-person years. Source: CDE suspension data.';

COMMENT ON COLUMN bi.vw_pilot_suspension.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_suspension.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_suspension.comparison_group IS
'pilot or non-pilot (as in bi.vw_school_pilot_status)';
COMMENT ON COLUMN bi.vw_pilot_suspension.student_group_code IS
'Canonical student group code; all is the headline';
COMMENT ON COLUMN bi.vw_pilot_suspension.student_group_name IS
'Student group display name';
COMMENT ON COLUMN bi.vw_pilot_suspension.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without a suspension row';
COMMENT ON COLUMN bi.vw_pilot_suspension.schools_reporting IS
'Schools of the group with a row for the student group (included + excluded)';
COMMENT ON COLUMN bi.vw_pilot_suspension.schools_included IS
'Schools whose cumulative enrollment and count of students suspended are both known';
COMMENT ON COLUMN bi.vw_pilot_suspension.schools_excluded_suppressed IS
'Schools left out because CDE suppressed (*) the enrollment or the count';
COMMENT ON COLUMN bi.vw_pilot_suspension.schools_excluded_missing IS
'Schools left out because the enrollment or the count is empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_suspension.students_excluded_suppressed IS
'Enrolled students of the suppressed schools where the enrollment is known; 0, never NULL';
COMMENT ON COLUMN bi.vw_pilot_suspension.cumulative_enrollment IS
'Students enrolled at any time of the year, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_suspension.students_suspended IS
'Students suspended at least once (unduplicated count), summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_suspension.suspension_rate_pct IS
'students_suspended / cumulative_enrollment, 0-100, one decimal';
