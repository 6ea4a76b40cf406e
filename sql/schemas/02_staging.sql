-- Tidy, typed copies of each public file, one table per source; not for BI users.
CREATE SCHEMA IF NOT EXISTS staging;
