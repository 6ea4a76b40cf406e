-- The compared schools of every school year: what each bi.vw_pilot_* view joins its fact to
-- on (school_year, cds_code), so that no view repeats the filter on bi.vw_school_pilot_status.
CREATE OR REPLACE VIEW bi.vw_comparison_group AS
SELECT
    school_year,
    school_year_label,
    cds_code,
    comparison_group
FROM bi.vw_school_pilot_status
WHERE comparison_group IS NOT NULL;

COMMENT ON VIEW bi.vw_comparison_group IS
'The schools compared each school year (rule in bi.vw_school_pilot_status). Grain: one row per '
'school x school year, compared schools only. Every bi.vw_pilot_* view joins its fact to this '
'view and takes schools_in_comparison_group from bi.vw_comparison_group_size.';

COMMENT ON COLUMN bi.vw_comparison_group.school_year IS
'Spring year of the school year (2021-22 is 2022)';
COMMENT ON COLUMN bi.vw_comparison_group.school_year_label IS
'School year label, e.g. 2021-22';
COMMENT ON COLUMN bi.vw_comparison_group.cds_code IS
'14-character CDS code of the school (county 2 + district 5 + school 7), text';
COMMENT ON COLUMN bi.vw_comparison_group.comparison_group IS
'pilot or non-pilot';
