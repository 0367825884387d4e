"""A run over many files: the session (configs and files), the parallel runner, the walk of the project tree,
the findings cache, baselines and git changes."""
