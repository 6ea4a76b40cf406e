CREATE TABLE IF NOT EXISTS warehouse.fct_suspension (
    school_year INTEGER NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    student_group_key INTEGER NOT NULL,
    cumulative_enrollment INTEGER,
    cumulative_enrollment_suppressed BOOLEAN,
    total_suspensions INTEGER,
    total_suspensions_suppressed BOOLEAN,
    unduplicated_students_suspended INTEGER,
    unduplicated_students_suspended_suppressed BOOLEAN,
    students_suspended_defiance_only INTEGER,
    students_suspended_defiance_only_suppressed BOOLEAN,
    suspension_rate DOUBLE PRECISION,
    suspension_rate_suppressed BOOLEAN,
    suspensions_violent_injury INTEGER,
    suspensions_violent_injury_suppressed BOOLEAN,
    suspensions_violent_no_injury INTEGER,
    suspensions_violent_no_injury_suppressed BOOLEAN,
    suspensions_weapons_possession INTEGER,
    suspensions_weapons_possession_suppressed BOOLEAN,
    suspensions_illicit_drug_related INTEGER,
    suspensions_illicit_drug_related_suppressed BOOLEAN,
    suspensions_defiance_only INTEGER,
    suspensions_defiance_only_suppressed BOOLEAN,
    suspensions_other_reasons INTEGER,
    suspensions_other_reasons_suppressed BOOLEAN,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code, student_group_key)
);

COMMENT ON TABLE warehouse.fct_suspension IS
'Suspensions from the CDE downloadable file. Grain: one row per school, school year and student'
' group. The rate is published, 0-100: unduplicated students suspended over cumulative '
'enrollment.';

COMMENT ON COLUMN warehouse.fct_suspension.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_suspension.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN warehouse.fct_suspension.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_suspension.student_group_key IS
'warehouse.dim_student_group key; -1 when the group is not in the dimension';
COMMENT ON COLUMN warehouse.fct_suspension.cumulative_enrollment IS
'Cumulative enrollment; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.cumulative_enrollment_suppressed IS
'True when the source cell for cumulative_enrollment was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.total_suspensions IS
'Total suspensions (incidents, not students); NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.total_suspensions_suppressed IS
'True when the source cell for total_suspensions was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_suspension.unduplicated_students_suspended IS
'Unduplicated count of students suspended; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.unduplicated_students_suspended_suppressed IS
'True when the source cell for unduplicated_students_suspended was suppressed (*); the value is'
' then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.students_suspended_defiance_only IS
'Unduplicated count of students suspended for defiance only; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.students_suspended_defiance_only_suppressed IS
'True when the source cell for students_suspended_defiance_only was suppressed (*); the value '
'is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspension_rate IS
'Suspension rate as published, 0-100; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspension_rate_suppressed IS
'True when the source cell for suspension_rate was suppressed (*); the value is then NULL, '
'never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_violent_injury IS
'Suspensions for violent incidents with injury; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_violent_injury_suppressed IS
'True when the source cell for suspensions_violent_injury was suppressed (*); the value is then'
' NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_violent_no_injury IS
'Suspensions for violent incidents without injury; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_violent_no_injury_suppressed IS
'True when the source cell for suspensions_violent_no_injury was suppressed (*); the value is '
'then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_weapons_possession IS
'Suspensions for weapons possession; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_weapons_possession_suppressed IS
'True when the source cell for suspensions_weapons_possession was suppressed (*); the value is '
'then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_illicit_drug_related IS
'Suspensions for illicit drug related incidents; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_illicit_drug_related_suppressed IS
'True when the source cell for suspensions_illicit_drug_related was suppressed (*); the value '
'is then NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_defiance_only IS
'Suspensions for defiance only; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_defiance_only_suppressed IS
'True when the source cell for suspensions_defiance_only was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_other_reasons IS
'Suspensions for other reasons; NULL when suppressed or missing';
COMMENT ON COLUMN warehouse.fct_suspension.suspensions_other_reasons_suppressed IS
'True when the source cell for suspensions_other_reasons was suppressed (*); the value is then '
'NULL, never 0';
COMMENT ON COLUMN warehouse.fct_suspension.source_file_sha256 IS
'sha256 of the raw file the row came from';
COMMENT ON COLUMN warehouse.fct_suspension.loaded_at IS
'UTC time the row was loaded';
