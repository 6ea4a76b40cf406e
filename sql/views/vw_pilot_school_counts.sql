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
