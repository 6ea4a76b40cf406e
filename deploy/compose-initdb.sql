-- Run once by the postgres container on first start (docker-entrypoint-initdb.d): one
-- database for the Dagster instance (runs, event logs, schedules), one for the warehouse.
-- The BI role and its grants come from the pipeline itself (meta/bi_access, make grant-bi).
CREATE DATABASE dagster;
CREATE DATABASE pilot_warehouse;
