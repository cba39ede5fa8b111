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
    r"|Road|Street|Lane|Avenue|Crescent"
    # written in lower case too: "the Lancaster team", "the Wigan office", "Leigh probation"
    r"|team(?![ \t]+(?:manager|leader))|office(?!r)|probation|cluster|locality|patch|hub)(?![\w'’-])"
)
# A compass or "City" word may stand between the place and its body: "Lancaster North Team 2".
_BETWEEN = r"(?:(?:North|South|East|West|Central|City|Town|Rural|Urban)[ \t]+)?"
BODY_AFTER = _BETWEEN + BODY_AFTER
_BODY_AFTER_RE = re.compile(r"[ \t]+" + BODY_AFTER)

# Before a place name: a preposition of place (with "the" for "the Wirral"), or of movement
# ("moved from Wigan", "travelled to Lancaster", "the north of Lancaster").
PLACE_BEFORE_WORDS = (
    "in", "at", "near", "around", "across", "outside", "towards", "via", "within", "throughout",
    "from", "to", "into", "of",
)
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


_WORD_RE = re.compile(r"[\w'’-]+")
# The longest place the gazetteer holds, in words ("Yorkshire and the Humber", "Barton upon Humber").
_LONGEST_PLACE = 5


def in_longer_place(text: str, start: int, end: int) -> bool:
    """text[start:end] is part of a longer place name the gazetteer holds ("Newton| Aycliffe",
    "Stoke |Newington", "Yorkshire and the |Humber"): an SPO called Newton does not take the
    town's first word, and a region's last word is not a person.
    """
    line_start = max(text.rfind("\n", 0, start) + 1, start - 60)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end < 0 else line_end, end + 60)
    words = [(m.start(), m.end()) for m in _WORD_RE.finditer(text, line_start, line_end)]
    inside = [i for i, (a, b) in enumerate(words) if a < end and b > start]
    if not inside:
        return False
    first, last = inside[0], inside[-1]
    for i in range(max(0, last - _LONGEST_PLACE + 1), first + 1):
        for j in range(last, min(len(words), i + _LONGEST_PLACE)):
            if (i, j) == (first, last) or not text[words[i][0]].isupper():
                continue
            phrase = text[words[i][0] : words[j][1]]
            if is_place(phrase.replace(",", " ")):
                return True
    return False


@functools.cache
def first_and_surnames() -> tuple[frozenset[str], frozenset[str]]:
    """The name lists' first names and surnames, lower case, read once for resolve and this module."""
    from recognizers.name_list import DATA, load_name_list

    return frozenset(load_name_list(DATA / "first_names.txt")[0]), frozenset(load_name_list(DATA / "surnames.txt")[0])


def is_place_not_name(text: str) -> bool:
    """A name of two or more words that is a gazetteer place ("Merthyr Tydfil", "Milton Keynes")
    and not shaped like a person's first name and surname ("Harold Wood", "Abbey Wood").
    """
    tokens = text.split()
    if len(tokens) < 2 or not is_place(text):
        return False
    first, surnames = first_and_surnames()
    return not (tokens[0].lower() in first and tokens[-1].lower() in surnames)


# A field label whose value is a place: "PDU: Lancaster, South Lakes", "Team – Wigan".
_LABELS = ("PDU", "Team", "Area", "Region", "Location", "Office", "Locality", "Cluster", "Division")
_LABEL_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:" + "|".join(_LABELS) + r")[ \t]*[:–-][ \t]*$")
# After a full name only the bodies a signature line never holds: "Sarah Jones Area Manager"
# is the person, "Kirkby Stephen Team 2" is the team.
TEAM_AFTER = r"(?:Team(?![ \t]+(?:Manager|Leader))|PDU|Probation[ \t]+Delivery[ \t]+Unit|Delivery[ \t]+Unit|team(?![ \t]+(?:manager|leader))|office(?!r)|Hub|cluster)(?![\w'’-])"
_TEAM_AFTER_RE = re.compile(r"[ \t]+" + _BETWEEN + TEAM_AFTER)


def label_before(text: str, start: int) -> bool:
    """A place field's label right before `start` ("PDU: |Lancaster")."""
    return _LABEL_BEFORE_RE.search(text[max(0, start - 20) : start]) is not None


# "the Wigan Review" is a place's review; "the PENHALIGON Review" is named after the person
# it is about, so a review or report word counts only after a gazetteer place.
_REVIEW_AFTER = r"(?:Review|Report)(?![\w'’-])"
_REVIEW_AFTER_RE = re.compile(r"[ \t]+" + _REVIEW_AFTER)


def stands_for_a_place(text: str, start: int, end: int) -> bool:
    """The words around text[start:end] say it is a place or a body, not a person.

    A name of two or more words counts before a team or unit ("Kirkby Stephen Team 2"), or
    when the whole of it is a gazetteer place not shaped like a person's name.
    """
    if " " in text[start:end].strip():
        return _TEAM_AFTER_RE.match(text, end) is not None or is_place_not_name(text[start:end])
    return (
        body_after(text, end)
        or (is_place(text[start:end]) and (place_before(text, start) or label_before(text, start) or _REVIEW_AFTER_RE.match(text, end) is not None))
        or in_longer_place(text, start, end)
    )


@functools.cache
def _longer_places(word: str) -> tuple[tuple[str, str], ...]:
    """(word before, word after) of each two-word gazetteer place holding `word` (lower case)."""
    out = []
    for place in places():
        parts = place.split()
        if len(parts) == 2 and word in parts:
            out.append((parts[0], "") if parts[1] == word else ("", parts[1]))
    return tuple(sorted(set(out)))


def needle_guards(form: str) -> tuple[str, str]:
    """(head, tail) regex guards for a name needle, so that verification skips exactly the
    occurrences resolve skips: a body word after it, and, for a place, a preposition before.

    Verification compares folded text with single spaces, so fixed-width lookbehinds hold.
    """
    if " " in form.strip():
        # a full name before "Area Manager" in a signature line is the person; before a
        # team or unit it is the team's name
        return "", r"(?![ \t]+" + _BETWEEN + TEAM_AFTER + r")"
    tail = r"(?![ \t]+" + BODY_AFTER + r")"
    head = ""
    if is_place(form):
        tail += r"(?![ \t]+" + _REVIEW_AFTER + r")"
        words = [w for base in PLACE_BEFORE_WORDS for w in (base, base.capitalize())]
        head = "".join(rf"(?<!\b{w} )(?<!\b{w} the )" for w in words)
        head += "".join(rf"(?<!\b{label}{sep})" for label in _LABELS for sep in (": ", ":", " - ", " – ", "-", "–"))
    # one word of a longer place (in_longer_place): "Newton" before "Aycliffe"
    for before, after in _longer_places(form.strip().lower()):
        if before:
            head += rf"(?<!\b{re.escape(before.capitalize())} )"
        if after:
            tail += rf"(?! {re.escape(after.capitalize())}\b)"
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
