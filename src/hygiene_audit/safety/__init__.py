"""What keeps secrets and hostile content in their place: secret scrubbing, bounded reads,
neutralising of foreign text, redaction, the offline guard, the HTTP client and host rules."""
