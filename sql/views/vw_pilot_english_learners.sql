-- English learner shares, pilot vs non-pilot, one row per measure: each measure has its own
-- numerator, base and set of included schools, and keeps its source (the LTEL file by grade,
-- or an enrollment source for newcomers), because the sources differ in definition and years.
CREATE OR REPLACE VIEW bi.vw_pilot_english_learners AS
-- ltel_schools: the LTEL file by grade, summed to one row per school; a suppressed grade taints
-- the school.
WITH ltel_schools AS (
    SELECT
        f.school_year,
        f.cds_code,
        c.comparison_group,
        sum(f.total_enrollment) AS total_enrollment,
        sum(f.el) AS el,
        sum(f.ltel) AS ltel,
        sum(f.at_risk) AS at_risk,
        sum(f.rfep) AS rfep,
        min(CASE WHEN f.total_enrollment IS NULL THEN 0 ELSE 1 END) = 1 AS total_known,
        min(CASE WHEN f.el IS NULL THEN 0 ELSE 1 END) = 1 AS el_known,
        min(CASE WHEN f.ltel IS NULL THEN 0 ELSE 1 END) = 1 AS ltel_known,
        min(CASE WHEN f.at_risk IS NULL THEN 0 ELSE 1 END) = 1 AS at_risk_known,
        min(CASE WHEN f.rfep IS NULL THEN 0 ELSE 1 END) = 1 AS rfep_known,
        max(CASE WHEN f.total_enrollment_suppressed THEN 1 ELSE 0 END) = 1 AS total_suppressed,
        max(CASE WHEN f.el_suppressed THEN 1 ELSE 0 END) = 1 AS el_suppressed,
        max(CASE WHEN f.ltel_suppressed THEN 1 ELSE 0 END) = 1 AS ltel_suppressed,
        max(CASE WHEN f.at_risk_suppressed THEN 1 ELSE 0 END) = 1 AS at_risk_suppressed,
        max(CASE WHEN f.rfep_suppressed THEN 1 ELSE 0 END) = 1 AS rfep_suppressed
    FROM warehouse.fct_english_learner AS f
    INNER JOIN bi.vw_comparison_group AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
    GROUP BY f.school_year, f.cds_code, c.comparison_group
),

newcomer_schools AS (
    SELECT
        g.school_year,
        g.cds_code,
        c.comparison_group,
        g.enrollment_source,
        g.enrollment AS newcomers,
        t.enrollment AS total_enrollment,
        coalesce(g.enrollment_suppressed, FALSE) AS newcomers_suppressed,
        coalesce(t.enrollment_suppressed, FALSE) AS total_suppressed
    FROM warehouse.fct_enrollment AS g
    INNER JOIN bi.vw_comparison_group AS c
        ON g.school_year = c.school_year AND g.cds_code = c.cds_code
    LEFT JOIN warehouse.fct_enrollment AS t
        ON
            g.school_year = t.school_year
            AND g.cds_code = t.cds_code
            AND g.enrollment_source = t.enrollment_source
            AND t.grade = 'all'
            AND t.student_group_code = 'all'
    WHERE g.student_group_code = 'newcomer' AND g.grade = 'all'
),

measures AS (
    SELECT
        school_year,
        comparison_group,
        'el' AS measure,
        'students enrolled' AS share_of,
        'ltel_by_grade' AS source,
        el AS students,
        total_enrollment AS base_students,
        el_known AND total_known AS is_included,
        el_suppressed OR total_suppressed AS is_suppressed
    FROM ltel_schools
    UNION ALL
    SELECT
        school_year,
        comparison_group,
        'rfep' AS measure,
        'students enrolled' AS share_of,
        'ltel_by_grade' AS source,
        rfep AS students,
        total_enrollment AS base_students,
        rfep_known AND total_known AS is_included,
        rfep_suppressed OR total_suppressed AS is_suppressed
    FROM ltel_schools
    UNION ALL
    SELECT
        school_year,
        comparison_group,
        'ltel' AS measure,
        'english learners' AS share_of,
        'ltel_by_grade' AS source,
        ltel AS students,
        el AS base_students,
        ltel_known AND el_known AS is_included,
        ltel_suppressed OR el_suppressed AS is_suppressed
    FROM ltel_schools
    UNION ALL
    SELECT
        school_year,
        comparison_group,
        'at_risk_ltel' AS measure,
        'english learners' AS share_of,
        'ltel_by_grade' AS source,
        at_risk AS students,
        el AS base_students,
        at_risk_known AND el_known AS is_included,
        at_risk_suppressed OR el_suppressed AS is_suppressed
    FROM ltel_schools
    UNION ALL
    SELECT
        school_year,
        comparison_group,
        'newcomer' AS measure,
        'students enrolled' AS share_of,
        enrollment_source AS source,
        newcomers AS students,
        total_enrollment AS base_students,
        newcomers IS NOT NULL AND total_enrollment IS NOT NULL AS is_included,
        newcomers_suppressed OR total_suppressed AS is_suppressed
    FROM newcomer_schools
),

aggregated AS (
    SELECT
        school_year,
        comparison_group,
        measure,
        source,
        share_of,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN base_students END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN students END) AS students,
        sum(CASE WHEN is_included THEN base_students END) AS base_students
    FROM measures
    GROUP BY school_year, comparison_group, measure, source, share_of
)

SELECT
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.measure,
    a.source,
    a.share_of,
    t.schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.students AS BIGINT) AS students,
    cast(a.base_students AS BIGINT) AS base_students,
    cast(
        round(cast(100.0 * a.students / nullif(a.base_students, 0) AS NUMERIC(20, 10)), 1)
        AS DOUBLE PRECISION
    ) AS share_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group;

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
