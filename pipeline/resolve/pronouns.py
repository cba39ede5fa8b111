"""Pronouns: the one home of the third-person pronouns, their genders, and the rule (no
parser) that says which earlier mention a pronoun stands for.

decide/gender.py asks StaffReferents whether a pronoun is a member of staff's (to rewrite
it to their label); resolve (whether a circumstance told of a pronoun is staff's) and
reidentify (whose detail a pronoun carries) read the same words and genders from here.

The salience cues follow what readers do without a parse (centering): a pronoun prefers an
antecedent that is the subject of its clause over one that is an object or a possessor; the
subject of a clause joined by "and" or "but" is the first clause's subject; "X told Y that
he..." is the speaker's unless it says what Y must do; the pronoun opening the sentence after
one about two members of staff alone is the one of its gender. Each is only a preference:
it decides between members of staff, or over a competitor that is no argument in reach, and
never overrides the supervised individual's claim (_SUBJECT) without words of staff work.
Table tests: tests/pipeline/test_pronoun_referents.py, tests/pipeline/test_gender_neutral.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.model import Style, TextUnit
from pipeline.resolve.roles import conduct_after, practice_after

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


def is_possessive(text: str, start: int, end: int) -> bool:
    """Whether the pronoun text[start:end] is a possessive: "his", "hers", "her caseload" (not "told her that")."""
    word = text[start:end].lower()
    if word in ("his", "hers"):
        return True
    if word != "her":
        return False
    after = _WORD_AFTER.match(text, end)
    return after is not None and after.group(1).lower() not in _FUNCTION_WORDS and not after.group(1).lower().endswith("ly")


# ---------------------------------------------------------------- staff referents

@dataclass(frozen=True)
class Antecedent:
    """A place in the text where a person is named or referred to by a noun: what a pronoun may stand for."""

    unit_index: int
    start: int
    end: int
    staff: bool
    gender: str | None  # "m", "f" or None when the text does not say
    key: str  # the person's key, or the role noun's text when no one person is meant
    label: str  # what a pronoun of this person becomes ("PP1", "the PP")
    name: str  # a description for the log: a label or a role, never document text


class StaffReferents:
    """Which member of staff, if any, each pronoun of a document stands for, in reading order.

    The referent is the nearest preceding mention of staff in the pronoun's unit or the one
    before (_referent). It is sure only when no other person of the same or unknown gender
    lies in between, the salience cues above settle any competitor, and the supervised
    individual (whom every pronoun of their gender may mean) is unlikely (_SUBJECT). Call
    `referent` for each pronoun in reading order: a pronoun taken to be staff's lets the next
    one in its sentence follow it.
    """

    def __init__(self, mentions: list[list[Antecedent]], units: Sequence[TextUnit], si_gender: str | None) -> None:
        self.mentions = mentions
        self.units = units
        self.si_gender = si_gender
        # (unit, sentence start, gender) -> the staff member a pronoun there was taken to be:
        # "She accepted that she should have...": the second is the first's.
        self.last: dict[tuple[tuple[int, int], str], str] = {}
        self.accepted: set[tuple[int, int]] = set()  # (unit, start) of pronouns taken to be staff's

    def referent(self, i: int, m: re.Match[str]) -> tuple[Antecedent, Antecedent | None] | None:
        """(the member of staff, the mention that makes them unsure or None when sure) for the
        pronoun `m` in unit `i`; None when the pronoun is someone else's.
        """
        text = self.units[i].text
        word = m.group(0).lower()
        gender = PRONOUN_GENDER[word]
        # "She then recorded the arrest": only a member of staff records, refers or
        # escalates (the cues that make a named person staff), so no one else competes.
        practice = word in ("he", "she") and practice_after(text, m.end())
        found = _referent(self.mentions, i, m.start(), m.end(), gender, self.units, staff_only=practice)
        if found is None:
            return None
        staff, blocker = found
        nearer = blocker is not None and (blocker.unit_index, blocker.start) > (staff.unit_index, staff.start)
        if nearer and not blocker.staff and blocker.gender == gender and not (
            staff.unit_index == i and not SENTENCE_END.search(text, staff.end, m.start())
        ):
            return None  # a person of the pronoun's gender is nearer, and the member of staff is in an earlier sentence
        if _bound_object(text, m, staff, i, self.mentions):
            return None  # "PP1 agreed to see him": an object is never its own clause's subject
        if blocker is None:
            # "PP1 warned him about his conduct": a pronoun of that gender in between, not
            # taken to be the staff member's, is someone else who may be meant again
            blocker = _other_pronoun_between(self.units, staff, i, m.start(), gender, self.accepted)
        sentence = (i, sentence_start(text, m.start()))
        chained = self.last.get((sentence, gender)) == staff.key
        if (
            blocker is None
            and self.si_gender in (gender, None)
            and not chained
            and not practice
            and not _staff_over_subject(text, m, staff, i, self.units)
            and not _continues_subject(m, staff, i, self.units, self.mentions, self.accepted)
            and not _among_staff(m, staff, i, self.units, self.mentions)
        ):
            blocker = _SUBJECT
        if blocker is None:
            self.last[(sentence, gender)] = staff.key
            self.accepted.add((i, m.start()))
        return staff, blocker


# The supervised individual is what a review is about: a pronoun of theirs often follows a
# staff mention with no name of theirs near ("The PP did not explore his relationship"). When
# their gender is the pronoun's, or unknown, a staff referent is taken only where the
# supervised individual is unlikely: a subject or reflexive pronoun in the staff member's own
# sentence ("PP1 said she had...", "asked herself"), or a possessive before a word of the
# staff member's work ("his caseload"). Anything else asks the manager.
_SUBJECT = Antecedent(-1, 0, 0, False, None, "subject", "", "the supervised individual (the subject of the review, of that gender)")
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


def _staff_over_subject(text: str, m: re.Match[str], staff: Antecedent, index: int, units: Sequence) -> bool:
    """Whether a pronoun is the member of staff's rather than the supervised individual's."""
    word = m.group(0).lower()
    same_sentence = staff.unit_index == index and not SENTENCE_END.search(text, staff.end, m.start())
    if word in ("he", "she"):
        if same_sentence:
            return True
        # The next sentence opens with the pronoun, the member of staff opened the one before.
        opens = sentence_start(text, m.start()) == m.start()
        staff_text = units[staff.unit_index].text
        staff_opens = staff_text[sentence_start(staff_text, staff.start) : staff.start].strip(" \t\"'(") in ("", "The", "the")
        return opens and staff_opens and bool(_PRACTICE_PREDICATE.match(text, m.end()))
    if word in ("himself", "herself"):
        return same_sentence
    if word in ("his", "hers") or (word == "her" and is_possessive(text, m.start(), m.end())):
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


def _bound_object(text: str, m: re.Match[str], staff: Antecedent, index: int, mentions: list[list[Antecedent]]) -> bool:
    """Whether an object pronoun is in the clause whose subject is the member of staff.

    "Mr Morgan agreed to see him weekly": "him" is someone else, whatever their gender. Not
    when a clause starts between, or someone named between may be the subject of the
    pronoun's own clause ("Ms Okafor asked Mr Morgan to call her" is hers).
    """
    word = m.group(0).lower()
    is_object = word == "him" or (word == "her" and not is_possessive(text, m.start(), m.end()))
    if not is_object or staff.unit_index != index or SENTENCE_END.search(text, staff.end, m.start()):
        return False
    if _CLAUSE_BREAK.search(text, staff.end, m.start()) or any(staff.end <= x.start < m.start() for x in mentions[index]):
        return False
    return bool(_OPENING.search(text[sentence_start(text, staff.start) : staff.start]))


def _other_pronoun_between(
    units: Sequence, staff: Antecedent, index: int, pos: int, gender: str, accepted: set[tuple[int, int]]
) -> Antecedent | None:
    """A pronoun of `gender` between the staff mention and `pos` not taken to be theirs."""
    for u in range(staff.unit_index, index + 1):
        text = units[u].text
        start = staff.end if u == staff.unit_index else 0
        stop = pos if u == index else len(text)
        for p in PRONOUN.finditer(text, start, stop):
            if PRONOUN_GENDER[p.group(0).lower()] == gender and (u, p.start()) not in accepted and not _generic(text, p):
                return Antecedent(u, p.start(), p.end(), False, gender, "pronoun", "", "an earlier pronoun not taken to be theirs")
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


def _staff_work_follows(text: str, end: int, mentions: Sequence[Antecedent]) -> bool:
    """Whether the words after a pronoun, up to its sentence's end or the next person
    mentioned, tell of staff work (_STAFF_WORK).
    """
    stop = SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    limit = min([limit, *(x.start for x in mentions if x.start >= end)])
    return bool(_STAFF_WORK.search(text, end, limit))


def _continues_subject(
    m: re.Match[str], staff: Antecedent, index: int, units: Sequence, mentions: list[list[Antecedent]], accepted: set[tuple[int, int]]
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
    opening = sentence_start(text, m.start())
    if any(opening <= x.start < m.start() for x in mentions[index]) or PRONOUN.search(text, opening, m.start()):
        return False
    if conduct_after(text, m.end()) or not _staff_work_follows(text, m.end(), mentions[index]):
        return False
    staff_text = units[staff.unit_index].text
    if staff.unit_index == index:
        end = SENTENCE_END.search(staff_text, staff.end, opening)
        if end is None or end.end() != opening:
            return False  # the member of staff is not in the sentence just before
    elif staff.unit_index != index - 1 or opening != 0 or SENTENCE_END.search(staff_text, staff.end):
        return False
    start = sentence_start(staff_text, staff.start)
    stop = opening if staff.unit_index == index else len(staff_text)
    if _CONTACT.search(staff_text, start, stop):
        return False
    gender = PRONOUN_GENDER[word]
    for p in PRONOUN.finditer(staff_text, staff.end, stop):
        if PRONOUN_GENDER[p.group(0).lower()] == gender and (staff.unit_index, p.start()) not in accepted and not _generic(staff_text, p):
            return False
    return True


def _among_staff(m: re.Match[str], staff: Antecedent, index: int, units: Sequence, mentions: list[list[Antecedent]]) -> bool:
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
    if word not in ("he", "she") or sentence_start(text, m.start()) != m.start() or conduct_after(text, m.end()):
        return False
    staff_text = units[staff.unit_index].text
    start = sentence_start(staff_text, staff.start)
    if staff.unit_index == index:
        stop = SENTENCE_END.search(staff_text, staff.end, m.start())
        if stop is None or stop.end() != m.start():
            return False
        stop_at = m.start()
    elif staff.unit_index == index - 1 and m.start() == 0 and not SENTENCE_END.search(staff_text, staff.end):
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
    return not PRONOUN.search(staff_text, start, stop_at)


def _generic(text: str, m: re.Match[str]) -> bool:
    return is_generic(text, m.start(), m.end())


def _referent(
    mentions: list[list[Antecedent]], index: int, pos: int, end: int, gender: str, units: Sequence, *, staff_only: bool = False
) -> tuple[Antecedent, Antecedent | None] | None:
    """(the staff referent, the mention in between that makes it unsure), or None when the
    pronoun text[pos:end] is not a staff member's (no member of staff of that gender near it).
    With `staff_only` (the pronoun's own words are staff practice) only staff compete.
    """
    window: list[Antecedent] = [x for x in mentions[index] if x.end <= pos]
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
        opening = sentence_start(text, staff.start)
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
            earlier = next((p for p in PRONOUN.finditer(text, opening, staff.start) if PRONOUN_GENDER[p.group(0).lower()] == gender), None)
            if earlier is not None and not _generic(text, earlier):
                blocker = Antecedent(staff.unit_index, earlier.start(), earlier.end(), False, gender, "pronoun", "", "an earlier pronoun")
    if blocker is None and staff.gender is None:
        # "Ms Okafor told the SPO that she...": a member of staff the text gives a gender
        # further back is as likely as the nearest one, whose gender it does not give.
        blocker = next((x for x in compatible[staff_at + 1 :] if x.staff and x.key != staff.key and x.gender == gender), None)
    return staff, blocker


__all__ = [
    "PRONOUN",
    "Antecedent",
    "StaffReferents",
    "is_possessive",
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
