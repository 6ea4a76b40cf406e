-- English learner shares, pilot vs non-pilot, one row per measure: each measure has its own
-- numerator, base and set of included schools, and keeps its source (the LTEL file by grade,
-- or an enrollment source for newcomers), because the sources differ in definition and years.
-- The sums and shares are bi.vw_group_rate's.
CREATE OR REPLACE VIEW bi.vw_pilot_english_learners AS
SELECT
    school_year,
    school_year_label,
    comparison_group,
    measure,
    breakdown AS source,
    share_of,
    schools_in_comparison_group,
    schools_reporting,
    schools_included,
    schools_excluded_suppressed,
    schools_excluded_missing,
    students_excluded_suppressed,
    numerator AS students,
    denominator AS base_students,
    rate_pct AS share_pct
FROM bi.vw_group_rate
WHERE measure IN ('el', 'rfep', 'ltel', 'at_risk_ltel', 'newcomer');
