-- Pipeline bookkeeping: raw-file manifests, load audits.
CREATE SCHEMA IF NOT EXISTS meta;
