"""The document model every stage shares.

A `Document` is a list of `TextUnit`s (the text that detection sees, each with where it came
from) plus the layout needed to write it out again: `blocks` (paragraphs and tables, in
reading order) for rebuilt outputs, and per-character boxes for PDFs whose redactions are
burned into the original page. Content that must never reach an output (comments, deleted
tracked changes, the "not for disclosure" column, document properties) is kept aside in
`Document.removed`, so that verification can prove it is absent and the log can list it.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.vocabulary import MONTHS

# x0, y0, x1, y1 in PDF points, origin top-left (PyMuPDF's convention).
Box = tuple[float, float, float, float]


class Source(str, enum.Enum):
    """Where in the document a unit of text lives."""

    BODY = "body"
    TABLE = "table"
    HEADER = "header"
    FOOTER = "footer"
    TEXTBOX = "textbox"
    FOOTNOTE = "footnote"


class Style(str, enum.Enum):
    """How a paragraph is written out when the document is rebuilt."""

    TITLE = "title"
    HEADING1 = "heading1"
    HEADING2 = "heading2"
    HEADING3 = "heading3"
    BODY = "body"
    LIST = "list"


@dataclass(frozen=True)
class Provenance:
    """Where a unit of text came from; everything here is safe to log (no document text)."""

    source: Source
    page: int | None = None  # 1-based; known for PDFs, None for DOCX
    paragraph: int | None = None  # 0-based position in reading order
    table: int | None = None  # 0-based table number in the document
    row: int | None = None
    column: int | None = None  # grid column in the original table
    section: str | None = None  # id of the nearest heading unit above, if any

    def describe(self) -> str:
        """A location a person can find in the original: 'page 3, table 1 row 4 column 2'."""
        parts: list[str] = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.source in (Source.HEADER, Source.FOOTER, Source.TEXTBOX, Source.FOOTNOTE):
            parts.append(self.source.value)
        if self.table is not None:
            cell = f"table {self.table + 1}"
            if self.row is not None:
                cell += f" row {self.row + 1}"
            if self.column is not None:
                cell += f" column {self.column + 1}"
            parts.append(cell)
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph + 1}")
        return ", ".join(parts) or "document"


# A header or footer's page-number fields, as the DOCX reader leaves them in a unit's text:
# PAGE, and NUMPAGES or SECTIONPAGES. Private-use characters, never in a document's own text;
# the renderers put the live numbers in their place on each page (`live_page_text`).
PAGE_NUMBER = "\ue000"
PAGE_COUNT = "\ue001"


def live_page_text(text: str, number: int | None, total: int | None) -> str:
    """`text` with its page-number fields filled in; with None, "[page]" and "[pages]" (the review copy)."""
    return text.replace(PAGE_NUMBER, "[page]" if number is None else str(number)).replace(
        PAGE_COUNT, "[pages]" if total is None else str(total)
    )


@dataclass(frozen=True)
class TextUnit:
    """A run of text that detection sees as one piece: a paragraph, a table cell, a PDF block.

    For PDFs `boxes` holds one box per character of `text`; characters the reader inserted
    (a space joining two lines) have None.
    """

    id: str
    text: str
    provenance: Provenance
    style: Style = Style.BODY
    boxes: tuple[Box | None, ...] | None = None

    def __post_init__(self) -> None:
        """Reject boxes that are not one per character of the text."""
        if self.boxes is not None and len(self.boxes) != len(self.text):
            raise ValueError(f"unit {self.id}: {len(self.boxes)} boxes for {len(self.text)} characters")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph block: one text unit."""

    unit: str


@dataclass(frozen=True)
class Cell:
    """A table cell: its own blocks (paragraphs and nested tables)."""

    blocks: tuple[Block, ...]
    col_span: int = 1
    header: bool = False


@dataclass(frozen=True)
class Table:
    """A table after the "not for disclosure" column was taken out."""

    rows: tuple[tuple[Cell, ...], ...]
    index: int = 0


Block = Paragraph | Table


class HiddenKind(str, enum.Enum):
    """Content that never reaches an output."""

    COMMENT = "comment"
    DELETED_TEXT = "deleted tracked change"
    PROPERTY = "document property"
    NOT_FOR_DISCLOSURE = "not for disclosure column"
    ANNOTATION = "annotation"
    METADATA = "metadata"
    EMBEDDED = "embedded object"


@dataclass(frozen=True)
class HiddenContent:
    """Something the reader set aside; `text` is kept only so verification can look for it."""

    kind: HiddenKind
    text: str
    provenance: Provenance
    # Content with text of its own that the output does not show ("chart", "SmartArt diagram",
    # "embedded object", "imported RTF document"): a --strict run refuses the document for it.
    # Names a kind of content only, never its text. None for everything else.
    not_rendered: str | None = None


