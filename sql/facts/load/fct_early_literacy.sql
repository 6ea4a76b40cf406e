-- Fills warehouse.fct_early_literacy for one school year (:school_year) from
-- staging.stg_lausd_early_literacy. The loader adds loaded_at and replaces the partition.
SELECT  -- noqa: ST06
    s.school_year,
    s.cds_code,
    coalesce(ds.school_key, -1) AS school_key,
    s.grade,
    s.students_assessed,
    s.students_assessed_suppressed,
    s.at_or_above_benchmark,
    s.at_or_above_benchmark_suppressed,
    CASE
        WHEN s.students_assessed > 0
            THEN cast(round(
                cast(100.0 * s.at_or_above_benchmark / s.students_assessed AS NUMERIC), 1
            ) AS DOUBLE PRECISION)
    END AS pct_at_or_above_benchmark,
    s.source_file_sha256
FROM staging.stg_lausd_early_literacy AS s
LEFT JOIN warehouse.dim_school AS ds
    ON s.cds_code = ds.cds_code
WHERE s.school_year = :school_year
