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
# Someone named by title and surname ("Mr Hart"), where a pronoun could stand instead.
_TITLED = alternation(TITLES) + r"\.?[ \t]+\w+"
# "the PP, Sarah", "his partner Jane", "victim: Leanne", "SPO Mark", "(PP) Sarah"
# A short qualifier may stand between the role and the name when a comma closes it: "the
# duty officer that day, Callum Reid", "his keyworker at the approved premises, Femi Adeyemi".
# The role noun heads the phrase, so the first cue is the one that counts ("the sister of the
# victim, Jane" is the sister), and search() finds the leftmost.
_QUALIFIER = r"(?:[ \t]+(?:at|in|on|from|for|with|of|that|this|since|during|then|assigned|based)(?:[ \t]+[\w'’-]+){1,4},)?"
# A numbered role ("Victim 1: Holly", "Witness B -") and a role's name ("the victim's name is Holly").
_NUMBERED = r"(?:[ \t]+(?:\d{1,2}|[A-Z])(?![\w'’]))?(?:['’]s[ \t]+(?:full[ \t]+)?name(?:[ \t]+(?:is|was))?)?"
# The role as the subject and the name after its verb: "the PP was Sarah Jenkins", "the victim
# of the further offence is Ms Holly Fairclough", "his previous victims include Tara Kell". Not
# when the name owns what the role is: "the victim was Mr Cole's ex-partner" (cues_around).
_IS = r"(?P<is>(?:[ \t]+(?:at|in|of|for|on)(?:[ \t]+[\w'’-]+){1,4}?)?[ \t]+(?:was|is|were|are|had[ \t]+been|include|included)(?:[ \t]+named)?(?=[ \t]))?"
_BEFORE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE}){_NUMBERED}(?:\s*\(\w+\))?(?:{_QUALIFIER}|{_IS})[\s,:(\-–]*{_TITLE}$")
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
CONDUCT = "conduct"
SUPERVISION = "supervision"  # conduct that only supervision is: a licence, a recall, appointments

# What was done to a person says who the victim is: "the murder of Hollie Brent", "an
# attack on Hollie", "Hollie Brent was killed". Dying is not: "his father died in 2019".
# The victim of the further offence is often a partner or relative, so this cue, unlike
# the practice cue, may turn "his partner, Hollie Brent" into the victim (_vote).
_HARM_NOUNS = (
    r"murder|killing|manslaughter|rape|stabbing|assault|attack|abduction|kidnap|kidnapping|homicide|harassment|stalking|"
    r"strangulation|wounding|robbery|false[ \t]+imprisonment|sexual[ \t]+abuse|abuse|grooming|sexual[ \t]+exploitation"
)
_OFFENCES = (
    r"murder|manslaughter|assault|harassment|stalking|kidnapping|kidnap|rape|robbery|wounding|grievous bodily harm|"
    r"actual bodily harm|threats to kill|false imprisonment|arson|burglary|coercive(?: and|,)? controlling behaviour|"
    r"controlling(?: and|,)? coercive behaviour|offences?|offending|violence|threats|attack|attempted murder|sexual assault|abuse|SFO|ABH|GBH"
)
# "he attacked his former partner, Jane Smith", "stabbed Jane Smith": a verb of harm with the
# person as its object, perhaps through a relationship ("his ex-partner,").
_HARM_VERBS = (
    r"killed|murdered|stabbed|assaulted|attacked|raped|strangled|kidnapped|abducted|harassed|stalked|"
    r"punched|kicked|beat|strangled|set fire to|threatened to kill|injured|wounded|shot|choked|threatened|hit|slapped|headbutted|"
    # the gerund a charge is written with: "charged with assaulting X", "convicted of stalking his ex-partner"
    r"killing|murdering|stabbing|assaulting|attacking|raping|strangling|kidnapping|abducting|harassing|stalking|"
    r"wounding|injuring|threatening to kill"
)
# What may stand between the harm and the name: the person's relation or description, closed
# by a comma or opening a bracket ("against a former partner (Ms Z)"), or "baby".
_APPOSED = r"(?:[ \t]+(?:(?:his|her|their|an?|the)(?:[ \t]+[\w'’-]+){1,3}(?:,|[ \t]+\()|baby|little))?"
_VICTIM_BEFORE = re.compile(
    rf"(?<![\w-])(?i:(?:{_HARM_NOUNS})[ \t]+(?:of|on|upon){_APPOSED}|(?:{_OFFENCES})\b[^.;:]{{0,40}}?[ \t](?:against|towards|upon){_APPOSED}"
    rf"|(?:{_HARM_VERBS})(?:[ \t]+(?:his|her|their)(?:[ \t]+[\w'’-]+){{1,3}}(?:,|[ \t]+\()?)?"
    # a conviction or charge for anything "against" the person: "convicted of affray against X"
    rf"|(?:convicted|charged|arrested|cautioned|sentenced|remanded)[ \t]+(?:of|with|for)\b[^.;:]{{0,50}}?[ \t](?:against|towards|upon)"
    # the conditions that protect a victim: "a non-contact condition with X", "a restraining order protecting X"
    rf"|(?:non-contact|no-contact|no[ \t]+contact)[ \t]+(?:condition|requirement|order|clause)[ \t]+(?:with|regarding|in[ \t]+respect[ \t]+of|for)"
    rf"|restraining[ \t]+order[ \t]+(?:protecting|in[ \t]+respect[ \t]+of|in[ \t]+favour[ \t]+of|naming|to[ \t]+protect)"
    # "a restraining order was made to protect X", "an order imposed to protect X"
    rf"|(?:order|injunction|condition|notice)[ \t]+(?:was[ \t]+|had[ \t]+been[ \t]+)?(?:made|imposed|granted|issued|put[ \t]+in[ \t]+place)[ \t]+to[ \t]+protect"
    # police attending a home they shared: "call-outs to addresses shared with X"
    rf"|(?:call-?outs|callouts|domestic[ \t]+incidents|incidents|police[ \t]+attendances?)[ \t]+(?:to|at)[ \t]+(?:an?[ \t]+|the[ \t]+)?(?:address|addresses|home|flat|property)[ \t]+(?:he[ \t]+)?shared[ \t]+with"
    rf"|exclusion[ \t]+zone[ \t]+(?:around|near)"
    # bodily harm done to the person: "grievous bodily harm with intent to X"
    rf"|(?:bodily[ \t]+harm|GBH|ABH|wounding|injury|injuries)(?:[ \t]+with[ \t]+intent)?[ \t]+(?:to|on|upon)"
    # the domestic abuse a partner suffered: "four domestic incidents involving X", "domestic abuse between him and X"
    rf"|domestic[ \t]+(?:abuse[ \t]+|violence[ \t]+)?(?:incidents?|call-?outs|callouts|abuse|violence|offences?)[ \t]+(?:involving|with|between[ \t]+(?:him|{_TITLED})[ \t]+and)"
    # the risk checklist completed with a victim of domestic abuse: "a DASH was completed with X"
    rf"|(?:DASH|DASH[ \t]+risk[ \t]+(?:assessment|checklist))[ \t]+(?:was[ \t]+|had[ \t]+been[ \t]+)?(?:completed|undertaken|carried[ \t]+out)[ \t]+(?:with|for|by)"
    rf")(?:[ \t]+|(?<=\())" + _TITLE + "$"
)
# An injury a person was left with: "sustained a fractured jaw", "suffered stab wounds", "was
# left with life-changing injuries", "was taken to hospital with head injuries". An illness is
# not an injury ("suffered a stroke").
_INJURY = (
    r"(?:an?[ \t]+)?(?:[\w'’-]+[ \t]+){0,3}?"
    r"(?:injury|injuries|wounds?|fractures?|fractured[ \t]+[\w-]+|broken[ \t]+[\w-]+|burns|lacerations|bruising|bleed|brain[ \t]+damage)"
)
_HARMED = (
    r"(?i:fatally[ \t]+|seriously[ \t]+|sexually[ \t]+|critically[ \t]+|badly[ \t]+)?"
    r"(?i:killed|murdered|stabbed|assaulted|attacked|raped|strangled|kidnapped|abducted|isolated[ \t]+from|controlled[ \t]+by|coerced|abused|beaten|threatened[ \t]+by|"
    r"injured|wounded|shot|punched|kicked|choked|harassed|stalked|robbed|set[ \t]+alight|subjected[ \t]+to)"
)
_VICTIM_AFTER = re.compile(
    rf"^(?:['’]s[ \t]+(?i:murder|killing)|,?[ \t]+(?i:who[ \t]+)?(?i:was|had[ \t]+been)[ \t]+{_HARMED}"
    # her age when it happened: "Holly Fairclough was 22 years old when she was killed"
    rf"|[ \t]+(?i:was|,)[^.;]{{0,30}}?[ \t](?i:when|after)[ \t]+(?i:she|he|they)[ \t]+(?i:was|were|had[ \t]+been)[ \t]+{_HARMED}"
    rf"|,?[ \t]+(?i:who[ \t]+)?(?i:had[ \t]+)?(?i:sustained|suffered|received|was[ \t]+left[ \t]+with|was[ \t]+taken[ \t]+to[ \t]+hospital[ \t]+with|was[ \t]+found[ \t]+with)[ \t]+(?i:{_INJURY})"
    r"|[ \t]+(?i:later[ \t]+|subsequently[ \t]+|sadly[ \t]+|tragically[ \t]+)?(?i:died)[ \t]+(?i:from|of|as[ \t]+a[ \t]+result[ \t]+of)[ \t]+(?i:her|his|their|the)[ \t]+(?i:injuries|wounds|attack|assault)"
    r"|[ \t]+(?i:lost)[ \t]+(?i:her|his|their)[ \t]+(?i:life))(?![\w-])"
)
# What a person did in the case says they are staff: "Sarah Jenkins countersigned the
# plan", "Sarah Jenkins completed the OASys", "Sarah Jenkins allocated the case". The role
# code is not known from a verb ("other": Professional N) unless a role cue says more.
_PRACTICE_AFTER = re.compile(
    r"^,?[ \t]+(?:had[ \t]+)?(?i:countersigned|allocated[ \t]+the[ \t]+case|line[ \t]+managed|"
    r"completed[ \t]+(?:the|an?|his|her)[ \t]+(?:OASys|risk[ \t]+assessment|assessment|RoSH|PSR|pre-sentence[ \t]+report|referral|home[ \t]+visit|MAPPA[ \t]+referral|sentence[ \t]+plan)|"
    r"(?:conducted|carried[ \t]+out|undertook)[ \t]+(?:the|an?)[ \t]+(?:home[ \t]+visit|risk[ \t]+assessment|assessment|supervision[ \t]+session|induction)|"
    r"(?:supervised|managed)[ \t]+(?:him|her|them|the[ \t]+case|his[ \t]+case|her[ \t]+case)|"
    r"made[ \t]+(?:a|the)[ \t]+(?:referral|MAPPA[ \t]+referral|safeguarding[ \t]+referral)|"
    r"chaired[ \t]+(?:the|a)[ \t]+(?:meeting|MAPPA[ \t]+meeting|review))(?![\w-])"
)
# The rest of what practitioners do, and fail to do, in a review's account of a case:
# "Joanne Whitfield recorded in NDelius", "Rebecca Lin took over the case", "Priya Shah did
# not make a referral", "her manager, Tom Gilchrist, countersigned". A supervised individual
# does not record, refer or escalate; he misses appointments (_CONDUCT_AFTER).
_PRACTICE_VERBS = (
    r"recorded|noted[ \t]+(?:that|in|on)|wrote[ \t]+(?:to|that|in|up)|sought[ \t]+(?:advice|management[ \t]+oversight|guidance)|"
    r"discussed[ \t]+the[ \t]+case|consulted|liaised|escalated|shared[ \t]+(?:this|the|information|her|his|concerns)|"
    r"requested[ \t]+(?:a|an|police|checks|information|domestic[ \t]+abuse|safeguarding)|"
    r"contacted[ \t]+(?:the[ \t]+police|police|children's[ \t]+services|social[ \t]+services|the[ \t]+GP|the[ \t]+prison|the[ \t]+hostel|the[ \t]+approved[ \t]+premises)|"
    r"took[ \t]+over[ \t]+(?:the|his|her|their)[ \t]+(?:case|supervision|management)|held[ \t]+the[ \t]+case|inherited[ \t]+the[ \t]+case|"
    r"was[ \t]+allocated[ \t]+the[ \t]+case|reviewed[ \t]+(?:the|his|her)[ \t]+(?:case|risk|plan|OASys|assessment|licence)|"
    r"(?:did[ \t]+not|should[ \t]+have|could[ \t]+have|failed[ \t]+to)[ \t]+(?:review|record|refer|make[ \t]+a[ \t]+referral|complete[ \t]+(?:a|an|the)|consider|share|check|request|update|escalate|follow[ \t]+up|seek)"
    r"|told[ \t]+(?:me|the[ \t]+review|the[ \t]+reviewer|this[ \t]+review|the[ \t]+author)|was[ \t]+interviewed[ \t]+for[ \t]+(?:this|the)[ \t]+review"
)
_MORE_PRACTICE_AFTER = re.compile(rf"^(?:,[ \t]*)?[ \t]+(?:then[ \t]+|also[ \t]+|later[ \t]+)?(?:{_PRACTICE_VERBS})(?![\w-])")
_PRACTICE_POSSESSIVE = re.compile(r"^['’]s[ \t]+(?:caseload|line[ \t]+manager|case[ \t]+notes|entries|supervision[ \t]+notes|team[ \t]+manager)(?![\w-])")
_PRACTICE_BEFORE = re.compile(
    r"(?<![\w-])(?i:(?:the[ \t]+case[ \t]+was[ \t]+(?:re-?)?allocated|was[ \t]+(?:re-?)?allocated|transferred|handed[ \t]+over)[ \t]+to"
    r"|countersigned[ \t]+by|(?:in|during)[ \t]+(?:his|her|their)[ \t]+interview,?)[ \t]+" + _TITLE + r"$"
)

# What only the supervised individual does in a review's account: he is sentenced,
# released, recalled, misses appointments, breaches his licence, is charged with the
# further offence. "Aaron Pike was arrested and charged", "Mr Fenwick's risk of serious
# harm". A third party may be arrested too, so each mention weighs little, and only one
# person is made the supervised individual by these cues (_assign_roles).
_CONDUCT_AFTER = re.compile(
    r"^(?:,[ \t]*)?[ \t]+(?:then[ \t]+|also[ \t]+|later[ \t]+|subsequently[ \t]+|repeatedly[ \t]+)?(?i:"
    r"(?:was|had[ \t]+been|has[ \t]+been|is)[ \t]+(?:later[ \t]+|then[ \t]+|subsequently[ \t]+|first[ \t]+)?"
    r"(?:sentenced|convicted|released|recalled|remanded|charged|bailed|breached|inducted|"
    # "subject to a licence", "subject to post sentence supervision", "serving a community order"
    r"made[ \t]+subject|(?:subject[ \t]+to|serving|on)[ \t]+(?:(?:a|an|his|the)[ \t]+)?(?:licence|community[ \t]+order|suspended|post[ \t]+sentence|MAPPA|probation[ \t]+supervision|statutory[ \t]+supervision|extended[ \t]+sentence)|"
    r"on[ \t]+licence|in[ \t]+breach|returned[ \t]+to[ \t]+custody|managed[ \t]+(?:at|under)[ \t]+MAPPA|"
    r"assessed[ \t]+as[ \t]+(?:posing|presenting|a[ \t]+(?:very[ \t]+)?(?:high|medium|low))|arrested[ \t]+(?:and|on[ \t]+suspicion|for))"
    r"|pleaded[ \t]+guilty|pled[ \t]+guilty|breached[ \t]+(?:his|her|their|the)|absconded|reoffended|"
    r"failed[ \t]+to[ \t]+(?:attend|comply|report|engage|return|keep)|missed[ \t]+(?:his|her|their|an|two|three|several|the)?[ \t]*(?:\w+[ \t]+)?appointments?|"
    r"attended[ \t]+(?:his|her|their|the|an|a|all)?[ \t]*(?:first[ \t]+|next[ \t]+|initial[ \t]+)?(?:appointment|supervision|induction|programme|sessions?)|"
    r"reported[ \t]+(?:as[ \t]+instructed|for[ \t]+supervision|late)|tested[ \t]+positive|"
    r"committed[ \t]+the[ \t]+(?:further[ \t]+)?offence"
    r")(?![\w-])"
)
_CONDUCT_POSSESSIVE = re.compile(
    r"^['’]s[ \t]+(?i:licence|sentence|offending|release|recall|previous[ \t]+convictions|compliance|"
    r"risk[ \t]+of[ \t]+(?:serious[ \t]+harm|reoffending|harm)|risk[ \t]+(?:level|to[ \t]+(?:others|the[ \t]+public|children|partners))|"
    r"criminal[ \t]+record|index[ \t]+offence|arrest|custodial[ \t]+sentence|supervision[ \t]+(?:by|with))(?![\w-])"
)
_CONDUCT_BEFORE = re.compile(
    r"(?<![\w-])(?i:(?:supervision|management|sentencing|release|recall|arrest)[ \t]+of|the[ \t]+case[ \t]+of|risk[ \t]+posed[ \t]+by)[ \t]+" + _TITLE + r"$"
)
# A relationship told as an event, not a role word: "he had been in a relationship with Gemma
# Rowntree", "Gemma had been in a relationship with him", "Gemma, with whom he had been in a
# relationship". Only the subject's partner: "him" and "he" stand for the subject, so a
# name on both sides of "in a relationship with" is not given the cue ("Gemma had been in a
# relationship with Mr Hart" makes Gemma the partner through "him" elsewhere, not Mr Hart).
_IN_RELATIONSHIP_BEFORE = re.compile(
    r"(?<![\w'’-])(?i:he|his)(?![\w'’-])[^.;]{0,40}?(?<![\w-])(?i:relationship)[ \t]+(?i:with)[ \t]+" + _TITLE + r"$"
)
_IN_RELATIONSHIP_AFTER = re.compile(
    r"^(?:,[ \t]+(?i:with[ \t]+whom)[ \t]+(?i:he)[ \t]+(?i:had[ \t]+been|was|had)[ \t]+(?i:in[ \t]+a)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?i:relationship)"
    r"|[ \t]+(?i:had[ \t]+been|was|has[ \t]+been|had|began|started|entered)[ \t]+(?i:in[ \t]+)?(?i:a|an)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?i:relationship)[ \t]+(?i:with)[ \t]+(?i:him))(?![\w'’-])"
)
_RELATIONSHIP_CUE = Cue(Role.THIRD_PARTY, RELATIONSHIP_CUES.get("partner"), "in a relationship with the subject")
# A heading of the victim section, the whole line: "Contact with Leanne Royle's family".
_FAMILY_HEADING_BEFORE = re.compile(r"^[ \t]*(?i:contact|meetings?|engagement|liaison|communication)[ \t]+with[ \t]+" + _TITLE + r"$")
_FAMILY_HEADING_AFTER = re.compile(r"^['’]s[ \t]+(?i:family|families)[ \t]*:?[ \t]*$")
# What a victim's family is offered or asks for: this review, the Victim Liaison Unit, condolences.
_FAMILY_OF_VICTIM = (
    r"(?i:(?:this|the)[ \t]+(?:SFO[ \t]+)?review|victim[ \t]+liaison|\bVLO\b|\bVLU\b|\bFLO\b|family[ \t]+liaison|disclosure|condolences|bereave\w*)"
)
# Of those, what only supervision is (a licence, a recall, appointments kept or missed, his risk)
# says more than what a friend or co-defendant may share with him (arrested, charged,
# sentenced): "Mr Lee was subject to a licence" makes Lee the subject over "his friend Carl",
# however often Carl was arrested and charged (_conduct_winner).
_SUPERVISION = re.compile(
    r"(?i:licence|recall|supervision|appointment|induct|breach|MAPPA|risk|complian|community[ \t]+order|post[ \t]+sentence|"
    r"suspended|failed[ \t]+to|attended|reported|tested[ \t]+positive|management[ \t]+of|case[ \t]+of|absconded)"
)
# What makes a victim besides the harm itself: a death ("Lewis Hart was found dead", "the
# death of Ryan Cole") and a complaint to the police about the subject ("Sophie Marsh
# reported to police that he had threatened her", "obtained a non-molestation order").
_MORE_VICTIM_AFTER = re.compile(
    r"^(?:,[ \t]*)?[ \t]+(?i:was[ \t]+(?:found|pronounced)[ \t]+dead|was[ \t]+fatally|died[ \t]+(?:from|of|at[ \t]+the[ \t]+scene|in[ \t]+hospital"
    # a natural death is not the offence: "died in hospital in 2019", "... after a long illness"
    r"(?![ \t]+(?:in[ \t]+\d{4}|(?:after|following)[ \t]+an?[ \t]+(?:\w+[ \t]+)?illness)))|"
    r""
    # a complaint of harm, not any call: "his mother told police he was missing" is his mother
    r"(?:had[ \t]+)?(?:(?:reported[ \t]+(?:to[ \t]+)?|told[ \t]+|informed[ \t]+)(?:the[ \t]+)?police[ \t]+(?:\w+[ \t]+){0,3}?|"
    # "had called the police twice in March to report that he had assaulted her"
    r"(?:called|rang|phoned|telephoned|contacted|dialled[ \t]+999[ \t]+and[ \t]+told)[ \t]+(?:the[ \t]+)?police[ \t]+(?:\w+[ \t]+){0,4}?(?:to[ \t]+(?:report|say|allege)[ \t]+)?)"
    r"that[ \t]+(?:he|she|they|" + _TITLED + r")[ \t]+had[ \t]+"
    r"(?:threatened|assaulted|attacked|hit|punched|harassed|followed|stalked|raped|strangled|kicked|pushed|grabbed|damaged|sent[ \t]+(?:her|him|them)[ \t]+(?:threatening|abusive))|"
    r"(?:had[ \t]+)?(?:obtained|applied[ \t]+for|was[ \t]+granted)[ \t]+(?:a|an)[ \t]+(?:non-molestation|restraining|protective|domestic[ \t]+abuse[ \t]+protection)[ \t]+order|"
    # the complainant: "Chloe reported the offence to police", "told police she had been raped"
    r"(?:had[ \t]+)?(?:reported|disclosed)[ \t]+(?:the|her|his|their|an?)[ \t]+(?:offence|offences|rape|sexual[ \t]+assault|abuse|assault|attack)[ \t]+to[ \t]+(?:the[ \t]+)?police|"
    r"(?:had[ \t]+)?(?:told|informed|reported[ \t]+to)[ \t]+(?:the[ \t]+)?police[ \t]+(?:that[ \t]+)?(?:she|he|they)[ \t]+(?:had[ \t]+been|was|were)[ \t]+"
    r"(?:raped|assaulted|sexually[ \t]+assaulted|attacked|strangled|threatened|harassed|stalked|abused|hit|punched|kicked)|"
    r"made[ \t]+(?:an[ \t]+allegation|a[ \t]+complaint|a[ \t]+statement)[ \t]+(?:to[ \t]+police[ \t]+)?(?:against|about)|"
    # harm told of the speaker: "X, who reported that Mr Y had threatened her" (the object
    # pronoun is the one who told; "his mother said he had hit a neighbour" is not)
    r"(?:who[ \t]+)?(?:had[ \t]+)?(?:reported|told[ \t]+(?:the[ \t]+)?police|disclosed|alleged|complained)[ \t]+(?:to[ \t]+(?:the[ \t]+)?police[ \t]+)?that[ \t]+"
    r"(?:he|she|they|" + _TITLED + r")[ \t]+had[ \t]+(?:repeatedly[ \t]+)?"
    r"(?:sexually[ \t]+)?(?:threatened|assaulted|attacked|hit|punched|harassed|stalked|raped|strangled|kicked|pushed|grabbed|choked|controlled|abused|touched|groomed)[ \t]+(?:her|him|them)|"
    # support only someone harmed receives: an IDVA or ISVA, a MARAC referral, a refuge
    r"(?:was|had[ \t]+been)[ \t]+(?:supported|helped|assisted)[ \t]+by[ \t]+(?:an?[ \t]+)?(?:independent[ \t]+(?:domestic[ \t]+(?:violence|abuse)|sexual[ \t]+violence)[ \t]+advis[eo]r|IDVA|ISVA|domestic[ \t]+abuse[ \t]+(?:service|worker|support)|refuge)|"
    r"(?:was|had[ \t]+been)[ \t]+(?:referred[ \t]+to|discussed[ \t]+at)[ \t]+(?:a[ \t]+)?MARAC)(?![\w-])"
    r"|^['’]s[ \t]+(?i:death|murder|killing|injuries|body)(?![\w-])"
    # harm told of the person in a relative clause: "Holly, whom he had assaulted in 2019", "Jade, the woman he killed"
    r"|^,?[ \t]+(?i:whom|who|(?:the|a)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:woman|man|girl|boy|child|person))[ \t]+(?:he|she|they|" + _TITLED + r")[ \t]+"
    r"(?i:had[ \t]+|later[ \t]+|went[ \t]+on[ \t]+to[ \t]+)?(?:" + _HARM_VERBS + r"|harmed|abused|groomed)(?![\w-])"
    # a complainant who would not go on with it: "Ms Z withdrew her support for the prosecution"
    r"|^,?[ \t]+(?i:later[ \t]+|subsequently[ \t]+)?(?i:withdrew|retracted|did[ \t]+not[ \t]+support|declined[ \t]+to[ \t]+support|was[ \t]+unwilling[ \t]+to[ \t]+support|did[ \t]+not[ \t]+wish[ \t]+to[ \t]+support)"
    r"[ \t]+(?i:her|his|their|a|the)[ \t]+(?i:support[ \t]+for[ \t]+(?:the|a)[ \t]+)?(?i:prosecution|complaint|allegations?|statement)(?![\w-])"
    r"|^['’]s[ \t]+(?i:DASH)(?![\w-])"
    # the part played after an appositive: "Holly Fairclough, his partner at the time, was the victim"
    r"|^,[^.;,]{1,50},[ \t]+(?i:who[ \t]+)?(?i:was|is|had[ \t]+been|became)[ \t]+(?i:the|a|an)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?i:victim|injured[ \t]+party|complainant)(?![\w-])"
    # the family a review is shared with: "X's family have asked for a copy of this review"
    r"|^['’]s[ \t]+(?i:family|families|parents|loved[ \t]+ones|next[ \t]+of[ \t]+kin)(?![\w-])[^.;]{0,80}?" + _FAMILY_OF_VICTIM
)
_MORE_VICTIM_BEFORE = re.compile(
    r"(?<![\w-])(?i:(?:the[ \t]+)?(?:death|body|murder|killing|manslaughter)[ \t]+of" + _APPOSED + "|(?:allegations?|complaints?|disclosures?)[ \t]+(?:made[ \t]+)?by"
    r"|(?:condolences|sympathies|sympathy)[^.;]{0,40}?(?:(?:family|families|loved[ \t]+ones)[ \t]+of|[ \t](?:to|with))|bereaved[ \t]+(?:family|families)[ \t]+of)[ \t]+" + _TITLE + r"$"
)


# The further offence's victim is often named once, as a relative ("his partner, Jane
# Smith"), and otherwise called by the relationship: "he attacked his partner", "the murder
# of his former partner", "the victim, his housemate". A relationship that was harmed
# makes the person with it the victim (harmed_relations, _assign_roles).
_RELATION = _alternation([w for w in RELATIONSHIP_CUES])
_HARMED_RELATION = re.compile(
    rf"(?<![\w-])(?i:(?:{_HARM_NOUNS})[ \t]+(?:of|on|upon)|(?:{_OFFENCES})\b[^.;:]{{0,40}}?[ \t](?:against|towards|upon)"
    rf"|(?:{_HARM_VERBS})|the[ \t]+victim(?:[ \t]+(?:of|in)[ \t]+(?:the|this)[ \t]+(?:further[ \t]+offence|SFO|offence|case|review))?"
    rf"(?:,(?:[ \t]+who[ \t]+(?:was|is))?|[ \t]+(?:was|is|had[ \t]+been)))"
    # whose relative: "his partner", or the subject's by name ("the victim was Mr Cole's ex-partner")
    rf"[ \t]+(?i:his|her|their|{_TITLED}['’]s|[\w-]+['’]s)[ \t]+(?i:(?:former|then|current|new|estranged|elderly|teenage|young|older|younger)[ \t]+)?(?P<rel>(?i:{_RELATION}))(?![\w-])"
)


# A partner harmed is the one the review calls "his former partner" elsewhere: the
# relationship had often ended by the time of the offence, or of the writing.
_SAME_RELATION = ({"partner", "ex-partner"},)


def harmed_relations(texts) -> set[str]:
    """Relationship codes the document says were harmed: 'he stabbed his partner' -> {'partner', 'ex-partner'}."""
    out: set[str] = set()
    for text in texts:
        for m in _HARMED_RELATION.finditer(text):
            cue = classify(m.group("rel"))
            if cue is not None and cue.code:
                out.add(cue.code)
    for group in _SAME_RELATION:
        if out & group:
            out |= group
    return out


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


_ANY_CUE = re.compile(rf"(?<![\w-])(?P<cue>{_CUE})(?![\w-])")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?;]\s+)(?:(?i:the|his|her|their|a|an)\s+)?(?:(?i:allocated|new|former)\s+)?$")


