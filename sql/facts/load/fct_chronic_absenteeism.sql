-- Rows of fct_chronic_absenteeism for one school year (bind :school_year, the spring year) from
-- staging.stg_chronic_absenteeism; loaded_at is added by the loader. Unknown schools and groups
-- get the unknown member key -1.
WITH schools AS (
    SELECT
        d.school_key,
        d.cds_code
    FROM warehouse.dim_school AS d
    WHERE d.cds_code IS NOT NULL
),

student_groups AS (
    SELECT
        g.student_group_key,
        g.student_group_code
    FROM warehouse.dim_student_group AS g
)

-- Column order is the fact table's, so keys sit among plain columns.
SELECT  -- noqa: ST06
    s.school_year,
    s.cds_code,
    coalesce(sc.school_key, -1) AS school_key,
    coalesce(sg.student_group_key, -1) AS student_group_key,
    s.eligible_cumulative_enrollment,
    s.eligible_cumulative_enrollment_suppressed,
    s.chronic_absenteeism_count,
    s.chronic_absenteeism_count_suppressed,
    s.chronic_absenteeism_rate,
    s.chronic_absenteeism_rate_suppressed,
    s.source_file_sha256
FROM staging.stg_chronic_absenteeism AS s
LEFT JOIN schools AS sc ON s.cds_code = sc.cds_code
LEFT JOIN student_groups AS sg ON s.student_group_code = sg.student_group_code
WHERE s.school_year = :school_year
