"""Gender-neutral references to staff (guidance 3.4.4): pronouns and titles become the label.

"In cases where the staff member could be easily identified through their gender, e.g. the
only male PP in the team, the RM should use gender neutral language." Once names are
labelled, "she was new in post" and "Ms PP1" still say who the PP was. Each pronoun or
title that refers to a member of staff becomes a decision of its own (a log row the senior
manager can turn down with Disclose), rewritten without a parser:

- he, she, him -> the label ("PP1 was new in post", "told PP1");
- herself, himself -> "themself" ("PP1 themself", "asked themself": the label twice would not read);
- his, hers, and "her" before a word that is not a function word -> the label's possessive
  ("PP1's caseload");
- a title before a staff label already in the text ("Ms PP1") -> the label alone.

Whom a pronoun stands for is decided in pipeline/resolve/pronouns.py (StaffReferents), the
one home of the pronoun-referent rule: the nearest preceding mention of staff (a labelled
name, a staff label already written in the text, or a role noun such as "the PP", collected
here from the decisions), with no other person of the same or unknown gender in between
unless a salience cue settles it, and the supervised individual unlikely. Where it is unsure
the row asks the manager to check the referent and proposes to keep the original, so a
pronoun of anyone else is never changed by default. Measured in
pipeline/evaluation/gender.py (benchmarks/gender_neutral.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from pipeline import vocabulary
from pipeline.decide.labels import STAFF_LABEL_PREFIX
from pipeline.model import Action, Category, Decision, Document, Person, Role
from pipeline.resolve.pronouns import PRONOUN as _PRONOUN
from pipeline.resolve.pronouns import Antecedent, StaffReferents, is_generic, is_possessive
from recognizers.vocabulary import VOCABULARY

RECOGNIZER = "GenderNeutralStaff"
# resolve's role_source for a supervised individual found only by being mentioned most.
_MOST_MENTIONED = "the person the review mentions most"
ENTITY = "GENDERED_REFERENCE"
CHECK = "check the referent"
_FOR = "pronoun for "
_MAY_BE_FOR = "pronoun that may be for "
# A reflexive becomes the gender-neutral reflexive, not the label: "PP1 herself" and "asked
# herself" read "PP1 themself" and "asked themself" (the label twice would not).
REFLEXIVE = "themself"

# A staff label already written in the text ("PP1", "SPO 2", "Head of PDU 1").
_LABEL_PREFIXES = sorted({p.strip() for p in STAFF_LABEL_PREFIX.values()}, key=len, reverse=True)
_STAFF_LABEL = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _LABEL_PREFIXES) + r")\s?\d+\b")
_TITLE_BEFORE = re.compile(
    r"\b(" + vocabulary.alternation(vocabulary.MALE_TITLES + vocabulary.FEMALE_TITLES) + r")\.?[ \t]+$"
)
_MALE_TITLES = {t.lower() for t in vocabulary.MALE_TITLES}
_FEMALE_TITLES = {t.lower() for t in vocabulary.FEMALE_TITLES}

_FEMALE_WORDS = frozenset(
    "mother mum wife girlfriend ex-wife ex-girlfriend sister daughter aunt auntie grandmother nan nana "
    "niece landlady stepmother step-mother stepmum step-mum half-sister stepsister step-sister "
    "stepdaughter step-daughter granddaughter fiancée woman girl lady".split()
)
_MALE_WORDS = frozenset(
    "father dad husband boyfriend ex-husband ex-boyfriend brother son uncle grandfather grandad nephew "
    "landlord stepfather step-father stepdad step-dad half-brother stepbrother step-brother stepson "
    "step-son grandson fiancé man boy".split()
)


def gender_of(person: Person, titles: Sequence[str] = ()) -> str | None:
    """'m', 'f' or None: from the titles written before the person's name, else the first name."""
    said = {("m" if t.lower() in _MALE_TITLES else "f") for t in titles if t.lower() in _MALE_TITLES | _FEMALE_TITLES}
    if len(said) == 1:
        return next(iter(said))
    if said:
        return None  # "Mr" and "Ms" for one person: the text does not say
    first = person.canonical.split()[0].lower().strip(".") if person.canonical.split() else ""
    if first in _MALE_TITLES or first in _FEMALE_TITLES:
        return "m" if first in _MALE_TITLES else "f"
    male, female = _gendered_first_names()
    return "m" if first in male else "f" if first in female else None


@functools.cache
def _gendered_first_names() -> tuple[frozenset[str], frozenset[str]]:
    from recognizers.name_list import load_gendered_first_names

    return load_gendered_first_names()


