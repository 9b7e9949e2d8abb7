"""What an editor's public contributions reveal: routine and time zone (HA-E)."""
