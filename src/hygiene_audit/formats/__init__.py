"""Output formats: each a pure ``render(report, options) -> str``, registered as a plugin."""
