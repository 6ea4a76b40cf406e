-- The comparison every bi.vw_pilot_* view builds on; named 00_ so it is created first.
-- Rule: LAUSD non-pilot schools are the LAUSD schools the district operates that are not on
-- the pilot roster: traditional schools and affiliated (locally funded) charters. Independent
-- (directly funded) charters are run by their own boards, and charters whose funding type
-- the directory leaves empty cannot be told apart, so both stay out of the comparison
-- (comparison_group NULL, exclusion_reason says why) but remain visible here.
CREATE OR REPLACE VIEW bi.vw_school_pilot_status AS
WITH classified AS (
    SELECT
        status.school_year,
        status.school_year_label,
        status.cds_code,
        status.school_key,
        school.school_name,
        school.school_level,
        status.is_pilot,
        school.is_charter,
        school.funding_type,
        status.local_district,
        status.board_district,
        status.is_roster_inferred,
        CASE
            WHEN NOT coalesce(school.is_charter, FALSE) THEN 'district'
            WHEN school.funding_type = 'Locally funded' THEN 'affiliated charter'
            WHEN school.funding_type = 'Directly funded' THEN 'independent charter'
            ELSE 'charter, funding type unknown'
        END AS governance
    FROM warehouse.fct_school_pilot_status AS status
    LEFT JOIN warehouse.dim_school AS school
        ON status.school_key = school.school_key
)

SELECT
    school_year,
    school_year_label,
    cds_code,
    school_key,
    school_name,
    school_level,
    is_pilot,
    is_charter,
    funding_type,
    governance,
    local_district,
    board_district,
    is_roster_inferred,
    CASE
        WHEN is_pilot THEN 'pilot'
        WHEN governance IN ('district', 'affiliated charter') THEN 'non-pilot'
    END AS comparison_group,
    CASE
        WHEN is_pilot OR governance IN ('district', 'affiliated charter') THEN NULL
        ELSE governance
    END AS exclusion_reason
FROM classified;
