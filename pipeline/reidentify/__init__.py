"""Re-identification check: what remains about each person once the decisions are applied.

With every name gone, a review can still say who someone is: an age, a street, a school, an
employer, a date and a family detail together (the ICO's motivated-intruder test). For each
labelled person this collects the details left in the kept text and attributed to them (the
nearest person mention before the detail in its sentence; a following one in the same sentence;
through a pronoun, the person last named), scores the combination with the weights of
details.yaml, and flags a person whose details together could single them out. A flag is a
proposal: the log's "Re-identification" sheet asks the senior manager to keep, generalise or
withhold each detail, and nothing changes without a decision.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.model import Category, Decision, Document, Style
from pipeline.reidentify.generalise import generalise
from pipeline.reidentify.rules import DetailPattern, Rules, load_rules
from pipeline.resolve.pronouns import PRONOUN, PRONOUN_GENDER

logger = logging.getLogger("sfo_redact")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'‘“(])")
_HEADINGS = (Style.TITLE, Style.HEADING1, Style.HEADING2, Style.HEADING3)


@dataclass(frozen=True)
class Place:
    """Where one occurrence of a detail is: document, unit, offsets, and a location to read."""

    document: str
    unit_id: str
    start: int
    end: int
    page: int | None
    location: str


@dataclass(frozen=True)
class Detail:
    """One remaining detail of a person, every place it occurs in the kept text, and a suggestion."""

    kind: str  # details.yaml kind: age, small_place, ...
    description: str  # what the log calls the kind
    text: str
    generalisation: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Flag:
    """A person whose remaining details, together, could single them out."""

    person: str  # the person's label (PP1, A, Partner 1, random initials)
    role: str  # "a victim", "probation practitioner", from the name's gist
    score: float
    details: tuple[Detail, ...]


@dataclass(frozen=True)
class Found:
    """A detail found in one unit, before it is attributed to anyone."""

    kind: str
    start: int
    end: int
    generalisation: str


@dataclass(frozen=True)
class CaseDocument:
    """One document of the case as the check sees it: its log name, its text and its decisions."""

    name: str
    document: Document
    decisions: Sequence[Decision]


def find_details(text: str, blocked: Iterable[tuple[int, int]] = (), rules: Rules | None = None, possessive: str = "their") -> list[Found]:
    """The details in `text` outside the `blocked` spans (what is already redacted), without overlaps."""
    rules = rules or load_rules()
    blocked = list(blocked)
    candidates: list[tuple[int, int, str, DetailPattern, re.Match[str]]] = []
    for kind in rules.kinds:
        for pattern in kind.patterns:
            for m in pattern.regex.finditer(text):
                start, end = m.span("detail") if "detail" in pattern.regex.groupindex else m.span()
                start, end = _trim(text, start, end, kind.name, rules)
                if end <= start or any(s < end and start < e for s, e in blocked):
                    continue
                candidates.append((start, end, kind.name, pattern, m))
    # The longest reading wins ("the Tesco on Wigan Road" over "Wigan Road").
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    kept: list[Found] = []
    for start, end, kind, pattern, m in candidates:
        if any(f.start < end and start < f.end for f in kept):
            continue
        kept.append(Found(kind, start, end, generalise(pattern, m, text[start:end], rules, possessive)))
    return sorted(kept, key=lambda f: f.start)


def _trim(text: str, start: int, end: int, kind: str, rules: Rules) -> tuple[int, int]:
    """Drop a capitalised sentence word before a name ("On Wigan Road"), and an occupation's tail."""
    while True:
        m = re.match(r"(\w+)\s+", text[start:end])
        if not m or m.group(1) not in rules.leading_stop_words:
            break
        start += m.end()
    if kind == "occupation":
        words = list(re.finditer(r"[\w-]+", text[start:end]))
        for i, w in enumerate(words[1:], start=1):  # words[0] is the article
            if w.group(0) in rules.occupation_stop_words:
                end = start + words[i - 1].end()
                break
        if len(re.findall(r"[\w-]+", text[start:end])) < 2:
            return start, start
    return start, end


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return bounds


def _possessive(text: str, after: int) -> str:
    m = PRONOUN.search(text, after)
    if m is None:
        return "their"
    return "his" if PRONOUN_GENDER[m.group(0).lower()] == "m" else "her"


def attribute(text: str, at: int, end: int, mentions: Sequence[tuple[int, int, str]], carried: str | None) -> str | None:
    """Whose detail the span at..end of `text` is: a label from `mentions`, `carried`, or None.

    The nearest mention before it in its sentence; else a mention after it in the same sentence
    when no pronoun comes first; else the subject (first mention) of the last earlier sentence
    of the unit that names someone ("Sylvia attended Baker Academy. She lived on Bird Road":
    Sylvia, not the academy's namesake); else, through a pronoun, `carried` (the same from the
    unit before); else no one.
    """
    sentences = _sentences(text)
    sentence = next(((s, e) for s, e in sentences if s <= at <= e), (0, len(text)))
    before = [m for m in mentions if sentence[0] <= m[0] and m[1] <= at]
    if before:
        return before[-1][2]
    pronoun_first = PRONOUN.search(text, sentence[0], at) is not None
    after = [m for m in mentions if end <= m[0] <= sentence[1]]
    if after and not pronoun_first:
        return after[0][2]
    earlier = subject_before(text, mentions, sentence[0], sentences)
    if earlier is not None:
        return earlier
    if pronoun_first or PRONOUN.search(text, sentence[0], sentence[1]):
        return carried
    return None


