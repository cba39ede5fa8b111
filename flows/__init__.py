"""Prefect flows that run the pipeline in batches (orchestration only; the work is in pipeline/).

Importing this package sets Prefect's environment (no telemetry, no result persistence)
before prefect itself is imported by the modules below.
"""

from flows.settings import configure

configure()
