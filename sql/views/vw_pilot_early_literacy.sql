-- Early literacy (DIBELS K-2), pilot vs non-pilot LAUSD schools (comparison as in
-- bi.vw_school_pilot_status), per school year and grade. The rate is weighted by students:
-- at-benchmark students over students assessed, both summed over the same schools (those whose
-- two counts are both known); a school with a suppressed or empty count is left out of the rate
-- and counted in schools_excluded_*.
CREATE OR REPLACE VIEW bi.vw_pilot_early_literacy AS
WITH school_rows AS (
    SELECT
        f.school_year,
        c.comparison_group,
        f.grade,
        f.students_assessed,
        f.at_or_above_benchmark,
        (f.students_assessed IS NOT NULL AND f.at_or_above_benchmark IS NOT NULL) AS is_included,
        (
            coalesce(f.students_assessed_suppressed, FALSE)
            OR coalesce(f.at_or_above_benchmark_suppressed, FALSE)
        ) AS is_suppressed
    FROM warehouse.fct_early_literacy AS f
    INNER JOIN bi.vw_comparison_group AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
),

aggregated AS (
    SELECT
        school_year,
        comparison_group,
        grade,
        count(*) AS schools_reporting,
        sum(CASE WHEN is_included THEN 1 ELSE 0 END) AS schools_included,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_suppressed,
        sum(CASE WHEN NOT is_included AND NOT is_suppressed THEN 1 ELSE 0 END)
            AS schools_excluded_missing,
        sum(CASE WHEN NOT is_included AND is_suppressed THEN students_assessed END)
            AS students_excluded_suppressed,
        sum(CASE WHEN is_included THEN students_assessed END) AS students_assessed,
        sum(CASE WHEN is_included THEN at_or_above_benchmark END) AS at_or_above_benchmark
    FROM school_rows
    GROUP BY school_year, comparison_group, grade
)

SELECT
    a.school_year,
    t.school_year_label,
    a.comparison_group,
    a.grade,
    cast(t.schools_in_comparison_group AS BIGINT) AS schools_in_comparison_group,
    cast(a.schools_reporting AS BIGINT) AS schools_reporting,
    cast(a.schools_included AS BIGINT) AS schools_included,
    cast(a.schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(a.schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(a.students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(a.students_assessed AS BIGINT) AS students_assessed,
    cast(a.at_or_above_benchmark AS BIGINT) AS at_or_above_benchmark,
    cast(
        round(
            cast(
                100.0 * a.at_or_above_benchmark / nullif(a.students_assessed, 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS at_or_above_benchmark_pct
FROM aggregated AS a
INNER JOIN bi.vw_comparison_group_size AS t
    ON a.school_year = t.school_year AND a.comparison_group = t.comparison_group;

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
