-- No foreign key to dim_student_group: DuckDB forbids replacing a referenced parent row,
-- and the dimension is reloaded whole. The student group asset check covers the link.
CREATE TABLE IF NOT EXISTS warehouse.dim_student_group_source_code (
    source TEXT NOT NULL,
    source_code TEXT NOT NULL,
    student_group_code TEXT NOT NULL,
    PRIMARY KEY (source, source_code)
);

COMMENT ON TABLE warehouse.dim_student_group_source_code IS
'How each source spells a student group. Grain: one row per source and source code; several'
' source codes may map to one canonical group.';

COMMENT ON COLUMN warehouse.dim_student_group_source_code.source IS
'Source module name, e.g. census_day_enrollment';
COMMENT ON COLUMN warehouse.dim_student_group_source_code.source_code IS
'Student group code or label exactly as the source file writes it';
COMMENT ON COLUMN warehouse.dim_student_group_source_code.student_group_code IS
'Canonical code in warehouse.dim_student_group';
