-- Rows of fct_frpm for one school year (bind :school_year, the spring year) from
-- staging.stg_frpm; loaded_at is added by the loader. Unknown schools and groups
-- get the unknown member key -1.
WITH schools AS (
    SELECT
        d.school_key,
        d.cds_code
    FROM warehouse.dim_school AS d
    WHERE d.cds_code IS NOT NULL
)

-- Column order is the fact table's, so keys sit among plain columns.
SELECT  -- noqa: ST06
    s.school_year,
    s.cds_code,
    coalesce(sc.school_key, -1) AS school_key,
    s.is_charter,
    s.nslp_provision_status,
    s.enrollment_k12,
    s.enrollment_k12_suppressed,
    s.free_meal_count_k12,
    s.free_meal_count_k12_suppressed,
    s.frpm_count_k12,
    s.frpm_count_k12_suppressed,
    s.percent_eligible_free_k12,
    s.percent_eligible_free_k12_suppressed,
    s.percent_eligible_frpm_k12,
    s.percent_eligible_frpm_k12_suppressed,
    s.enrollment_ages_5_17,
    s.enrollment_ages_5_17_suppressed,
    s.free_meal_count_ages_5_17,
    s.free_meal_count_ages_5_17_suppressed,
    s.frpm_count_ages_5_17,
    s.frpm_count_ages_5_17_suppressed,
    s.percent_eligible_free_ages_5_17,
    s.percent_eligible_free_ages_5_17_suppressed,
    s.percent_eligible_frpm_ages_5_17,
    s.percent_eligible_frpm_ages_5_17_suppressed,
    s.source_file_sha256
FROM staging.stg_frpm AS s
LEFT JOIN schools AS sc ON s.cds_code = sc.cds_code
WHERE s.school_year = :school_year
