-- One row per CDS code from the CDE school directory. The unknown member (school_key -1,
-- cds_code NULL) is inserted by the dim_school loader, not here, so this file stays a pure,
-- idempotent definition.
CREATE TABLE IF NOT EXISTS warehouse.dim_school (
    school_key INTEGER NOT NULL,
    cds_code TEXT CHECK (length(cds_code) = 14),
    school_name TEXT,
    district_name TEXT,
    county_name TEXT,
    status_type TEXT,
    is_charter BOOLEAN,
    funding_type TEXT,
    is_magnet BOOLEAN,
    soc_code TEXT,
    soc_type TEXT,
    eil_code TEXT,
    edops_code TEXT,
    grade_span_offered TEXT,
    grade_span_served TEXT,
    school_level TEXT CHECK (
        school_level IN ('Elementary', 'Middle', 'High', 'Span', 'Other')
    ),
    open_date DATE,
    closed_date DATE,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    street TEXT,
    city TEXT,
    zip TEXT,
    website TEXT,
    source_file_sha256 TEXT,
    loaded_at TIMESTAMP,
    PRIMARY KEY (school_key),
    UNIQUE (cds_code),
    CHECK (cds_code IS NOT NULL OR school_key = -1)
);

COMMENT ON TABLE warehouse.dim_school IS
'Schools from the CDE public school directory. Grain: one row per CDS code (all statuses), '
'plus the unknown member school_key -1 with a NULL cds_code.';

COMMENT ON COLUMN warehouse.dim_school.school_key IS
'Surrogate key; -1 is the unknown member that facts use when a CDS code is not in the directory';
COMMENT ON COLUMN warehouse.dim_school.cds_code IS
'14-character CDS code (county 2 + district 5 + school 7), text with leading zeros; NULL '
'only on the unknown member';
COMMENT ON COLUMN warehouse.dim_school.school_name IS
'School name as the directory spells it today';
COMMENT ON COLUMN warehouse.dim_school.district_name IS
'District name';
COMMENT ON COLUMN warehouse.dim_school.county_name IS
'County name';
COMMENT ON COLUMN warehouse.dim_school.status_type IS
'Directory status: Active, Closed, Merged or Pending';
COMMENT ON COLUMN warehouse.dim_school.is_charter IS
'True for a charter school; NULL where the directory does not say';
COMMENT ON COLUMN warehouse.dim_school.funding_type IS
'Charter funding: Directly funded or Locally funded; NULL for non-charters';
COMMENT ON COLUMN warehouse.dim_school.is_magnet IS
'True for a magnet school; NULL where the directory does not say';
COMMENT ON COLUMN warehouse.dim_school.soc_code IS
'School ownership code (60 elementary, 62 intermediate/middle, 66 high, ...)';
COMMENT ON COLUMN warehouse.dim_school.soc_type IS
'School ownership type, the name of soc_code';
COMMENT ON COLUMN warehouse.dim_school.eil_code IS
'Educational instruction level code (ELEM, INTMIDJR, HS, ELEMHIGH, ...)';
COMMENT ON COLUMN warehouse.dim_school.edops_code IS
'Educational option code (TRAD, ALTSOC, CON, ...)';
COMMENT ON COLUMN warehouse.dim_school.grade_span_offered IS
'Grades offered, e.g. K-5';
COMMENT ON COLUMN warehouse.dim_school.grade_span_served IS
'Grades served, e.g. K-5';
COMMENT ON COLUMN warehouse.dim_school.school_level IS
'Derived level for comparisons: Elementary, Middle, High, Span or Other';
COMMENT ON COLUMN warehouse.dim_school.open_date IS
'Date the school opened';
COMMENT ON COLUMN warehouse.dim_school.closed_date IS
'Date the school closed; NULL while open';
COMMENT ON COLUMN warehouse.dim_school.latitude IS
'Latitude (WGS 84 decimal degrees)';
COMMENT ON COLUMN warehouse.dim_school.longitude IS
'Longitude (WGS 84 decimal degrees)';
COMMENT ON COLUMN warehouse.dim_school.street IS
'Street address';
COMMENT ON COLUMN warehouse.dim_school.city IS
'City';
COMMENT ON COLUMN warehouse.dim_school.zip IS
'ZIP code, text';
COMMENT ON COLUMN warehouse.dim_school.website IS
'School web site';
COMMENT ON COLUMN warehouse.dim_school.source_file_sha256 IS
'sha256 of the raw directory file the row came from';
COMMENT ON COLUMN warehouse.dim_school.loaded_at IS
'UTC time the row was loaded';
