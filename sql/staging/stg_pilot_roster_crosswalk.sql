CREATE TABLE IF NOT EXISTS staging.stg_pilot_roster_crosswalk (
    school_year INTEGER NOT NULL,
    school_year_label TEXT NOT NULL,
    school_name_as_published TEXT NOT NULL,
    cds_code TEXT,
    directory_school_name TEXT,
    match_score DOUBLE PRECISION,
    evidence TEXT,
    review_note TEXT,
    source_file_sha256 TEXT NOT NULL
);

COMMENT ON TABLE staging.stg_pilot_roster_crosswalk IS
'Reviewed roster entry to CDS code crosswalk with the directory evidence per match. Grain: '
'one row per roster entry per school year (two rows for one entry is an error the crosswalk'
' check reports).';

COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.school_year IS
'Spring year of the roster''s school year';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.school_year_label IS
'Roster school year label, e.g. 2021-22';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.school_name_as_published IS
'Roster entry as published';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.cds_code IS
'The CDS code the reviewer chose';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.directory_school_name IS
'The directory''s name for that CDS code';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.match_score IS
'Suggestion score of the chosen school (0-100+, evidence bonuses included)';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.evidence IS
'Evidence the suggestion engine found (name, campus, website, grade span)';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.review_note IS
'Reviewer''s note: look-alikes rejected and why';
COMMENT ON COLUMN staging.stg_pilot_roster_crosswalk.source_file_sha256 IS
'sha256 of the crosswalk file';
