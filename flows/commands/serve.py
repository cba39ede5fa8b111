"""`sfo-redact serve`: serve the scheduled deployments on this machine until stopped."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `serve` subcommand to the CLI's subparsers."""
    srv = sub.add_parser(
        "serve",
        help="run the nightly batch at 01:00 (UK time) and hourly finalisation, until stopped",
        description=(
            "Serve the nightly-batch (01:00 Europe/London), finalise-packs (hourly, working days) and "
            "redact-case (on demand) deployments with Prefect. Without PREFECT_API_URL, serve starts a Prefect "
            "server of its own on 127.0.0.1 (state under SFO_REDACT_PREFECT_HOME, default "
            "~/.local/share/sfo-redact/prefect-server) and stops it on exit; set PREFECT_API_URL to use "
            "a Prefect server you run. "
            "Threads per batch: SFO_REDACT_WORKERS; an existing Dask scheduler: SFO_REDACT_DASK_ADDRESS."
        ),
    )
    srv.add_argument("--inbox", required=True, type=Path, help="folder of incoming cases (only read)")
    srv.add_argument("--outbox", required=True, type=Path, help="folder for the drafts and packs")
    srv.add_argument("--quarantine", type=Path, help="folder for inputs that failed (default: OUTBOX/_quarantine)")
    srv.set_defaults(func=_cmd_serve)


def _cmd_serve(args: argparse.Namespace) -> int:
    import flows  # noqa: F401 - sets Prefect's environment before prefect is imported

    if not args.inbox.is_dir():
        raise ConfigError("the inbox is not a folder", args.inbox)
    args.outbox.mkdir(parents=True, exist_ok=True)
    from flows.local_server import prefect_api

    with prefect_api(publish=True) as api_url:
        # The UI of the server serve started (the API URL without /api); never personal data.
        print(f"Prefect API: {api_url}  (UI: {api_url.removesuffix('/api')})", flush=True)
        from prefect import serve

        from flows.deployments import build_deployments

        # serve() returns on SIGINT (KeyboardInterrupt) and on SIGTERM (Prefect's runner handles
        # it); leaving the block then stops the local server's process group.
        serve(*build_deployments(args.inbox, args.outbox, args.quarantine))
    return 0
