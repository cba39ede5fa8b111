"""Personal circumstances and protected characteristics of a member of staff.

SFO guidance 7.2: a practitioner's health, bereavement, leave and its reason, family events,
pregnancy, religion, ethnicity, sexuality and disability are removed; their practice stays.
The recognizer keys on a staff cue earlier in the same sentence (PP, SPO, practitioner,
officer, manager, a staff label such as PP1), so the supervised individual's health is left
to the medical recognizers. The span is the circumstance clause.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from pipeline.vocabulary import PROBATION_ROLE_ACRONYMS, alternation
from recognizers.base import SfoPatternRecognizer

# A probation role acronym, or a staff label made from one ("PP1"), in its capitals.
_STAFF_ACRONYM = alternation(PROBATION_ROLE_ACRONYMS)
_STAFF = (
    r"(?P<cue>\b" + _STAFF_ACRONYM + r"[0-9]*\b|(?i:\b(?:probation[ \t]+)?practitioner"
    r"|\b(?:probation|case|offender|senior)[ \t]+(?:officer|manager)|\bline[ \t]+manager|\bmanager|\bofficer"
    r"|\bkeyworker|\bcolleague|\bmember[ \t]+of[ \t]+staff|\bstaff[ \t]+member|\bthe[ \t]+author\b))"
)
# The staff cue is in the same sentence, or in the one before it ("The PP had a high
# caseload. She was on reduced hours after a knee operation."): reviewers name the member of
# staff once and go on with a pronoun.
_BRIDGE = r"(?:[^.!?;\n]{0,200}[.!?][ \t]+)?[^.;\n]{0,100}?"
_KIN = (
    r"(?:father|mother|dad|mum|partner|husband|wife|son|daughter|child|baby|brother|sister|parent|"
    r"grandmother|grandfather|nan|grandad|aunt|uncle|fianc[eé]e?)"
)
_POSS = r"(?:[Hh]is|[Hh]er|[Tt]heir)"
_REST = r"[^.;,\n]{0,50}"
# A protected characteristic that singles a person out in a workplace (guidance 3.4.4: "the
# only male PP in the team"): the only one, or one of a few, in a team, office or unit.
_CHARACTERISTIC = (
    r"(?:Black|Asian|white|White|mixed-race|male|female|gay|lesbian|trans|transgender|non-binary|Muslim|Jewish|Sikh|Hindu|"
    r"Christian|Buddhist|disabled|deaf|Deaf|older|younger|[A-Z][a-z]+-speaking|man|woman|person[ \t]+of[ \t]+colour)"
)
_CHARACTERISTIC_PLURAL = r"(?:men|women|Black|Asian|male|female|disabled|Muslim|Sikh|Hindu|Jewish|[A-Z][a-z]+[ \t]+speakers)"
_WORKPLACE_PLACE = (
    r"(?:in|on|at|within)[ \t]+the[ \t]+(?:[A-Z][\w-]*[ \t]+){0,2}(?:team|office|unit|PDU|building|service|hub)\b"
)
_ONLY_ONE = (
    r"(?:the[ \t]+only[ \t]+" + _CHARACTERISTIC + r"(?:[ \t]+[A-Za-z-]+){0,3}?"
    r"|one[ \t]+of[ \t]+(?:only[ \t]+)?(?:two|three|four|a[ \t]+few|the[ \t]+few)[ \t]+" + _CHARACTERISTIC_PLURAL + r"(?:[ \t]+[A-Za-z-]+){0,2}?"
    r"|the[ \t]+(?:youngest|oldest)(?:[ \t]+[A-Za-z-]+){0,2}?)"
    r"[ \t]+" + _WORKPLACE_PLACE
)
# Staff named by the characteristic alone, without a place: "the only female PP", "the only
# Sikh member of staff".
_ONLY_STAFF = (
    r"the[ \t]+only[ \t]+" + _CHARACTERISTIC + r"[ \t]+(?:" + _STAFF_ACRONYM + r"|probation[ \t]+(?:practitioner|officer)|practitioner"
    r"|(?:senior[ \t]+)?(?:probation[ \t]+)?officer|manager|member[ \t]+of[ \t]+staff|staff[ \t]+member|colleague)s?\b"
    r"(?:[ \t]+" + _WORKPLACE_PLACE + r")?"
)

_CIRCUMSTANCE = (
    r"(?:(?:after|following|since|when)[ \t]+" + _POSS + r"[ \t]+" + _KIN + r"(?:['’]s)?[ \t]+"
    r"(?:had[ \t]+)?(?:died|death|passed[ \t]+away|funeral|illness|diagnosis|was[ \t]+(?:in[ \t]+hospital|ill|admitted|diagnosed))" + _REST
    + r"|(?:a[ \t]+)?(?:close[ \t]+)?(?:family[ \t]+)?bereavement" + _REST
    + r"|(?:on|took|taking|started|began|returned[ \t]+from|back[ \t]+from)[ \t]+(?:a[ \t]+period[ \t]+of[ \t]+)?"
    r"(?:maternity|paternity|adoption|compassionate|bereavement|carer['’]?s|sick|special|shared[ \t]+parental|parental)[ \t]+leave" + _REST
    + r"|(?:back[ \t]+)?on[ \t]+(?:reduced|phased|part-time)[ \t]+(?:hours|return)(?:[ \t]+(?:after|following|because|due)" + _REST + r")?"
    + r"|on[ \t]+leave[ \t]+(?:while|when|because|after|following|as)" + _REST
    + r"|(?:off[ \t]+sick|signed[ \t]+off)[ \t]+(?:with|due[ \t]+to|because[ \t]+of|following|after)" + _REST
    + r"|(?:had[ \t]+)?(?:injured|hurt|broken|broke)[ \t]+" + _POSS + r"[ \t]+[a-z]+" + _REST
    + r"|(?:was|is|became|had[ \t]+been)[ \t]+pregnant" + _REST
    + r"|" + _POSS + r"[ \t]+pregnancy" + _REST
    + r"|(?:has|had|with)[ \t]+(?:dyslexia|dyspraxia|autism|ADHD|long[ \t]+Covid|a[ \t]+disability|a[ \t]+hearing[ \t]+impairment)" + _REST
    + r"|(?:is|was)[ \t]+(?:dyslexic|autistic|disabled|deaf|gay|lesbian|bisexual|transgender|trans|Muslim|Jewish|Sikh|Hindu|Buddhist|Catholic)" + _REST
    + r"|" + _ONLY_ONE
    + r"|(?:her|his)[ \t]+wedding" + _REST
    + r"|(?:an?[ \t]+)?(?:knee|hip|back|shoulder|heart|eye)[ \t]+operation" + _REST
    + r")"
)
# Circumstances as common in the supervised individual's life as in a practitioner's
# (a divorce, a parent's illness, being unwell): they count after a staff word only when
# that word is their subject ("SPO1 was going through a divorce"), or of a pronoun that
# resolve finds stands for a member of staff (StaffCircumstanceAfterPronounRecognizer).
_SHARED_CIRCUMSTANCE = (
    r"(?:"
    # A relative's death or illness told as its own clause ("Her father died in May", "his
    # son had been seriously ill in hospital"): the event verb, not a lead word, marks it.
    + _POSS + r"[ \t]+(?:(?:elderly|late|young|eldest|youngest)[ \t]+)?" + _KIN + r"[ \t]+(?:had[ \t]+)?(?:recently[ \t]+|suddenly[ \t]+)?"
    r"(?:died|passed[ \t]+away|(?:was|were|had[ \t]+been|became|fell)[ \t]+(?:(?:seriously|terminally|critically|very|gravely)[ \t]+)?"
    r"(?:ill|unwell|in[ \t]+hospital|diagnosed|admitted)|had[ \t]+been[ \t]+made[ \t]+redundant|was[ \t]+made[ \t]+redundant)" + _REST
    # Family life: separation, divorce, caring, a crisis at home
    + r"|(?:going|went|gone)[ \t]+through[ \t]+(?:an?|" + _POSS + r")[ \t]+(?:(?:difficult|painful|acrimonious|messy|long)[ \t]+)?"
    r"(?:divorce|separation|break-?up|bereavement|IVF|fertility[ \t]+treatment|menopause)" + _REST
    + r"|(?:had[ \t]+)?(?:recently[ \t]+)?(?:separated|divorced)[ \t]+from" + _REST
    + r"|caring[ \t]+for[ \t]+" + _POSS + r"[ \t]+(?:(?:elderly|sick|disabled|terminally[ \t]+ill|young|poorly)[ \t]+)?" + _KIN + _REST
    + r"|(?:a[ \t]+)?(?:family|personal)[ \t]+(?:crisis|emergency|difficulties|problems)" + _REST
    + r"|(?:childcare|caring)[ \t]+(?:difficulties|problems|worries|pressures|responsibilities)" + _REST
    # Their own health in ordinary words
    + r"|struggling[ \t]+with[ \t]+" + _POSS + r"[ \t]+(?:own[ \t]+)?(?:mental[ \t]+health|health|wellbeing)" + _REST
    + r"|(?:had[ \t]+been|was|were|felt|feeling|became)[ \t]+(?:(?:very|quite|seriously)[ \t]+)?(?:unwell|ill|burnt[ \t]+out|burned[ \t]+out)" + _REST
    + r"|recovering[ \t]+from[ \t]+" + _REST
    # Faith, sexuality, abuse at home
    + r"|(?:observing|fasting[ \t]+for|fasting[ \t]+during)[ \t]+(?:Ramadan|Lent|Passover|Yom[ \t]+Kippur|the[ \t]+Sabbath|Shabbat)" + _REST
    + r"|came[ \t]+out[ \t]+as|come[ \t]+out[ \t]+as" + _REST
    + r"|(?:experiencing|suffering|subject[ \t]+to|a[ \t]+victim[ \t]+of)[ \t]+domestic[ \t]+(?:abuse|violence)" + _REST
    + r")"
)


# Circumstances only a workplace has: they need no staff cue.
_WORKPLACE = (
    r"(?:on|took|taking|started|began|returned[ \t]+from|back[ \t]+from|due[ \t]+to[ \t]+start)[ \t]+(?:a[ \t]+period[ \t]+of[ \t]+)?"
    r"(?:maternity|paternity|adoption|compassionate|bereavement|carer['’]?s|shared[ \t]+parental)[ \t]+leave" + _REST
    + r"|(?:on[ \t]+)?a[ \t]+phased[ \t]+return(?:[ \t]+to[ \t]+work)?" + _REST
    + r"|" + _ONLY_ONE
    + r"|" + _ONLY_STAFF
)


class StaffCircumstancesRecognizer(SfoPatternRecognizer):
    """Recognise a staff member's personal circumstance after a staff cue in the sentence."""

    ENTITY = "STAFF_CIRCUMSTANCE"
    FLAGS = 0
    CONTEXT: list[str] = []
    PATTERNS = [
        Pattern(
            "staff cue + personal circumstance",
            _STAFF + _BRIDGE + r"(?<![\w])(?P<entity>" + _CIRCUMSTANCE + r")",
            0.75,
        ),
        Pattern(
            "staff word as subject + personal circumstance",
            # up to three lower-case words between, none a pronoun or article of another
            # person ("The SPO was dealing with a family crisis", not "The PP noted he was")
            _STAFF + r"(?:[ \t]+(?!(?:he|she|they|him|his|her|them|their|that|who|whose)\b)[a-z]+){0,3}?[ \t]+"
            r"(?<![\w])(?P<entity>" + _SHARED_CIRCUMSTANCE + r")",
            0.75,
        ),
        Pattern("circumstance only a workplace has", r"(?<![\w])(?P<entity>" + _WORKPLACE + r")", 0.6),
    ]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "staff cue + personal circumstance (health, family, leave or protected characteristic)"


