CREATE TABLE IF NOT EXISTS warehouse.fct_frpm (
    -- columns of shared.fact_columns from school_year to school_key
    -- measures of staging.stg_frpm (columns, types and comments as declared there)
    -- columns of shared.fact_columns from source_file_sha256 to loaded_at
    PRIMARY KEY (school_year, cds_code)
);

COMMENT ON TABLE warehouse.fct_frpm IS
'Free or Reduced-Price Meal eligibility from the CDE FRPM workbook. Grain: one row per school '
'and school year. Percentages are 0-100 as published (fractions x 100).';
