-- Early literacy (DIBELS K-2), pilot vs non-pilot LAUSD schools (comparison as in
-- bi.vw_school_pilot_status), per school year and grade. The rate is weighted by students:
-- at-benchmark students over students assessed, both summed over the same schools (those whose
-- two counts are both known), as bi.vw_group_rate computes it for every count-over-count fact.
CREATE OR REPLACE VIEW bi.vw_pilot_early_literacy AS
SELECT
    school_year,
    school_year_label,
    comparison_group,
    breakdown AS grade,
    schools_in_comparison_group,
    schools_reporting,
    schools_included,
    schools_excluded_suppressed,
    schools_excluded_missing,
    students_excluded_suppressed,
    denominator AS students_assessed,
    numerator AS at_or_above_benchmark,
    rate_pct AS at_or_above_benchmark_pct
FROM bi.vw_group_rate
WHERE measure = 'early_literacy';

COMMENT ON VIEW bi.vw_pilot_early_literacy IS
'Early literacy (DIBELS K-2) of LAUSD pilot vs non-pilot schools (non-pilot as in '
'bi.vw_school_pilot_status). Grain: one row per school year x comparison_group x grade (KN, 01, '
'02). at_or_above_benchmark_pct is weighted by students: sum of counts / sum of counts over '
'schools_included. Source: warehouse.fct_early_literacy (LAUSD export).';

COMMENT ON COLUMN bi.vw_pilot_early_literacy.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.comparison_group IS
'pilot or non-pilot (LAUSD-operated schools not on the pilot roster)';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.grade IS
'Grade: KN, 01 or 02';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without early literacy data';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.schools_reporting IS
'Schools of the group with a row for the grade (schools_included + '
'schools_excluded_suppressed + schools_excluded_missing)';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.schools_included IS
'Schools whose assessed and at-benchmark counts are both known; the rate covers exactly these';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.schools_excluded_suppressed IS
'Schools left out because the export suppressed one of the two counts';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.schools_excluded_missing IS
'Schools left out because one of the two counts is empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.students_excluded_suppressed IS
'Students assessed at the suppressed schools where that count is known; 0 when none is';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.students_assessed IS
'Students assessed, summed over schools_included (the denominator)';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.at_or_above_benchmark IS
'Students at or above the end-of-year benchmark, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_early_literacy.at_or_above_benchmark_pct IS
'Percent at or above benchmark, 0-100: at_or_above_benchmark / students_assessed';
