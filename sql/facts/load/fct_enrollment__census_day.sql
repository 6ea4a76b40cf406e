-- Fills warehouse.fct_enrollment rows of enrollment_source 'census_day' for one school year
-- (:school_year) from staging.stg_census_day. Census Day counts by grade.
-- The loader looks up the keys, adds loaded_at and replaces the rows WHERE
-- school_year = :school_year AND enrollment_source = 'census_day'.
WITH staged AS (
    SELECT
        s.school_year,
        s.cds_code,
        s.student_group_code,
        s.grade,
        s.enrollment,
        s.enrollment_suppressed,
        s.source_file_sha256
    FROM staging.stg_census_day AS s
    WHERE s.school_year = :school_year
),

-- The school's all-students count of the same grade: the denominator for group shares.
school_totals AS (
    SELECT
        st.cds_code,
        st.grade,
        st.enrollment AS total_enrollment,
        st.enrollment_suppressed AS total_enrollment_suppressed
    FROM staged AS st
    WHERE st.student_group_code = 'all'
)

SELECT
    st.school_year,
    st.cds_code,
    st.student_group_code,
    st.grade,
    st.enrollment,
    st.enrollment_suppressed,
    st.source_file_sha256,
    tot.total_enrollment,
    'census_day' AS enrollment_source,
    cast(NULL AS DOUBLE PRECISION) AS published_rate,
    FALSE AS published_rate_suppressed,
    coalesce(tot.total_enrollment_suppressed, FALSE) AS total_enrollment_suppressed
FROM staged AS st
LEFT JOIN school_totals AS tot
    ON st.cds_code = tot.cds_code AND st.grade = tot.grade
