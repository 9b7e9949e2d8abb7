"""Password-vault importers: one module per source format, one shared contract."""
