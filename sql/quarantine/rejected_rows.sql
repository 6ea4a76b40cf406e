-- Rows that failed a row-level expectation: kept here instead of staging, so they never reach
-- the facts. One row per (file row, failed expectation); replaced per source file.
CREATE TABLE IF NOT EXISTS quarantine.rejected_rows (
    source TEXT NOT NULL,
    school_year INTEGER,
    school_year_label TEXT NOT NULL,
    file_label TEXT NOT NULL,
    source_file_sha256 TEXT NOT NULL,
    source_line INTEGER,
    check_name TEXT NOT NULL,
    expectation TEXT NOT NULL,
    column_name TEXT,
    failing_value TEXT,
    reason TEXT NOT NULL,
    row_json TEXT,
    quarantined_at TIMESTAMP NOT NULL
);

COMMENT ON TABLE quarantine.rejected_rows IS
'Staging rows rejected by a row-level Great Expectations expectation, with the reason.
Grain: source file row x failed expectation.';
COMMENT ON COLUMN quarantine.rejected_rows.source IS
'Source name (acgr, census_day, ...).';
COMMENT ON COLUMN quarantine.rejected_rows.school_year IS
'Spring year of the partition (NULL for the directory).';
COMMENT ON COLUMN quarantine.rejected_rows.school_year_label IS
'Partition label, e.g. 2021-22, or current.';
COMMENT ON COLUMN quarantine.rejected_rows.file_label IS
'URL of the source file.';
COMMENT ON COLUMN quarantine.rejected_rows.source_file_sha256 IS
'sha256 of the raw file the row came from.';
COMMENT ON COLUMN quarantine.rejected_rows.source_line IS
'Line of the row in the source file (header = 1).';
COMMENT ON COLUMN quarantine.rejected_rows.check_name IS
'Dagster asset check the expectation reports to.';
COMMENT ON COLUMN quarantine.rejected_rows.expectation IS
'Great Expectations expectation type.';
COMMENT ON COLUMN quarantine.rejected_rows.column_name IS
'Staged column the expectation is about.';
COMMENT ON COLUMN quarantine.rejected_rows.failing_value IS
'The failing value, as text.';
COMMENT ON COLUMN quarantine.rejected_rows.reason IS
'Why the row was rejected.';
COMMENT ON COLUMN quarantine.rejected_rows.row_json IS
'The whole parsed row as JSON.';
COMMENT ON COLUMN quarantine.rejected_rows.quarantined_at IS
'When the row was quarantined (UTC).';
