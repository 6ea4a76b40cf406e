-- Fills warehouse.fct_graduation for one cohort year (:school_year) from staging.stg_acgr.
-- The loader adds loaded_at and replaces the year's rows in one transaction.
WITH staged AS (
    SELECT
        s.school_year,
        s.cds_code,
        s.student_group_code,
        s.cohort_students,
        s.cohort_students_suppressed,
        s.regular_hs_diploma_graduates,
        s.regular_hs_diploma_graduates_suppressed,
        s.met_uc_csu_grad_reqs,
        s.met_uc_csu_grad_reqs_suppressed,
        s.seal_of_biliteracy,
        s.seal_of_biliteracy_suppressed,
        s.golden_state_seal,
        s.golden_state_seal_suppressed,
        s.dropouts,
        s.dropouts_suppressed,
        s.still_enrolled,
        s.still_enrolled_suppressed,
        s.graduation_rate,
        s.graduation_rate_suppressed,
        s.met_uc_csu_rate,
        s.met_uc_csu_rate_suppressed,
        s.seal_of_biliteracy_rate,
        s.seal_of_biliteracy_rate_suppressed,
        s.golden_state_seal_rate,
        s.golden_state_seal_rate_suppressed,
        s.dropout_rate,
        s.dropout_rate_suppressed,
        s.still_enrolled_rate,
        s.still_enrolled_rate_suppressed,
        s.source_file_sha256
    FROM staging.stg_acgr AS s
    WHERE s.school_year = :school_year
)

-- Columns in the fact table's order, keys next to the codes they resolve.
SELECT  -- noqa: ST06
    st.school_year,
    st.cds_code,
    coalesce(ds.school_key, -1) AS school_key,
    coalesce(sg.student_group_key, -1) AS student_group_key,
    st.student_group_code,
    st.cohort_students,
    st.cohort_students_suppressed,
    st.regular_hs_diploma_graduates,
    st.regular_hs_diploma_graduates_suppressed,
    st.met_uc_csu_grad_reqs,
    st.met_uc_csu_grad_reqs_suppressed,
    st.seal_of_biliteracy,
    st.seal_of_biliteracy_suppressed,
    st.golden_state_seal,
    st.golden_state_seal_suppressed,
    st.dropouts,
    st.dropouts_suppressed,
    st.still_enrolled,
    st.still_enrolled_suppressed,
    st.graduation_rate,
    st.graduation_rate_suppressed,
    st.met_uc_csu_rate,
    st.met_uc_csu_rate_suppressed,
    st.seal_of_biliteracy_rate,
    st.seal_of_biliteracy_rate_suppressed,
    st.golden_state_seal_rate,
    st.golden_state_seal_rate_suppressed,
    st.dropout_rate,
    st.dropout_rate_suppressed,
    st.still_enrolled_rate,
    st.still_enrolled_rate_suppressed,
    st.source_file_sha256
FROM staged AS st
LEFT JOIN warehouse.dim_school AS ds
    ON st.cds_code = ds.cds_code
LEFT JOIN warehouse.dim_student_group AS sg
    ON st.student_group_code = sg.student_group_code
