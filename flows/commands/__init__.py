"""The `sfo-redact` commands that run Prefect flows: `batch`, `finalise-all` and `serve`.

They are registered with the CLI through the `sfo_redact.commands` entry-point group
(pyproject.toml), so `pipeline/` never imports `flows` or `prefect`: a machine with
the pipeline alone has the four core commands, and installing the flows adds these three.
"""