def subject_before(text: str, mentions: Sequence[tuple[int, int, str]], before: int, sentences: Sequence[tuple[int, int]] | None = None) -> str | None:
    """The first person named in the last sentence before `before` that names anyone."""
    for s, e in reversed(sentences if sentences is not None else _sentences(text)):
        if s >= before:
            continue
        named = [m for m in mentions if s <= m[0] < min(e + 1, before)]
        if named:
            return named[0][2]
    return None


def collect(documents: Sequence[CaseDocument], rules: Rules | None = None) -> dict[str, list[tuple[Found, str, str]]]:
    """Label -> every detail attributed to that person: (found, document name, unit id)."""
    rules = rules or load_rules()
    out: dict[str, list[tuple[Found, str, str]]] = defaultdict(list)
    for cd in documents:
        by_unit: dict[str, list[Decision]] = defaultdict(list)
        for d in cd.decisions:
            by_unit[d.unit_id].append(d)
        carried: str | None = None
        for uid, unit in cd.document.units.items():
            if unit.style in _HEADINGS:
                carried = None
                continue
            decisions = by_unit.get(uid, [])
            mentions = sorted((d.start, d.end, d.label) for d in decisions if d.person and d.category is Category.NAME)
            blocked = [(d.start, d.end) for d in decisions]
            for found in find_details(unit.text, blocked, rules):
                who = attribute(unit.text, found.start, found.end, mentions, carried)
                if who is None:
                    continue
                if found.kind == "age":
                    first = next((m for m in mentions if m[2] == who), None)
                    pos = _possessive(unit.text, first[1] if first else 0)
                    found = Found(found.kind, found.start, found.end, _regeneralise(unit.text, found, rules, pos))
                out[who].append((found, cd.name, uid))
            if mentions:
                carried = subject_before(unit.text, mentions, len(unit.text) + 1)
    return out


def _regeneralise(text: str, found: Found, rules: Rules, possessive: str) -> str:
    again = find_details(text[found.start : found.end], (), rules, possessive)
    return again[0].generalisation if again else found.generalisation


def occurrences(text: str, documents: Sequence[CaseDocument]) -> list[Place]:
    """Every place `text` stands in the kept text of the case (whole words, any capitals)."""
    # The one whole-word rule; imported late, as finalise imports this package.
    from pipeline.finalise import added_pattern

    pattern = added_pattern(text)
    places = []
    for cd in documents:
        by_unit: dict[str, list[Decision]] = defaultdict(list)
        for d in cd.decisions:
            by_unit[d.unit_id].append(d)
        for uid, unit in cd.document.units.items():
            for m in pattern.finditer(unit.text):
                if any(d.start < m.end() and m.start() < d.end for d in by_unit.get(uid, ())):
                    continue
                prov = unit.provenance
                places.append(Place(cd.name, uid, m.start(), m.end(), prov.page, prov.describe()))
    return places


def score(details: Sequence[Detail], rules: Rules) -> tuple[float, int]:
    """(score, number of kinds): each kind's weight once, and a little for each further detail of it."""
    by_kind: dict[str, int] = defaultdict(int)
    for d in details:
        by_kind[d.kind] += 1
    total = sum(rules.kind(k).weight + rules.repeat_weight * (n - 1) for k, n in by_kind.items())
    return round(total, 2), len(by_kind)


def reidentify(documents: Sequence[CaseDocument], rules: Rules | None = None) -> list[Flag]:
    """The people of the case whose remaining details could, together, single them out."""
    rules = rules or load_rules()
    roles = {}
    for cd in documents:
        for d in cd.decisions:
            if d.person and d.category is Category.NAME:
                roles.setdefault(d.label, d.gist.removeprefix("name of ").strip())
    flags = []
    collected = collect(documents, rules)
    for label, items in collected.items():
        text_of = {}
        for found, doc_name, uid in items:
            unit = next(cd.document.units[uid] for cd in documents if cd.name == doc_name)
            text = unit.text[found.start : found.end]
            text_of.setdefault((found.kind, " ".join(text.lower().split())), (text, found))
        details = []
        for (kind, _), (text, found) in text_of.items():
            places = occurrences(text, documents)
            details.append(Detail(kind, rules.kind(kind).description, text, found.generalisation, tuple(places)))
        total, kinds = score(details, rules)
        if kinds >= rules.min_kinds and total >= rules.threshold:
            flags.append(Flag(label, roles.get(label, ""), total, tuple(details)))
    logger.info("re-identification check: %d people with remaining details, %d flagged", len(collected), len(flags))
    return flags