# A pronoun opening the circumstance ("She had recently separated from her husband"), where
# the member of staff is named, not given a role word ("Sam Price visited. She was ...").
_PRONOUN = r"(?P<cue>(?<![\w'’-])(?:[Ss]he|[Hh]e|[Tt]hey)(?![\w'’-]))"


class StaffCircumstanceAfterPronounRecognizer(SfoPatternRecognizer):
    """Recognise a personal circumstance told of "she", "he" or "they", for resolve to confirm.

    Whether the pronoun is a member of staff is known only once people have roles: resolve
    keeps a finding whose nearest person named before it (of the pronoun's gender) is staff,
    as a STAFF_CIRCUMSTANCE, and drops the rest (the supervised individual's health is the
    medical recognizers' to find).
    """

    ENTITY = "STAFF_CIRCUMSTANCE_IF_STAFF"
    FLAGS = 0
    CONTEXT: list[str] = []
    PATTERNS = [
        Pattern(
            "pronoun + personal circumstance",
            _PRONOUN + r"[^.;\n]{0,100}?(?<![\w])(?P<entity>" + _CIRCUMSTANCE + r"|" + _SHARED_CIRCUMSTANCE + r")",
            0.7,
        ),
        Pattern(
            "possessive + relative's death or illness",
            r"(?<![\w'’-])(?=(?:[Hh]er|[Hh]is|[Tt]heir)[ \t])(?P<entity>" + _SHARED_CIRCUMSTANCE + r")",
            0.7,
        ),
    ]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "personal circumstance (health, family, leave or protected characteristic) of the person a pronoun stands for"
