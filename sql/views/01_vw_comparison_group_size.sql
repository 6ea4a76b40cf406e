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
