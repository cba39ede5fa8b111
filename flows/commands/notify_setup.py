"""`sfo-redact notify-setup --webhook URL`: a Prefect automation that POSTs to a webhook when a
nightly run fails or crashes (see flows/notify.py).
"""

from __future__ import annotations

import argparse

from pipeline.errors import ConfigError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `notify-setup` command to the CLI (entry-point group sfo_redact.commands)."""
    cmd = sub.add_parser(
        "notify-setup",
        help="notify a webhook when a nightly run fails (a Prefect automation)",
        description=(
            "Save a webhook notification block and an automation on the Prefect server: when a "
            "nightly-batch run ends Failed or Crashed, the server POSTs a JSON message (run name, state, "
            "counts; nothing from any document) to the webhook. Uses PREFECT_API_URL, else the local "
            "server under SFO_REDACT_PREFECT_HOME that `serve` uses. Running it again replaces both."
        ),
    )
    cmd.add_argument("--webhook", required=True, help="the URL to POST to, e.g. a chat or paging service's incoming webhook")
    cmd.set_defaults(func=_cmd_notify_setup)


def _cmd_notify_setup(args: argparse.Namespace) -> int:
    import flows  # noqa: F401 - sets Prefect's environment before prefect is imported

    if not args.webhook.startswith(("http://", "https://")):
        raise ConfigError("the webhook must be an http:// or https:// URL")
    from flows.local_server import prefect_api
    from flows.notify import AUTOMATION_NAME, setup_notification

    # The automation must land in the database serve and batch use, never in a private one.
    with prefect_api(private_ok=False) as api_url:
        automation_id = setup_notification(args.webhook)
    print(f"Automation '{AUTOMATION_NAME}' ({automation_id}) on {api_url}: a failed or crashed "
          "nightly-batch run is POSTed to the webhook.")
    return 0
