-- Which sql/ tree this warehouse was last brought up to, so that a run whose DDL has not
-- changed skips the whole pass (every step of a run applies it otherwise).
CREATE TABLE IF NOT EXISTS meta.ddl_applied (
    ddl_digest TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
);

COMMENT ON TABLE meta.ddl_applied IS
'The sql/ tree last applied to this warehouse (one row). Grain: one row.';
COMMENT ON COLUMN meta.ddl_applied.ddl_digest IS
'sha256 of the backend name and every DDL file (path and text) applied';
COMMENT ON COLUMN meta.ddl_applied.applied_at IS
'UTC time the DDL pass finished';
