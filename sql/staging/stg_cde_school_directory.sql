CREATE TABLE IF NOT EXISTS staging.stg_cde_school_directory (
    cds_code TEXT NOT NULL,
    nces_district_id TEXT,
    nces_school_id TEXT,
    status_type TEXT NOT NULL,
    county_name TEXT,
    district_name TEXT,
    school_name TEXT,
    street TEXT,
    city TEXT,
    zip TEXT,
    phone TEXT,
    website TEXT,
    open_date DATE,
    closed_date DATE,
    is_charter BOOLEAN,
    charter_number TEXT,
    funding_type TEXT,
    doc_code TEXT,
    doc_type TEXT,
    soc_code TEXT,
    soc_type TEXT,
    edops_code TEXT,
    edops_name TEXT,
    eil_code TEXT,
    eil_name TEXT,
    grade_span_offered TEXT,
    grade_span_served TEXT,
    is_virtual TEXT,
    is_magnet BOOLEAN,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    last_updated DATE,
    source_line BIGINT,
    source_file_sha256 TEXT NOT NULL,
    PRIMARY KEY (cds_code)
);

COMMENT ON TABLE staging.stg_cde_school_directory IS
'The CDE public schools directory as parsed: `No Data` is NULL, dates are dates. Grain: one'
' row per CDS code in scope (all statuses; the district row has a NULL school_name).';

COMMENT ON COLUMN staging.stg_cde_school_directory.cds_code IS
'14-digit CDS code (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN staging.stg_cde_school_directory.nces_district_id IS
'NCES district id';
COMMENT ON COLUMN staging.stg_cde_school_directory.nces_school_id IS
'NCES school id';
COMMENT ON COLUMN staging.stg_cde_school_directory.status_type IS
'Active, Closed, Merged or Pending';
COMMENT ON COLUMN staging.stg_cde_school_directory.county_name IS
'County';
COMMENT ON COLUMN staging.stg_cde_school_directory.district_name IS
'District';
COMMENT ON COLUMN staging.stg_cde_school_directory.school_name IS
'School name as the directory spells it today (NULL on district rows)';
COMMENT ON COLUMN staging.stg_cde_school_directory.street IS
'Street address';
COMMENT ON COLUMN staging.stg_cde_school_directory.city IS
'City';
COMMENT ON COLUMN staging.stg_cde_school_directory.zip IS
'ZIP code';
COMMENT ON COLUMN staging.stg_cde_school_directory.phone IS
'Phone';
COMMENT ON COLUMN staging.stg_cde_school_directory.website IS
'Web site';
COMMENT ON COLUMN staging.stg_cde_school_directory.open_date IS
'Date opened';
COMMENT ON COLUMN staging.stg_cde_school_directory.closed_date IS
'Date closed (NULL while open)';
COMMENT ON COLUMN staging.stg_cde_school_directory.is_charter IS
'Charter school (NULL where unknown)';
COMMENT ON COLUMN staging.stg_cde_school_directory.charter_number IS
'Charter number';
COMMENT ON COLUMN staging.stg_cde_school_directory.funding_type IS
'Directly funded / Locally funded (charters)';
COMMENT ON COLUMN staging.stg_cde_school_directory.doc_code IS
'District ownership code';
COMMENT ON COLUMN staging.stg_cde_school_directory.doc_type IS
'District ownership type';
COMMENT ON COLUMN staging.stg_cde_school_directory.soc_code IS
'School ownership code (60 elementary, 62 middle, 66 high ...)';
COMMENT ON COLUMN staging.stg_cde_school_directory.soc_type IS
'School ownership type';
COMMENT ON COLUMN staging.stg_cde_school_directory.edops_code IS
'Educational option code (TRAD, ALTSOC, CON ...)';
COMMENT ON COLUMN staging.stg_cde_school_directory.edops_name IS
'Educational option name';
COMMENT ON COLUMN staging.stg_cde_school_directory.eil_code IS
'Educational instruction level code (ELEM, INTMIDJR, HS, ELEMHIGH ...)';
COMMENT ON COLUMN staging.stg_cde_school_directory.eil_name IS
'Educational instruction level name';
COMMENT ON COLUMN staging.stg_cde_school_directory.grade_span_offered IS
'Grades offered, e.g. K-5';
COMMENT ON COLUMN staging.stg_cde_school_directory.grade_span_served IS
'Grades served, e.g. K-5';
COMMENT ON COLUMN staging.stg_cde_school_directory.is_virtual IS
'Virtual instruction code (N, C, P, V)';
COMMENT ON COLUMN staging.stg_cde_school_directory.is_magnet IS
'Magnet school (NULL where unknown)';
COMMENT ON COLUMN staging.stg_cde_school_directory.latitude IS
'Latitude';
COMMENT ON COLUMN staging.stg_cde_school_directory.longitude IS
'Longitude';
COMMENT ON COLUMN staging.stg_cde_school_directory.last_updated IS
'Date the directory row last changed';
COMMENT ON COLUMN staging.stg_cde_school_directory.source_line IS
'Line of the row in the raw file (header is line 1)';
COMMENT ON COLUMN staging.stg_cde_school_directory.source_file_sha256 IS
'sha256 of the raw directory file';
