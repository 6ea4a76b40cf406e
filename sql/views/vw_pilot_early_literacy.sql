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
