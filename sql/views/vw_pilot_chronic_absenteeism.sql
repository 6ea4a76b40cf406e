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
