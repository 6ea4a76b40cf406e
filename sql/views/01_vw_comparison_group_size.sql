-- How many schools each comparison group holds per school year: the denominator of every
-- view's schools_in_comparison_group, computed once here so that no view counts it its own way.
CREATE OR REPLACE VIEW bi.vw_comparison_group_size AS
SELECT
    school_year,
    school_year_label,
    comparison_group,
    cast(count(*) AS BIGINT) AS schools_in_comparison_group
FROM bi.vw_comparison_group
GROUP BY school_year, school_year_label, comparison_group;

COMMENT ON VIEW bi.vw_comparison_group_size IS
'Schools in each comparison group per school year (bi.vw_comparison_group). Grain: '
'one row per school year x comparison_group. Every bi.vw_pilot_* view takes '
'schools_in_comparison_group from here.';

COMMENT ON COLUMN bi.vw_comparison_group_size.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_comparison_group_size.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_comparison_group_size.comparison_group IS
'pilot or non-pilot';
COMMENT ON COLUMN bi.vw_comparison_group_size.schools_in_comparison_group IS
'LAUSD schools of the group open that year, with or without data in any source';
