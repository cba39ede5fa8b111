"""The release check: a surviving form of someone the pipeline knows is redacted, not refused.

Before a draft is rendered, every person the case knows (from the case file or from
detection) is looked for in every unit in every form (`needles.name_forms`), and every
identifier and date of birth the case file gives, with the folding of `match` (look-alike
letters, ligatures, words split at a line end, script-aware boundaries). A form that no
finding covers becomes a finding of its own, recognizer "release check", so it is redacted
with that person's label and logged. After rendering, the draft check runs; what it still
finds is located in the document's units and redacted the same way, and the draft is
rendered and checked again, a bounded number of times. Only what cannot be located is
refused, naming the person's label or the kind of identifier and the page, never the text.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pipeline.case import Case
from pipeline.model import Action, Category, Decision, Detection, Document, Person
from pipeline.resolve import Mention, Resolution
from pipeline.resolve.places import needle_guards
from pipeline.verify import Needle
from pipeline.verify.match import NeedlePattern, compile_needle, find_spans, lowered
from pipeline.verify.needles import case_file_needles, identifier_forms, is_label_word, name_forms, name_needle

RELEASE_CHECK = "release check"
# A name another document of the same case gave (import_case_people).
CASE_PEOPLE = "CasePeople"
# How many times a draft is re-rendered after the draft check found a form it could place.
MAX_ROUNDS = 3


def _spans(patterns: Sequence[NeedlePattern], text: str) -> list[tuple[int, int]]:
    out = []
    low = lowered(text)
    for p in patterns:
        if p.word is None or p.word in low:  # find_spans' own test, without a call per pattern
            out.extend(find_spans(text, p))
    return sorted(set(out))


def _overlaps(spans: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _name_patterns(forms: Iterable[str], glued: bool | str = False) -> list[NeedlePattern]:
    out = []
    for form in sorted(forms):
        n = name_needle(form)
        for f in {form, form.upper()}:
            out.append(compile_needle(f, True, n.number_may_follow, needle_guards(f), glued))
    return out


def _needle_patterns(needle: Needle, glued: bool | str = False) -> list[NeedlePattern]:
    if needle.case_sensitive:
        return _name_patterns([needle.text], glued)
    return [compile_needle(f, False, glued=glued) for f in identifier_forms(needle.text)]


def import_case_people(document: Document, resolution: Resolution, people: Iterable[Person]) -> int:
    """Find in `document` the people other documents of the case named; returns how many.

    A name detection found in the review but not in the action plan ("Head of PDU Amber
    Gayle" in a table cell, "Supervised individual: Amber Xu" in its header) would otherwise
    go out in the action plan, and the draft check, which looks for what this document's
    detection found, would not look for it. Only forms of two or more words are searched
    (a full name, "Gayle, Amber"): one word from another document ("Amber", a RAG rating in
    an action plan) is no evidence of the person here.
    """
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in resolution.mentions:
        covered[m.unit_id].append((m.start, m.end))
    for d in resolution.others:
        covered[d.unit_id].append((d.start, d.end))
    imported = 0
    for person in people:
        if person.key in resolution.people:
            continue
        forms = {f for f in name_forms([person.canonical, *person.variants]) if " " in f.strip() and not is_label_word(f)}
        if not forms:
            continue
        patterns = _name_patterns(forms)
        found = []
        for uid, unit in document.units.items():
            for s, e in _spans(patterns, unit.text):
                if not _overlaps(covered[uid], s, e):
                    found.append((uid, s, e))
                    covered[uid].append((s, e))
        if not found:
            continue
        resolution.people[person.key] = dataclasses.replace(person, variants=set(person.variants))
        for uid, s, e in found:
            text = document.units[uid].text[s:e]
            resolution.mentions.append(Mention(uid, s, e, text, person.key, CASE_PEOPLE, "a name another document of this case gave", 1.0))
        imported += 1
    return imported


def release_fix(document: Document, resolution: Resolution, case: Case | None) -> int:
    """Add a finding for every uncovered form of a known person or case-file identifier; returns how many."""
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in resolution.mentions:
        covered[m.unit_id].append((m.start, m.end))
    for d in resolution.others:
        covered[d.unit_id].append((d.start, d.end))
    added = 0
    people = []
    for key, person in resolution.people.items():
        forms = name_forms([person.canonical, *person.variants])
        if person.role_source != "case file":
            forms = {f for f in forms if not is_label_word(f)}
        if forms:
            people.append((key, _name_patterns(forms)))
    ids: list[tuple[str, list[NeedlePattern]]] = []
    if case is not None:
        for n in case_file_needles(case):
            if n.entity:
                ids.append((n.entity, [compile_needle(n.text, False)]))
    for uid, unit in document.units.items():
        text = unit.text
        if not text.strip():
            continue
        for key, patterns in people:
            for s, e in _spans(patterns, text):
                if _overlaps(covered[uid], s, e):
                    continue
                resolution.mentions.append(Mention(uid, s, e, text[s:e], key, RELEASE_CHECK, RELEASE_CHECK, 1.0))
                covered[uid].append((s, e))
                added += 1
        for entity, patterns in ids:
            for s, e in _spans(patterns, text):
                if _overlaps(covered[uid], s, e):
                    continue
                resolution.others.append(Detection(uid, s, e, entity, 1.0, RELEASE_CHECK, RELEASE_CHECK, text[s:e]))
                covered[uid].append((s, e))
                added += 1
    return added


def _template(decisions: Sequence[Decision], needle: Needle) -> Decision | None:
    """A decision to copy the label, gist and category from, for a needle's new span."""
    for d in decisions:
        if d.action is Action.DISCLOSE:
            continue
        if needle.person and d.person == needle.person:
            return d
    for d in decisions:
        if d.action is Action.DISCLOSE or needle.person or d.category.value != needle.category:
            continue
        # a phrase the draft check built from a decision carries its entity; one from the
        # case file or a log may not ("" for unknown): the category is then enough
        if not needle.entity or (d.entity or "") == needle.entity:
            return d
    return None


def locate_fixes(
    document: Document, decisions: Sequence[Decision], leaked: Iterable[Needle], pages: dict[Needle, int] | None = None
) -> tuple[list[Decision], list[Needle]]:
    """New decisions for every uncovered place of the leaked needles, and the needles that
    could not be placed (no uncovered place in any unit, or nothing to label them with).

    `pages`: the page of the draft each needle was found on. Where a PDF's units give pages,
    a needle found nowhere as a word is placed, on that page only, at the start of a longer
    word: the draft's reader parted what the document's reader joined ("Cooper ative").
    """
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in decisions:
        covered[d.unit_id].append((d.start, d.end))
    new: list[Decision] = []
    unplaced: list[Needle] = []
    added: dict[str, list[tuple[int, int]]] = defaultdict(list)  # placed in this call
    for needle in leaked:
        template = _template(decisions, needle)
        placed = _place(document, template, _needle_patterns(needle), covered, added, new)
        if not placed:
            # A reader of the draft parted what the document's reader joined: a footnote mark
            # after the word ("levothyroxinej"). The word, without the mark, is what leaked.
            placed = _place(document, template, _needle_patterns(needle, glued=True), covered, added, new)
        page = (pages or {}).get(needle)
        if not placed and page is not None:
            on_page = [uid for uid, u in document.units.items() if u.provenance.page == page]
            placed = _place(document, template, _needle_patterns(needle, glued="prefix"), covered, added, new, on_page)
        if not placed:
            unplaced.append(needle)
    return new, unplaced


def _place(
    document: Document,
    template: Decision | None,
    patterns: Sequence[NeedlePattern],
    covered: dict[str, list[tuple[int, int]]],
    added: dict[str, list[tuple[int, int]]],
    new: list[Decision],
    only: Iterable[str] | None = None,
) -> bool:
    """Add a decision (copied from `template`) for each uncovered match (in the units `only`
    names, or all); whether any place was found.
    """
    placed = False
    units = document.units.items() if only is None else ((uid, document.units[uid]) for uid in only)
    for uid, unit in units:
        for s, e in _spans(patterns, unit.text):
            if _overlaps(added[uid], s, e):
                # another leaked form of this round was placed here ("PENHALIGON" for
                # both "Penhaligon" and its capitals): this one is placed too
                placed = True
                continue
            if _overlaps(covered[uid], s, e) or template is None:
                continue
            new.append(
                Decision(
                    uid, s, e, unit.text[s:e], template.category, template.action, template.label, template.gist,
                    RELEASE_CHECK, 1.0, RELEASE_CHECK, template.person, template.entity,
                )
            )
            covered[uid].append((s, e))
            added[uid].append((s, e))
            placed = True
    return placed


def describe(needle: Needle) -> str:
    """What a needle is, safe to print: a person's label or the kind of string, never the text."""
    if needle.category == Category.NAME.value:
        return f"a form of the name of {needle.label}" if needle.label else "a form of a name given in the case file"
    return f"a {needle.category}" + (f" ({needle.label})" if needle.label else "")


__all__ = ["MAX_ROUNDS", "RELEASE_CHECK", "describe", "locate_fixes", "release_fix"]
