"""The run's table artifact and summary: cases, pages, redactions by category, failures, time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from prefect.artifacts import create_markdown_artifact, create_table_artifact


def batch_table(summaries: Sequence[dict]) -> list[dict]:
    """One row per case; failures are a document kind and a reason without text."""
    rows = []
    for s in summaries:
        rows.append(
            {
                "case": s["case_id"],
                "status": s["status"],
                "documents": s.get("documents", 0),
                "pages": s.get("pages", 0),
                "redactions": sum(s.get("redactions", {}).values()),
                "by category": ", ".join(f"{k} {v}" for k, v in sorted(s.get("redactions", {}).items())),
                "failures": "; ".join(f"{kind}: {reason}" for kind, reason in s.get("failures", [])),
                "seconds": round(s.get("seconds", 0.0), 1),
            }
        )
    return rows


def batch_totals(summaries: Sequence[dict], seconds: float) -> dict:
    """Totals over a batch's case summaries: cases by status and redactions by category."""
    status = Counter(s["status"] for s in summaries)
    categories: Counter[str] = Counter()
    for s in summaries:
        categories.update(s.get("redactions", {}))
    return {
        "cases": len(summaries),
        "done": status.get("done", 0),
        "partial": status.get("partial", 0),
        "failed": status.get("failed", 0),
        "skipped": status.get("skipped", 0),
        "quarantined": status.get("quarantined", 0),
        "pages": sum(s.get("pages", 0) for s in summaries),
        "redactions": dict(sorted(categories.items())),
        "failures": [(s["case_id"], kind, reason) for s in summaries for kind, reason in s.get("failures", [])],
        "seconds": round(seconds, 1),
    }


def publish_batch_artifact(summaries: Sequence[dict], totals: dict, *, key: str) -> None:
    """A table artifact with a row per case and a total row."""
    rows = batch_table(summaries)
    rows.append(
        {
            "case": "TOTAL",
            "status": f"{totals['done']} done, {totals['partial']} partial, {totals['failed']} failed, {totals['skipped']} skipped, {totals['quarantined']} held in quarantine",
            "documents": sum(r["documents"] for r in rows),
            "pages": totals["pages"],
            "redactions": sum(totals["redactions"].values()),
            "by category": ", ".join(f"{k} {v}" for k, v in totals["redactions"].items()),
            "failures": str(len(totals["failures"])),
            "seconds": totals["seconds"],
        }
    )
    create_table_artifact(
        rows, key=key, description=f"{totals['cases']} case(s), {totals['pages']} page(s) in {totals['seconds']} s"
    )


def publish_packs_artifact(summaries: Sequence[dict], seconds: float, *, key: str) -> dict:
    """Publish the packing run's per-case table and totals as a Prefect artifact."""
    rows = [{"case": s["case_id"], "status": s["status"], "reason": s["reason"], "seconds": round(s["seconds"], 1)} for s in summaries]
    status = Counter(s["status"] for s in summaries)
    totals = {
        "cases": len(summaries),
        "packed": status.get("packed", 0),
        "waiting": status.get("waiting", 0),
        "failed": status.get("failed", 0),
        "failures": [(s["case_id"], s["reason"]) for s in summaries if s["status"] == "failed"],
        "seconds": round(seconds, 1),
    }
    if rows:
        create_table_artifact(rows, key=key, description=f"{totals['packed']} pack(s) written, {totals['waiting']} waiting for sign-off")
    else:
        create_markdown_artifact("No redaction log without a pack.", key=key)
    return totals
