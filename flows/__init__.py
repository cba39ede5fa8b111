"""Prefect flows that run the pipeline in batches (orchestration only; the work is in pipeline/)."""
