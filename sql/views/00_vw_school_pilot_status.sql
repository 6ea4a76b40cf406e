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

COMMENT ON VIEW bi.vw_school_pilot_status IS
'Every LAUSD school open in a school year with its comparison group. Grain: one row per school '
'and school year. comparison_group is pilot for roster schools and non-pilot for the other '
'LAUSD-operated schools (traditional schools and affiliated, locally funded charters); '
'independent (directly funded) charters and charters of unknown funding type are not compared '
'(comparison_group NULL, exclusion_reason says why).';

COMMENT ON COLUMN bi.vw_school_pilot_status.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_school_pilot_status.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_school_pilot_status.cds_code IS
'14-character CDS code of the school, text';
COMMENT ON COLUMN bi.vw_school_pilot_status.school_key IS
'warehouse.dim_school key';
COMMENT ON COLUMN bi.vw_school_pilot_status.school_name IS
'School name as the directory spells it today';
COMMENT ON COLUMN bi.vw_school_pilot_status.school_level IS
'Elementary, Middle, High, Span or Other (warehouse.dim_school)';
COMMENT ON COLUMN bi.vw_school_pilot_status.is_pilot IS
'True when the school is on the pilot roster applied to that year';
COMMENT ON COLUMN bi.vw_school_pilot_status.is_charter IS
'True for a charter school (directory)';
COMMENT ON COLUMN bi.vw_school_pilot_status.funding_type IS
'Charter funding: Directly funded (independent) or Locally funded (affiliated); NULL otherwise';
COMMENT ON COLUMN bi.vw_school_pilot_status.governance IS
'district, affiliated charter, independent charter, or charter, funding type unknown';
COMMENT ON COLUMN bi.vw_school_pilot_status.local_district IS
'LAUSD local district from the pilot roster; NULL for non-pilot schools';
COMMENT ON COLUMN bi.vw_school_pilot_status.board_district IS
'LAUSD board district from the pilot roster; NULL for non-pilot schools';
COMMENT ON COLUMN bi.vw_school_pilot_status.is_roster_inferred IS
'True when no roster exists for the year and the nearest roster year was applied';
COMMENT ON COLUMN bi.vw_school_pilot_status.comparison_group IS
'pilot, non-pilot, or NULL when the school is not compared (see exclusion_reason)';
COMMENT ON COLUMN bi.vw_school_pilot_status.exclusion_reason IS
'Why a school is not compared: independent charter, or charter, funding type unknown; NULL '
'for compared schools';
