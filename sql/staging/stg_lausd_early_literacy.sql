CREATE TABLE IF NOT EXISTS staging.stg_lausd_early_literacy (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    grade TEXT NOT NULL,
    students_assessed INTEGER,
    students_assessed_suppressed BOOLEAN,
    at_or_above_benchmark INTEGER,
    at_or_above_benchmark_suppressed BOOLEAN,
    location_codes TEXT,
    source_rows INTEGER,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, grade)
);

COMMENT ON TABLE staging.stg_lausd_early_literacy IS
'LAUSD early literacy (DIBELS K-2) export, tidy. Grain: one row per school x school year x '
'grade; dual-language program rows summed into their school.';

COMMENT ON COLUMN staging.stg_lausd_early_literacy.cds_code IS
'14-character CDS code, from the LAUSD location code through the reviewed crosswalk';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.grade IS
'Grade: KN, 01 or 02';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.students_assessed IS
'Students assessed with DIBELS in the grade';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.students_assessed_suppressed IS
'True when the export suppressed a part of students_assessed (*); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.at_or_above_benchmark IS
'Students at or above the end-of-year benchmark';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.at_or_above_benchmark_suppressed IS
'True when the export suppressed a part of at_or_above_benchmark (*); the value is then NULL';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.location_codes IS
'LAUSD location codes summed into the row (the school and its program rows), comma-separated';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.source_rows IS
'Export rows summed into the row (more than 1 when a program row was rolled up)';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.source_line IS
'First line of the export that contributed (header = line 1)';
COMMENT ON COLUMN staging.stg_lausd_early_literacy.source_file_sha256 IS
'sha256 of the raw file the row came from';
