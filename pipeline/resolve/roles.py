"""Role cues: the words around a name that say who the person is.

Reviews introduce people with their role beside the name: "the PP, Sarah Jenkins",
"Sarah Jenkins (SPO)", "his partner Jane", "Leanne Hughes, the victim". Each cue maps to a
role and, for staff, the role code used in labels (PP1, SPO1, ...), or for third parties the
relationship used in labels (Partner 1, Mother 1, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Role
from pipeline.vocabulary import TITLES, alternation
from recognizers.vocabulary import VOCABULARY


@dataclass(frozen=True)
class Cue:
    """A role cue as matched: the role it gives, its staff role code or relationship, and the word."""

    role: Role
    code: str | None  # staff role code or relationship
    word: str  # the cue as matched, lower case; safe to log (a role word)


# The cue words live in the one vocabulary (recognizers/data/vocabulary.yaml).
STAFF_CUES = VOCABULARY.staff_roles
RELATIONSHIP_CUES = VOCABULARY.relationships
SI_CUES = VOCABULARY.supervised_individual_cues
VICTIM_CUES = VOCABULARY.victim_cues

# Case-sensitive abbreviations: "PP" is a cue, "pp" (pages) is not.
_ABBREV = {k for k in list(STAFF_CUES) + list(SI_CUES) if len(k) <= 5 and " " not in k and k.isalpha()}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_ALL = list(STAFF_CUES) + list(RELATIONSHIP_CUES) + list(SI_CUES) + list(VICTIM_CUES)
_WORDS = _alternation([w for w in _ALL if w not in _ABBREV])
_ABBR = _alternation([w.upper() for w in _ABBREV] + ["HoPDU"])
_CUE = rf"(?:(?i:{_WORDS})|{_ABBR})"
_TITLE = r"(?:" + alternation(TITLES) + r"\.?\s+)?"
# "the PP, Sarah", "his partner Jane", "victim: Leanne", "SPO Mark", "(PP) Sarah"
_BEFORE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE})(?:\s*\(\w+\))?[\s,:(]*{_TITLE}$")
# "Sarah Jenkins (PP)", "Sarah Jenkins, SPO", "Leanne Hughes, the victim", "Jane, his partner"
_AFTER = re.compile(
    rf"^(?:'s)?\s*(?:\(|,|-|–)\s*(?:(?i:the|a|an|his|her|their|[A-Z]{{1,3}}'s)\s+)?(?:(?i:allocated|former|new|acting|then)\s+)?(?P<cue>{_CUE})(?![\w-])"
)
# "Sarah Jenkins was the allocated PP", "Mark, who was her partner", "Sarah Jenkins, who
# had been his probation practitioner since 2021", "Sarah Jenkins worked as a PSO"
_PREDICATE = re.compile(
    rf"^[^.;]{{0,25}}?\b(?:was|is|as|became|acted as|had been|has been|worked as|remained|, who was|, who had been|, then|, now)\s+"
    rf"(?:(?i:the|a|an|his|her|their|its)\s+)?(?:(?i:allocated|former|new|newly allocated|acting|then|current|named|designated|only|previous|second)\s+)?(?P<cue>{_CUE})(?![\w-])"
)

# Codes of the cues read from what happens in a sentence rather than from a role word.
HARM = "harm"
PRACTICE = "practice"

# What was done to a person says who the victim is: "the murder of Hollie Brent", "an
# attack on Hollie", "Hollie Brent was killed". Dying is not: "his father died in 2019".
# The victim of the further offence is often a partner or relative, so this cue, unlike
# the practice cue, may turn "his partner, Hollie Brent" into the victim (_vote).
_HARM_NOUNS = r"murder|killing|manslaughter|rape|stabbing|assault|attack|abduction|kidnap|kidnapping"
_OFFENCES = (
    r"murder|manslaughter|assault|harassment|stalking|kidnapping|kidnap|rape|robbery|wounding|grievous bodily harm|"
    r"actual bodily harm|threats to kill|false imprisonment|arson|burglary|coercive(?: and|,)? controlling behaviour|"
    r"controlling(?: and|,)? coercive behaviour|offences?|attack|attempted murder|sexual assault|abuse"
)
# "he attacked his former partner, Jane Smith", "stabbed Jane Smith": a verb of harm with the
# person as its object, perhaps through a relationship ("his ex-partner,").
_HARM_VERBS = (
    r"killed|murdered|stabbed|assaulted|attacked|raped|strangled|kidnapped|abducted|harassed|stalked|"
    r"punched|kicked|beat|strangled|set fire to|threatened to kill"
)
_VICTIM_BEFORE = re.compile(
    rf"(?<![\w-])(?i:(?:{_HARM_NOUNS})[ \t]+(?:of|on|upon)|(?:{_OFFENCES})\b[^.;:]{{0,40}}?[ \t](?:against|towards|upon)"
    rf"|(?:{_HARM_VERBS})(?:[ \t]+(?:his|her|their)(?:[ \t]+[\w'’-]+){{1,3}},?)?"
    # a conviction or charge for anything "against" the person: "convicted of affray against X"
    rf"|(?:convicted|charged|arrested|cautioned|sentenced|remanded)[ \t]+(?:of|with|for)\b[^.;:]{{0,50}}?[ \t](?:against|towards|upon)"
    # the conditions that protect a victim: "a non-contact condition with X", "a restraining order protecting X"
    rf"|(?:non-contact|no-contact|no[ \t]+contact)[ \t]+(?:condition|requirement|order|clause)[ \t]+(?:with|regarding|in[ \t]+respect[ \t]+of|for)"
    rf"|restraining[ \t]+order[ \t]+(?:protecting|in[ \t]+respect[ \t]+of|in[ \t]+favour[ \t]+of|naming|to[ \t]+protect)"
    rf"|exclusion[ \t]+zone[ \t]+(?:around|near)"
    rf")[ \t]+{_TITLE}$"
)
_VICTIM_AFTER = re.compile(
    r"^(?:['’]s[ \t]+(?i:murder|killing)|,?[ \t]+(?i:who[ \t]+)?(?i:was|had[ \t]+been)[ \t]+(?i:fatally[ \t]+|seriously[ \t]+|sexually[ \t]+)?"
    r"(?i:killed|murdered|stabbed|assaulted|attacked|raped|strangled|kidnapped|abducted)"
    r"|[ \t]+(?i:sustained|suffered)[ \t]+(?i:serious|fatal|life-changing|life[ \t]+threatening|significant|severe|multiple)?[ \t]*(?i:injuries|wounds)"
    r"|[ \t]+(?i:died)[ \t]+(?i:from|of)[ \t]+(?i:her|his|their)[ \t]+(?i:injuries|wounds))(?![\w-])"
)
# What a person did in the case says they are staff: "Sarah Jenkins countersigned the
# plan", "Sarah Jenkins completed the OASys", "Sarah Jenkins allocated the case". The role
# code is not known from a verb ("other": Professional N) unless a role cue says more.
_PRACTICE_AFTER = re.compile(
    r"^[ \t]+(?:had[ \t]+)?(?i:countersigned|allocated[ \t]+the[ \t]+case|line[ \t]+managed|"
    r"completed[ \t]+(?:the|an?|his|her)[ \t]+(?:OASys|risk[ \t]+assessment|assessment|RoSH|PSR|pre-sentence[ \t]+report|referral|home[ \t]+visit|MAPPA[ \t]+referral|sentence[ \t]+plan)|"
    r"(?:conducted|carried[ \t]+out|undertook)[ \t]+(?:the|an?)[ \t]+(?:home[ \t]+visit|risk[ \t]+assessment|assessment|supervision[ \t]+session|induction)|"
    r"(?:supervised|managed)[ \t]+(?:him|her|them|the[ \t]+case|his[ \t]+case|her[ \t]+case)|"
    r"made[ \t]+(?:a|the)[ \t]+(?:referral|MAPPA[ \t]+referral|safeguarding[ \t]+referral)|"
    r"chaired[ \t]+(?:the|a)[ \t]+(?:meeting|MAPPA[ \t]+meeting|review))(?![\w-])"
)


def classify(word: str) -> Cue | None:
    """The role a cue word stands for."""
    low = word.lower()
    if low in STAFF_CUES:
        return Cue(Role.STAFF, STAFF_CUES[low], low)
    if low in RELATIONSHIP_CUES:
        return Cue(Role.THIRD_PARTY, RELATIONSHIP_CUES[low], low)
    if low in SI_CUES:
        return Cue(Role.SUPERVISED_INDIVIDUAL, None, low)
    if low in VICTIM_CUES:
        return Cue(Role.VICTIM, None, low)
    return None


# A professional title written before the name: "Dr Okafor", "DC Marsh". Reviews name
# doctors and police officers by title alone, with no role noun anywhere near.
_TITLE_CUE = re.compile(r"(?<![\w-])(?P<cue>Dr|DR|DC|DS|PC|DI|DCI|DSI|PS|Sgt)\.?[ \t\u00a0]+$")
_TITLE_WORD = {"dr": "doctor", "sgt": "police officer"}


def cues_around(text: str, start: int, end: int) -> list[tuple[Cue, int]]:
    """Cues next to the mention text[start:end], each with a weight (adjacent cues weigh more)."""
    found: list[tuple[Cue, int]] = []
    title = _TITLE_CUE.search(text[max(0, start - 6) : start])
    if title:
        word = title.group("cue").lower()
        found.append((Cue(Role.STAFF, "other", _TITLE_WORD.get(word, word)), 2))
    before = text[max(0, start - 60) : start]
    m = _BEFORE.search(before)
    if m:
        cue = classify(m.group("cue"))
        if cue:
            found.append((cue, 3))
    after = text[end : end + 70]
    m = _AFTER.match(after)
    if m:
        cue = classify(m.group("cue"))
        if cue:
            found.append((cue, 3))
    else:
        m = _PREDICATE.match(after)
        if m:
            cue = classify(m.group("cue"))
            if cue:
                found.append((cue, 2))
    if _VICTIM_BEFORE.search(before) or _VICTIM_AFTER.match(after):
        found.append((Cue(Role.VICTIM, HARM, "harm done to the person"), 2))
    if _PRACTICE_AFTER.match(after):
        found.append((Cue(Role.STAFF, PRACTICE, "practice done by the person"), 1))
    return found


def cue_from_explanation(explanation: str) -> Cue | None:
    """Recognizers that find names by a cue say which one: 'relationship cue: partner'."""
    m = re.search(r"(?:relationship|role|cue)[^:]*:\s*'?([\w\- ]+?)'?(?:;|$)", explanation)
    if not m:
        return None
    return classify(m.group(1).strip())


# ---------------------------------------------------------------- table rows

# A cell that is a role and nothing else: "Probation Practitioner", "Reviewing manager:",
# "Name of victim", "SPO (countersigning)". A longer cell is prose, read by cues_around.
_CUE_CELL_WORDS = 6
_NAME_CELL_WORDS = 8
_CUE_IN_CELL = re.compile(rf"(?<![\w-])(?P<cue>{_CUE})(?![\w-])")


def _cell_units(cell) -> list[str]:
    from pipeline.model import Paragraph

    return [b.unit for b in cell.blocks if isinstance(b, Paragraph)]


def _cell_cue(text: str) -> Cue | None:
    """The one role a short cell names, or None (no cue, or cues of two roles)."""
    if not text.strip() or len(text.split()) > _CUE_CELL_WORDS:
        return None
    cues = {c for c in (classify(m.group("cue")) for m in _CUE_IN_CELL.finditer(text)) if c is not None}
    roles = {(c.role, c.code) for c in cues}
    return next(iter(cues)) if len(roles) == 1 else None


def row_cues(document) -> dict[str, Cue]:
    """Unit id of a name cell -> the role another cell of its row (or its column's header) gives.

    Interview and cover tables put the role in the next cell, not beside the name:
    "| Jane Smith | Probation Practitioner | 3 May 2023 |", "| Reviewing manager | Jane Smith |".
    A row with cue cells of two different roles says nothing about any one name.
    """
    from pipeline.model import Table

    out: dict[str, Cue] = {}

    def walk(blocks) -> None:
        for block in blocks:
            if not isinstance(block, Table):
                continue
            header_cues: dict[int, Cue] = {}
            for row in block.rows:
                texts = [" ".join(document.units[u].text for u in _cell_units(c) if u in document.units) for c in row]
                cues = [_cell_cue(t) for t in texts]
                if all(c.header for c in row):
                    header_cues = {i: c for i, c in enumerate(cues) if c is not None}
                    continue
                row_roles = {(c.role, c.code) for c in cues if c is not None}
                for i, cell in enumerate(row):
                    walk(cell.blocks)
                    if cues[i] is not None or not texts[i].strip() or len(texts[i].split()) > _NAME_CELL_WORDS:
                        continue
                    others = [c for j, c in enumerate(cues) if j != i and c is not None]
                    cue = others[0] if len(row_roles) == 1 and others else header_cues.get(i)
                    if cue is not None:
                        for u in _cell_units(cell):
                            out[u] = cue

    walk(document.blocks)
    return out
