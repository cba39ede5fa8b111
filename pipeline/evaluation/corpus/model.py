"""The generated document before it is written: blocks of tagged text spans.

Text is composed from `Span`s that carry what the gold needs (a withheld category and person,
or a kept kind), so the gold is read off the same structure the writers render and cannot
drift from the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A piece of text; `category` set means it must go, `keep` set means it must stay."""

    text: str
    category: str | None = None  # a pipeline.model.Category value
    person: str | None = None
    keep: str | None = None  # practice finding, agency, role word, chronology date, town, offence


Inline = list[Span]


def plain(spans: Inline) -> str:
    """The text of a run of spans."""
    return "".join(s.text for s in spans)


@dataclass(frozen=True)
class Revision:
    """A tracked change: inserted text shows in every output, deleted text only in the DOCX XML."""

    kind: str  # "ins" or "del"
    spans: tuple[Span, ...]
    author: str
    date: str  # ISO 8601, as w:date wants it


@dataclass(frozen=True)
class Comment:
    """A Word comment anchored on a whole paragraph."""

    spans: tuple[Span, ...]
    author: str
    initials: str


@dataclass
class Para:
    """A paragraph: style is title, heading1, heading2, body, bullet or number."""

    style: str
    spans: Inline
    revisions: list[Revision] = field(default_factory=list)
    comment: Comment | None = None


@dataclass
class TableBlock:
    """A table with a header row; `removed_column` is the not-for-disclosure column, if any."""

    header: list[str]
    rows: list[list[Inline]]
    removed_column: int | None = None
    widths: tuple[float, ...] | None = None  # relative column widths


Block = Para | TableBlock


@dataclass
class Written:
    """One generated document (a review or an action plan) ready for the writers."""

    kind: str  # "review" or "action plan"
    title: str
    blocks: list[Block]
    header: list[Inline]  # lines
    footer: list[Inline]
    author: str  # document property: the reviewing manager
    case_id: str