@dataclass(frozen=True)
class RemovedRegion:
    """An area of a PDF page that is redacted whole (the "not for disclosure" column)."""

    page: int  # 1-based
    box: Box
    kind: HiddenKind = HiddenKind.NOT_FOR_DISCLOSURE


@dataclass(frozen=True)
class ScannedPage:
    """A PDF page read by OCR: its units' boxes come from the page image, which is redrawn on output."""

    page: int  # 1-based
    dpi: int  # the resolution it was rendered at for OCR, and is rendered at again on output
    confidence: float  # mean word confidence, 0-100
    engine: str
    low_confidence: bool  # read, but not surely: a person checks it by eye


class DocumentKind(str, enum.Enum):
    """The format a document was read from."""
    DOCX = "docx"
    PDF = "pdf"


@dataclass
class Document:
    """One input document, read."""

    path: Path
    kind: DocumentKind
    units: dict[str, TextUnit]
    blocks: list[Block] = field(default_factory=list)
    header_units: list[str] = field(default_factory=list)
    footer_units: list[str] = field(default_factory=list)
    removed: list[HiddenContent] = field(default_factory=list)
    removed_regions: list[RemovedRegion] = field(default_factory=list)
    page_count: int | None = None  # PDFs; DOCX page count is known after rendering
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # PDFs, per page
    scanned_pages: list[ScannedPage] = field(default_factory=list)  # PDF pages read by OCR

    def text_units(self) -> list[TextUnit]:
        """Units in reading order."""
        return list(self.units.values())


# ---------------------------------------------------------------- detection onwards


class Category(str, enum.Enum):
    """What kind of information a redaction removes (the log's and the evaluation's grouping)."""

    NAME = "name"
    IDENTIFIER = "identifier"
    CONTACT = "contact"
    ADDRESS = "address"
    DATE_OF_BIRTH = "date of birth"
    MEDICAL = "medical"
    STAFF_CIRCUMSTANCES = "staff circumstances"
    PRISON = "prison"
    HIDDEN = "hidden content"
    REMOVED_COLUMN = "removed column"
    # A detail generalised or withheld on the log's "Re-identification" sheet (issue 16 part 3).
    REIDENTIFICATION = "re-identification"
    # A pronoun or title that says a member of staff's gender, rewritten to their label
    # (guidance 3.4.4); nothing is removed, so it is never a needle (reasons.REWRITES).
    GENDERED_STAFF = "gendered reference to staff"


class Action(str, enum.Enum):
    """The three decisions a reviewer can make (Annex I)."""

    WITHHOLD = "Withhold"
    DISCLOSE = "Disclose"
    ANONYMISE = "Anonymise"


@dataclass(frozen=True)
class Treatment:
    """What findings of one entity become: the policy a recognizer's YAML entry carries."""

    category: Category
    label: str  # the box text when withheld ("[CRN]"); a person's label comes from their role
    gist: str  # the log's description of what was removed
    action: Action  # the proposed decision
    priority: int  # which finding wins when two overlap: the larger number


class Role(str, enum.Enum):
    """Who a person is in the case; their label and treatment follow from it."""
    SUPERVISED_INDIVIDUAL = "supervised individual"
    VICTIM = "victim"
    STAFF = "staff"
    THIRD_PARTY = "third party"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Detection:
    """A span a recognizer found, with which recognizer and why."""

    unit_id: str
    start: int
    end: int
    entity: str  # Presidio entity type, e.g. PERSON, UK_CRN
    score: float
    recognizer: str
    explanation: str  # why it fired: pattern name, context word, list; never document text
    text: str


@dataclass
class Person:
    """One person found in a case, with every way the text writes their name."""

    key: str  # stable within a case: normalised canonical name
    canonical: str
    variants: set[str] = field(default_factory=set)
    role: Role = Role.UNKNOWN
    staff_role: str | None = None  # PP, SPO, POM, COM, HoPDU, VLO, RM, other
    relationship: str | None = None  # partner, mother, ... for third parties
    role_source: str = "context"  # "case file" or "context: <cue>"
    first_seen: int = 0  # order of first mention


@dataclass(frozen=True)
class Decision:
    """What happens to one span of one unit, and why. The log rows are made from these."""

    unit_id: str
    start: int
    end: int
    text: str
    category: Category
    action: Action
    label: str  # what stands in the output in place of the text
    gist: str  # "name of probation practitioner": what was removed, without the text
    recognizer: str
    score: float
    reason: str  # why it was found
    person: str | None = None  # Person.key for names
    entity: str = ""
    ref: str = ""  # the log row it came from (R012, or "Add redactions A3"), when finalising


_MONTH_NAMES = MONTHS


def long_date(day: dt.date) -> str:
    """A date with the month as a word ("1 December 2026"), whatever the machine's locale.

    Written this way wherever a person reads a date back, because 01/12/2026 is 12 January in
    an en-US spreadsheet program.
    """
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
