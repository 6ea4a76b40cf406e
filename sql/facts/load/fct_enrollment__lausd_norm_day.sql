-- Fills warehouse.fct_enrollment rows of enrollment_source 'lausd_norm_day' for one school year
-- (:school_year) from staging.stg_lausd_norm_day. Norm Day counts have no grades: grade 'all'.
-- The loader adds loaded_at and replaces the rows WHERE school_year = :school_year AND
-- enrollment_source = 'lausd_norm_day'.
SELECT  -- noqa: ST06
    s.school_year,
    s.cds_code,
    coalesce(ds.school_key, -1) AS school_key,
    coalesce(sg.student_group_key, -1) AS student_group_key,
    s.student_group_code,
    'all' AS grade,
    'lausd_norm_day' AS enrollment_source,
    s.enrollment,
    s.enrollment_suppressed,
    s.total_enrollment,
    s.total_enrollment_suppressed,
    cast(NULL AS DOUBLE PRECISION) AS published_rate,
    FALSE AS published_rate_suppressed,
    s.source_file_sha256
FROM staging.stg_lausd_norm_day AS s
LEFT JOIN warehouse.dim_school AS ds
    ON s.cds_code = ds.cds_code
LEFT JOIN warehouse.dim_student_group AS sg
    ON s.student_group_code = sg.student_group_code
WHERE s.school_year = :school_year
