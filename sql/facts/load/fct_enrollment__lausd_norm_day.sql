-- Rows of warehouse.fct_enrollment of enrollment_source 'lausd_norm_day' for one school year
-- (:school_year) from staging.stg_lausd_norm_day. Norm Day counts have no grades: grade 'all'.
-- The loader looks up the keys, adds loaded_at and replaces the rows WHERE
-- school_year = :school_year AND enrollment_source = 'lausd_norm_day'.
SELECT
    s.school_year,
    s.cds_code,
    s.student_group_code,
    s.enrollment,
    s.enrollment_suppressed,
    s.total_enrollment,
    s.total_enrollment_suppressed,
    s.source_file_sha256,
    'all' AS grade,
    'lausd_norm_day' AS enrollment_source,
    cast(NULL AS DOUBLE PRECISION) AS published_rate,
    FALSE AS published_rate_suppressed
FROM staging.stg_lausd_norm_day AS s
WHERE s.school_year = :school_year
