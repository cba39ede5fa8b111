"""The gold standard of a generated case: what must go, what must stay, and who is who.

Gold is read off the same tagged spans the writers render, per output document: the PDF has
no comments or deleted tracked changes, so their content is gold only for the DOCX.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.evaluation.corpus.model import Para, Span, TableBlock, Written, plain
from pipeline.evaluation.corpus.people import Cast
from pipeline.model import Category


@dataclass(frozen=True)
class MustGo:
    """A string the redacted output must not contain."""

    text: str
    category: str  # a pipeline.model.Category value
    person: str | None
    document: str  # file name


@dataclass(frozen=True)
class MustStay:
    """A string the redacted output must keep."""

    text: str
    kind: str  # practice finding, agency, role word, chronology date, town, offence


@dataclass(frozen=True)
class GoldPerson:
    """A generated person in the gold annotations, with their role."""

    id: str
    name: str
    role: str
    staff_role: str | None
    relationship: str | None
    initials: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Gold:
    """The gold annotations of one generated case."""

    case_id: str
    seed: int
    documents: tuple[str, ...]
    people: tuple[GoldPerson, ...]
    must_go: tuple[MustGo, ...]
    must_stay: tuple[MustStay, ...]

    def to_dict(self) -> dict:
        """A JSON-ready mapping (the gold.json layout)."""
        return asdict(self)

    def save(self, path: Path) -> None:
        """Write gold.json."""
        path.write_text(json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    def must_go_for(self, document: str) -> list[MustGo]:
        """Entries of one output document."""
        return [item for item in self.must_go if item.document == document]


def load_gold(path: Path) -> Gold:
    """Read a gold.json written by `Gold.save`."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return Gold(
        case_id=raw["case_id"],
        seed=raw["seed"],
        documents=tuple(raw["documents"]),
        people=tuple(GoldPerson(**{**p, "mentions": tuple(p["mentions"])}) for p in raw["people"]),
        must_go=tuple(MustGo(**m) for m in raw["must_go"]),
        must_stay=tuple(MustStay(**m) for m in raw["must_stay"]),
    )


@dataclass(frozen=True)
class Output:
    """One written file: its name, what it was written from, and whether hidden DOCX parts exist."""

    name: str
    written: Written
    has_hidden_parts: bool  # True for DOCX (comments, deleted text), False for PDF


def derive_gold(case_id: str, seed: int, cast: Cast, outputs: Iterable[Output]) -> Gold:
    """Collect the gold of every output document of a case."""
    outputs = list(outputs)
    must_go: dict[tuple, MustGo] = {}
    must_stay: dict[tuple, MustStay] = {}
    mentions: dict[str, dict[str, None]] = {p.id: {} for p in cast.all()}

    def go(text: str, category: str, person: str | None, document: str) -> None:
        text = text.strip()
        if text:
            must_go.setdefault((document, category, text, person), MustGo(text, category, person, document))

    for out in outputs:
        for group, spans in _groups(out.written, out.has_hidden_parts):
            for span in spans:
                if span.category:
                    go(span.text, span.category, span.person, out.name)
                    if span.category == Category.NAME.value and span.person:
                        mentions[span.person][span.text] = None
                elif span.keep and group is None:
                    must_stay.setdefault((span.keep, span.text), MustStay(span.text, span.keep))
            if group is not None:
                go(plain(spans), group, None, out.name)

    gone = {item.text for item in must_go.values()}
    kept = tuple(item for item in must_stay.values() if not any(g in item.text for g in gone))
    people = tuple(
        GoldPerson(p.id, p.full, p.role, p.staff_role, p.relationship, p.initials, tuple(mentions[p.id]))
        for p in cast.all()
    )
    return Gold(case_id, seed, tuple(o.name for o in outputs), people, tuple(must_go.values()), kept)


def _groups(written: Written, hidden_parts: bool) -> Iterator[tuple[str | None, list[Span]]]:
    """(group category or None, spans): None for visible text; hidden/removed groups whole."""
    for line in written.header + written.footer:
        yield None, line
    for block in written.blocks:
        if isinstance(block, Para):
            yield None, block.spans
            for rev in block.revisions:
                if rev.kind == "ins":
                    yield None, list(rev.spans)
                elif hidden_parts:
                    yield Category.HIDDEN.value, list(rev.spans)
            if block.comment is not None and hidden_parts:
                yield Category.HIDDEN.value, list(block.comment.spans)
        elif isinstance(block, TableBlock):
            for row in block.rows:
                for column, cell in enumerate(row):
                    if column == block.removed_column:
                        if cell:
                            yield Category.REMOVED_COLUMN.value, cell
                    else:
                        yield None, cell
