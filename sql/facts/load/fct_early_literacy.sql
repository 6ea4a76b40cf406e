-- Rows of warehouse.fct_early_literacy for one school year (:school_year) from
-- staging.stg_lausd_early_literacy, with the rate recomputed from the counts. The loader
-- looks up school_key, adds loaded_at and replaces the partition.
SELECT
    s.school_year,
    s.cds_code,
    s.grade,
    s.students_assessed,
    s.students_assessed_suppressed,
    s.at_or_above_benchmark,
    s.at_or_above_benchmark_suppressed,
    s.source_file_sha256,
    CASE
        WHEN s.students_assessed > 0
            THEN cast(round(
                cast(100.0 * s.at_or_above_benchmark / s.students_assessed AS NUMERIC), 1
            ) AS DOUBLE PRECISION)
    END AS pct_at_or_above_benchmark
FROM staging.stg_lausd_early_literacy AS s
WHERE s.school_year = :school_year
