"""What verification must not find in an output: every removed string, in every form."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Action, Category, Decision, Document, HiddenKind
from pipeline.read.columns import is_not_for_disclosure
from pipeline.resolve import MONTHS, Resolution, english_word_names, name_variants
from pipeline.verify import Needle

# Hidden content whose text must be absent. Document properties and PDF metadata are not
# searched for in the page text (a title is often the visible heading too); verification
# checks instead that the output's metadata is empty.
_HIDDEN_TEXT_KINDS = {
    HiddenKind.COMMENT,
    HiddenKind.DELETED_TEXT,
    HiddenKind.NOT_FOR_DISCLOSURE,
    HiddenKind.ANNOTATION,
}
_PRISON_WORDS = re.compile(r"\b(?:HMP|HMYOI|YOI|prison|young offender institution)\b", re.IGNORECASE)


def prison_forms(text: str) -> list[str]:
    """The forms of an establishment name that must be absent from the output.

    A bare establishment name ("Nottingham", found after "transferred to") is also a town:
    only its prison forms must be absent.
    """
    if _PRISON_WORDS.search(text):
        return [text]
    return [f"HMP {text}", f"HMYOI {text}", f"{text} prison", f"HMP/YOI {text}"]


def name_needle(form: str, category: str = Category.NAME.value) -> Needle:
    """The needle for one form of a name (matched case-sensitively).

    A name must be absent, case-sensitively; a one-word name that is also an English word
    ("Page") may still stand before a number ("Page 1" in a footer).
    """
    word = " " not in form.strip() and form.lower() in english_word_names()
    return Needle(form, category, case_sensitive=True, number_may_follow=word)


def needles_for(resolution: Resolution, decisions: Sequence[Decision], document: Document) -> list[Needle]:
    """Everything that must not appear in the output of one document."""
    needles: dict[tuple[str, bool], Needle] = {}
    redacted_people = {d.person for d in decisions if d.person and d.action is not Action.DISCLOSE}
    for d in decisions:
        if d.action is Action.DISCLOSE:
            continue
        if d.category is Category.NAME:
            continue  # names are checked through every variant below, case-sensitively
        if d.category is Category.PRISON:
            for form in prison_forms(d.text):
                needles[(form, False)] = Needle(form, d.category.value)
            continue
        needles[(d.text, False)] = Needle(d.text, d.category.value)
    for key in redacted_people:
        person = resolution.people[key]
        for v in name_variants(person):
            if v.lower() in MONTHS or len(v) < 3:
                continue
            for form in {v, v.upper()}:
                needles[(form, True)] = name_needle(form)
    for h in document.removed:
        if h.kind not in _HIDDEN_TEXT_KINDS:
            continue
        text = " ".join(h.text.split())
        # The removed column's heading ("Not for disclosure") may legitimately be quoted.
        if len(text) >= 15 and not (len(text) < 60 and is_not_for_disclosure(text)):
            needles[(text, False)] = Needle(text, "hidden content")
    return list(needles.values())
