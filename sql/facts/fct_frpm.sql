CREATE TABLE IF NOT EXISTS warehouse.fct_frpm (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    -- measures of staging.stg_frpm (columns, types and comments as declared there)
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code)
);

COMMENT ON TABLE warehouse.fct_frpm IS
'Free or Reduced-Price Meal eligibility from the CDE FRPM workbook. Grain: one row per school '
'and school year. Percentages are 0-100 as published (fractions x 100).';

COMMENT ON COLUMN warehouse.fct_frpm.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_frpm.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN warehouse.fct_frpm.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_frpm.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_frpm.loaded_at IS
'UTC time the row was loaded';
