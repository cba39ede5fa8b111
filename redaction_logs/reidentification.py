"""The log's "Re-identification" sheet: details left in the review that together could identify a person.

One row per detail of a flagged person, with the other details it combines with, where it
stands, a suggested generalisation the senior manager may edit, and a Decision (Keep,
Generalise, Withhold) that defaults to Keep: nothing changes without a decision. Each row's
identity (person, kind, a keyed hash of the detail, every place it stands) and its locked cells
are covered by the same keyed checksums as the main log (integrity.py), on "reid" lines of the
hidden Integrity sheet; their references are part of the workbook checksum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.model import Category
from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import RowIdentity, cell_value, cells_mac, row_mac, text_mac

REID_SHEET = "Re-identification"
KEEP, GENERALISE, WITHHOLD = "Keep", "Generalise", "Withhold"
REID_ACTIONS = (KEEP, GENERALISE, WITHHOLD)
INTEGRITY_KIND = "reid"
# (field, heading, width, editable)
# The first printed page across holds what the manager decides on, up to "Combines with".
REID_COLUMNS: tuple[tuple[str, str, int, bool], ...] = (
    ("ref", "Ref", 7, False),
    ("person", "Person (label)", 9, False),
    ("role", "Who they are", 12, False),
    ("kind", "Kind of detail", 14, False),
    ("text", "Detail as written (INTERNAL - never shared)", 20, False),
    ("generalisation", "Generalise to (suggested; you may edit)", 20, True),
    ("action", "Decision", 11, True),
    ("combines", "Combines with", 26, False),
    ("where", "Where (document, page, location)", 28, False),
    ("notes", "Reviewer notes", 22, True),
)
PRINT_BREAK_AFTER = "combines"
REID_GUIDE = (
    "With every name removed, details left in the review can still identify a person when taken "
    "together (an age, a street, a school, an employer, a family detail). Each row is one such detail of "
    "a person the check flagged. Decision: Keep leaves it as written; Generalise shows the text in "
    "'Generalise to' instead; Withhold removes it. Nothing changes unless you choose."
)
DECISION_PROMPT = "Keep: left as written. Generalise: replaced by the 'Generalise to' text. Withhold: removed."


@dataclass(frozen=True)
class ReidPlace:
    """One place a detail stands: document (log name), unit, offsets."""

    document: str
    unit_id: str
    start: int
    end: int


@dataclass(frozen=True)
class ReidRow:
    """One row of the Re-identification sheet."""

    ref: str
    person: str
    role: str
    kind: str
    text: str  # internal: the detail as written
    combines: str
    where: str
    generalisation: str
    places: tuple[ReidPlace, ...]
    action: str = KEEP
    notes: str = ""


@dataclass
class ReviewedReid:
    """A Re-identification row as read back: the manager's decision and generalisation."""

    row: ReidRow
    sheet_row: int
    text_mac: str
    locked_ok: bool = True


@dataclass
class ReidCheck:
    """The Re-identification sheet as read back."""

    rows: list[ReviewedReid] = field(default_factory=list)

    @property
    def people(self) -> int:
        """How many people the check flagged."""
        return len({r.row.person for r in self.rows})

    def count(self, action: str) -> int:
        """How many rows have this decision."""
        return sum(1 for r in self.rows if r.row.action == action)


def sheet_columns(gist_only: bool) -> list[tuple[str, str, int, bool]]:
    """The columns as written: a gist-only log leaves out the detail as written."""
    return [c for c in REID_COLUMNS if not (gist_only and c[0] == "text")]


# Places in one cell: "document|unit|start|end;...". Printable separators only: a spreadsheet
# program saving as .ods does not keep a tab inside a cell.
def _places_text(places: Sequence[ReidPlace]) -> str:
    return ";".join(f"{p.document}|{p.unit_id}|{p.start}|{p.end}" for p in places)


def _places(text: str) -> tuple[ReidPlace, ...]:
    out = []
    for part in text.split(";") if text else ():
        document, unit_id, start, end = part.split("|")
        out.append(ReidPlace(document, unit_id, int(start), int(end)))
    return tuple(out)


