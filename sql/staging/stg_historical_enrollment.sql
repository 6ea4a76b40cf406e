CREATE TABLE IF NOT EXISTS staging.stg_historical_enrollment (
    cds_code TEXT NOT NULL,
    school_year INTEGER NOT NULL,
    student_group_code TEXT NOT NULL,
    source_group_code TEXT,
    grade TEXT NOT NULL,
    enrollment INTEGER,
    enrollment_suppressed BOOLEAN,
    source_line INTEGER,
    source_file_sha256 TEXT,
    PRIMARY KEY (school_year, cds_code, student_group_code, grade)
);

COMMENT ON TABLE staging.stg_historical_enrollment IS
'CDE historical school enrollment bundles (enrYYYYYY-vN.txt), ENR_TYPE C only, tidy and long. '
'Grain: one row per school x school year x student group x grade. Every row is a derived sum of '
'the file''s school x race x gender records: race rows summed over genders, gender rows over '
'races, the all row over both.';

COMMENT ON COLUMN staging.stg_historical_enrollment.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_historical_enrollment.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_historical_enrollment.student_group_code IS
'Canonical student group code (warehouse.dim_student_group)';
COMMENT ON COLUMN staging.stg_historical_enrollment.source_group_code IS
'The file''s code of the group: RACE_ETHNICITY/ETHNIC code on race rows (code system '
'historical_ethnic), GENDER code on gender rows (historical_gender), NULL on the all row';
COMMENT ON COLUMN staging.stg_historical_enrollment.grade IS
'Grade: all (ENR_TOTAL: K-12 plus ungraded, adults excluded), TK (if the file has it), KN, 01 .. '
'12, UE (ungraded elementary), US (ungraded secondary), AD (adults)';
COMMENT ON COLUMN staging.stg_historical_enrollment.enrollment IS
'Enrolled students: a sum of the file''s race x gender records (race groups over genders, gender '
'groups over races, all over both); NULL and suppressed when a summed cell was suppressed';
COMMENT ON COLUMN staging.stg_historical_enrollment.enrollment_suppressed IS
'True when the file suppressed enrollment (*); the value is then NULL, never 0';
COMMENT ON COLUMN staging.stg_historical_enrollment.source_line IS
'Line of the raw file the row came from (header = line 1); for derived sums the first '
'contributing line';
COMMENT ON COLUMN staging.stg_historical_enrollment.source_file_sha256 IS
'sha256 of the raw file the row came from';
