"""The re-identification check's flags as rows of the log's "Re-identification" sheet."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.reidentify import Flag
from pipeline.render import stem_of
from redaction_logs.reidentification import ReidPlace, ReidRow


def _where(detail) -> str:
    parts = []
    for p in detail.places:
        document = stem_of(p.document)
        parts.append(f"{document}: {p.location}")
    return "; ".join(dict.fromkeys(parts))


def reid_rows(flags: Sequence[Flag], start: int = 1) -> list[ReidRow]:
    """One row per detail of each flagged person, numbered I001, I002, ... from `start`."""
    rows: list[ReidRow] = []
    n = start
    for flag in flags:
        refs = [f"I{n + i:03d}" for i in range(len(flag.details))]
        for i, detail in enumerate(flag.details):
            others = [f"{refs[j]} {d.description}" for j, d in enumerate(flag.details) if j != i]
            rows.append(
                ReidRow(
                    ref=refs[i],
                    person=flag.person,
                    role=flag.role,
                    kind=detail.description,
                    text=detail.text,
                    combines=f"{'; '.join(others)} (score {flag.score:g})",
                    where=_where(detail),
                    generalisation=detail.generalisation,
                    places=tuple(ReidPlace(p.document, p.unit_id, p.start, p.end) for p in detail.places),
                )
            )
        n += len(flag.details)
    return rows
