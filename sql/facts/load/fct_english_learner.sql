-- Rows of fct_english_learner for one school year (bind :school_year, the spring year) from
-- staging.stg_ltel; loaded_at is added by the loader. Unknown schools and groups
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
    s.grade,
    s.eo,
    s.eo_suppressed,
    s.ifep,
    s.ifep_suppressed,
    s.el,
    s.el_suppressed,
    s.rfep,
    s.rfep_suppressed,
    s.tbd,
    s.tbd_suppressed,
    s.ltel,
    s.ltel_suppressed,
    s.at_risk,
    s.at_risk_suppressed,
    s.total_enrollment,
    s.total_enrollment_suppressed,
    s.source_file_sha256
FROM staging.stg_ltel AS s
LEFT JOIN schools AS sc ON s.cds_code = sc.cds_code
WHERE s.school_year = :school_year
