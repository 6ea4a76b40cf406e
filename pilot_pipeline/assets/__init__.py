"""Assets by layer: raw files, staging tables, warehouse dimensions and facts, reports."""
