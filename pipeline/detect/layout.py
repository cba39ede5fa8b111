"""Detections from a cell's label: 'Date of birth | 19/02/1978', 'Supervised individual | Name'.

Reviews open with a details table whose values carry no cue of their own: a date in the
cell under "Date of birth" is a date of birth, a name beside "Reviewing manager" is the
reviewing manager's. Recognizers see one unit's text at a time, so this stage looks at the
document's layout: for DOCX, the header cell of the column and the cells to the left in the
row; for PDF, the text block just above or just to the left of the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.model import Detection, Document, TextUnit
from pipeline.vocabulary import MONTH_PATTERN, TITLES, alternation
from recognizers.vocabulary import VOCABULARY

RECOGNIZER = "TableLabel"

_DOB = re.compile(r"\b(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\b\.?|birth\s*date)", re.IGNORECASE)
_MONTH = MONTH_PATTERN
_DATE = re.compile(
    rf"\b(?:[0-3]?\d[/.\-][01]?\d[/.\-](?:\d{{4}}|\d{{2}})|[0-3]?\d(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+\d{{4}}|{_MONTH}\s+[0-3]?\d,?\s+\d{{4}}|\d{{4}}-[01]\d-[0-3]\d)\b"
)
_NAME_LABEL = re.compile(
    r"\b(?:name|supervised\s+individual|victim|partner|manager|practitioner|officer|author|"
    r"completed\s+by|countersigned\s+by|signed\s+by|written\s+by|owner|lead|allocated\s+to|contact)\b",
    re.IGNORECASE,
)
# A value that can be a person's name: one to four capitalised words, nothing else.
_NAME_VALUE = re.compile(
    r"^(?:" + alternation(TITLES) + r"\.?\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}$"
)
_NOT_NAME_WORDS = {
    "not", "known", "none", "n/a", "unknown", "probation", "service", "police", "court", "team",
    "unit", "pdu", "office", "region", "yes", "no", "tbc", "see", "above", "below", "male", "female",
}
_CUES = sorted(
    [*VOCABULARY.staff_roles, *VOCABULARY.relationships, *VOCABULARY.supervised_individual_cues, *VOCABULARY.victim_cues], key=len, reverse=True
)


def _cue_in(label: str) -> str | None:
    low = " ".join(label.lower().split())
    for cue in _CUES:
        if len(cue) <= 3 and cue.upper() not in label:
            continue  # short cues ("pp", "si") only in capitals
        if re.search(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", low):
            return cue
    return None


def labelled_cells(document: Document) -> list[Detection]:
    """Detections for values whose table label says what they are."""
    out: list[Detection] = []
    for unit, labels in _labels(document):
        if len(unit.text) > 80 or _is_label(unit.text):
            continue
        for label in labels:
            found = _from_label(unit, label)
            if found:
                out.extend(found)
                break
    return out


def _is_label(text: str) -> bool:
    """A cell that is itself a heading ("CRN", "Date of birth") is not a value."""
    t = text.strip()
    return bool(_DOB.search(t) or _NAME_LABEL.search(t) or (t.isupper() and len(t) <= 5))


def _from_label(unit: TextUnit, label: str) -> list[Detection]:
    if _DOB.search(label):
        return [
            Detection(unit.id, m.start(), m.end(), "DATE_OF_BIRTH", 0.85, RECOGNIZER, "table label: date of birth", m.group(0))
            for m in _DATE.finditer(unit.text)
        ]
    text = unit.text.strip()
    if not (_NAME_LABEL.search(label) and _NAME_VALUE.match(text)):
        return []
    words = {w.lower().strip(".") for w in text.split()}
    if words & _NOT_NAME_WORDS:
        return []
    start = unit.text.index(text)
    cue = _cue_in(label)
    why = "table label: name" + (f"; role cue: {cue}" if cue else "")
    return [Detection(unit.id, start, start + len(text), "PERSON", 0.8, RECOGNIZER, why, text)]


def _labels(document: Document) -> Iterable[tuple[TextUnit, list[str]]]:
    """Each unit with the texts that label it."""
    cells: dict[tuple[int, int, int], TextUnit] = {}
    for unit in document.units.values():
        p = unit.provenance
        if p.table is not None and p.row is not None and p.column is not None and unit.boxes is None:
            cells.setdefault((p.table, p.row, p.column), unit)
    columns: dict[int, int] = {}
    for t, _, c in cells:
        columns[t] = max(columns.get(t, 0), c + 1)
    for (t, r, c), unit in cells.items():
        labels = []
        if r > 0 and (t, 0, c) in cells:
            labels.append(cells[(t, 0, c)].text)
        # The first row of a table of three or more columns is its heading row: "Date |
        # Event / contact | Analysis" labels the columns, not the cell beside it.
        if c > 0 and (t, r, c - 1) in cells and not (r == 0 and columns[t] >= 3):
            labels.append(cells[(t, r, c - 1)].text)
        yield unit, labels
    yield from _pdf_labels(document)


def _bbox(unit: TextUnit) -> tuple[float, float, float, float] | None:
    boxes = [b for b in unit.boxes or () if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _pdf_labels(document: Document) -> Iterable[tuple[TextUnit, list[str]]]:
    by_page: dict[int, list[tuple[TextUnit, tuple[float, float, float, float]]]] = {}
    for unit in document.units.values():
        if unit.boxes is None or unit.provenance.page is None:
            continue
        box = _bbox(unit)
        if box is not None:
            by_page.setdefault(unit.provenance.page, []).append((unit, box))
    for items in by_page.values():
        for unit, (x0, y0, x1, y1) in items:
            if len(unit.text) > 80:
                continue
            left = above = None
            for other, (ox0, oy0, ox1, oy1) in items:
                if other is unit:
                    continue
                same_line = min(y1, oy1) - max(y0, oy0) > 0.5 * min(y1 - y0, oy1 - oy0)
                if same_line and ox1 <= x0 + 1 and x0 - ox1 < 220:
                    if left is None or ox1 > left[1]:
                        left = (other, ox1)
                overlap = min(x1, ox1) - max(x0, ox0)
                if oy1 <= y0 + 1 and y0 - oy1 < 30 and overlap > 0.3 * min(x1 - x0, ox1 - ox0):
                    if above is None or oy1 > above[1]:
                        above = (other, oy1)
            labels = [pair[0].text for pair in (left, above) if pair is not None]
            if labels:
                yield unit, labels
