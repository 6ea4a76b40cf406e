-- PostgreSQL only (WarehouseResource.apply_ddl(include_roles=True)). Roles are cluster-wide,
-- so creation tolerates a role made by another database or a concurrent run.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pilot_bi_reader') THEN
        CREATE ROLE pilot_bi_reader NOLOGIN;
        -- Inside the IF: pg_shdescription is cluster-wide, and parallel test databases
        -- rewriting the same comment row would collide.
        COMMENT ON ROLE pilot_bi_reader IS
        'Read-only BI role: USAGE and SELECT on schemas bi and warehouse, nothing else';
    END IF;
EXCEPTION
    WHEN duplicate_object THEN NULL;
END
$$;

-- A BI tool must not be able to create objects anywhere; PostgreSQL 15 already revokes
-- CREATE on public from PUBLIC, older clusters did not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;  -- noqa: CP02
REVOKE ALL ON SCHEMA staging, meta, quarantine FROM pilot_bi_reader;
REVOKE CREATE ON SCHEMA bi, warehouse FROM pilot_bi_reader;

DO $$
BEGIN
    EXECUTE format(
        'REVOKE CREATE ON DATABASE %I FROM pilot_bi_reader, PUBLIC', current_database()
    );
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO pilot_bi_reader', current_database());
END
$$;

GRANT USAGE ON SCHEMA bi, warehouse TO pilot_bi_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA bi, warehouse TO pilot_bi_reader;

-- Tables and views created later by the pipeline's owner role stay readable.
ALTER DEFAULT PRIVILEGES IN SCHEMA bi, warehouse GRANT SELECT ON TABLES TO pilot_bi_reader;
