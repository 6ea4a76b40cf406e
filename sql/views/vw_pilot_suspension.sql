-- Suspension rate, pilot vs non-pilot, weighted by students: students suspended at least once
-- over cumulative enrollment, coverage and rate as bi.vw_group_rate computes them.
CREATE OR REPLACE VIEW bi.vw_pilot_suspension AS
SELECT
    r.school_year,
    r.school_year_label,
    r.comparison_group,
    r.breakdown AS student_group_code,
    sg.student_group_name,
    r.schools_in_comparison_group,
    r.schools_reporting,
    r.schools_included,
    r.schools_excluded_suppressed,
    r.schools_excluded_missing,
    r.students_excluded_suppressed,
    r.denominator AS cumulative_enrollment,
    r.numerator AS students_suspended,
    r.rate_pct AS suspension_rate_pct
FROM bi.vw_group_rate AS r
LEFT JOIN warehouse.dim_student_group AS sg
    ON r.breakdown = sg.student_group_code
WHERE r.measure = 'suspension';

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
