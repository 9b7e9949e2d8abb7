"""The command line: commands, options, prompts, console and the run's front end."""
