-- Pilot status of every LAUSD school open during one school year (:school_year).
-- The roster of that year applies; a year without a roster takes the nearest roster year
-- (the later one on a tie) and says so in roster_school_year / is_roster_inferred. A new roster
-- year changes only its own year and the years inferred from it, never another roster year.
-- The loader looks up school_key (every open school is in warehouse.dim_school).
WITH roster_years AS (
    SELECT DISTINCT school_year
    FROM staging.stg_pilot_roster
),

applied_roster AS (
    SELECT school_year AS roster_school_year
    FROM roster_years
    ORDER BY abs(school_year - :school_year), school_year DESC
    LIMIT 1
),

pilots AS (
    SELECT
        crosswalk.cds_code,
        roster.school_year AS roster_school_year,
        roster.local_district,
        roster.board_district,
        roster.school_name_as_published,
        roster.roster_source,
        roster.source_file_sha256
    FROM staging.stg_pilot_roster AS roster
    INNER JOIN applied_roster
        ON roster.school_year = applied_roster.roster_school_year
    INNER JOIN staging.stg_pilot_roster_crosswalk AS crosswalk
        ON
            roster.school_year = crosswalk.school_year
            AND roster.school_name_as_published = crosswalk.school_name_as_published
    -- A `left` row documents a departure: the school is not a pilot that year.
    WHERE coalesce(roster.pilot_status, 'pilot') = 'pilot'
),

open_schools AS (
    SELECT
        school.cds_code,
        school.source_file_sha256
    FROM warehouse.dim_school AS school
    WHERE
        school.cds_code LIKE '1964733%'
        AND school.cds_code <> '19647330000000'
        AND (school.open_date IS NULL OR school.open_date <= make_date(:school_year, 6, 30))
        AND (
            school.closed_date IS NULL
            OR school.closed_date >= make_date(:school_year - 1, 7, 1)
        )
)

SELECT
    open_schools.cds_code,
    pilots.local_district,
    pilots.board_district,
    pilots.school_name_as_published AS roster_school_name,
    pilots.roster_source,
    applied_roster.roster_school_year,
    :school_year AS school_year,
    cast(:school_year - 1 AS TEXT)
    || '-'
    || lpad(cast(:school_year % 100 AS TEXT), 2, '0') AS school_year_label,
    pilots.cds_code IS NOT NULL AS is_pilot,
    applied_roster.roster_school_year <> :school_year AS is_roster_inferred,
    coalesce(pilots.source_file_sha256, open_schools.source_file_sha256) AS source_file_sha256
FROM open_schools
CROSS JOIN applied_roster
LEFT JOIN pilots
    ON open_schools.cds_code = pilots.cds_code
ORDER BY open_schools.cds_code
