"""Built-in checks (each registered through the ``hygiene_audit.checks.v1`` entry point)."""
