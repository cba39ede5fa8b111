"""Withhold shows the kind of information in the box; Anonymise shows the person's label."""

from __future__ import annotations

import datetime as dt
import re

from openpyxl import load_workbook

from pipeline.finalise import finalise
from pipeline.verify import normalise, read_text
from redaction_logs.workbook import DECISION_PROMPT
from tests.pipeline import test_finalise as base

drafted = base.drafted  # the same drafted case, as a fixture of this module


def _word(label: str, text: str) -> bool:
    """The label as a whole word (a victim's label is a single letter, "A")."""
    return re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text) is not None


def test_withheld_names_show_the_category_and_anonymised_names_their_label(drafted, tmp_path):
    _, out, _ = drafted
    log = out / "SFO60001.redaction-log.xlsx"
    wb = load_workbook(log)
    ws = wb["Redaction log"]
    col = base._columns(ws)
    assert ws.data_validations.dataValidation[0].prompt == DECISION_PROMPT
    assert "[name removed]" in DECISION_PROMPT and "label" in DECISION_PROMPT
    withheld_labels, anonymised_labels = set(), set()
    for r in range(2, ws.max_row + 1):
        gist = ws.cell(row=r, column=col["Gist of what was removed"]).value
        label = ws.cell(row=r, column=col["Replaced by"]).value
        if gist == "name of a victim":
            ws.cell(row=r, column=col["Decision"]).value = "Withhold"
            withheld_labels.add(label)
        elif str(gist).startswith("name of") and ws.cell(row=r, column=col["Decision"]).value == "Anonymise":
            anonymised_labels.add(label)
    assert withheld_labels and anonymised_labels and not withheld_labels & anonymised_labels
    s = wb["Sign-off"]
    s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", dt.date.today(), "Yes"
    wb.save(log)

    finalise(log, tmp_path / "pack")
    folder = tmp_path / "pack" / "SFO60001-VLU-pack"
    review = normalise(read_text(folder / "SFO60001-review.pdf"))
    assert "[name removed]" in review and "Ellen Varga" not in review
    for label in withheld_labels:
        assert not _word(label, review), label
    for label in anonymised_labels:
        assert _word(label, review), label
    cover = " ".join(read_text(folder / "SFO60001-cover-sheet.pdf").split())
    assert "[name removed]" in cover and "a name removed" in cover
    for label in withheld_labels:
        assert not _word(label, cover)  # not used in the pack, so not in the key
