"""Split a unit's text into kept text and replacements, from its decisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.model import Action, Decision


@dataclass(frozen=True)
class Segment:
    """A piece of a unit's output text: kept original text, or a label standing for removed text."""

    text: str
    redacted: bool = False
    decision: Decision | None = None


def segments(text: str, decisions: Iterable[Decision]) -> list[Segment]:
    """Cut `text` at its decisions; Disclose decisions leave the text as it is.

    Decisions must not overlap (decide() guarantees it).
    """
    out: list[Segment] = []
    pos = 0
    for d in sorted((d for d in decisions if d.action is not Action.DISCLOSE), key=lambda d: d.start):
        if d.start < pos:
            raise ValueError("overlapping decisions")
        if d.start > pos:
            out.append(Segment(text[pos : d.start]))
        out.append(Segment(d.label, redacted=True, decision=d))
        pos = d.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def replaced_text(text: str, decisions: Iterable[Decision]) -> str:
    """The unit's text as it appears in the output."""
    return "".join(s.text for s in segments(text, decisions))
