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
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)?"
# "the PP, Sarah", "his partner Jane", "victim: Leanne", "SPO Mark", "(PP) Sarah"
_BEFORE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE})(?:\s*\(\w+\))?[\s,:(]*{_TITLE}$")
# "Sarah Jenkins (PP)", "Sarah Jenkins, SPO", "Leanne Hughes, the victim", "Jane, his partner"
_AFTER = re.compile(
    rf"^(?:'s)?\s*(?:\(|,|-|–)\s*(?:(?i:the|a|an|his|her|their|[A-Z]{{1,3}}'s)\s+)?(?:(?i:allocated|former|new|acting|then)\s+)?(?P<cue>{_CUE})(?![\w-])"
)
# "Sarah Jenkins was the allocated PP", "Mark, who was her partner"
_PREDICATE = re.compile(
    rf"^[^.;]{{0,25}}?\b(?:was|is|as|became|acted as|, who was)\s+(?:(?i:the|a|an|his|her|their)\s+)?(?:(?i:allocated|former|new|acting|then|current)\s+)?(?P<cue>{_CUE})(?![\w-])"
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
    return found


def cue_from_explanation(explanation: str) -> Cue | None:
    """Recognizers that find names by a cue say which one: 'relationship cue: partner'."""
    m = re.search(r"(?:relationship|role|cue)[^:]*:\s*'?([\w\- ]+?)'?(?:;|$)", explanation)
    if not m:
        return None
    return classify(m.group(1).strip())