def last_role_word(text: str, *, subject_only: bool = False) -> tuple[int, Cue] | None:
    """The last role word in `text` and where it ends: the antecedent a pronoun after it may
    have when no name is nearer ("The PP had a high caseload. She ..."). With `subject_only`,
    only a role word opening its sentence counts ("saw the SI" is not a subject).
    """
    last = None
    for m in _ANY_CUE.finditer(text):
        cue = classify(m.group("cue"))
        if cue is not None and (not subject_only or _SENTENCE_OPENING.search(text[: m.start()])):
            last = (m.end(), cue)
    return last


def cues_around(text: str, start: int, end: int) -> list[tuple[Cue, int]]:
    """Cues next to the mention text[start:end], each with a weight (adjacent cues weigh more)."""
    found: list[tuple[Cue, int]] = []
    title = _TITLE_CUE.search(text[max(0, start - 6) : start])
    if title:
        word = title.group("cue").lower()
        found.append((Cue(Role.STAFF, "other", _TITLE_WORD.get(word, word)), 2))
    before = text[max(0, start - 60) : start]
    m = _BEFORE.search(before)
    if m and not (m.group("is") and re.match(r"['’]s(?![\w-])", text[end : end + 3])):
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
    if _IN_RELATIONSHIP_BEFORE.search(before) or _IN_RELATIONSHIP_AFTER.match(after):
        found.append((_RELATIONSHIP_CUE, 2))
    heading = start <= 80 and _FAMILY_HEADING_BEFORE.match(text[:start]) and _FAMILY_HEADING_AFTER.match(text[end:])
    if heading or _VICTIM_BEFORE.search(before) or _VICTIM_AFTER.match(after) or _MORE_VICTIM_BEFORE.search(before) or _MORE_VICTIM_AFTER.match(after):
        found.append((Cue(Role.VICTIM, HARM, "harm done to the person"), 2))
    if _PRACTICE_AFTER.match(after) or _MORE_PRACTICE_AFTER.match(after) or _PRACTICE_POSSESSIVE.match(after) or _PRACTICE_BEFORE.search(before):
        found.append((Cue(Role.STAFF, PRACTICE, "practice done by the person"), 1))
    conduct = _CONDUCT_AFTER.match(after) or _CONDUCT_POSSESSIVE.match(after) or _CONDUCT_BEFORE.search(before)
    if conduct:
        code = SUPERVISION if _SUPERVISION.search(conduct.group(0)) else CONDUCT
        found.append((Cue(Role.SUPERVISED_INDIVIDUAL, code, "what the supervised individual did or had done"), 1))
    return found


