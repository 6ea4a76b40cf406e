-- Rows of fct_assessment for one school year (bind :school_year, the spring year) from
-- staging.stg_caaspp; loaded_at is added by the loader. Unknown schools and groups
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
    s.grade,
    s.test,
    s.students_enrolled,
    s.students_enrolled_suppressed,
    s.students_tested,
    s.students_tested_suppressed,
    s.mean_scale_score,
    s.mean_scale_score_suppressed,
    s.pct_exceeded,
    s.pct_exceeded_suppressed,
    s.pct_met,
    s.pct_met_suppressed,
    s.pct_met_and_above,
    s.pct_met_and_above_suppressed,
    s.pct_nearly_met,
    s.pct_nearly_met_suppressed,
    s.pct_not_met,
    s.pct_not_met_suppressed,
    s.source_file_sha256
FROM staging.stg_caaspp AS s
LEFT JOIN schools AS sc ON s.cds_code = sc.cds_code
LEFT JOIN student_groups AS sg ON s.student_group_code = sg.student_group_code
WHERE s.school_year = :school_year
