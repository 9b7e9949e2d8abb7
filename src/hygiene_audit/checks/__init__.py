"""Built-in checks (each registered through the ``hygiene_audit.checks`` entry point)."""