# Role words written in capitals in reviews, matched only so: "the PP", never "the pp".
_ABBREVIATIONS = frozenset(
    w for w in (*VOCABULARY.staff_roles, *VOCABULARY.supervised_individual_cues) if len(w) <= 4 and w.isalpha() and w != "pop"
)


@functools.cache
def _noun_pattern() -> re.Pattern[str]:
    """Role and relationship nouns after a determiner: "the PP", "the victim", "his mother"."""
    words = {*VOCABULARY.staff_roles, *VOCABULARY.supervised_individual_cues, *VOCABULARY.victim_cues}
    words |= {*VOCABULARY.relationships, *_FEMALE_WORDS, *_MALE_WORDS}
    long_ = sorted(words - _ABBREVIATIONS, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in long_)
    abbr = "|".join(re.escape(w.upper()) for w in sorted(_ABBREVIATIONS, key=len, reverse=True))
    # Not a label that follows ("the PP 1"), nor a longer word ("the victims"); "the PP's" is the PP.
    return re.compile(
        r"(?:\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Tt]his)|\w['’]s)[ \t]+(?P<noun>(?i:" + body + r")|" + abbr + r")(?![\w-])(?![ \t]?\d)"
    )


def _noun_mention(m: re.Match[str], index: int, people: Sequence[tuple[Person, str]], genders: Mapping[str, str | None]) -> Antecedent:
    noun = " ".join(m.group("noun").split()).lower()
    staff_code = VOCABULARY.staff_roles.get(noun)
    gender = "f" if noun in _FEMALE_WORDS else "m" if noun in _MALE_WORDS else None
    if staff_code is None:
        # "the SI" and "the victim" say no gender of their own: whatever a name list guesses
        # for the person, they block a staff referent behind them for either pronoun.
        if noun in VOCABULARY.supervised_individual_cues:
            name = "the supervised individual"
        elif noun in VOCABULARY.victim_cues:
            name = "the victim"
        else:
            name = f"a {VOCABULARY.relationships.get(noun, noun)}"
        return Antecedent(index, m.start("noun"), m.end("noun"), False, gender, f"noun:{noun}", "", name)
    # "the PP" is the one PP of the document when there is one; else the noun itself stands in.
    holders = [(p, label) for p, label in people if p.role is Role.STAFF and p.staff_role == staff_code]
    if len(holders) == 1 and staff_code != "other":  # "other" is every other agency: not one person
        person, label = holders[0]
        return Antecedent(index, m.start("noun"), m.end("noun"), True, genders.get(person.key), person.key, label, label)
    phrase = "the " + " ".join(m.group("noun").split())
    return Antecedent(index, m.start("noun"), m.end("noun"), True, None, f"noun:{noun}", phrase, phrase)


def _mentions(
    document: Document, decisions: Sequence[Decision], people: Mapping[str, Person], labels: Mapping[str, str]
) -> tuple[list[list[Antecedent]], dict[str, str | None]]:
    """Every mention of a person, per unit in reading order; and each person's gender."""
    order = {uid: i for i, uid in enumerate(document.units)}
    titles: dict[str, list[str]] = {}
    for d in decisions:
        if d.category is Category.NAME and d.person:
            text = document.units[d.unit_id].text
            found = _TITLE_BEFORE.search(text[max(0, d.start - 12) : d.start]) or re.match(
                r"(" + vocabulary.alternation(vocabulary.MALE_TITLES + vocabulary.FEMALE_TITLES) + r")\.?\s", d.text
            )
            titles.setdefault(d.person, [])
            if found:
                titles[d.person].append(found.group(1))
    genders = {key: gender_of(people[key], titles.get(key, ())) for key in people}
    by_label = {labels[k]: k for k in people if k in labels}
    listed = [(people[k], labels[k]) for k in people if k in labels]
    out: list[list[Antecedent]] = [[] for _ in document.units]
    for d in decisions:
        if d.category is Category.NAME and d.person and d.person in people and d.action is not Action.DISCLOSE:
            p = people[d.person]
            out[order[d.unit_id]].append(
                Antecedent(order[d.unit_id], d.start, d.end, p.role is Role.STAFF, genders[d.person], p.key, d.label, d.label)
            )
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in decisions:
        spans.setdefault(d.unit_id, []).append((d.start, d.end))
    for uid, unit in document.units.items():
        i = order[uid]
        inside = spans.get(uid, [])
        for m in _STAFF_LABEL.finditer(unit.text):
            if any(a < m.end() and m.start() < b for a, b in inside):
                continue
            label = " ".join(m.group(0).split())
            title = _TITLE_BEFORE.search(unit.text[max(0, m.start() - 12) : m.start()])
            gender = None if title is None else ("m" if title.group(1).lower() in _MALE_TITLES else "f")
            key = by_label.get(label, f"label:{label}")
            out[i].append(Antecedent(i, m.start(), m.end(), True, gender if gender else genders.get(key), key, label, label))
        for m in _noun_pattern().finditer(unit.text):
            if any(a < m.end("noun") and m.start("noun") < b for a, b in inside):
                continue
            out[i].append(_noun_mention(m, i, listed, genders))
        out[i].sort(key=lambda x: x.start)
    return out, genders


