"""The password vault: reading exports (importers/), the Vault model, and rating it (analysis)."""
