-- Chronic absenteeism, pilot vs non-pilot, weighted by students: chronically absent students
-- over eligible enrollment, coverage and rate as bi.vw_group_rate computes them.
CREATE OR REPLACE VIEW bi.vw_pilot_chronic_absenteeism AS
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
    r.denominator AS eligible_cumulative_enrollment,
    r.numerator AS chronically_absent_students,
    r.rate_pct AS chronic_absenteeism_rate_pct
FROM bi.vw_group_rate AS r
LEFT JOIN warehouse.dim_student_group AS sg
    ON r.breakdown = sg.student_group_code
WHERE r.measure = 'chronic_absenteeism';

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