def practice_after(text: str, end: int) -> bool:
    """Whether what follows text[:end] (a name or a pronoun) tells of a member of staff's
    practice: "... recorded the arrest", "... then made a referral". The same cues make a
    named person staff (cues_around); a supervised individual does not record or refer.
    """
    after = text[end : end + 90]
    return bool(_PRACTICE_AFTER.match(after) or _MORE_PRACTICE_AFTER.match(after))


def conduct_after(text: str, end: int) -> bool:
    """Whether what follows text[:end] tells of what only a supervised individual does
    ("... was recalled", "... missed two appointments").
    """
    return bool(_CONDUCT_AFTER.match(text[end : end + 90]))


# Harm told with a pronoun for its object: "he strangled her", "Mr X had threatened him".
_PRONOUN_HARM = re.compile(
    rf"(?<![\w-])(?:had[ \t]+|then[ \t]+|repeatedly[ \t]+)?(?i:{_HARM_VERBS}|hit|pushed|grabbed|choked|threatened|bit|slapped|headbutted)[ \t]+(?P<object>her|him)(?![\w'’-])"
)


# Harm told of "she" or "he" as the subject ("She was stabbed", "she sustained a fractured
# skull") or of "her" or "his" owning it ("her murder", "his injuries"): the same cues as of a name.
_PRONOUN_SUBJECT = re.compile(r"(?<![\w'’-])(?P<pronoun>she|he)(?![\w'’-])", re.IGNORECASE)
_PRONOUN_OWNS_HARM = re.compile(r"(?<![\w'’-])(?P<pronoun>her|his)[ \t]+(?i:murder|killing|injuries|body|stab[ \t]+wounds)(?![\w-])", re.IGNORECASE)


