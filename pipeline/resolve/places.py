"""Places and bodies are not people: the one home of the rule, for resolve and verification.

Reviews name towns, counties, probation regions and teams ("Swansea Team 2", "the
Sheffield Probation Delivery Unit", "Kent, Surrey and Sussex"), and the statistical model
tags many of them as people. A member of staff may also have a place for a surname (an SPO
called Lancaster, and the city of Lancaster); the city must stay.

Two signs, both about the words around a capitalised word, never about one string:

- a body word right after a one-word name, on the same line: "Team", "PDU", "Probation Delivery Unit",
  "Magistrates", "Police", "Council", "Road"... ("Swansea Team 2", "Hyde Road");
- for a word the gazetteer (recognizers/data/places_england_wales.txt) holds, a preposition
  of place right before it: "in", "at", "near", "around", "across"... ("moved to a flat in
  Hyde", "the office at Neath").

Resolve uses them to reject candidates and to skip forms of a person's name that stand for
the place; the release check and `verify` use the same rule (`needle_guards`), so a city
that resolve kept is not found as a leaked surname.
"""

from __future__ import annotations

import functools
import re

# After a capitalised word on the same line: it names a body or a place, not a person.
# "Team Manager" and "Team Leader" follow a name in signature lines, so they do not count.
BODY_AFTER = (
    r"(?:Team(?![ \t]+(?:Manager|Leader))|PDU|Probation[ \t]+(?:Delivery|Service|Region|Area|Office(?!r))"
    r"|Delivery[ \t]+Unit|Magistrates|Crown[ \t]+Court|County[ \t]+Court|Combined[ \t]+Court|Youth[ \t]+Court"
    r"|Police|Constabulary|(?:City|Borough|County|District|Town|Metropolitan)[ \t]+Council|Council|Local[ \t]+Authority"
    r"|Prison|Hospital|Station|Region|Area|Division|Office|Hub|Approved[ \t]+Premises|Unit"
    r"|Road|Street|Lane|Avenue|Crescent|Review|Report)(?![\w'’-])"
)
_BODY_AFTER_RE = re.compile(r"[ \t]+" + BODY_AFTER)

# Before a place name: a preposition of place (with "the" for "the Wirral").
PLACE_BEFORE_WORDS = ("in", "at", "near", "around", "across", "outside", "towards", "via", "within", "throughout")
_PLACE_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(PLACE_BEFORE_WORDS) + r")[ \t]+(?:the[ \t]+)?$", re.IGNORECASE
)


@functools.cache
def places() -> frozenset[str]:
    """Towns, cities, counties and regions of England and Wales, lower case."""
    from recognizers.name_list import load_places

    return load_places()


def is_place(text: str) -> bool:
    """Whether a (one- or more-word) name is in the gazetteer."""
    return " ".join(text.split()).lower() in places()


def body_after(text: str, end: int) -> bool:
    """A body word right after `end` on the same line ("Swansea| Team 2")."""
    return _BODY_AFTER_RE.match(text, end) is not None


def place_before(text: str, start: int) -> bool:
    """A preposition of place right before `start` ("in |Hyde")."""
    return _PLACE_BEFORE_RE.search(text[max(0, start - 20) : start]) is not None


def stands_for_a_place(text: str, start: int, end: int) -> bool:
    """The words around text[start:end] say it is a place or a body, not a person."""
    return body_after(text, end) or (is_place(text[start:end]) and place_before(text, start))


def needle_guards(form: str) -> tuple[str, str]:
    """(head, tail) regex guards for a name needle, so that verification skips exactly the
    occurrences resolve skips: a body word after it, and, for a place, a preposition before.

    Verification compares folded text with single spaces, so fixed-width lookbehinds hold.
    """
    if " " in form.strip():
        return "", ""  # a full name before "Area Manager" in a signature line is the person
    tail = r"(?![ \t]+" + BODY_AFTER + r")"
    head = ""
    if is_place(form):
        words = [w for base in PLACE_BEFORE_WORDS for w in (base, base.capitalize())]
        head = "".join(rf"(?<!\b{w} )(?<!\b{w} the )" for w in words)
    return head, tail


# The twelve probation regions of England and Wales (HMPPS), as reviews name them.
PROBATION_REGIONS = (
    "North East", "North West", "Yorkshire and the Humber", "Greater Manchester", "East Midlands",
    "West Midlands", "East of England", "London", "Kent, Surrey and Sussex", "South West",
    "South Central", "Wales",
)
_REGION_LABEL = re.compile(r"^\s*(?:probation\s+|ps\s+|hmpps\s+)?region\s*[:\-–]?\s*(?P<value>.*)$", re.IGNORECASE)


def _known_region(text: str) -> str | None:
    flat = " ".join(text.replace("&", "and").split()).strip(" .,;:")
    low = re.sub(r"^(?:the\s+)?(?:probation\s+service\s+|ps\s+|hmpps\s+)?", "", flat.lower())
    low = re.sub(r"\s+(?:region|probation\s+region)$", "", low)
    for region in PROBATION_REGIONS:
        if low == region.lower() or low == region.lower().replace(",", ""):
            return region
    return None


def region_in(document) -> str:
    """The probation region a review names on its cover table or running header, or "".

    A "Region" label with its value (in the next cell, or after a colon), then a region's
    name standing alone in a header, footer or table cell. Only the twelve regions count, so
    a town or a team is never taken for one.
    """
    from pipeline.model import Paragraph, Table

    cells: list[list[str]] = []

    def walk(blocks) -> None:
        for block in blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    texts = []
                    for cell in row:
                        texts.append(" ".join(document.units[b.unit].text for b in cell.blocks if isinstance(b, Paragraph) and b.unit in document.units))
                        walk(cell.blocks)
                    cells.append(texts)

    walk(document.blocks)
    lines = [document.units[u].text for u in [*document.header_units, *document.footer_units] if u in document.units]
    lines += [u.text for u in list(document.units.values())[:40]]
    for row in cells:
        for i, text in enumerate(row):
            m = _REGION_LABEL.match(text)
            if m:
                value = m.group("value") or (row[i + 1] if i + 1 < len(row) else "")
                if (found := _known_region(value)) is not None:
                    return found
    for text in lines:
        m = _REGION_LABEL.match(text)
        if m and (found := _known_region(m.group("value"))) is not None:
            return found
    running = [document.units[u].text for u in [*document.header_units, *document.footer_units] if u in document.units]
    # A running header holds several items on one line: "OFFICIAL-SENSITIVE | Probation
    # Service – North West Region | SFO12345". Each piece between separators may name it.
    pieces = [piece for text in running for piece in _HEADER_SEPARATORS.split(text)]
    for text in [t for row in cells for t in row] + running + pieces:
        if (found := _known_region(text)) is not None:
            return found
    return ""


# Separators between the items of a running header (a comma is not one: "Kent, Surrey and Sussex").
_HEADER_SEPARATORS = re.compile(r"\s*(?:[|\u2022\u00b7/]|\s[-\u2013\u2014]\s|\t)\s*")
