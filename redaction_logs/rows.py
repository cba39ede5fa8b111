"""The content of the redaction log's rows, made in one place from the pipeline's decisions.

The Annex I workbook writes these rows; the columns a reviewer may change (the decision,
the arguments, notes) are marked in `EDITABLE`. Each row also carries its identity (unit,
offsets) so finalisation can rebuild the decision without detecting again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.model import Decision, Document, HiddenContent
from pipeline.reasons import ARGUMENTS, REASONS, hidden_category
from redaction_logs.columns import COLUMNS, EDITABLE, LEGACY_ORDER, PRINT_BREAKS_AFTER


@dataclass(frozen=True)
class LogRow:
    """One row of the redaction log."""

    ref: str
    document: str  # the output file's name (never the input's, which may hold a surname)
    page: int | None
    location: str
    section: str
    category: str
    gist: str
    text: str  # internal: the text removed
    label: str
    recognizer: str
    score: float | None
    found_because: str
    reason: str
    argument_for: str
    argument_against: str
    action: str
    # Identity (kept in the workbook's hidden integrity sheet, never shown): where the span is.
    # Hidden content has unit_id "hidden:<n>", n its index in Document.removed.
    unit_id: str = ""
    start: int = 0
    end: int = 0
    status: str = ""  # "new since last draft", ...: set when a draft is re-run
    notes: str = ""  # the reviewer's own notes

    @property
    def hidden(self) -> bool:
        """Content removed whole (comments, the not-for-disclosure column): it can never be disclosed."""
        return self.unit_id.startswith("hidden:")


# The columns are one table in columns.py; re-exported here for the modules that import them from rows.
__all__ = ["ACTIONS", "COLUMNS", "EDITABLE", "LEGACY_ORDER", "PRINT_BREAKS_AFTER", "LogRow", "hidden_rows", "rows_for"]
ACTIONS = ("Withhold", "Disclose", "Anonymise")


def rows_for(
    document_name: str,
    document: Document,
    decisions: Sequence[Decision],
    section_titles: dict[str, str],
    start: int = 1,
) -> list[LogRow]:
    """Log rows for a document: one per decision, then one per piece of hidden content."""
    rows: list[LogRow] = []
    n = start
    for d in decisions:
        unit = document.units[d.unit_id]
        prov = unit.provenance
        for_, against = ARGUMENTS[d.category]
        rows.append(
            LogRow(
                ref=f"R{n:03d}",
                document=document_name,
                page=prov.page,
                location=prov.describe(),
                section=section_titles.get(prov.section or "", ""),
                category=d.category.value,
                gist=d.gist,
                text=d.text,
                label=d.label,
                recognizer=d.recognizer,
                score=round(d.score, 2),
                found_because=d.reason,
                reason=REASONS[d.category],
                argument_for=for_,
                argument_against=against,
                action=d.action.value,
                unit_id=d.unit_id,
                start=d.start,
                end=d.end,
            )
        )
        n += 1
    rows.extend(hidden_rows(document_name, document.removed, n))
    return rows


def hidden_rows(document_name: str, hidden: Iterable[HiddenContent], start: int) -> list[LogRow]:
    """Rows for content that was set aside whole (comments, deleted text, the removed column)."""
    rows = []
    n = start
    for index, h in enumerate(hidden):
        if not h.text.strip():
            continue
        category = hidden_category(h.kind)
        for_, against = ARGUMENTS[category]
        rows.append(
            LogRow(
                ref=f"R{n:03d}",
                document=document_name,
                page=h.provenance.page,
                location=h.provenance.describe(),
                section="",
                category=category.value,
                gist=h.kind.value,
                text=h.text,
                label="(removed)",
                recognizer="reader",
                score=None,
                found_because=f"{h.kind.value} found by the document reader",
                reason=REASONS[category],
                argument_for=for_,
                argument_against=against,
                action="Withhold",
                unit_id=f"hidden:{index}",
                start=0,
                end=len(h.text),
            )
        )
        n += 1
    return rows
