CREATE TABLE IF NOT EXISTS warehouse.dim_school_year (
    school_year_key INTEGER NOT NULL,
    school_year INTEGER,
    school_year_label TEXT,
    start_date DATE,
    end_date DATE,
    PRIMARY KEY (school_year_key),
    UNIQUE (school_year),
    CHECK (school_year IS NOT NULL OR school_year_key = -1)
);

COMMENT ON TABLE warehouse.dim_school_year IS
'School years. Grain: one row per school year, plus the unknown member school_year_key -1.';

COMMENT ON COLUMN warehouse.dim_school_year.school_year_key IS
'Surrogate key; -1 is the unknown member';
COMMENT ON COLUMN warehouse.dim_school_year.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN warehouse.dim_school_year.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN warehouse.dim_school_year.start_date IS
'First day of the school year (July 1 of the fall year)';
COMMENT ON COLUMN warehouse.dim_school_year.end_date IS
'Last day of the school year (June 30 of the spring year)';
