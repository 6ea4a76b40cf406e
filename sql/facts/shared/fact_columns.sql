-- Not a table: the columns most facts share, declared and described once. A fact's DDL takes a
-- run of them with the line `-- columns of shared.fact_columns from <first> to <last>`, which
-- the DDL runner fills in, comments included (pilot_pipeline/resources/ddl_include.py).
CREATE TABLE IF NOT EXISTS shared.fact_columns (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    student_group_key INTEGER NOT NULL,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP
);

COMMENT ON COLUMN shared.fact_columns.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN shared.fact_columns.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN shared.fact_columns.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN shared.fact_columns.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is not in the dimension';
COMMENT ON COLUMN shared.fact_columns.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN shared.fact_columns.loaded_at IS
'UTC time the row was loaded';
