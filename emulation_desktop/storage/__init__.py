"""Storage: engine and session setup, schema checks, migrations and backups."""
