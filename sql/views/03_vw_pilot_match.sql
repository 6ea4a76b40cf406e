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
