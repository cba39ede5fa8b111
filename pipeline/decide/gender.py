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

The referent is the nearest preceding mention of a member of staff (a labelled name, a
staff label already written in the text, or a role noun such as "the PP"), looked for in
the pronoun's unit and the unit before it. It is accepted only when no mention of another
person of the same or of unknown gender lies in between (a named person, "the SI", "the
victim", "his mother"), none earlier in the referent's own sentence, and the supervised
individual (whom every pronoun of their gender may mean) is unlikely: the pronoun is in the
staff member's own sentence or its words are their work (`_staff_over_subject`), it tells of
staff practice ("she then recorded": only staff compete, `roles.practice_after`), or it
carries on as the subject from the one person the sentence before names, a sentence telling
of no contact with someone unnamed (`_continues_subject`). An object pronoun in the clause
whose subject is the member of staff is someone else's ("PP1 agreed to see him"), and so is
a later pronoun after a pronoun of someone else. Otherwise the row asks the manager to check
the referent and proposes to keep the original, so a pronoun of anyone else is never
changed by default. Measured in
pipeline/evaluation/gender.py (benchmarks/gender_neutral.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline import vocabulary
from pipeline.decide.labels import STAFF_LABEL_PREFIX
from pipeline.model import Action, Category, Decision, Document, Person, Role, Style
from pipeline.resolve.pronouns import PRONOUN as _PRONOUN
from pipeline.resolve.pronouns import PRONOUN_GENDER as _PRONOUN_GENDER
from pipeline.resolve.pronouns import SENTENCE_END as _SENTENCE_END
from pipeline.resolve.pronouns import (
    continues_first_subject,
    is_clause_subject,
    is_generic,
    reports_about,
    sentence_start,
    told_by,
)
from pipeline.resolve.roles import conduct_after, practice_after
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

# After "her", these words make it the object ("told her that", "gave her the file"); any
# other word makes it a possessive ("her caseload", "her own cases").
_FUNCTION_WORDS = frozenset(
    """a an the that this these those which who whom whose what when where why how if whether
    to of in on at by for from with without about into onto over under after before during
    since until through across against among between within and or but nor so yet as than
    then there here again too also not never always often still just only even once both
    either neither all each any some no more most less up down out off away back home
    is was were be been being are am has had have do did does will would could should may
    might must can shall""".split()
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z'’-]*)")

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


@dataclass(frozen=True)
class _Mention:
    """A place in the text where a person is named or referred to by a noun."""

    unit_index: int
    start: int
    end: int
    staff: bool
    gender: str | None  # "m", "f" or None when the text does not say
    key: str  # the person's key, or the role noun's text when no one person is meant
    label: str  # what a pronoun of this person becomes ("PP1", "the PP")
    name: str  # a description for the log: a label or a role, never document text


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


def _noun_mention(m: re.Match[str], index: int, people: Sequence[tuple[Person, str]], genders: Mapping[str, str | None]) -> _Mention:
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
        return _Mention(index, m.start("noun"), m.end("noun"), False, gender, f"noun:{noun}", "", name)
    # "the PP" is the one PP of the document when there is one; else the noun itself stands in.
    holders = [(p, label) for p, label in people if p.role is Role.STAFF and p.staff_role == staff_code]
    if len(holders) == 1 and staff_code != "other":  # "other" is every other agency: not one person
        person, label = holders[0]
        return _Mention(index, m.start("noun"), m.end("noun"), True, genders.get(person.key), person.key, label, label)
    phrase = "the " + " ".join(m.group("noun").split())
    return _Mention(index, m.start("noun"), m.end("noun"), True, None, f"noun:{noun}", phrase, phrase)


def _mentions(
    document: Document, decisions: Sequence[Decision], people: Mapping[str, Person], labels: Mapping[str, str]
) -> tuple[list[list[_Mention]], dict[str, str | None]]:
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
    out: list[list[_Mention]] = [[] for _ in document.units]
    for d in decisions:
        if d.category is Category.NAME and d.person and d.person in people and d.action is not Action.DISCLOSE:
            p = people[d.person]
            out[order[d.unit_id]].append(
                _Mention(order[d.unit_id], d.start, d.end, p.role is Role.STAFF, genders[d.person], p.key, d.label, d.label)
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
            out[i].append(_Mention(i, m.start(), m.end(), True, gender if gender else genders.get(key), key, label, label))
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
    # (unit, sentence start, gender) -> the staff member a pronoun there was taken to be:
    # "She accepted that she should have...": the second is the first's.
    last: dict[tuple[tuple[int, int], str], str] = {}
    accepted: set[tuple[int, int]] = set()  # (unit, start) of pronouns taken to be staff's
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
            if any(a < m.end() and m.start() < b for a, b in taken) or _generic(unit.text, m):
                continue
            word = m.group(0).lower()
            gender = _PRONOUN_GENDER[word]
            # "She then recorded the arrest": only a member of staff records, refers or
            # escalates (the cues that make a named person staff), so no one else competes.
            practice = word in ("he", "she") and practice_after(unit.text, m.end())
            found = _referent(mentions, i, m.start(), m.end(), gender, units, staff_only=practice)
            if found is None:
                continue
            staff, blocker = found
            nearer = blocker is not None and (blocker.unit_index, blocker.start) > (staff.unit_index, staff.start)
            if nearer and not blocker.staff and blocker.gender == gender and not (
                staff.unit_index == i and not _SENTENCE_END.search(unit.text, staff.end, m.start())
            ):
                continue  # a person of the pronoun's gender is nearer, and the member of staff is in an earlier sentence
            if _bound_object(unit.text, m, staff, i, mentions):
                continue  # "PP1 agreed to see him": an object is never its own clause's subject
            if blocker is None:
                # "PP1 warned him about his conduct": a pronoun of that gender in between, not
                # taken to be the staff member's, is someone else who may be meant again
                blocker = _other_pronoun_between(units, staff, i, m.start(), gender, accepted)
            sentence = (i, _sentence_start(unit.text, m.start()))
            chained = last.get((sentence, gender)) == staff.key
            if (
                blocker is None
                and si_gender in (gender, None)
                and not chained
                and not practice
                and not _staff_over_subject(unit.text, m, staff, i, units)
                and not _continues_subject(m, staff, i, units, mentions, accepted)
                and not _among_staff(m, staff, i, units, mentions)
            ):
                blocker = _SUBJECT
            if blocker is None:
                last[(sentence, gender)] = staff.key
                accepted.add((i, m.start()))
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


# The supervised individual is what a review is about: a pronoun of theirs often follows a
# staff mention with no name of theirs near ("The PP did not explore his relationship"). When
# their gender is the pronoun's, or unknown, a staff referent is taken only where the
# supervised individual is unlikely: a subject or reflexive pronoun in the staff member's own
# sentence ("PP1 said she had...", "asked herself"), or a possessive before a word of the
# staff member's work ("his caseload"). Anything else asks the manager.
_SUBJECT = _Mention(-1, 0, 0, False, None, "subject", "", "the supervised individual (the subject of the review, of that gender)")
_WORK_NOUNS = frozenset(
    """caseload caseloads workload post role team manager line supervisor supervision colleague colleagues
    interview training experience practice judgement judgment decision decisions analysis recording records
    notes diary office leave return absence view views understanding priority priorities""".split()
)


# What a review says staff did, after a pronoun that opens the sentence following one about
# them ("Ms Craig completed the assessment. She did not request..."): their practice, which
# the review examines. Words a supervised individual's sentence uses as often are left out
# ("completed", "should have", "agreed", "said").
_PRACTICE_PREDICATE = re.compile(
    r"[ \t]+(?:had[ \t]+)?(?:accepted|acknowledged|recognised|recognized|reflected|countersigned|recorded|requested|"
    r"assessed|referred|was[ \t]+new[ \t]+in[ \t]+post|has[ \t]+since[ \t]+completed[ \t]+training|"
    r"told[ \t]+the[ \t]+(?:review|reviewer|RM|reviewing[ \t]+manager)|said[ \t]+in[ \t]+(?:interview|supervision)|"
    r"did[ \t]+not[ \t]+(?:request|record|consider|refer|share|check|update|review|assess|explore|escalate|seek|liaise|"
    r"make[ \t]+a[ \t]+referral|complete[ \t]+the[ \t]+(?:OASys|assessment|risk[ \t]+assessment|referral)))\b"
)


def _staff_over_subject(text: str, m: re.Match[str], staff: _Mention, index: int, units: Sequence) -> bool:
    """Whether a pronoun is the member of staff's rather than the supervised individual's."""
    word = m.group(0).lower()
    same_sentence = staff.unit_index == index and not _SENTENCE_END.search(text, staff.end, m.start())
    if word in ("he", "she"):
        if same_sentence:
            return True
        # The next sentence opens with the pronoun, the member of staff opened the one before.
        opens = _sentence_start(text, m.start()) == m.start()
        staff_text = units[staff.unit_index].text
        staff_opens = staff_text[_sentence_start(staff_text, staff.start) : staff.start].strip(" \t\"'(") in ("", "The", "the")
        return opens and staff_opens and bool(_PRACTICE_PREDICATE.match(text, m.end()))
    if word in ("himself", "herself"):
        return same_sentence
    if word in ("his", "hers") or (word == "her" and _rewrite(text, m, "x").endswith("'s")):
        after = _WORD_AFTER.match(text, m.end())
        return after is not None and after.group(1).lower() in _WORK_NOUNS
    return False


# What a sentence says of contact with someone ("visited the address", "spoke to", "saw"):
# the person contacted is the supervised individual, often unnamed, and as likely the
# subject of the next sentence as the member of staff ("PP1 visited the address. He was
# not at home").
_CONTACT = re.compile(
    r"\b(?i:visit\w*|saw|see|sees|seen|seeing|met|meet\w*|spoke|speak\w*|phon\w*|telephon\w*|rang|call(?:ed|ing)?|"
    r"contact\w*|interview\w*|warn\w*|address|home|appointments?|attend\w*)\b"
)
# Where one clause ends and another starts: a pronoun after one has a subject of its own.
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:that|who|whom|which|because|if|when|whether|while|until|and|but|or|so|as|than)\b")
_OPENING = re.compile(r"(?:^|[,;:]\s*|\b(?:that|and|but|when|because)\s+)(?:[Tt]he\s+)?$")


def _bound_object(text: str, m: re.Match[str], staff: _Mention, index: int, mentions: list[list[_Mention]]) -> bool:
    """Whether an object pronoun is in the clause whose subject is the member of staff.

    "Mr Morgan agreed to see him weekly": "him" is someone else, whatever their gender. Not
    when a clause starts between, or someone named between may be the subject of the
    pronoun's own clause ("Ms Okafor asked Mr Morgan to call her" is hers).
    """
    word = m.group(0).lower()
    is_object = word == "him" or (word == "her" and not _rewrite(text, m, "x").endswith("'s"))
    if not is_object or staff.unit_index != index or _SENTENCE_END.search(text, staff.end, m.start()):
        return False
    if _CLAUSE_BREAK.search(text, staff.end, m.start()) or any(staff.end <= x.start < m.start() for x in mentions[index]):
        return False
    return bool(_OPENING.search(text[_sentence_start(text, staff.start) : staff.start]))


def _other_pronoun_between(
    units: Sequence, staff: _Mention, index: int, pos: int, gender: str, accepted: set[tuple[int, int]]
) -> _Mention | None:
    """A pronoun of `gender` between the staff mention and `pos` not taken to be theirs."""
    for u in range(staff.unit_index, index + 1):
        text = units[u].text
        start = staff.end if u == staff.unit_index else 0
        stop = pos if u == index else len(text)
        for p in _PRONOUN.finditer(text, start, stop):
            if _PRONOUN_GENDER[p.group(0).lower()] == gender and (u, p.start()) not in accepted and not _generic(text, p):
                return _Mention(u, p.start(), p.end(), False, gender, "pronoun", "", "an earlier pronoun not taken to be theirs")
    return None


# Words of a member of staff's work, in the words after a pronoun ("She was new in post",
# "he was on a course", "she agreed to make a referral", "his priority was"). The supervised
# individual is what a review is about, and their pronoun after a sentence about staff is
# common ("PP1 completed the OASys. He scored as high risk"): without one of these the
# pronoun is not taken to carry on from the member of staff. "Supervision" is left out: the
# supervised individual attends it.
_STAFF_WORK = re.compile(
    r"\b(?i:post|course|training|caseloads?|workloads?|referrals?|assessments?|OASys|n?Delius|colleagues?|"
    r"priority|priorities|practice|countersign\w*|annual[ \t]+leave|on[ \t]+leave|line[ \t]+manager)\b"
)


def _staff_work_follows(text: str, end: int, mentions: Sequence[_Mention]) -> bool:
    """Whether the words after a pronoun, up to its sentence's end or the next person
    mentioned, tell of staff work (_STAFF_WORK).
    """
    stop = _SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    limit = min([limit, *(x.start for x in mentions if x.start >= end)])
    return bool(_STAFF_WORK.search(text, end, limit))


def _continues_subject(
    m: re.Match[str], staff: _Mention, index: int, units: Sequence, mentions: list[list[_Mention]], accepted: set[tuple[int, int]]
) -> bool:
    """Whether a subject pronoun carries on from the one person the sentence before it is about.

    "The case was allocated to Ms Ryan in May. She was new in post": the pronoun is the
    subject of its sentence with no one named before it there; the sentence just before
    names the member of staff and no one else of that gender (the caller has checked), and
    any pronoun of that gender in it was already taken to be theirs; it tells of no contact
    with someone unnamed (_CONTACT); and the pronoun's own words tell of staff work
    (_STAFF_WORK), not of what only a supervised individual does ("He was recalled").
    """
    word = m.group(0).lower()
    if word not in ("he", "she"):
        return False
    text = units[index].text
    opening = _sentence_start(text, m.start())
    if any(opening <= x.start < m.start() for x in mentions[index]) or _PRONOUN.search(text, opening, m.start()):
        return False
    if conduct_after(text, m.end()) or not _staff_work_follows(text, m.end(), mentions[index]):
        return False
    staff_text = units[staff.unit_index].text
    if staff.unit_index == index:
        end = _SENTENCE_END.search(staff_text, staff.end, opening)
        if end is None or end.end() != opening:
            return False  # the member of staff is not in the sentence just before
    elif staff.unit_index != index - 1 or opening != 0 or _SENTENCE_END.search(staff_text, staff.end):
        return False
    start = _sentence_start(staff_text, staff.start)
    stop = opening if staff.unit_index == index else len(staff_text)
    if _CONTACT.search(staff_text, start, stop):
        return False
    gender = _PRONOUN_GENDER[word]
    for p in _PRONOUN.finditer(staff_text, staff.end, stop):
        if _PRONOUN_GENDER[p.group(0).lower()] == gender and (staff.unit_index, p.start()) not in accepted and not _generic(staff_text, p):
            return False
    return True


def _among_staff(m: re.Match[str], staff: _Mention, index: int, units: Sequence, mentions: list[list[_Mention]]) -> bool:
    """Whether a subject pronoun opens the sentence after one about members of staff alone.

    "SPO1 supervised Mr Hartley. He said he found the supervision useful": the sentence
    before names two members of staff and no one else, the referent (the one of the
    pronoun's gender) the object of what the other, its subject, did; it tells of no contact with
    someone unnamed (_CONTACT), and the pronoun's words are not what only a supervised
    individual does. A sentence about one member of staff ("PP1 completed the OASys. He
    scored as high risk") is not enough: the supervised individual, unnamed, is as likely.
    """
    word = m.group(0).lower()
    text = units[index].text
    if word not in ("he", "she") or _sentence_start(text, m.start()) != m.start() or conduct_after(text, m.end()):
        return False
    staff_text = units[staff.unit_index].text
    start = _sentence_start(staff_text, staff.start)
    if staff.unit_index == index:
        stop = _SENTENCE_END.search(staff_text, staff.end, m.start())
        if stop is None or stop.end() != m.start():
            return False
        stop_at = m.start()
    elif staff.unit_index == index - 1 and m.start() == 0 and not _SENTENCE_END.search(staff_text, staff.end):
        stop_at = len(staff_text)
    else:
        return False
    people = [x for x in mentions[staff.unit_index] if start <= x.start < stop_at]
    if not all(x.staff for x in people) or len({x.key for x in people}) < 2:
        return False
    if staff_text.startswith(("'s", "’s"), staff.end) or _CONTACT.search(staff_text, start, stop_at):
        return False
    # The referent is acted on by the other ("SPO1 supervised PP1", "SPO1 reminded PP1 to..."):
    # a referent that is itself a subject ("PP1 and SPO1 reviewed the case. He had been
    # drinking") may be followed by the supervised individual's pronoun, unnamed.
    if is_clause_subject(staff_text, staff.start, staff.end) or staff_text[start : staff.start].rstrip().endswith(("and", ",")):
        return False
    if not any(x.key != staff.key and x.start < staff.start and is_clause_subject(staff_text, x.start, x.end) for x in people):
        return False
    return not _PRONOUN.search(staff_text, start, stop_at)


def referent_of(decision: Decision) -> str:
    """The label or role a pronoun row's rewrite stands for (a reflexive's rewrite does not say)."""
    for prefix in (_FOR, _MAY_BE_FOR):
        if decision.gist.startswith(prefix):
            return decision.gist[len(prefix) :].split(": " + CHECK)[0]
    return decision.label


def _generic(text: str, m: re.Match[str]) -> bool:
    return is_generic(text, m.start(), m.end())


def _referent(
    mentions: list[list[_Mention]], index: int, pos: int, end: int, gender: str, units: Sequence, *, staff_only: bool = False
) -> tuple[_Mention, _Mention | None] | None:
    """(the staff referent, the mention in between that makes it unsure), or None when the
    pronoun text[pos:end] is not a staff member's (no member of staff of that gender near it).
    With `staff_only` (the pronoun's own words are staff practice) only staff compete.
    """
    window: list[_Mention] = [x for x in mentions[index] if x.end <= pos]
    # The unit before too, unless a heading starts a new section.
    if index > 0 and units[index].style is Style.BODY and units[index - 1].style in (Style.BODY, Style.LIST):
        window = [*mentions[index - 1], *window]
    window.reverse()
    compatible = [x for x in window if x.gender in (gender, None) and (x.staff or not staff_only)]
    staff_at = next((n for n, x in enumerate(compatible) if x.staff), None)
    if staff_at is None:
        return None
    staff = compatible[staff_at]
    between = [x for x in compatible[:staff_at] if x.key != staff.key]
    blocker = between[0] if between else None
    here = units[index].text
    if blocker is not None and staff.unit_index == index and all(x.unit_index == index for x in between):
        # "PP1 asked the police about the SI's address, but she did not receive a reply": the
        # subject of a clause joined by "but" is the first clause's, over a possessor in between.
        if continues_first_subject(here, staff.start, staff.end, pos, end, [(x.start, x.end) for x in between]):
            blocker = None
    if blocker is None:
        # "Dean Farrow told Mr Morgan that he...", "Ms Okafor and Ms Shah agreed. She...": a
        # person or pronoun of that gender earlier in the referent's own sentence (its subject,
        # often) is as likely a referent as the member of staff.
        text = units[staff.unit_index].text
        opening = _sentence_start(text, staff.start)
        earlier_people = [x for x in compatible[staff_at + 1 :] if x.unit_index == staff.unit_index and x.start >= opening and x.key != staff.key]
        for x in earlier_people:
            if x.staff and staff.unit_index == index and told_by(text, x.end, staff.start, staff.end, pos, end):
                # "SPO1 told PP1 that she was worried": the speaker's, both being staff
                return x, None
            if x.staff and reports_about(text, x.end, staff.start) and is_clause_subject(text, staff.start, staff.end):
                # "PP1 said that SPO1 had not been available. He was on a course": the nearest
                # subject, of what a member of staff said, over the one who said it
                continue
            blocker = x
            break
        if blocker is None:
            earlier = next((p for p in _PRONOUN.finditer(text, opening, staff.start) if _PRONOUN_GENDER[p.group(0).lower()] == gender), None)
            if earlier is not None and not _generic(text, earlier):
                blocker = _Mention(staff.unit_index, earlier.start(), earlier.end(), False, gender, "pronoun", "", "an earlier pronoun")
    if blocker is None and staff.gender is None:
        # "Ms Okafor told the SPO that she...": a member of staff the text gives a gender
        # further back is as likely as the nearest one, whose gender it does not give.
        blocker = next((x for x in compatible[staff_at + 1 :] if x.staff and x.key != staff.key and x.gender == gender), None)
    return staff, blocker


_sentence_start = sentence_start


def _rewrite(text: str, m: re.Match[str], label: str) -> str:
    word = m.group(0).lower()
    if word in ("himself", "herself"):
        return REFLEXIVE.capitalize() if m.group(0)[0].isupper() else REFLEXIVE
    possessive = word in ("his", "hers")
    if word == "her":
        after = _WORD_AFTER.match(text, m.end())
        possessive = after is not None and after.group(1).lower() not in _FUNCTION_WORDS and not after.group(1).lower().endswith("ly")
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
