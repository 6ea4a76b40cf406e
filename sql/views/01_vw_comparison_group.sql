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
