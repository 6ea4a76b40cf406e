CREATE TABLE IF NOT EXISTS warehouse.fct_frpm (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    is_charter BOOLEAN,
    nslp_provision_status TEXT,
    enrollment_k12 INTEGER,
    enrollment_k12_suppressed BOOLEAN,
    free_meal_count_k12 INTEGER,
    free_meal_count_k12_suppressed BOOLEAN,
    frpm_count_k12 INTEGER,
    frpm_count_k12_suppressed BOOLEAN,
    percent_eligible_free_k12 DOUBLE PRECISION,
    percent_eligible_free_k12_suppressed BOOLEAN,
    percent_eligible_frpm_k12 DOUBLE PRECISION,
    percent_eligible_frpm_k12_suppressed BOOLEAN,
    enrollment_ages_5_17 INTEGER,
    enrollment_ages_5_17_suppressed BOOLEAN,
    free_meal_count_ages_5_17 INTEGER,
    free_meal_count_ages_5_17_suppressed BOOLEAN,
    frpm_count_ages_5_17 INTEGER,
    frpm_count_ages_5_17_suppressed BOOLEAN,
    percent_eligible_free_ages_5_17 DOUBLE PRECISION,
    percent_eligible_free_ages_5_17_suppressed BOOLEAN,
    percent_eligible_frpm_ages_5_17 DOUBLE PRECISION,
    percent_eligible_frpm_ages_5_17_suppressed BOOLEAN,
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
COMMENT ON COLUMN warehouse.fct_frpm.is_charter IS
'Charter School (Y/N): Yes TRUE, No FALSE, N/A NULL';
COMMENT ON COLUMN warehouse.fct_frpm.nslp_provision_status IS
'NSLP provision status (CEP, Provision 2, ...); NULL for N/A';
COMMENT ON COLUMN warehouse.fct_frpm.enrollment_k12 IS
'Enrollment (K-12); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.enrollment_k12_suppressed IS
'True when the source cell for enrollment_k12 was suppressed (*); the value is then NULL, never'
' 0';
COMMENT ON COLUMN warehouse.fct_frpm.free_meal_count_k12 IS
'Free meal count (K-12); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.free_meal_count_k12_suppressed IS
'True when the source cell for free_meal_count_k12 was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_frpm.frpm_count_k12 IS
'Free or reduced-price meal count (K-12); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.frpm_count_k12_suppressed IS
'True when the source cell for frpm_count_k12 was suppressed (*); the value is then NULL, never'
' 0';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_free_k12 IS
'Percent eligible free (K-12), 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_free_k12_suppressed IS
'True when the source cell for percent_eligible_free_k12 was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_frpm_k12 IS
'Percent eligible FRPM (K-12), 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_frpm_k12_suppressed IS
'True when the source cell for percent_eligible_frpm_k12 was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_frpm.enrollment_ages_5_17 IS
'Enrollment (ages 5-17); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.enrollment_ages_5_17_suppressed IS
'True when the source cell for enrollment_ages_5_17 was suppressed (*); the value is then NULL,'
' never 0';
COMMENT ON COLUMN warehouse.fct_frpm.free_meal_count_ages_5_17 IS
'Free meal count (ages 5-17); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.free_meal_count_ages_5_17_suppressed IS
'True when the source cell for free_meal_count_ages_5_17 was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_frpm.frpm_count_ages_5_17 IS
'FRPM count (ages 5-17); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.frpm_count_ages_5_17_suppressed IS
'True when the source cell for frpm_count_ages_5_17 was suppressed (*); the value is then NULL,'
' never 0';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_free_ages_5_17 IS
'Percent eligible free (ages 5-17), 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_free_ages_5_17_suppressed IS
'True when the source cell for percent_eligible_free_ages_5_17 was suppressed (*); the value is'
' then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_frpm_ages_5_17 IS
'Percent eligible FRPM (ages 5-17), 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_frpm.percent_eligible_frpm_ages_5_17_suppressed IS
'True when the source cell for percent_eligible_frpm_ages_5_17 was suppressed (*); the value is'
' then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_frpm.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_frpm.loaded_at IS
'UTC time the row was loaded';