def pronoun_harms(text: str) -> list[tuple[int, str]]:
    """Where harm is done to "her" or "him" in `text`, or told of "she" or "he": (start of
    the verb or pronoun, "f" or "m").
    """
    out = [(m.start(), "f" if m.group("object").lower() == "her" else "m") for m in _PRONOUN_HARM.finditer(text)]
    for m in _PRONOUN_SUBJECT.finditer(text):
        after = text[m.end() : m.end() + 90]
        if _VICTIM_AFTER.match(after) or _MORE_VICTIM_AFTER.match(after):
            out.append((m.start(), "f" if m.group("pronoun").lower() == "she" else "m"))
    out += [(m.start(), "f" if m.group("pronoun").lower() == "her" else "m") for m in _PRONOUN_OWNS_HARM.finditer(text)]
    return sorted(out)


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


# A line introducing a list of staff: "Staff interviewed for this review:", "Practitioners
# and managers who contributed:". A list of family members or witnesses says nothing.
_STAFF_LIST_HEADING = re.compile(r"(?i)\b(?:staff|practitioners|managers|colleagues|professionals)\b[^:]{0,60}:\s*$")
_LIST_ITEM_WORDS = 8


def list_cues(document) -> dict[str, Cue]:
    """Unit id of a short line in a list under a staff heading -> a staff cue.

    Reviews list the people interviewed one per line under a heading, and name some of them
    nowhere else: "Staff interviewed for this review:" then "Ben Cole (BC)".
    """
    out: dict[str, Cue] = {}
    under = False
    for uid, unit in document.units.items():
        text = unit.text.strip()
        if not text:
            continue
        if text.endswith(":"):  # a heading: of a staff list, or of another list
            heading_cues = {c.role for c in (classify(m.group("cue")) for m in _CUE_IN_CELL.finditer(text)) if c is not None}
            under = bool(_STAFF_LIST_HEADING.search(text)) and len(text.split()) <= 14 and heading_cues <= {Role.STAFF}
            continue
        heading = getattr(unit.style, "name", "").startswith("HEADING") or re.match(r"\d+(?:\.\d+)*\.?\s", text)
        if under and not heading and len(text.split()) <= _LIST_ITEM_WORDS and not re.search(r"[.!?]\s*$", text):
            out[uid] = Cue(Role.STAFF, "other", "a list of staff")
        else:
            under = False
    return out


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
