"""Where the Wikimedia exposure check gets its material: the API or local files."""
