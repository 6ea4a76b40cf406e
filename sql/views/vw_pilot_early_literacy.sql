-- Early literacy (DIBELS K-2), pilot vs non-pilot LAUSD schools (comparison as in
-- bi.vw_school_pilot_status), per school year and grade. Rates are weighted by students:
-- at-benchmark students over students assessed, summed over the schools whose two counts are
-- both known; a school with a suppressed or empty count is left out and counted in
-- schools_excluded_*.
CREATE OR REPLACE VIEW bi.vw_pilot_early_literacy AS
WITH school_rows AS (
    SELECT
        f.school_year,
        c.school_year_label,
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
    INNER JOIN bi.vw_school_pilot_status AS c
        ON f.school_year = c.school_year AND f.cds_code = c.cds_code
    WHERE c.comparison_group IS NOT NULL
),

aggregated AS (
    SELECT
        school_year,
        school_year_label,
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
    GROUP BY school_year, school_year_label, comparison_group, grade
)

SELECT
    school_year,
    school_year_label,
    comparison_group,
    grade,
    cast(schools_reporting AS BIGINT) AS schools_reporting,
    cast(schools_included AS BIGINT) AS schools_included,
    cast(schools_excluded_suppressed AS BIGINT) AS schools_excluded_suppressed,
    cast(schools_excluded_missing AS BIGINT) AS schools_excluded_missing,
    cast(coalesce(students_excluded_suppressed, 0) AS BIGINT) AS students_excluded_suppressed,
    cast(students_assessed AS BIGINT) AS students_assessed,
    cast(at_or_above_benchmark AS BIGINT) AS at_or_above_benchmark,
    cast(
        100.0 * at_or_above_benchmark / nullif(students_assessed, 0) AS DOUBLE PRECISION
    ) AS pct_at_or_above_benchmark
FROM aggregated;

COMMENT ON VIEW bi.vw_pilot_early_literacy IS
'Early literacy (DIBELS K-2) of LAUSD pilot vs non-pilot schools (non-pilot as in '
'bi.vw_school_pilot_status). Grain: one row per school year x comparison_group x grade (KN, 01, '
'02). pct_at_or_above_benchmark is weighted by students (sum of counts / sum of counts over '
'schools_included). Source: warehouse.fct_early_literacy (LAUSD export).';
