"""Pronouns: the one home of the third-person pronouns, their genders, and the cues (no parser)
that say which earlier mention a pronoun continues.

decide/gender.py (whether a pronoun is a member of staff's), resolve (whether a circumstance
told of a pronoun is staff's) and reidentify (whose detail a pronoun carries) all read
pronouns; the words, the sentence bounds and the salience cues below are theirs in common.

The cues follow what readers do without a parse (centering): a pronoun prefers an antecedent
that is the subject of its clause over one that is an object or a possessor; the subject of a
clause joined by "and" or "but" is the first clause's subject; "X told Y that he..." is the
speaker's unless it says what Y must do. Each is only a preference: callers use one to choose
between members of staff, or where no one else of the pronoun's gender is an argument in reach.
"""

from __future__ import annotations

import re

PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
SUBJECT_PRONOUNS = frozenset(("he", "she"))
SENTENCE_END = re.compile(r"[.!?][\s\"'”’)]")

# Generic pronouns name nobody ("he or she", "his/her", "s/he"); "Her Majesty's Prison" is an institution.
_GENERIC_AFTER = re.compile(r"\s*(?:or|/)\s*(?:he|she|him|her|his|hers|himself|herself)\b", re.IGNORECASE)
_GENERIC_BEFORE = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself|s)\s*(?:or|/)\s*$|\(s\)$", re.IGNORECASE)
_MAJESTY = re.compile(r"\s+Majesty", re.IGNORECASE)


def gender_of_pronoun(word: str) -> str:
    """'m' or 'f' for a pronoun as written."""
    return PRONOUN_GENDER[word.lower()]


def is_generic(text: str, start: int, end: int) -> bool:
    """Whether the pronoun at text[start:end] names nobody ("he or she", "s/he", "Her Majesty's")."""
    return bool(_GENERIC_AFTER.match(text, end) or _GENERIC_BEFORE.search(text[:start]) or _MAJESTY.match(text, end))


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding `pos` starts."""
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, pos)]
    return ends[-1] if ends else 0


# ---------------------------------------------------------------- salience

# What may open a clause before its subject: the sentence's start (after an adverbial such as
# "In May," or "After the offence,"), a comma, "that", or a conjunction.
_CLAUSE_OPENING = re.compile(
    r"(?:^|[,;:]|\b(?:that|and|but|so|when|because|although|while|after|before|since|if|as|then))[ \t]*(?:(?i:the|a)[ \t]+)?$"
)
# A finite verb or an auxiliary after a mention makes it the subject: "Y had not been
# available", "Y said", "Y then recorded". Past forms in -ed cover most of a review's verbs.
_FINITE_AFTER = re.compile(
    r"[ \t]+(?:(?:then|also|later|never|not|subsequently|herself|himself)[ \t]+)*"
    r"(?:had|has|have|was|were|is|are|did|does|do|could|would|should|must|may|might|will|can|"
    r"said|told|saw|met|made|took|gave|wrote|kept|felt|thought|knew|went|came|spoke|sent|found|became|"
    r"began|ran|read|got|sought|held|left|led|\w+ed)\b"
)


def is_clause_subject(text: str, start: int, end: int) -> bool:
    """Whether the mention text[start:end] is the subject of its clause: a clause opens just
    before it and a finite verb follows it ("..., but PP1 did not", "said that SPO1 had").
    "told PP1 that" (an object) and "PP1's caseload" (a possessor) are not.
    """
    opening = sentence_start(text, start)
    before = text[opening:start]
    return bool(_CLAUSE_OPENING.search(before) or _adverbial_only(before)) and bool(_FINITE_AFTER.match(text, end))


def _adverbial_only(before: str) -> bool:
    """An opening adverbial and nothing else: "In May, ", "After the offence, "."""
    return bool(re.fullmatch(r"[ \t]*(?:[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,4},[ \t]*)?(?:(?i:the)[ \t]+)?", before))


# Verbs that report what someone said or thought: in "X said that Y had not been available",
# the reported clause's subject Y is what the sentence is about, and the pronoun opening the
# next sentence carries on from it, as from any nearest subject.
_REPORTING = re.compile(
    r"[ \t]+(?:had[ \t]+)?(?:said|explained|reported|stated|confirmed|accepted|acknowledged|thought|felt|believed|"
    r"recalled|noted|told[ \t]+(?:the[ \t]+)?(?:review|reviewer|RM|author))(?:[ \t]+that)?[ \t]+(?:(?i:the)[ \t]+)?"
)


def reports_about(text: str, speaker_end: int, subject_start: int) -> bool:
    """Whether the words from a speaker to a later mention are a verb of saying and its "that":
    "X said that Y..." (Y the subject of what X said).
    """
    return bool(_REPORTING.fullmatch(text, speaker_end, subject_start))


# "X told Y that he was worried": the pronoun of a clause told to someone is the speaker's.
# Not where the clause says what the hearer is to do ("told Y that he must attend", "would be
# recalled"): a modal after the pronoun makes it the hearer's as often.
_TELLING = re.compile(r"[ \t]+(?:had[ \t]+)?(?:told|informed|assured|reassured)[ \t]+(?:(?i:the)[ \t]+)?")
_THAT = re.compile(r"[ \t]+(?:that[ \t]+)?")
_MODAL_AFTER = re.compile(
    r"[ \t]+(?:would|could|should|must|might|may|will|can|ought|needs?|needed|has[ \t]+to|had[ \t]+to|"
    r"was[ \t]+(?:to|expected|required|going)|is[ \t]+(?:to|expected|required|going))\b",
    re.IGNORECASE,
)


def told_by(text: str, speaker_end: int, hearer_start: int, hearer_end: int, pronoun_start: int, pronoun_end: int) -> bool:
    """Whether text reads "<speaker> told <hearer> that <pronoun> ..." with the pronoun the speaker's."""
    return (
        bool(_TELLING.fullmatch(text, speaker_end, hearer_start))
        and bool(_THAT.fullmatch(text, hearer_end, pronoun_start))
        and not _MODAL_AFTER.match(text, pronoun_end)
    )


