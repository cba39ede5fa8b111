"""The deployments `sfo-redact serve` serves (and `flows/prefect.yaml` describes for a Prefect server)."""

from __future__ import annotations

import os
from pathlib import Path

from prefect.schedules import Cron, Interval

from flows.finalise_packs import finalise_packs
from flows.nightly import nightly_batch
from flows.redact_case import redact_case_flow

TIMEZONE = "Europe/London"
NIGHTLY_CRON = "0 1 * * *"  # 01:00 UK time, GMT or BST
FINALISE_CRON = "0 7-19 * * 1-5"  # hourly in working hours: a signed-off log gets its pack the same day


# `serve`'s deployments carry this prefix, so they never take over (or pause, when serve stops)
# the deployments `prefect deploy` creates from prefect.yaml on the same server: for example
# "nightly-batch/serve-nightly" against "nightly-batch/nightly".
SERVE_PREFIX = "serve-"

# Tests only: run the served nightly batch every N seconds instead of at 01:00, to see the
# schedule fire within a test's time limit. Unset in every real set-up.
TEST_INTERVAL_ENV = "SFO_REDACT_TEST_NIGHTLY_EVERY_SECONDS"


def nightly_schedule():
    """01:00 Europe/London; every N seconds when the test-only variable is set."""
    every = os.environ.get(TEST_INTERVAL_ENV)
    if every:
        return Interval(float(every))
    return Cron(NIGHTLY_CRON, timezone=TIMEZONE)


def build_deployments(inbox: Path, outbox: Path, quarantine_dir: Path | None = None) -> list:
    """RunnerDeployments for `prefect.serve`; their parameters are folders, never documents."""
    folders = {"inbox": str(Path(inbox).resolve()), "outbox": str(Path(outbox).resolve())}
    batch_params = {**folders, "quarantine_dir": str(Path(quarantine_dir).resolve()) if quarantine_dir else None}
    return [
        nightly_batch.to_deployment(
            name=SERVE_PREFIX + "nightly",
            schedules=[nightly_schedule()],
            parameters=batch_params,
            description="Draft every new or changed case in the inbox at 01:00 UK time.",
        ),
        finalise_packs.to_deployment(
            name=SERVE_PREFIX + "hourly",
            schedules=[Cron(FINALISE_CRON, timezone=TIMEZONE)],
            parameters={"outbox": folders["outbox"]},
            description="Write the VLU pack of every signed-off redaction log that has none.",
        ),
        redact_case_flow.to_deployment(
            name=SERVE_PREFIX + "on-demand",
            parameters={**folders, "quarantine_dir": batch_params["quarantine_dir"]},
            description="Draft one case now: run it from the UI with the case reference (e.g. SFO60001).",
        ),
    ]
