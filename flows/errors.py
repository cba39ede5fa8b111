"""The flows' named failures: what a Failed task or flow run in Prefect means.

Every message holds case references, document kinds and counts only: Prefect keeps a failed
run's message (and logs its traceback), and SFO file names carry the supervised individual's
surname. Each error pickles with its summary, so a Dask worker's failure reaches the flow whole.
"""

from __future__ import annotations

from pipeline.errors import SfoRedactError


class CaseFailedError(SfoRedactError):
    """A case could not be drafted in full: a document or its case file failed (and was quarantined)."""

    def __init__(self, message: str, summary: dict | None = None) -> None:
        super().__init__(message)
        self.summary = summary or {}

    def __reduce__(self):
        return (type(self), (self.reason, self.summary))


class PackFailedError(CaseFailedError):
    """A signed-off log could not be finalised into its VLU pack (tampering, a moved original)."""


class TransientIOError(SfoRedactError):
    """Reading or writing a case's files failed in a way that may pass (a busy or dropped share).

    The only failure a task retries (its `retry_condition_fn`); the message names the error
    number, never the file.
    """

    def __reduce__(self):
        return (type(self), (self.reason,))


class BatchFailedError(SfoRedactError):
    """A batch finished and some of its cases failed: the flow run ends Failed, with the counts."""

    def __init__(self, message: str, totals: dict | None = None) -> None:
        super().__init__(message)
        self.totals = totals or {}

    def __reduce__(self):
        return (type(self), (self.reason, self.totals))


class NoDaskWorkersError(SfoRedactError):
    """The Dask cluster had no worker for longer than the batch waits for one."""

    def __reduce__(self):
        return (type(self), (self.reason,))
