CREATE TABLE IF NOT EXISTS warehouse.dim_student_group (
    student_group_key INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    student_group_name TEXT,
    student_group_category TEXT CHECK (
        student_group_category IN (
            'all', 'race_ethnicity', 'gender', 'program', 'language', 'unknown'
        )
    ),
    sort_order INTEGER,
    PRIMARY KEY (student_group_key),
    UNIQUE (student_group_code)
);

COMMENT ON TABLE warehouse.dim_student_group IS
'Canonical student groups shared by every source. Grain: one row per canonical student '
'group, plus the unknown member student_group_key -1.';

COMMENT ON COLUMN warehouse.dim_student_group.student_group_key IS
'Surrogate key; -1 is the unknown member';
COMMENT ON COLUMN warehouse.dim_student_group.student_group_code IS
'Canonical code, e.g. all, race_hispanic, sed, el, ltel, swd, foster, homeless, migrant, '
'gender_female';
COMMENT ON COLUMN warehouse.dim_student_group.student_group_name IS
'Display name, e.g. Socioeconomically disadvantaged';
COMMENT ON COLUMN warehouse.dim_student_group.student_group_category IS
'Family of the group: all, race_ethnicity, gender, program or language';
COMMENT ON COLUMN warehouse.dim_student_group.sort_order IS
'Display order in reports and BI tools';
