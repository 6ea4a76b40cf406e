-- Rows that failed validation, kept for inspection instead of being loaded.
CREATE SCHEMA IF NOT EXISTS quarantine;
