-- Fills warehouse.fct_enrollment rows of enrollment_source 'dashboard' for one school year
-- (:school_year) from staging.stg_dashboard_enrollment. The file has no grades: grade 'all'.
-- The loader adds loaded_at and replaces the rows WHERE school_year = :school_year AND
-- enrollment_source = 'dashboard'.
WITH staged AS (
    SELECT
        s.school_year,
        s.cds_code,
        s.student_group_code,
        s.total_enrollment,
        s.total_enrollment_suppressed,
        s.subgroup_enrollment,
        s.subgroup_enrollment_suppressed,
        s.rate,
        s.rate_suppressed,
        s.source_file_sha256
    FROM staging.stg_dashboard_enrollment AS s
    WHERE s.school_year = :school_year
)

-- Columns in the fact table's order, keys next to the codes they resolve.
SELECT  -- noqa: ST06
    st.school_year,
    st.cds_code,
    coalesce(ds.school_key, -1) AS school_key,
    coalesce(sg.student_group_key, -1) AS student_group_key,
    st.student_group_code,
    'all' AS grade,
    'dashboard' AS enrollment_source,
    st.subgroup_enrollment AS enrollment,
    st.subgroup_enrollment_suppressed AS enrollment_suppressed,
    st.total_enrollment,
    st.total_enrollment_suppressed,
    st.rate AS published_rate,
    st.rate_suppressed AS published_rate_suppressed,
    st.source_file_sha256
FROM staged AS st
LEFT JOIN warehouse.dim_school AS ds
    ON st.cds_code = ds.cds_code
LEFT JOIN warehouse.dim_student_group AS sg
    ON st.student_group_code = sg.student_group_code
