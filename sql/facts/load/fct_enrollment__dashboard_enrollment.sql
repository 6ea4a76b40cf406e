-- Rows of warehouse.fct_enrollment of enrollment_source 'dashboard' for one school year
-- (:school_year) from staging.stg_dashboard_enrollment. The file has no grades: grade 'all'.
-- The loader looks up the keys, adds loaded_at and replaces the rows WHERE
-- school_year = :school_year AND enrollment_source = 'dashboard'.
SELECT
    s.school_year,
    s.cds_code,
    s.student_group_code,
    s.subgroup_enrollment AS enrollment,
    s.subgroup_enrollment_suppressed AS enrollment_suppressed,
    s.total_enrollment,
    s.total_enrollment_suppressed,
    s.rate AS published_rate,
    s.rate_suppressed AS published_rate_suppressed,
    s.source_file_sha256,
    'all' AS grade,
    'dashboard' AS enrollment_source
FROM staging.stg_dashboard_enrollment AS s
WHERE s.school_year = :school_year
