"""The "Redaction log" columns: one table, read by the writer (workbook.py) and the reader.

Changing a column is one row here plus the LogRow field it shows (rows.py); the round-trip
test (tests/redaction_logs/test_columns.py) writes and reads back every column. The order
is the printed order: the columns a senior manager signs for fill the first A4 page across
(up to Decision); the rest follow on the next pages across, each repeating Ref.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column: the LogRow field, the heading, the width, whether a reviewer may type in it."""

    field: str
    heading: str
    width: int
    editable: bool = False
    help: str = ""  # what the column holds, for the README and the workbook's guide

    def as_tuple(self) -> tuple[str, str, int]:
        """(field, heading, width), the shape the writer and reader iterate over."""
        return (self.field, self.heading, self.width)


TABLE: tuple[Column, ...] = (
    # First page across: what the signer needs.
    Column("ref", "Ref", 7, help="the row's reference, e.g. R012, named in any refusal"),
    Column("document", "Document", 16, help="the draft PDF the redaction is in"),
    Column("page", "Page (review copy)", 8, help="the page of the review copy the tag is on"),
    Column("gist", "Gist of what was removed", 22, help="what kind of thing was removed, without the text"),
    Column("text", "Text removed (INTERNAL - never shared)", 20, help="the removed text; left out of a gist-only log"),
    Column("label", "Replaced by", 12, help="the label shown when anonymised, e.g. PP1"),
    Column("reason", "Reason for withholding (legal basis)", 28, help="the legal basis"),
    Column("action", "Decision", 12, editable=True, help="Withhold, Disclose or Anonymise"),
    # Second page across (129 width units at 85%, Ref included).
    Column("status", "Status", 14, help="set when a draft re-run found the row new or changed"),
    Column("notes", "Reviewer notes", 24, editable=True),
    Column("category", "Category", 12),
    Column("location", "Location", 16, help="paragraph, table cell, header or footer"),
    Column("section", "Section", 20, help="the heading the text is under"),
    Column("found_because", "Why it was found", 36),
    # Third page across.
    Column("argument_for", "Arguments for disclosure", 30, editable=True),
    Column("argument_against", "Arguments against disclosure", 30, editable=True),
    Column("recognizer", "Found by", 16),
    Column("score", "Confidence", 10),
)
# The last column of each printed page across.
PRINT_BREAKS_AFTER: tuple[str, ...] = ("action", "found_because")
# The order of logs written before the printed order above (still read, so a draft re-run
# carries over the decisions in a log a reviewer is already working on).
LEGACY_ORDER: tuple[str, ...] = (
    "ref", "status", "document", "page", "location", "section", "category", "gist", "text", "label",
    "recognizer", "score", "found_because", "reason", "argument_for", "argument_against", "action", "notes",
)
COLUMNS: tuple[tuple[str, str, int], ...] = tuple(c.as_tuple() for c in TABLE)
EDITABLE: frozenset[str] = frozenset(c.field for c in TABLE if c.editable)
