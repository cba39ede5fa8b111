"""Personal circumstances and protected characteristics of a member of staff.

SFO guidance 7.2: a practitioner's health, bereavement, leave and its reason, family events,
pregnancy, religion, ethnicity, sexuality and disability are removed; their practice stays.
The recognizer keys on a staff cue earlier in the same sentence (PP, SPO, practitioner,
officer, manager, a staff label such as PP1), so the supervised individual's health is left
to the medical recognizers; someone else named between the cue and the circumstance (the
SI, a victim, "Mr X", "him") makes it theirs, and nothing is reported. The span is the
circumstance clause, ending where `recognizers/clause.py` says the practice finding begins.
The absence itself ("the SPO was on leave", "off work for three weeks") is a practice fact
and stays; its reason and detail go (guidance 7.2: "the exact detail of an absence").
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import EntityRecognizer, Pattern

from pipeline.vocabulary import PROBATION_ROLE_ACRONYMS, alternation
from recognizers.base import SfoPatternRecognizer
from recognizers.clause import rest

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
# Someone other than staff named between the cue and the circumstance ("The SPO was told
# that the victim was pregnant", "PP2 arranged for the SI to see his GP after he injured
# his hand"): the circumstance is theirs, not the member of staff's.
_OTHER_PERSON = (
    r"\b(?:(?i:SI|S\.I\.|SIs|supervised[ \t]+individual|victims?|offender)|Mrs?|Ms|Miss|Mx|Dr|Person[ \t]+[A-Z]|Victim[ \t]+[A-Z]"
    r"|(?i:the|a)[ \t]+(?:man|woman|boy|girl|young[ \t]+person|child|children|family|partner|mother|father|neighbour|witness))\b"
)
# An object pronoun in the bridge is someone else too ("the PP referred him to ...").
_NOT_STAFF = r"(?:" + _OTHER_PERSON + r"|\b(?:him|them)\b)"
_BRIDGE = (
    r"(?:(?:(?!" + _NOT_STAFF + r")[^.!?;\n]){0,200}[.!?][ \t]+)?(?:(?!" + _NOT_STAFF + r")[^.;\n]){0,100}?"
)
_KIN = (
    r"(?:father|mother|dad|mum|partner|husband|wife|son|daughter|child|baby|brother|sister|parent|"
    r"grandmother|grandfather|nan|grandad|aunt|uncle|fianc[eé]e?|children|parents|sons|daughters|twins|grandchildren)"
)
_POSS = r"(?:[Hh]is|[Hh]er|[Tt]heir)"
# The circumstance's tail stops at the first clause boundary (recognizers/clause.py): the
# practice finding after it ("and had reduced capacity to oversee the team") stays.
_REST = rest(50)
# A protected characteristic that singles a person out in a workplace (guidance 3.4.4: "the
# only male PP in the team"): the only one, or one of a few, in a team, office or unit.
_CHARACTERISTIC = (
    r"(?:Black|Asian|white|White|mixed-race|male|female|gay|lesbian|trans|transgender|non-binary|Muslim|Jewish|Sikh|Hindu|"
    r"Christian|Buddhist|disabled|deaf|Deaf|older|younger|[A-Z][a-z]+-speaking|man|woman|person[ \t]+of[ \t]+colour|"
    # a nationality or language ("the only Polish speaker", "the only Nigerian officer")
    r"[A-Z][a-z]+(?:ish|ese|ian|an|i)|Welsh|French|Dutch|Greek|Thai|Scots?)"
)
_CHARACTERISTIC_PLURAL = r"(?:men|women|Black|Asian|male|female|disabled|Muslim|Sikh|Hindu|Jewish|[A-Z][a-z]+[ \t]+speakers|[A-Z][a-z]+(?:ish|ese|ian|an|i))"
# The workplace is what says the person is staff; it is not part of the span (a team's or
# office's name is often a town's: "the only man in the Wigan team" keeps "Wigan").
_WORKPLACE_PLACE = (
    r"(?:in|on|at|within|across)[ \t]+the[ \t]+(?:(?:[A-Z][\w-]*|probation|local|whole)[ \t]+){0,2}"
    r"(?:team|office|unit|PDU|building|service|hub|region|division|area|directorate|cluster)\b"
)
_ONLY_ONE = (
    r"(?:the[ \t]+only[ \t]+" + _CHARACTERISTIC + r"(?:[ \t]+[A-Za-z-]+){0,3}?"
    r"|one[ \t]+of[ \t]+(?:(?:only|very|just)[ \t]+)?(?:two|three|four|five|a[ \t]+few|the[ \t]+few|few|a[ \t]+handful[ \t]+of)[ \t]+" + _CHARACTERISTIC_PLURAL + r"(?:[ \t]+[A-Za-z-]+){0,2}?"
    r"|the[ \t]+(?:youngest|oldest)(?:[ \t]+[A-Za-z-]+){0,2}?)"
    r"(?=[ \t]+" + _WORKPLACE_PLACE + r")"
)
# Staff named by the characteristic alone, without a place: "the only female PP", "the only
# Sikh member of staff".
_ONLY_STAFF = (
    r"the[ \t]+only[ \t]+" + _CHARACTERISTIC + r"[ \t]+(?:" + _STAFF_ACRONYM + r"|probation[ \t]+(?:practitioner|officer)|practitioner"
    r"|(?:senior[ \t]+)?(?:probation[ \t]+)?officer|manager|member[ \t]+of[ \t]+staff|staff[ \t]+member|colleague)s?\b"
)

# Words the health, family and faith classes below share, each in one place.
_BODY = r"(?:wrist|arm|leg|ankle|foot|knee|hip|back|shoulder|neck|hand|elbow|ribs?|collarbone|pelvis|spine)"
_AILMENT = (
    r"(?:(?:an?|" + _POSS + r")[ \t]+)?(?:(?:serious|long|short|sudden|major|minor|emergency|planned|routine|long-term|"
    r"[a-z]+-related)[ \t]+)?(?:illness|operation|surgery|injury|accident|fall|fracture|stroke|heart[ \t]+attack|cancer|"
    r"chemotherapy|miscarriage|diagnosis|procedure|" + _BODY + r"[ \t]+(?:operation|replacement|injury))\b"
)
_RELATIVE = r"(?:" + _KIN + r"|relative|friend|parent|loved[ \t]+one)"
_CARE_ADJ = (
    r"(?:(?:two|three|four|elderly|sick|disabled|terminally[ \t]+ill|seriously[ \t]+ill|young|poorly|dying|frail|close|own)[ \t]+){0,3}"
)
_FAITH = r"(?:Muslim|Jew|Christian|Catholic|Sikh|Hindu|Buddhist|Quaker)"
# A relative's death or illness told as its own clause, after "her"/"his" or a staff
# possessive ("PP2's partner died suddenly in February").
_KIN_EVENT = (
    r"(?:(?:elderly|late|young|eldest|youngest)[ \t]+)?" + _KIN + r"[ \t]+(?:had[ \t]+)?(?:recently[ \t]+|suddenly[ \t]+)?"
    r"(?:died|passed[ \t]+away|(?:was|were|had[ \t]+been|became|fell)[ \t]+(?:(?:seriously|terminally|critically|very|gravely)[ \t]+)?"
    r"(?:ill|unwell|in[ \t]+hospital|diagnosed|admitted)|had[ \t]+been[ \t]+made[ \t]+redundant|was[ \t]+made[ \t]+redundant)" + _REST
)

_CIRCUMSTANCE = (
    r"(?:(?:after|following|since|when)[ \t]+" + _POSS + r"[ \t]+" + _KIN + r"(?:['’]s)?[ \t]+"
    r"(?:had[ \t]+)?(?:died|death|passed[ \t]+away|funeral|illness|diagnosis|was[ \t]+(?:in[ \t]+hospital|ill|admitted|diagnosed))" + _REST
    + r"|(?:a[ \t]+)?(?:close[ \t]+)?(?:family[ \t]+)?bereavement(?![ \t]+(?:service|counselling|support|charity|team|group|leave))" + _REST
    + r"|(?:recently[ \t]+)?bereaved" + _REST
    + r"|(?:on|took|taking|started|began|returned[ \t]+from|back[ \t]+from)[ \t]+(?:a[ \t]+period[ \t]+of[ \t]+)?"
    r"(?:maternity|paternity|adoption|compassionate|bereavement|carer['’]?s|sick|special|shared[ \t]+parental|parental)[ \t]+leave" + _REST
    + r"|(?:back[ \t]+)?on[ \t]+(?:reduced|phased|part-time)[ \t]+(?:hours|return)(?:[ \t]+(?:after|following|because|due)" + _REST + r")?"
    + r"|on[ \t]+leave[ \t]+(?:while|when|because|after|following|as)" + _REST
    + r"|(?:off[ \t]+sick|signed[ \t]+off)[ \t]+(?:with|due[ \t]+to|because[ \t]+of|following|after)" + _REST
    + r"|(?:had[ \t]+)?(?:injured|injuring|hurt|hurting|broken|broke|breaking|fractured|fracturing|sprained|spraining|dislocated|dislocating)"
    r"[ \t]+" + _POSS + r"[ \t]+[a-z]+" + _REST
    + r"|(?:was|is|became|had[ \t]+been)[ \t]+pregnant" + _REST
    + r"|" + _POSS + r"[ \t]+pregnancy" + _REST
    + r"|(?:has|had|with)[ \t]+(?:dyslexia|dyspraxia|autism|ADHD|long[ \t]+Covid|a[ \t]+disability|a[ \t]+hearing[ \t]+impairment)" + _REST
    + r"|(?:is|was)[ \t]+(?:(?:profoundly|partially|severely|registered)[ \t]+)?(?:dyslexic|autistic|disabled|deaf|blind|partially[ \t]+sighted|"
    r"visually[ \t]+impaired|hard[ \t]+of[ \t]+hearing|gay|lesbian|bisexual|transgender|trans|Muslim|Jewish|Sikh|Hindu|Buddhist|Catholic)" + _REST
    + r"|" + _ONLY_ONE
    + r"|(?:her|his)[ \t]+wedding" + _REST
    + r"|(?:an?[ \t]+)?(?:knee|hip|back|shoulder|heart|eye)[ \t]+operation" + _REST
    # Bereavement in plain words: "had recently lost her father", "the death of his wife",
    # "her aunt's funeral", "grieving"
    + r"|(?:lost|losing)[ \t]+(?:" + _POSS + r"|a|an)[ \t]+" + _CARE_ADJ + r"(?:" + _RELATIVE + r"|baby|child|pregnancy)" + _REST
    + r"|(?:the[ \t]+)?(?:(?:sudden|unexpected|recent|tragic)[ \t]+)?(?:death|loss|funeral)[ \t]+of[ \t]+(?:" + _POSS + r"|a|an)[ \t]+" + _REST
    + r"|" + _POSS + r"[ \t]+" + _RELATIVE + r"['’]s[ \t]+(?:death|funeral|illness|diagnosis|cancer|stroke|operation)" + _REST
    + r"|grieving" + _REST
    # Operations and injuries: "had surgery on his knee", "a hernia operation", "on crutches"
    # (a police or multi-agency operation is not surgery: "the officer had an operation planned")
    + r"|(?:had|having|underwent|undergoing|needed|needing|awaiting)[ \t]+(?:an?[ \t]+)?"
    r"(?:(?!police|covert|joint|multi-agency|search|surveillance)[a-z]+[ \t]+)?(?:operation|surgery)"
    r"(?![ \t]+(?:planned|to|against|targeting|by|was[ \t]+planned)\b)" + _REST
    + r"|(?:an?[ \t]+)?(?:hernia|cataract|gallbladder|" + _BODY + r")[ \t]+(?:operation|fracture|injury|replacement)" + _REST
    + r"|(?:on[ \t]+crutches|in[ \t]+plaster|(?:an?|the)[ \t]+(?:car|road[ \t]+traffic|cycling)[ \t]+(?:accident|collision))" + _REST
    + r"|(?:after|following|since)[ \t]+" + _AILMENT + _REST
    + r"|(?:had[ \t]+been|was|been|being)[ \t]+diagnosed[ \t]+with" + _REST
    # Caring: "looking after a sick parent", "supporting her partner"
    # time off to care ("had taken time off to care for her mother")
    + r"|(?:time[ \t]+off|leave|off[ \t]+work)[ \t]+to[ \t]+(?:care[ \t]+for|look[ \t]+after|support|be[ \t]+with)[ \t]+(?:" + _POSS + r"|an?)[ \t]+"
    + _CARE_ADJ + _RELATIVE + _REST
    # Mental health in ordinary words
    + r"|(?:had|having|experienced|experiencing|suffered|suffering)[ \t]+(?:from[ \t]+)?(?:panic|anxiety)[ \t]+attacks" + _REST
    + r"|(?:had|suffered)[ \t]+(?:a[ \t]+)?(?:(?:nervous|mental)[ \t]+)?breakdown" + _REST
    + r"|(?:receiving|having|attending|started|referred[ \t]+for|waiting[ \t]+for)[ \t]+(?:counselling|therapy|CBT|EMDR)" + _REST
    + r"|(?:phased|phasing)[ \t]+(?:back[ \t]+)?(?:in)?to[ \t]+work" + _REST
    # Faith and disability seen at work
    + r"|(?:wore|wears|wearing)[ \t]+(?:a[ \t]+)?(?:hijab|headscarf|head[ \t]+scarf|turban|patka|kippah|yarmulke|niqab|burqa|crucifix)"
    + r"|(?:is|was)[ \t]+(?:a[ \t]+)?(?:practising|devout|observant|committed)[ \t]+" + _FAITH
    + r"|(?:uses|used|using)[ \t]+a[ \t]+(?:wheelchair|walking[ \t]+stick|hearing[ \t]+aid|guide[ \t]+dog|mobility[ \t]+scooter)"
    # Pregnancy, fertility and marriage
    + r"|expecting[ \t]+(?:" + _POSS + r"|an?)[ \t]+(?:(?:first|second|third|fourth)[ \t]+)?(?:child|baby)|expecting[ \t]+twins"
    + r"|(?:undergoing|having|started|receiving|began)[ \t]+(?:IVF|fertility)(?:[ \t]+treatment)?" + _REST
    + r"|(?:had|suffered)[ \t]+(?:a[ \t]+)?miscarriage" + _REST
    + r"|(?:getting|got)[ \t]+married|(?:became|got)[ \t]+engaged"
    + r"|" + _POSS + r"[ \t]+marriage[ \t]+(?:had[ \t]+)?(?:broke(?:n)?[ \t]+down|breaking[ \t]+down|ended|ending)"
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
    + _POSS + r"[ \t]+" + _KIN_EVENT
    # Family life: separation, divorce, caring, a crisis at home
    + r"|(?:going|went|gone)[ \t]+through[ \t]+(?:an?|" + _POSS + r")[ \t]+(?:(?:difficult|painful|acrimonious|messy|long)[ \t]+)?"
    r"(?:divorce|separation|break-?up|bereavement|IVF|fertility[ \t]+treatment|menopause)" + _REST
    + r"|(?:had[ \t]+)?(?:recently[ \t]+)?(?:separated|divorced)(?:[ \t]+from)?" + _REST
    # Caring ("looking after a sick parent", "the main carer for her husband"): a PP also
    # "discussed caring for his mother" with the SI, so only as the staff word's own verb
    + r"|(?:looking[ \t]+after|caring[ \t]+for|nursing|(?:the[ \t]+)?(?:(?:main|sole|primary|full-time)[ \t]+)?carer[ \t]+for)[ \t]+(?:" + _POSS + r"|an?)[ \t]+"
    + _CARE_ADJ + _RELATIVE + _REST
    + r"|supporting[ \t]+" + _POSS + r"[ \t]+" + _CARE_ADJ + _RELATIVE + r"[ \t]+through" + _REST
    + r"|(?:a[ \t]+)?(?:family|personal)[ \t]+(?:crisis|emergency|difficulties|problems)" + _REST
    + r"|(?:childcare|caring)[ \t]+(?:difficulties|problems|worries|pressures|responsibilities)" + _REST
    # Their own health in ordinary words
    + r"|struggling[ \t]+with[ \t]+(?:" + _POSS + r"[ \t]+(?:own[ \t]+)?)?(?:mental[ \t]+health|health|wellbeing|low[ \t]+mood|anxiety|"
    r"depression|stress|grief)" + _REST
    + r"|(?:suffering|suffered)[ \t]+(?:from|with)" + _REST

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
    # Occupational health and the HR measures around an absence: only staff have them.
    + r"|(?:(?:self-)?referred[ \t]+to|(?:a[ \t]+)?referral[ \t]+to|seen[ \t]+by|assessed[ \t]+by|advice[ \t]+from|report[ \t]+from)[ \t]+"
    r"(?:the[ \t]+)?(?i:occupational)[ \t]+[Hh]ealth(?:[ \t]+(?:service|team|provider|adviser|advisor|doctor|physician|nurse))?"
    + r"|(?:an?[ \t]+)?(?i:occupational)[ \t]+[Hh]ealth(?:[ \t]+(?:referral|assessment|report|advice|appointment|review|recommendations?))?"
    + r"|(?:an?[ \t]+)?(?:OH)[ \t]+(?:referral|assessment|report|appointment)"
    + r"|(?:an?[ \t]+)?(?:individual[ \t]+)?stress[ \t]+risk[ \t]+assessment|(?:an?[ \t]+)?[Ww]ellness[ \t]+[Aa]ction[ \t]+[Pp]lan"
)
# Circumstances told before the member of staff, as a sentence's opening clause ("After her
# mother died, PP3 worked reduced hours", "Following a family bereavement, the SPO ..."):
# the lead word stays, the circumstance goes. The clause after the staff word must not name
# anyone else ("Following his mother's death, the PP referred him to ...": his mother is
# the SI's).
_LEAD_IN = (
    r"(?:(?:[Ss]hortly|[Ss]oon|[Jj]ust|[Ww]eeks|[Dd]ays|[Mm]onths)[ \t]+)?(?:[Aa]fter|[Ff]ollowing|[Ss]ince|[Dd]uring|[Bb]ecause[ \t]+of|[Dd]ue[ \t]+to|[Oo]n[ \t]+(?:her|his|their)[ \t]+return[ \t]+from)[ \t]+"
    r"(?P<entity>losing[ \t]+(?:" + _POSS + r"|an?)[ \t]+" + _CARE_ADJ + _RELATIVE
    + r"|" + _POSS + r"[ \t]+(?:(?:elderly|late|young)[ \t]+)?" + _RELATIVE + r"(?:['’]s)?[ \t]+[^.;,\n]{0,40}"
    r"|the[ \t]+(?:(?:sudden|unexpected|recent)[ \t]+)?(?:death|loss)[ \t]+of[ \t]+" + _POSS + r"[ \t]+[^.;,\n]{0,40}"
    r"|(?:an?|" + _POSS + r")[ \t]+(?:(?:close|recent|sudden|family|personal)[ \t]+){0,2}(?:bereavement|family[ \t]+crisis|miscarriage)"
    r"|" + _AILMENT + r"|(?:a[ \t]+period[ \t]+of[ \t]+)?(?:maternity|paternity|adoption|sick|compassionate|bereavement|shared[ \t]+parental)[ \t]+leave)"
    r"[ \t]*,[ \t]*(?:the[ \t]+)?" + _STAFF
    + r"(?![^.;\n]*?(?:" + _OTHER_PERSON + r"|\b(?:him|them)\b))"
)
# Adjustments made for a named member of staff, told before them.
_FOR_STAFF = (
    r"(?P<entity>[Rr]easonable[ \t]+adjustments|(?:an?[ \t]+)?(?:[Pp]hased[ \t]+return|[Ss]tress[ \t]+risk[ \t]+assessment))"
    r"(?=[^.;\n]{0,40}?\b(?:for|with)[ \t]+(?:the[ \t]+)?" + _STAFF + r")"
)
# Adjustments a member of staff has ("PP2 had reasonable adjustments for dyslexia"); a PP
# who "did not consider reasonable adjustments for the SI" is practice, and stays.
_HAS_ADJUSTMENTS = (
    _STAFF + r"[ \t]+(?:had|has|was[ \t]+given|had[ \t]+been[ \t]+given|received|was[ \t]+granted|needed|needs|requested|asked[ \t]+for)"
    r"[ \t]+(?:(?:agreed|some|several|formal|workplace)[ \t]+)?(?P<entity>reasonable[ \t]+adjustments" + _REST + r")"
)


# A practice verb between the staff word and the circumstance makes the circumstance its
# object, someone else's: "The PP discussed caring for his mother", "explored his grief".
_PRACTICE_VERB = (
    r"(?:discussed|explored|asked|noted|recorded|considered|assessed|raised|mentioned|talked|spoke|addressed|encouraged|"
    r"advised|challenged|queried|reviewed|referred|about|of|on|regarding)\b"
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
            _STAFF + r"(?:[ \t]+(?!(?:he|she|they|him|his|her|them|their|that|who|whose)\b|" + _PRACTICE_VERB + r")[a-z]+){0,3}?[ \t]+"
            r"(?<![\w])(?P<entity>" + _SHARED_CIRCUMSTANCE + r")",
            0.75,
        ),
        Pattern("circumstance only a workplace has", r"(?<![\w])(?P<entity>" + _WORKPLACE + r")", 0.6),
        Pattern("personal circumstance + staff cue", r"(?<![\w])" + _LEAD_IN, 0.75),
        Pattern("staff possessive + relative's death or illness", _STAFF + r"['’]s[ \t]+(?P<entity>" + _KIN_EVENT + r")", 0.75),
        Pattern("adjustment for staff", r"(?<![\w])" + _FOR_STAFF, 0.75),
        Pattern("staff who have adjustments", _HAS_ADJUSTMENTS, 0.75),
    ]

    def assess(self, match: re.Match, pattern: Pattern) -> tuple[float, bool | None]:
        """Drop a circumstance told of a pronoun when someone else is named before the staff word.

        "The SI told the PP he was off sick with stress": the pronoun is more likely the
        SI's; the pronoun recognizer and resolve decide whose it is.
        """
        score, validation = super().assess(match, pattern)
        if "cue" not in match.re.groupindex or match.start("cue") < 0 or match.start("cue") > match.start("entity"):
            return score, validation
        text = match.string
        sentence = max(text.rfind(c, 0, match.start("cue")) for c in ".!?;\n") + 1
        between = text[match.end("cue") : match.start("entity")]
        if _PRONOUN_IN.search(between) and _OTHER_PERSON_RE.search(text, sentence, match.start("cue")):
            return EntityRecognizer.MIN_SCORE, validation
        if _REPORTED.search(between):
            return EntityRecognizer.MIN_SCORE, validation
        return score, validation

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "staff cue + personal circumstance (health, family, leave or protected characteristic)"


_OTHER_PERSON_RE = re.compile(_OTHER_PERSON)
# A member of staff reporting what they recorded about someone else: "The PP noted that he
# had been diagnosed with ADHD", "was aware she was receiving counselling". The pronoun is
# the person recorded, almost always the SI (a self-report reads "PP1 said she ...").
_REPORTED = re.compile(
    r"\b(?:noted|recorded|documented|observed|assessed|identified|learned|learnt|heard|knew|suspected|believed|considered"
    r"|(?:was|were)[ \t]+(?:aware|unaware|told|informed))(?:[ \t]+(?:of|that))?[ \t]+(?:he|she|they|his|her|their)\b",
    re.IGNORECASE,
)
# Someone else telling a member of staff about a pronoun ("The SI told the PP he was off
# sick"): the pronoun is the teller's.
_TOLD_BY_OTHER = re.compile(_OTHER_PERSON + r"[^.;\n]{0,40}?\b(?:told|informed|reminded|assured|asked|said[ \t]+to)\b")
_PRONOUN_IN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Hh]im|[Hh]is|[Hh]er|[Tt]heir)\b")


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

    def assess(self, match: re.Match, pattern: Pattern) -> tuple[float, bool | None]:
        """Drop a pronoun that follows a reporting verb ("the PP noted that he ..."), or someone else's telling."""
        score, validation = super().assess(match, pattern)
        text = match.string
        at = match.start("entity") if "cue" not in match.re.groupindex else match.start("cue")
        sentence = max(text.rfind(c, 0, at) for c in ".!?;\n") + 1
        # through the possessive that opens the circumstance ("recorded that his father died")
        window = text[sentence : match.start("entity") + 6]
        if _REPORTED.search(window) or _TOLD_BY_OTHER.search(window):
            return EntityRecognizer.MIN_SCORE, validation
        return score, validation

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "personal circumstance (health, family, leave or protected characteristic) of the person a pronoun stands for"
