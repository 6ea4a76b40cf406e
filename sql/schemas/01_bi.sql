-- Views for analysts and BI tools; the read-only BI role reads it.
CREATE SCHEMA IF NOT EXISTS bi;
