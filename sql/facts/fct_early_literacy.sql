CREATE TABLE IF NOT EXISTS warehouse.fct_early_literacy (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL,
    school_key INTEGER,
    grade TEXT NOT NULL,
    students_assessed INTEGER,
    students_assessed_suppressed BOOLEAN,
    at_or_above_benchmark INTEGER,
    at_or_above_benchmark_suppressed BOOLEAN,
    pct_at_or_above_benchmark DOUBLE PRECISION,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, grade)
);

COMMENT ON TABLE warehouse.fct_early_literacy IS
'LAUSD early literacy (DIBELS) results. Grain: one row per school x school year x grade (K-2), '
'from the LAUSD export; dual-language program rows are summed into their school.';

COMMENT ON COLUMN warehouse.fct_early_literacy.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_early_literacy.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN warehouse.fct_early_literacy.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_early_literacy.grade IS
'Grade: KN, 01 or 02';
COMMENT ON COLUMN warehouse.fct_early_literacy.students_assessed IS
'Students assessed (the denominator)';
COMMENT ON COLUMN warehouse.fct_early_literacy.students_assessed_suppressed IS
'True when the export suppressed students_assessed; the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_early_literacy.at_or_above_benchmark IS
'Students at or above the end-of-year benchmark';
COMMENT ON COLUMN warehouse.fct_early_literacy.at_or_above_benchmark_suppressed IS
'True when the export suppressed at_or_above_benchmark; the value is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_early_literacy.pct_at_or_above_benchmark IS
'100 x at_or_above_benchmark / students_assessed; NULL when either is missing or 0 assessed';
COMMENT ON COLUMN warehouse.fct_early_literacy.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_early_literacy.loaded_at IS
'UTC time the row was loaded';
