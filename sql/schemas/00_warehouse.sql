-- Star schema: dimensions and facts. BI users may read it (see sql/roles).
CREATE SCHEMA IF NOT EXISTS warehouse;
