"""Prefect's environment for sfo-redact: local, quiet, and keeping no document data.

Prefect reads its settings when it is first imported, so `configure()` runs from
`flows/__init__.py`, before any module here imports prefect. Values already in the
environment win (a user pointing at a Prefect server sets PREFECT_API_URL, for instance),
except the two that would let document content reach Prefect's storage: result persistence
and print capture are always off.
"""

from __future__ import annotations

import os

# Set only when the user has not chosen otherwise.
DEFAULTS = {
    # No telemetry: the server's analytics and the client's.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The embedded server's cold start on a fresh PREFECT_HOME took 26 s here (default limit 20 s).
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    # Presidio's e-mail recognizer would otherwise fetch the public suffix list.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
}

# Always: task and flow results are returned in memory and never written under PREFECT_HOME,
# and print() is never captured into Prefect's logs.
FORCED = {
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
}


def configure() -> None:
    """Put sfo-redact's Prefect settings into the environment (call before importing prefect)."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ.update(FORCED)
