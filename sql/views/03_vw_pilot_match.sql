-- The like-for-like comparison group as a view, not a table: it is derived from the profile
-- every night, so it can never be stale beside the facts, and a change of method is a change
-- of this file (reviewed, versioned) rather than of an asset's config. Method and limits:
-- docs/matched_comparison.md.
CREATE OR REPLACE VIEW bi.vw_pilot_match AS
WITH compared AS (
    SELECT
        school_year,
        cds_code,
        school_level,
        comparison_group,
        -- Full-precision shares from the counts: the profile's *_pct are rounded for display.
        100.0 * sed_students / total_enrollment AS sed_share,
        100.0 * el_students / total_enrollment AS el_share,
        100.0 * swd_students / total_enrollment AS swd_share
    FROM bi.vw_school_year_profile
    WHERE
        comparison_group IN ('pilot', 'non-pilot')
        AND school_level IS NOT NULL
        AND total_enrollment > 0
        AND sed_students IS NOT NULL
        AND el_students IS NOT NULL
        AND swd_students IS NOT NULL
),

spread AS (
    -- A share that does not vary in a year tells no school apart: it then adds nothing.
    SELECT
        school_year,
        nullif(stddev_pop(sed_share), 0) AS sed_sd,
        nullif(stddev_pop(el_share), 0) AS el_sd,
        nullif(stddev_pop(swd_share), 0) AS swd_sd
    FROM compared
    GROUP BY school_year
),

standardised AS (
    SELECT
        c.school_year,
        c.cds_code,
        c.school_level,
        c.comparison_group,
        coalesce(c.sed_share / s.sed_sd, 0) AS sed_z,
        coalesce(c.el_share / s.el_sd, 0) AS el_z,
        coalesce(c.swd_share / s.swd_sd, 0) AS swd_z
    FROM compared AS c
    INNER JOIN spread AS s ON c.school_year = s.school_year
),

pairs AS (
    SELECT
        p.school_year,
        p.cds_code AS pilot_cds_code,
        n.cds_code AS matched_cds_code,
        p.school_level,
        sqrt(
            (p.sed_z - n.sed_z) * (p.sed_z - n.sed_z)
            + (p.el_z - n.el_z) * (p.el_z - n.el_z)
            + (p.swd_z - n.swd_z) * (p.swd_z - n.swd_z)
        ) AS distance
    FROM standardised AS p
    INNER JOIN standardised AS n
        ON
            p.school_year = n.school_year
            AND p.school_level = n.school_level
            AND n.comparison_group = 'non-pilot'
    WHERE p.comparison_group = 'pilot'
),

ranked AS (
    SELECT
        school_year,
        pilot_cds_code,
        matched_cds_code,
        school_level,
        distance,
        row_number() OVER (
            PARTITION BY school_year, pilot_cds_code
            ORDER BY distance, matched_cds_code
        ) AS match_rank
    FROM pairs
    WHERE distance <= 0.5
),

nearest AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY school_year, pilot_cds_code) AS matches_of_pilot
    FROM ranked
    WHERE match_rank <= 3
)

SELECT
    school_year,
    pilot_cds_code,
    matched_cds_code,
    school_level,
    cast(match_rank AS INTEGER) AS match_rank,
    cast(1.0 / matches_of_pilot AS DOUBLE PRECISION) AS match_weight,
    cast(distance AS DOUBLE PRECISION) AS distance,
    cast(
        'nearest 3 within 0.5 SD on sed_pct, el_pct, swd_pct; same level; with replacement'
        AS TEXT
    ) AS match_method
FROM nearest;

COMMENT ON VIEW bi.vw_pilot_match IS
'The like-for-like comparison group: for each pilot school and school year, the (at most 3) '
'non-pilot schools of the same level nearest in socioeconomically disadvantaged, English '
'learner and students with disabilities shares, each share standardised by its spread across '
'the year''s compared schools, within 0.5 standard deviations (method and limits in '
'docs/matched_comparison.md). Grain: one row per school year x pilot school x matched '
'non-pilot school. A pilot with no non-pilot within the caliper, or without known shares, has '
'no row; a non-pilot school may be matched to several pilots.';

COMMENT ON COLUMN bi.vw_pilot_match.school_year IS
'Spring year of the school year the shares describe (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_match.pilot_cds_code IS
'CDS code of the pilot school';
COMMENT ON COLUMN bi.vw_pilot_match.matched_cds_code IS
'CDS code of a non-pilot school matched to it';
COMMENT ON COLUMN bi.vw_pilot_match.school_level IS
'School level both schools share (warehouse.dim_school)';
COMMENT ON COLUMN bi.vw_pilot_match.match_rank IS
'1 for the nearest non-pilot school, 2 for the next, 3 for the third; ties broken by CDS code';
COMMENT ON COLUMN bi.vw_pilot_match.match_weight IS
'1 / number of matches of the pilot school: each matched pilot weighs as much as its matches';
COMMENT ON COLUMN bi.vw_pilot_match.distance IS
'Euclidean distance of the two schools'' standardised shares, in standard deviations';
COMMENT ON COLUMN bi.vw_pilot_match.match_method IS
'How the match was made: nearest 3 within 0.5 SD, same level, with replacement';
