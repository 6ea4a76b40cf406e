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

COMMENT ON VIEW bi.vw_pilot_english_learners IS
'English learners of LAUSD pilot vs non-pilot schools, one row per school year x '
'comparison_group x measure x source: el (English learners) and rfep (reclassified fluent '
'English proficient) as shares of students enrolled, ltel (long-term English learners) and '
'at_risk_ltel as shares of English learners (CDE LTEL file by grade, summed over grades; a '
'school with a suppressed grade is excluded), and newcomer as a share of students enrolled '
'(the LAUSD enrollment export). Weighted by students, one decimal. Caveat: no ingested file '
'publishes an annual reclassification rate (students reclassified during the year / English '
'learners the year before), so rfep is the stock of reclassified students, not the rate.';

COMMENT ON COLUMN bi.vw_pilot_english_learners.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_english_learners.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_english_learners.comparison_group IS
'pilot or non-pilot (as in bi.vw_school_pilot_status)';
COMMENT ON COLUMN bi.vw_pilot_english_learners.measure IS
'el, rfep, ltel, at_risk_ltel or newcomer';
COMMENT ON COLUMN bi.vw_pilot_english_learners.source IS
'ltel_by_grade (warehouse.fct_english_learner) or the enrollment_source of '
'warehouse.fct_enrollment the newcomer counts come from';
COMMENT ON COLUMN bi.vw_pilot_english_learners.share_of IS
'What share_pct divides by: students enrolled, or english learners (ltel, at_risk_ltel)';
COMMENT ON COLUMN bi.vw_pilot_english_learners.schools_in_comparison_group IS
'All schools of the comparison group open that year, with or without a row in the source';
COMMENT ON COLUMN bi.vw_pilot_english_learners.schools_reporting IS
'Schools of the group the source has a row for (included + excluded)';
COMMENT ON COLUMN bi.vw_pilot_english_learners.schools_included IS
'Schools whose count and base are both known (for every grade, in the LTEL file)';
COMMENT ON COLUMN bi.vw_pilot_english_learners.schools_excluded_suppressed IS
'Schools left out because the source suppressed (*) the count or the base';
COMMENT ON COLUMN bi.vw_pilot_english_learners.schools_excluded_missing IS
'Schools left out because the count or the base is empty without suppression';
COMMENT ON COLUMN bi.vw_pilot_english_learners.students_excluded_suppressed IS
'Base students of the suppressed schools where the base is known; 0, never NULL';
COMMENT ON COLUMN bi.vw_pilot_english_learners.students IS
'Students counted by the measure, summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_english_learners.base_students IS
'Students the share is of (enrolled, or English learners), summed over schools_included';
COMMENT ON COLUMN bi.vw_pilot_english_learners.share_pct IS
'students / base_students, 0-100, one decimal';
