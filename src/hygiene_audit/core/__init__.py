"""The audit itself: settings, inputs, the plugin registry, the engine, scoring and the
report model. Nothing here prints or prompts; the front end (``cli``) does."""
