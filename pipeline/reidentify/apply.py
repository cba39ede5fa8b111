"""Finalisation's side of the Re-identification sheet: each decision becomes a span of the final pack."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pipeline.categories import shown_text
from pipeline.model import Action, Category, Decision
from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import text_mac
from redaction_logs.reidentification import GENERALISE, KEEP, REID_SHEET, WITHHOLD, ReidCheck

if TYPE_CHECKING:
    from pipeline.finalise import FinalDocument


def reidentification_note(check: ReidCheck | None) -> str:
    """What the cover sheet says about the check ("" for a log drafted before it existed)."""
    if check is None:
        return ""
    if not check.rows:
        return ("Before sharing, the documents were checked for details that, taken together, could identify "
                "someone (the re-identification check). No one was flagged.")
    return (
        "Before sharing, the documents were checked for details that, taken together, could identify someone "
        f"(the re-identification check). {check.people} {'person was' if check.people == 1 else 'people were'} "
        f"flagged for the senior manager's decision: {check.count(GENERALISE)} detail(s) were made more general "
        f"and {check.count(WITHHOLD)} removed."
    )


def apply_reidentification(finals: Sequence[FinalDocument], check: ReidCheck | None, key: bytes) -> None:
    """Add a decision for every place of each Generalise or Withhold row (Keep changes nothing).

    Generalise shows the manager's 'Generalise to' text in the detail's place; Withhold shows the
    category's box text. A place another row already covers (a detail inside a longer one) is left
    to the longer one. Refuses a row whose detail no longer reads the same in the original.
    """
    if check is None:
        return
    by_document = {f.entry.output: f for f in finals}
    wanted: list[tuple[int, FinalDocument, Decision]] = []
    for reviewed in check.rows:
        row = reviewed.row
        if row.action == KEEP:
            continue
        action = Action.ANONYMISE if row.action == GENERALISE else Action.WITHHOLD
        for place in row.places:
            final = by_document.get(place.document)
            unit = final.document.units.get(place.unit_id) if final is not None else None
            text = unit.text[place.start : place.end] if unit is not None else ""
            if unit is None or text_mac(key, text) != reviewed.text_mac:
                raise RedactionLogError(
                    f"re-identification row {row.ref} no longer matches the original (it reads differently with this "
                    "version of sfo-redact); re-run the draft and review the new log",
                    sheet=REID_SHEET, cell=f"A{reviewed.sheet_row}",
                )
            label = row.generalisation if action is Action.ANONYMISE else shown_text(Category.REIDENTIFICATION, action, "")
            decision = Decision(
                unit_id=place.unit_id, start=place.start, end=place.end, text=text, category=Category.REIDENTIFICATION,
                action=action, label=label, gist=f"{row.kind} of {row.person} (re-identification)", recognizer="senior manager",
                score=1.0, reason=f"{REID_SHEET} {row.ref}", person=None, entity="REIDENTIFICATION", ref=f"'{REID_SHEET}' {row.ref}",
            )
            wanted.append((place.end - place.start, final, decision))
    for _, final, decision in sorted(wanted, key=lambda w: -w[0]):
        if any(d.unit_id == decision.unit_id and d.start < decision.end and decision.start < d.end for d in final.decisions):
            continue
        final.decisions.append(decision)
    order = {f.entry.output: {uid: i for i, uid in enumerate(f.document.units)} for f in finals}
    for final in finals:
        units = order[final.entry.output]
        final.decisions.sort(key=lambda d: (units.get(d.unit_id, 0), d.start))
