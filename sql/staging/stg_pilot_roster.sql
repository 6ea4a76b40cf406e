CREATE TABLE IF NOT EXISTS staging.stg_pilot_roster (
    school_year INTEGER NOT NULL,
    school_year_label TEXT NOT NULL,
    local_district TEXT,
    board_district TEXT,
    school_name_as_published TEXT NOT NULL,
    roster_source TEXT,
    source_file_sha256 TEXT NOT NULL,
    PRIMARY KEY (school_year, school_name_as_published)
);

COMMENT ON TABLE staging.stg_pilot_roster IS
'LAUSD pilot schools by school year, names as published. Grain: one row per roster entry '
'per school year.';

COMMENT ON COLUMN staging.stg_pilot_roster.school_year IS
'Spring year of the roster''s school year (2021-22 is 2022)';
COMMENT ON COLUMN staging.stg_pilot_roster.school_year_label IS
'Roster school year label, e.g. 2021-22';
COMMENT ON COLUMN staging.stg_pilot_roster.local_district IS
'LAUSD local district as published';
COMMENT ON COLUMN staging.stg_pilot_roster.board_district IS
'LAUSD board district as published';
COMMENT ON COLUMN staging.stg_pilot_roster.school_name_as_published IS
'School name exactly as the roster publishes it';
COMMENT ON COLUMN staging.stg_pilot_roster.roster_source IS
'Where the roster was published';
COMMENT ON COLUMN staging.stg_pilot_roster.source_file_sha256 IS
'sha256 of the roster file';

-- Added with the 2022-23 roster; ALTER so warehouses created before keep working.
ALTER TABLE staging.stg_pilot_roster ADD COLUMN IF NOT EXISTS pilot_status TEXT;

COMMENT ON COLUMN staging.stg_pilot_roster.pilot_status IS
'pilot (on the roster that year) or left (listed to record that it left pilot status that year)';