# The subject of a clause joined by "and" or "but" is the first clause's: "PP1 asked the police
# about the SI's address, but she did not receive a reply". Only where everyone else of the
# pronoun's gender in between is a possessor or follows a preposition, never an object: "PP1
# warned the SI, but he did not comply" is the SI's.
_COORDINATE = re.compile(r",?[ \t]+(?:and|but|yet|so)[ \t]+$|;[ \t]*(?:and|but)?[ \t]*$")
_OBLIQUE_BEFORE = re.compile(
    r"\b(?i:about|regarding|concerning|on|of|for|into|over|from|with)[ \t]+(?:(?i:the)[ \t]+)?"
    r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+)?$"
)
_POSSESSOR_AFTER = re.compile(r"['’]s\b")


# The second clause tells what the first clause's subject then did or failed to do ("but she
# did not receive a reply", "and he then chased it"), not a state or an act the possessor's
# ("but he had moved", "but she did not attend").
_AGENT_ACT = re.compile(r"[ \t]+(?:did[ \t]+not|didn['’]t|could[ \t]+not|couldn['’]t|was[ \t]+unable[ \t]+to|then|also|later)[ \t]+(?P<verb>[\w-]+)")
_COMPLIANCE = frozenset(
    "attend comply engage answer reply respond return report turn open cooperate co-operate keep come show stay "
    "live move want agree accept admit disclose tell say".split()
)


def continues_first_subject(
    text: str, subject_start: int, subject_end: int, pronoun_start: int, pronoun_end: int, others: list[tuple[int, int]]
) -> bool:
    """Whether the pronoun text[pronoun_start:pronoun_end] is the subject of a clause joined by
    "and" or "but" to a clause whose subject is the mention text[subject_start:subject_end],
    with each of `others` (spans of the pronoun's gender in between) a possessor after a
    preposition, and the pronoun's clause an act of the first subject's (_AGENT_ACT).
    """
    if not is_clause_subject(text, subject_start, subject_end) or SENTENCE_END.search(text, subject_end, pronoun_start):
        return False
    act = _AGENT_ACT.match(text, pronoun_end)
    if act is None or act.group("verb").lower() in _COMPLIANCE:
        return False
    if not _COORDINATE.search(text[subject_end:pronoun_start]):
        return False
    return all(_OBLIQUE_BEFORE.search(text[:a]) and _POSSESSOR_AFTER.match(text, b) for a, b in others)


__all__ = [
    "PRONOUN",
    "PRONOUN_GENDER",
    "SENTENCE_END",
    "SUBJECT_PRONOUNS",
    "continues_first_subject",
    "gender_of_pronoun",
    "is_clause_subject",
    "is_generic",
    "reports_about",
    "sentence_start",
    "told_by",
]
