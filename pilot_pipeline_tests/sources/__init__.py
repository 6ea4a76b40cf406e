"""Per-source parser tests (layouts, suppression, roll-ups, DDL)."""
