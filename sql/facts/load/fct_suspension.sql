-- Rows of fct_suspension for one school year (bind :school_year, the spring year) from
-- staging.stg_suspension; loaded_at is added by the loader. Unknown schools and groups
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
    s.cumulative_enrollment,
    s.cumulative_enrollment_suppressed,
    s.total_suspensions,
    s.total_suspensions_suppressed,
    s.unduplicated_students_suspended,
    s.unduplicated_students_suspended_suppressed,
    s.students_suspended_defiance_only,
    s.students_suspended_defiance_only_suppressed,
    s.suspension_rate,
    s.suspension_rate_suppressed,
    s.suspensions_violent_injury,
    s.suspensions_violent_injury_suppressed,
    s.suspensions_violent_no_injury,
    s.suspensions_violent_no_injury_suppressed,
    s.suspensions_weapons_possession,
    s.suspensions_weapons_possession_suppressed,
    s.suspensions_illicit_drug_related,
    s.suspensions_illicit_drug_related_suppressed,
    s.suspensions_defiance_only,
    s.suspensions_defiance_only_suppressed,
    s.suspensions_other_reasons,
    s.suspensions_other_reasons_suppressed,
    s.source_file_sha256
FROM staging.stg_suspension AS s
LEFT JOIN schools AS sc ON s.cds_code = sc.cds_code
LEFT JOIN student_groups AS sg ON s.student_group_code = sg.student_group_code
WHERE s.school_year = :school_year