def identity(row: ReidRow, key: bytes, mac: str | None = None) -> RowIdentity:
    """The row's identity in the shape the main log uses (the places stand in the unit field)."""
    return RowIdentity(
        row.ref, INTEGRITY_KIND, _places_text(row.places), 0, 0, Category.REIDENTIFICATION.value, row.person,
        mac if mac is not None else text_mac(key, row.text),
    )


def _locked(gist_only: bool) -> list[str]:
    return [f for f, _, _, editable in sheet_columns(gist_only) if not editable and f != "ref"]


def write_sheet(ws: Worksheet, rows: Sequence[ReidRow], gist_only: bool, *, font: Font, head_font: Font, head_fill: PatternFill,
                edit_fill: PatternFill, internal_fill: PatternFill, internal_head_font: Font, fitted_height, wrapped_lines) -> None:
    """Fill the sheet (the workbook passes its own styles and row-height estimate)."""
    columns = sheet_columns(gist_only)
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.cell(row=1, column=1, value=REID_GUIDE).font = Font(name=font.name, size=font.size, bold=True)
    ws.cell(row=1, column=1).alignment = wrap
    first_page = [c[0] for c in columns].index(PRINT_BREAK_AFTER) + 1
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=first_page)
    total = sum(w for _, _, w, _ in columns[:first_page])
    ws.row_dimensions[1].height = fitted_height(wrapped_lines(REID_GUIDE, total, bold=True))
    if not rows:
        ws.cell(row=3, column=1, value="No person was flagged: the check found no combination of remaining details "
                "that could single someone out.").font = font
    for c, (f, heading, width, _) in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=c, value=heading)
        cell.font = internal_head_font if f == "text" else head_font
        cell.fill, cell.alignment, cell.border = internal_fill if f == "text" else head_fill, wrap, box
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[2].height = fitted_height(max(wrapped_lines(h, w, bold=True) for _, h, w, _ in columns))
    for r, row in enumerate(rows, start=3):
        lines = 1
        for c, (f, _, width, editable) in enumerate(columns, start=1):
            value = getattr(row, f)
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.alignment, cell.border = font, wrap, box
            if editable:
                cell.fill, cell.protection = edit_fill, Protection(locked=False)
            elif f == "text":
                cell.fill = internal_fill
            lines = max(lines, wrapped_lines(value, width))
        ws.row_dimensions[r].height = fitted_height(lines)
    if rows:
        action_col = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c[0] == "action"))
        dv = DataValidation(
            type="list", formula1='"' + ",".join(REID_ACTIONS) + '"', allow_blank=False, showErrorMessage=True,
            errorTitle="Decision", error="Choose Keep, Generalise or Withhold.", promptTitle="Decision",
            prompt=DECISION_PROMPT, showInputMessage=True,
        )
        dv.add(f"{action_col}3:{action_col}{len(rows) + 2}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "C3"


def integrity_lines(rows: Sequence[ReidRow], key: bytes, case_id: str, gist_only: bool) -> list[list[object]]:
    """The hidden sheet's "reid" lines: identity, locked-cell checksums, row checksum."""
    out: list[list[object]] = []
    for row in rows:
        ident = identity(row, key)
        cells = {f: cells_mac(key, row.ref, f, getattr(row, f)) for f in _locked(gist_only)}
        out.append([
            INTEGRITY_KIND, ident.ref, ident.unit_id, ident.label, ident.text_mac,
            ";".join(f"{a}={m}" for a, m in cells.items()), row_mac(key, case_id, ident, cells),
        ])
    return out


def integrity_refs(ws: Worksheet) -> list[str]:
    """The references of the "reid" lines, in order (part of the workbook checksum)."""
    return [str(v[1]) for v in ws.iter_rows(values_only=True) if v and v[0] == INTEGRITY_KIND]


def read_sheet(wb, key: bytes, case_id: str, gist_only: bool, strict: bool, problem) -> ReidCheck | None:
    """The sheet as the manager left it; None for a log written before the check existed.

    `problem(message, sheet, cell)` raises (strict) or notes a problem (lenient).
    """
    from redaction_logs.workbook import INTEGRITY_SHEET  # the workbook module imports this one

    lines = [v for v in wb[INTEGRITY_SHEET].iter_rows(values_only=True) if v and v[0] == INTEGRITY_KIND]
    if REID_SHEET not in wb.sheetnames:
        if lines:
            raise RedactionLogError(
                f"the workbook has lost the sheet '{REID_SHEET}'; re-run the draft (sfo-redact redact) and review the new log"
            )
        return None
    ws = wb[REID_SHEET]
    columns = sheet_columns(gist_only)
    trusted: dict[str, tuple[RowIdentity, dict[str, str]]] = {}
    for values in lines:
        try:
            _, ref, places, person, tmac, cells_text, mac = values[:7]
            cells = dict(part.split("=", 1) for part in str(cells_text or "").split(";") if "=" in part)
            ident = RowIdentity(str(ref), INTEGRITY_KIND, str(places or ""), 0, 0, Category.REIDENTIFICATION.value, str(person), str(tmac))
        except (TypeError, ValueError):
            raise RedactionLogError("the hidden integrity data is damaged; re-run the draft and review the new log", sheet=INTEGRITY_SHEET) from None
        if row_mac(key, case_id, ident, cells) != str(mac):
            problem(f"the identity of re-identification row {ref} was altered", INTEGRITY_SHEET, None)
            continue
        trusted[ident.ref] = (ident, cells)
    check = ReidCheck()
    if not trusted:
        return check
    for c, (_, heading, _, _) in enumerate(columns, start=1):
        if cell_value(ws.cell(row=2, column=c).value) != cell_value(heading):
            raise RedactionLogError(
                "the column headings were changed or columns moved; undo the change or re-run the draft",
                sheet=REID_SHEET, cell=f"{get_column_letter(c)}2",
            )
    position = {f: i for i, (f, _, _, _) in enumerate(columns, start=1)}
    seen: set[str] = set()
    for r in range(3, ws.max_row + 1):
        values = {f: ws.cell(row=r, column=c).value for f, c in position.items()}
        ref = cell_value(values["ref"])
        if not ref:
            continue
        if ref not in trusted or ref in seen:
            problem(f"row {r} is not one the software wrote, or was copied; undo the change or re-run the draft", REID_SHEET, f"A{r}")
            continue
        seen.add(ref)
        ident, cells = trusted[ref]
        locked_ok = all(cells_mac(key, ref, f, values[f]) == cells.get(f) for f in _locked(gist_only))
        if not locked_ok:
            problem(f"row {ref}: a cell a reviewer may not change was altered; only Generalise to, Decision and notes "
                    "may be edited. Undo the change", REID_SHEET, f"A{r}")
            continue
        raw = cell_value(values["action"])
        action = next((a for a in REID_ACTIONS if a.lower() == raw.lower()), None)
        action_cell = f"{get_column_letter(position['action'])}{r}"
        if action is None:
            problem(f"row {ref}: the Decision must be Keep, Generalise or Withhold" + (" (the cell is empty)" if not raw else ""),
                    REID_SHEET, action_cell)
            continue
        generalisation = " ".join(str(values["generalisation"] or "").split())
        if action == GENERALISE and not generalisation:
            problem(f"row {ref}: Generalise needs the text to show in 'Generalise to'", REID_SHEET,
                    f"{get_column_letter(position['generalisation'])}{r}")
            continue
        row = ReidRow(
            ref, str(values["person"] or ""), str(values["role"] or ""), str(values["kind"] or ""),
            str(values.get("text") or ""), str(values["combines"] or ""), str(values["where"] or ""), generalisation,
            _places(ident.unit_id), action, " ".join(str(values["notes"] or "").split()),
        )
        check.rows.append(ReviewedReid(row, r, ident.text_mac, locked_ok))
    missing = [ref for ref in trusted if ref not in seen]
    if missing:
        problem(f"{len(missing)} re-identification row(s) were removed (first: {missing[0]}); undo the deletion or re-run the draft",
                REID_SHEET, None)
    return check
