"""Decisions: one per span to change, non-overlapping, each with its label, gist and reason.

Overlapping findings are merged into one span (so nothing is half-redacted), led by the
finding with the highest priority (categories.PRIORITY). Staff titles fold into the label
("Ms Jenkins" -> "PP1"); role words stay ("SPO Aled Morgan" -> "SPO SPO1"). Victims' and third
parties' titles fold too unless the case file keeps them (`titles_before_labels: keep`); the
supervised individual's stay ("Mr O'Connor" -> "Mr KT"). Pronouns and titles that refer to a
member of staff get rewrite decisions of their own (gender.py, guidance 3.4.4).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.categories import ENTITY_TREATMENT, PRIORITY, name_gist
from pipeline.decide.gender import gendered_references
from pipeline.decide.labels import STAFF_GIST, Labeller
from pipeline.model import Action, Category, Decision, Document, Role
from pipeline.resolve import Resolution
from pipeline.vocabulary import TITLES, alternation

# A staff member's title folds into the label ("Ms Jenkins" -> "PP1"); a role word before
# the name stays, since role words are not personal data ("SPO Aled Morgan" -> "SPO SPO1").
_STAFF_PREFIX = re.compile(r"(?:\b" + alternation(TITLES, upper=True) + r"\.?\s+)$")

_FILE_TAIL = re.compile(r"[A-Za-z][\w\-.]*")


@dataclass
class _Span:
    unit_id: str
    start: int
    end: int
    priority: int
    decision: Decision


# Whose titles fold into their label: staff always; victims and third parties unless kept.
_FOLD_TITLES = {Role.STAFF, Role.VICTIM, Role.THIRD_PARTY}


def decide(
    document: Document, resolution: Resolution, labeller: Labeller, acronyms: set[str], *, keep_titles: bool = False
) -> list[Decision]:
    """The proposed decision for every finding of a document.

    `keep_titles` keeps a victim's or third party's title before their label ("Mr Friend 1"),
    the case file's `titles_before_labels: keep`; by default it folds in ("Friend 1").
    """
    labels, people = labeller.assign_with_roles(list(resolution.people.values()), acronyms)
    spans: list[_Span] = []
    fold = {Role.STAFF} if keep_titles else _FOLD_TITLES
    for m in resolution.mentions:
        person = people[m.person]
        start = m.start
        if person.role in fold:
            before = document.units[m.unit_id].text[:start]
            pm = _STAFF_PREFIX.search(before)
            if pm and pm.group(0):
                start = pm.start()
        gist = name_gist(person.role, STAFF_GIST.get(person.staff_role or ""), person.relationship)
        reason = f"{m.explanation}; role: {person.role.value} ({person.role_source})" if m.explanation else f"role: {person.role.value} ({person.role_source})"
        unit_text = document.units[m.unit_id].text
        d = Decision(
            unit_id=m.unit_id,
            start=start,
            end=m.end,
            text=unit_text[start : m.end],
            category=Category.NAME,
            action=Action.ANONYMISE,
            label=labels[m.person],
            gist=gist,
            recognizer=m.recognizer,
            score=m.score,
            reason=reason,
            person=m.person,
            entity="PERSON",
        )
        spans.append(_Span(m.unit_id, start, m.end, PRIORITY["PERSON"] + (1 if m.recognizer == "CaseFile" else 0), d))
    for det in resolution.others:
        treatment = ENTITY_TREATMENT.get(det.entity)
        if treatment is None:
            continue
        label = treatment.label
        start, end, text = det.start, det.end, det.text
        if det.entity == "SFO_REFERENCE":
            # A bare SFO reference is the case's reference and stays; in the file protocol
            # (SFO60001bloggsJOutcome) the letters after it hold a surname, so the token goes.
            unit_text = document.units[det.unit_id].text
            tail = _FILE_TAIL.match(unit_text, end)
            if tail is None:
                continue
            end = tail.end()
            while unit_text[end - 1] in ".-":
                end -= 1  # a full stop ending the sentence is not part of the name
            text = unit_text[start:end]
        if det.entity == "PRISON":
            label = labeller.thing("Prison", det.text)
        d = Decision(
            unit_id=det.unit_id,
            start=start,
            end=end,
            text=text,
            category=treatment.category,
            action=treatment.action,
            label=label,
            gist=treatment.gist,
            recognizer=det.recognizer,
            score=det.score,
            reason=det.explanation,
            entity=det.entity,
        )
        spans.append(_Span(det.unit_id, start, end, PRIORITY.get(det.entity, 1), d))
    spans += _propagate(document, spans)
    merged = _merge(document, spans)
    rewrites = gendered_references(document, merged, people, labels)
    if not rewrites:
        return merged
    order = {uid: i for i, uid in enumerate(document.units)}
    return sorted([*merged, *rewrites], key=lambda d: (order[d.unit_id], d.start))


# Found once, removed everywhere: the same identifier, date of birth, address or medical
# fact written elsewhere without the cue or context that found it the first time.
_PROPAGATE = {Category.IDENTIFIER, Category.CONTACT, Category.ADDRESS, Category.DATE_OF_BIRTH, Category.MEDICAL, Category.PRISON}


def _propagate(document: Document, spans: list[_Span]) -> list[_Span]:
    """Spans for every other occurrence of text that a decision withholds."""
    found: dict[str, _Span] = {}
    for s in spans:
        d = s.decision
        if d.category in _PROPAGATE and len(d.text.strip()) >= 4 and d.entity != "SFO_REFERENCE":
            found.setdefault(" ".join(d.text.split()).lower(), s)
    if not found:
        return []
    body = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in sorted(found, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w/.\-])(?:{body})(?![\w/\-]|\.\d)", re.IGNORECASE)
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for s in spans:
        taken[s.unit_id].append((s.start, s.end))
    out: list[_Span] = []
    for uid, unit in document.units.items():
        for m in pattern.finditer(unit.text):
            if any(a < m.end() and m.start() < b for a, b in taken[uid]):
                continue
            src = found[" ".join(m.group(0).split()).lower()]
            d = src.decision
            new = Decision(
                unit_id=uid, start=m.start(), end=m.end(), text=m.group(0), category=d.category, action=d.action,
                label=d.label, gist=d.gist, recognizer="SameTextElsewhere",
                score=d.score, reason=f"the same text was found elsewhere in the document by {d.recognizer}", entity=d.entity,
            )
            out.append(_Span(uid, m.start(), m.end(), src.priority, new))
    return out


def _merge(document: Document, spans: list[_Span]) -> list[Decision]:
    by_unit: dict[str, list[_Span]] = defaultdict(list)
    for s in spans:
        if s.end > s.start:
            by_unit[s.unit_id].append(s)
    out: list[Decision] = []
    for uid in document.units:
        group: list[_Span] = []
        end = -1
        for s in sorted(by_unit.get(uid, ()), key=lambda s: (s.start, -s.end)):
            if group and s.start < end:
                group.append(s)
                end = max(end, s.end)
                continue
            if group:
                out.append(_lead(document, group))
            group, end = [s], s.end
        if group:
            out.append(_lead(document, group))
    return out


def _lead(document: Document, group: list[_Span]) -> Decision:
    start = min(s.start for s in group)
    end = max(s.end for s in group)
    lead = max(group, key=lambda s: (s.priority, s.end - s.start, s.decision.score))
    d = lead.decision
    if (start, end) == (d.start, d.end):
        return d
    text = document.units[d.unit_id].text[start:end]
    others = sorted({s.decision.recognizer for s in group if s is not lead})
    reason = d.reason + (f"; merged with overlapping findings of {', '.join(others)}" if others else "")
    return Decision(d.unit_id, start, end, text, d.category, d.action, d.label, d.gist, d.recognizer, d.score, reason, d.person, d.entity)