def gendered_references(
    document: Document, decisions: Sequence[Decision], people: Mapping[str, Person], labels: Mapping[str, str]
) -> list[Decision]:
    """A rewrite decision for each pronoun or title that refers to a member of staff.

    `decisions` are the document's other decisions (nothing proposed here overlaps them);
    `people` are the people as labelled and `labels` their labels, by person key.
    """
    mentions, genders = _mentions(document, decisions, people, labels)
    subjects = [k for k, p in people.items() if p.role is Role.SUPERVISED_INDIVIDUAL]
    # The supervised individual's gender: unknown (so either pronoun may be theirs) unless one
    # supervised individual is named, on better ground than being the most mentioned (the PP
    # often is, without a case file), and the text gives theirs.
    guessed = len(subjects) == 1 and people[subjects[0]].role_source.endswith(_MOST_MENTIONED)
    si_gender = genders.get(subjects[0]) if len(subjects) == 1 and not guessed else None
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in decisions:
        spans.setdefault(d.unit_id, []).append((d.start, d.end))
    units = list(document.units.values())
    out: list[Decision] = []
    referents = StaffReferents(mentions, units, si_gender)
    for i, unit in enumerate(units):
        taken = spans.get(unit.id, [])
        for m in _STAFF_LABEL.finditer(unit.text):
            title = _TITLE_BEFORE.search(unit.text, max(0, m.start() - 12), m.start())
            if title is None:
                continue
            start = title.start()
            if any(a < m.end() and start < b for a, b in taken):
                continue
            label = " ".join(m.group(0).split())
            out.append(_decision(unit.id, start, m.end(), unit.text[start : m.end()], label, Action.ANONYMISE,
                                 f"title before {label}", f"a gendered title before the staff label {label}", 0.95))
        for m in _PRONOUN.finditer(unit.text):
            if any(a < m.end() and m.start() < b for a, b in taken) or is_generic(unit.text, m.start(), m.end()):
                continue
            found = referents.referent(i, m)
            if found is None:
                continue
            staff, blocker = found
            rewrite = _rewrite(unit.text, m, staff.label)
            if blocker is None:
                out.append(_decision(
                    unit.id, m.start(), m.end(), m.group(0), rewrite, Action.ANONYMISE,
                    f"{_FOR}{staff.name}",
                    f"referent: {staff.name}, the nearest mention of staff, with no other person of the same or unknown gender in between",
                    0.9, person=None if staff.key.startswith(("noun:", "label:")) else staff.key,
                ))
            else:
                out.append(_decision(
                    unit.id, m.start(), m.end(), m.group(0), rewrite, Action.DISCLOSE,
                    f"{_MAY_BE_FOR}{staff.name}: {CHECK}",
                    f"{CHECK}: {blocker.name or 'another person'} is mentioned between {staff.name} and the pronoun; "
                    "kept unless the senior manager chooses Anonymise",
                    0.5, person=None if staff.key.startswith(("noun:", "label:")) else staff.key,
                ))
    return out


def referent_of(decision: Decision) -> str:
    """The label or role a pronoun row's rewrite stands for (a reflexive's rewrite does not say)."""
    for prefix in (_FOR, _MAY_BE_FOR):
        if decision.gist.startswith(prefix):
            return decision.gist[len(prefix) :].split(": " + CHECK)[0]
    return decision.label


def _rewrite(text: str, m: re.Match[str], label: str) -> str:
    word = m.group(0).lower()
    if word in ("himself", "herself"):
        return REFLEXIVE.capitalize() if m.group(0)[0].isupper() else REFLEXIVE
    possessive = is_possessive(text, m.start(), m.end())
    out = f"{label}'s" if possessive else label
    if m.group(0)[0].isupper():
        out = out[0].upper() + out[1:]
    return out


def _decision(
    unit_id: str, start: int, end: int, text: str, label: str, action: Action, gist: str, reason: str, score: float,
    person: str | None = None,
) -> Decision:
    return Decision(
        unit_id=unit_id, start=start, end=end, text=text, category=Category.GENDERED_STAFF, action=action,
        label=label, gist=gist, recognizer=RECOGNIZER, score=score, reason=reason, person=person, entity=ENTITY,
    )


__all__ = ["CHECK", "ENTITY", "RECOGNIZER", "REFLEXIVE", "gender_of", "gendered_references", "referent_of"]
