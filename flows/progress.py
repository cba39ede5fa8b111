"""In-process progress hooks: the CLI's progress bar listens to the flow it started.

Hooks receive counts and case references only and are never sent to Prefect.
"""

from __future__ import annotations

from collections.abc import Callable

Hook = Callable[[str, dict], None]  # (event, data): ("planned", {...}) or ("case", summary)
HOOKS: list[Hook] = []


def emit(event: str, data: dict) -> None:
    """Pass a progress event to every registered hook."""
    for hook in HOOKS:
        hook(event, data)
