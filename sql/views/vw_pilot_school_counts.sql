-- Pilot and non-pilot schools per school year by level and (pilot only) local/board district.
-- Non-pilot schools the comparison leaves out (independent charters, charters of unknown
-- funding) are counted on the non-pilot row of their level, so nothing disappears silently.
CREATE OR REPLACE VIEW bi.vw_pilot_school_counts AS
WITH schools AS (
    SELECT
        school_year,
        school_year_label,
        local_district,
        board_district,
        governance,
        coalesce(comparison_group, 'non-pilot') AS comparison_group,
        coalesce(school_level, 'Other') AS school_level,
        comparison_group IS NOT NULL AS is_compared
    FROM bi.vw_school_pilot_status
)

SELECT
    s.school_year,
    s.school_year_label,
    s.comparison_group,
    s.school_level,
    s.local_district,
    s.board_district,
    cast(sum(CASE WHEN s.is_compared THEN 1 ELSE 0 END) AS BIGINT) AS schools,
    cast(
        sum(CASE WHEN s.is_compared AND s.governance = 'district' THEN 1 ELSE 0 END) AS BIGINT
    ) AS district_schools,
    cast(
        sum(CASE WHEN s.is_compared AND s.governance = 'affiliated charter' THEN 1 ELSE 0 END)
        AS BIGINT
    ) AS affiliated_charter_schools,
    cast(coalesce(max(t.schools_in_comparison_group), 0) AS BIGINT)
        AS schools_in_comparison_group,
    cast(
        round(
            cast(
                100.0
                * sum(CASE WHEN s.is_compared THEN 1 ELSE 0 END)
                / nullif(max(t.schools_in_comparison_group), 0) AS NUMERIC(20, 10)
            ),
            1
        ) AS DOUBLE PRECISION
    ) AS pct_of_comparison_group_schools,
    cast(
        sum(CASE WHEN s.governance = 'independent charter' AND NOT s.is_compared THEN 1 ELSE 0 END)
        AS BIGINT
    ) AS schools_excluded_independent_charter,
    cast(
        sum(
            CASE
                WHEN s.governance = 'charter, funding type unknown' AND NOT s.is_compared
                    THEN 1
                ELSE 0
            END
        ) AS BIGINT
    ) AS schools_excluded_charter_unknown_funding
FROM schools AS s
LEFT JOIN bi.vw_comparison_group_size AS t
    ON s.school_year = t.school_year AND s.comparison_group = t.comparison_group
GROUP BY
    s.school_year,
    s.school_year_label,
    s.comparison_group,
    s.school_level,
    s.local_district,
    s.board_district;

COMMENT ON VIEW bi.vw_pilot_school_counts IS
'How many LAUSD pilot and non-pilot schools there are. Grain: one row per school year x '
'comparison_group x school_level x local_district x board_district (the districts come from the '
'pilot roster, so they are NULL on non-pilot rows). Non-pilot = LAUSD-operated schools not on '
'the roster (traditional and affiliated charters); independent charters and charters of unknown '
'funding are counted in the schools_excluded_* columns of the non-pilot row of their level.';

COMMENT ON COLUMN bi.vw_pilot_school_counts.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_pilot_school_counts.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_pilot_school_counts.comparison_group IS
'pilot or non-pilot (LAUSD-operated schools not on the pilot roster)';
COMMENT ON COLUMN bi.vw_pilot_school_counts.school_level IS
'Elementary, Middle, High, Span or Other';
COMMENT ON COLUMN bi.vw_pilot_school_counts.local_district IS
'LAUSD local district from the pilot roster; NULL on non-pilot rows';
COMMENT ON COLUMN bi.vw_pilot_school_counts.board_district IS
'LAUSD board district from the pilot roster; NULL on non-pilot rows';
COMMENT ON COLUMN bi.vw_pilot_school_counts.schools IS
'Schools in the comparison group with this level and district';
COMMENT ON COLUMN bi.vw_pilot_school_counts.district_schools IS
'Of schools, the traditional (non-charter) district schools';
COMMENT ON COLUMN bi.vw_pilot_school_counts.affiliated_charter_schools IS
'Of schools, the affiliated (locally funded) charters';
COMMENT ON COLUMN bi.vw_pilot_school_counts.schools_in_comparison_group IS
'All schools of the comparison group that year (the denominator of the percentage)';
COMMENT ON COLUMN bi.vw_pilot_school_counts.pct_of_comparison_group_schools IS
'schools as a percentage (0-100) of schools_in_comparison_group';
COMMENT ON COLUMN bi.vw_pilot_school_counts.schools_excluded_independent_charter IS
'Independent (directly funded) charters of this level, not compared; non-pilot rows only';
COMMENT ON COLUMN bi.vw_pilot_school_counts.schools_excluded_charter_unknown_funding IS
'Charters of this level whose funding type the directory leaves empty, not compared; non-pilot '
'rows only';
