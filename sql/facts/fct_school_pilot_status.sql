CREATE TABLE IF NOT EXISTS warehouse.fct_school_pilot_status (
    school_year INTEGER NOT NULL,
    school_year_label TEXT NOT NULL,
    cds_code TEXT NOT NULL CHECK (length(cds_code) = 14),
    school_key INTEGER NOT NULL,
    is_pilot BOOLEAN NOT NULL,
    local_district TEXT,
    board_district TEXT,
    roster_school_name TEXT,
    roster_source TEXT,
    roster_school_year INTEGER,
    is_roster_inferred BOOLEAN,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_year, cds_code)
);

COMMENT ON TABLE warehouse.fct_school_pilot_status IS
'Pilot status of LAUSD schools. Grain: one row per school and school year, for every LAUSD '
'school in the directory that was open that year.';

COMMENT ON COLUMN warehouse.fct_school_pilot_status.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.school_key IS
'warehouse.dim_school key; -1 when the CDS code is not in the directory';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.is_pilot IS
'True when the school is on the LAUSD pilot school roster for that year';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.local_district IS
'LAUSD local district (region) of the school';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.board_district IS
'LAUSD board district of the school';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.roster_school_name IS
'School name as the pilot roster spells it; NULL for non-pilot schools';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.roster_source IS
'Which roster said the school is a pilot (file or page); NULL for non-pilot schools';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.source_file_sha256 IS
'sha256 of the raw roster or directory file the row came from';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.loaded_at IS
'UTC time the row was loaded';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.roster_school_year IS
'Spring year of the roster applied: the same year when a roster exists for it, else the '
'nearest roster year (the later one on a tie)';
COMMENT ON COLUMN warehouse.fct_school_pilot_status.is_roster_inferred IS
'True when no roster exists for this school year and the nearest roster year was applied';
