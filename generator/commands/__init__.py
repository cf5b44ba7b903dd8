"""The commands of `python -m generator`: build, serve, check. Each turns arguments into an exit code."""
