"""Pwned Passwords sources: the online range API and the downloaded offline copy."""
