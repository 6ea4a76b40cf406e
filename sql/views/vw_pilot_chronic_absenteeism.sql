-- Chronic absenteeism, pilot vs non-pilot, weighted by students: chronically absent students
-- summed over the schools whose eligible enrollment and count are both known, then divided.
CREATE OR REPLACE VIEW bi.vw_pilot_chronic_absenteeism AS
WITH school_rows AS (
    SELECT
        f.school_year,
        c.comparison_group,
        sg.student_group_code,
        f.eligible_cumulative_enrollment,
        f.chronic_absenteeism_count,
        (
            f.eligible_cumulative_enrollment IS NOT NULL
            AND f.chronic_absenteeism_count IS NOT NULL
        ) AS is_included,
        (
            coalesce(f.eligible_cumulative_enrollment_suppressed, FALSE)
            OR coalesce(f.chronic_absenteeism_count_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_chronic_absenteeism AS f
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
        sum(CASE WHEN NOT is_included AND is_suppressed THEN eligible_cumulative_enrollment END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN eligible_cumulative_enrollment END)
            AS eligible_cumulative_enrollment,
        sum(CASE WHEN is_included THEN chronic_absenteeism_count END)
            AS chronically_absent_students
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
    cast(a.eligible_cumulative_enrollment AS BIGINT) AS eligible_cumulative_enrollment,
    cast(a.chronically_absent_students AS BIGINT) AS chronically_absent_students,
    cast(
        round(
            cast(
                100.0 * a.chronically_absent_students
                / nullif(a.eligible_cumulative_enrollment, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS chronic_absenteeism_rate_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group
LEFT JOIN warehouse.dim_student_group AS sg
    ON a.student_group_code = sg.student_group_code;

COMMENT ON VIEW bi.vw_pilot_chronic_absenteeism IS
'Chronic absenteeism (students absent 10% or more of the days they were enrolled) of LAUSD pilot '
'vs non-pilot schools. Grain: one row per school year x comparison_group x student group (all is '
'the headline). The rate is weighted by students: chronically absent students / eligible '
'enrollment summed over schools_included, rounded to one decimal as CDE publishes it (full '
'precision in warehouse.fct_chronic_absenteeism). Caveat: CDE published no 2019-20 file '
'(COVID-19) and only the years the pipeline loaded appear. Source: CDE chronic absenteeism data.';

COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.comparison_group IS
'pilot or non-pilot (as in bi.vw_school_pilot_status)';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.student_group_code IS
'Canonical student group code; all is the headline';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.student_group_name IS
'Student group display name';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without an absenteeism row';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.schools_reporting IS
'Schools of the group with a row for the student group (included + excluded)';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.schools_included IS
'Schools whose eligible enrollment and chronically absent count are both known';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.schools_excluded_suppressed IS
'Schools left out because CDE suppressed (*) the enrollment or the count';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.schools_excluded_missing IS
'Schools left out because the enrollment or the count is empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.students_excluded_suppressed IS
'Eligible students of the suppressed schools where the enrollment is known; 0, never NULL';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.eligible_cumulative_enrollment IS
'Students enrolled long enough to be counted (CDE eligible cumulative enrollment), summed over '
'schools_included';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.chronically_absent_students IS
'Chronically absent students, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_chronic_absenteeism.chronic_absenteeism_rate_pct IS
'chronically_absent_students / eligible_cumulative_enrollment, 0-100, one decimal';
