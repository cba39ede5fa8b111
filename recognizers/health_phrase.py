"""Health facts in ordinary words: symptoms, treatment, self-harm, admissions and readings.

A review written by a person seldom names a diagnosis. It says that someone "had been
seeing things that were not there", was "given something to calm him down", "had stopped
his injections", had "a cutting incident" or was "admitted voluntarily to a psychiatric
ward" (DOMAIN.md: health facts in ordinary words are removed like diagnoses). A list of
terms cannot hold these; each pattern here is a shape of wording, a verb or a noun of a
class (taking, stopping, cutting, admitting) with the object that makes it a health fact.
The span is the whole phrase, so what is left reads as a sentence with a box in it.

Service words stay: "the Community Mental Health Team", "the GP", "a medication review
meeting", "admitted the offence", "taken to the police station" do not match (see the near
misses in tests/recognizers/test_health_phrase.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex as re
from presidio_analyzer import Pattern, RecognizerResult

from recognizers.base import SfoPatternRecognizer

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_S = r"[ \t]+"
_POSS = r"(?:his|her|their|the)"
_SELF = r"(?:himself|herself|themselves|themself)"
_OBJ = r"(?:him|her|them)"
_START = r"(?<![\w'’-])"
_END = r"(?![\w'’-])"
_WHEN = r"(?:" + _S + r"(?:at[ \t]+night|in[ \t]+" + _POSS + r"[ \t]+(?:head|room|cell|flat)|every[ \t]+day|daily|again))?"

# Sections of the Mental Health Act 1983 that detain or remove a person. With an article
# alone ("a section 2") the Children Act's sections 7, 17, 20, 37 and 47 are left out: "a
# section 47 enquiry" is a child protection process, not a detention.
_MHA_SECTION_ALONE = (
    r"(?:section|s\.)[ \t]*(?:2|3|4|5[ \t]*\([24]\)|35|36|37[ \t]*/[ \t]*41|38|41|45A|47[ \t]*/[ \t]*49|48[ \t]*/[ \t]*49|117|135|136)(?![\w/])"
)
_MHA_SECTION = r"(?:(?:section|s\.?)[ \t]*(?:37|47|48|7|17|5)(?:[ \t]*/[ \t]*[0-9]{2})?(?![\w/(])|" + _MHA_SECTION_ALONE + r")"
# "section 3 of this review": a section followed by "of" is another document's, unless the
# Act is named.
_NOT_OTHER_SECTION = r"(?!" + _S + r"(?:of|notice|report|order)" + r"\b(?!" + _S + r"the" + _S + r"(?:Mental|Act|1983)))"
_BODY = (
    r"(?:head|face|forehead|eyes?|nose|jaw|cheek|cheekbone|mouth|lips?|ears?|neck|throat|chest|back|shoulders?|"
    r"arms?|forearms?|elbows?|wrists?|hands?|fingers?|thumbs?|ribs?|stomach|abdomen|hips?|legs?|thighs?|knees?|"
    r"ankles?|foot|feet|toes?|skull|spine|collarbone|pelvis|groin|scalp|eye[ \t]+socket|eyebrow|temple|shin|calf|heel|teeth|tooth)"
)
_BODY_OF = r"(?:(?:his|her|their|the|both|one)" + _S + r")(?:(?:left|right|upper|lower)" + _S + r")?" + _BODY

# Each class: (pattern name, regex). The name is the reason in the log, so it is plain words.
_CLASSES: list[tuple[str, str]] = [
    (
        "symptom in ordinary words",
        r"(?:seeing|saw|seen)" + _S + r"(?:shadows|insects|bugs|spiders|demons|ghosts|spirits)(?!" + _S + r"(?:of|in[ \t]+the[ \t]+(?:film|game|book))\b)"
        r"|(?:seeing|hearing|smelling|feeling)" + _S + r"(?:things|voices|people|noises|shadows|insects)"
        r"(?:" + _S + r"(?:that|which|who)" + _S + r"(?:were|was)" + _S + r"(?:not|n['’]t)" + _S + r"(?:really" + _S + r")?there"
        r"|" + _S + r"(?:that|which|who)" + _S + r"(?:nobody|no[ \t]+one)" + _S + r"else" + _S + r"could" + _S + r"(?:see|hear)"
        r"|" + _S + r"at[ \t]+night|" + _S + r"in[ \t]+" + _POSS + r"[ \t]+(?:head|room|cell|flat)"
        r"|" + _S + r"(?:coming" + _S + r"from|through|in|inside)" + _S + r"the" + _S + r"(?:walls?|ceiling|floor|pipes|television|TV|radio|vents?))",
    ),
    (
        # things that speak or send messages to a person: "the television was talking to him"
        "symptom in ordinary words",
        r"(?:the" + _S + r")?(?:television|TV|radio|telly|walls|computer|birds)" + _S + r"(?:was|were|had[ \t]+been|kept)" + _S
        + r"(?:talking|speaking|sending" + _S + r"(?:him|her|them)" + _S + r"messages|sending" + _S + r"messages|giving" + _S + r"(?:him|her|them)" + _S + r"messages)"
        r"(?:" + _S + r"to" + _S + _OBJ + r")?",
    ),
    (
        "symptom in ordinary words",
        r"(?:believed|convinced|thought|was[ \t]+sure)" + _S + r"(?:that" + _S + r")?(?:his|her|their)" + _S
        + r"(?:food|drink|water|tea|medication|flat|phone|room|cell|car)" + _S + r"(?:was|were|had[ \t]+been)" + _S + r"(?:being" + _S + r")?"
        r"(?:poisoned|bugged|tampered[ \t]+with|spiked|drugged|watched)"
        r"|(?:believed|convinced|thought)" + _S + r"(?:that" + _S + r")?(?:people|the[ \t]+neighbours|neighbours|the[ \t]+police|MI5|the[ \t]+government|someone|others)" + _S
        + r"(?:were|was)" + _S + r"(?:watching|following|poisoning|controlling|spying[ \t]+on|reading[ \t]+(?:his|her|their)[ \t]+(?:mind|thoughts))"
        r"(?:" + _S + _OBJ + r")?"
        r"|(?:believed|convinced|thought)" + _S + r"(?:that" + _S + r")?(?:he|she|they)" + _S + r"(?:was|were)" + _S
        + r"being" + _S + r"(?:watched|followed|poisoned|controlled|spied[ \t]+on)",
    ),
    (
        "symptom in ordinary words",
        r"(?:(?:very|quite)" + _S + r")?(?:low|flat)" + _S + r"in" + _S + r"(?:his|her|their)?[ \t]*mood"
        r"|(?:felt|feeling|was|were|became|had[ \t]+been)" + _S + r"suicidal"
        r"|(?:having|had|experiencing|experienced|suffering|suffered|reported)" + _S
        + r"(?:(?:frequent|regular|more)" + _S + r")?(?:flashbacks|nightmares|blackouts|seizures|fits|panic[ \t]+attacks)"
        r"|(?:his|her|their)" + _S + r"mental" + _S + r"health" + _S + r"(?:had" + _S + r"|was" + _S + r"|began" + _S + r"to" + _S + r")?"
        r"(?:deteriorated|deteriorating|declined|declining|worsened|worsening|got[ \t]+worse|in[ \t]+crisis)",
    ),
    (
        "mental state in ordinary words",
        # a state word after a verb of being or feeling: "was paranoid", "felt low",
        # "presented as anxious and depressed", "his mood was flat"
        r"(?:was|were|is|had[ \t]+been|felt|feeling|became|becoming|appeared|seemed|presented[ \t]+as|got|getting|gets|grew)" + _S
        + r"(?:(?:very|extremely|increasingly|quite|more|severely|acutely)" + _S + r")?"
        r"(?:(?:anxious|tearful|withdrawn|agitated|low|unsettled)" + _S + r"and" + _S + r")?"
        r"(?:depressed|paranoid|psychotic|manic|hypomanic|delusional)"
        r"|(?:felt|feeling|was[ \t]+feeling)" + _S + r"(?:(?:very|really|quite)" + _S + r")?low"
        r"|(?:was|were|had[ \t]+been|became|seemed)" + _S + r"(?:very|really|so|extremely|particularly)" + _S + r"low"
        r"(?!" + _S + r"(?:on|in|for|risk|level|numbers|priority|income|paid)\b|[ \t]*-)"
        r"|(?:his|her|their)" + _S + r"mood" + _S + r"(?:was|had[ \t]+been|remained|became)" + _S
        + r"(?:(?:very|quite)" + _S + r")?(?:low|flat|unstable|poor|erratic|elevated)"
        r"|low" + _S + r"mood"
        r"|(?:struggling|struggled|struggles)" + _S + r"with" + _S + r"(?:his|her|their)" + _S + r"mental" + _S + r"health"
        # "a breakdown in communication" is a practice finding: bare "a breakdown" counts
        # only when someone had or suffered it
        r"|(?:an?|his|her|their)" + _S + r"(?:mental[ \t]+health|nervous|mental|psychotic)" + _S + r"breakdown"
        r"|(?:had|suffered|suffering|having)" + _S + r"an?" + _S + r"breakdown(?!" + _S + r"(?:in|of|between|with)\b)"
        r"|(?:heard|hears|hearing)" + _S + r"voices"
        r"|(?:heard|hears|hearing)" + _S + r"(?:his|her|their)" + _S + r"name" + _S + r"(?:being" + _S + r")?called"
        r"|(?:heard|hears|hearing)" + _S + r"a" + _S + r"voice" + _S + r"(?:telling|saying|that" + _S + r"told|in" + _S + r"(?:his|her|their)" + _S + r"head)",
    ),
    (
        "suicide or self-harm risk in ordinary words",
        r"(?:thoughts|ideas?|ideation)" + _S + r"(?:of|about)" + _S
        + r"(?:suicide|self-harm|self[ \t]+harm|killing" + _S + _SELF + r"|ending" + _S + r"(?:his|her|their)" + _S + r"(?:own" + _S + r")?life)"
        r"|suicidal" + _S + r"(?:thoughts|ideation|feelings|intent)"
        r"|on" + _S + r"(?:constant" + _S + r")?(?:suicide|self-harm)" + _S + r"watch"
        r"|ending" + _S + r"it" + _S + r"all"
        r"|(?:cuts|scars|scarring|lacerations)" + _S + r"(?:to|on)" + _S + r"(?:his|her|their|both)" + _S
        + r"(?:arms?|forearms?|wrists?|legs?|thighs?|stomach)",
    ),
    (
        # whatever follows "diagnosed with" is the diagnosis, listed or not ("depression and
        # anxiety", "a rare blood disorder"), to the end of its phrase
        "diagnosis in ordinary words",
        r"(?:diagnosed|diagnosis)" + _S + r"(?:with|of)" + _S + r"(?:an?" + _S + r"|the" + _S + r")?[\w'’-]+"
        r"(?:" + _S + r"(?!(?:was|were|which|who|but|by|in|at|when|after|before|on|from|and[ \t]+(?:was|he|she|they|had))\b)[\w'’-]+){0,5}?"
        r"(?=[ \t]*(?:[,.;:)]|$)|" + _S + r"(?:was|were|which|who|but|by|in|at|when|after|before|on|from|and[ \t]+(?:was|he|she|they|had))\b)",
    ),
    (
        "episode of illness in ordinary words",
        r"(?:had|has|having|suffered|suffering|experienced)" + _S + r"(?:an?|another|a[ \t]+further)" + _S
        + r"(?:(?:major|minor|mild|severe|suspected)" + _S + r")?"
        r"(?:seizure|fit|stroke|heart[ \t]+attack|panic[ \t]+attack|blackout|psychotic[ \t]+episode|manic[ \t]+episode|depressive[ \t]+episode|relapse(?![ \t]+prevention))"
        r"|self-medicating|self[ \t]+medicating"
        r"|(?:was|were)[ \t]+(?:not[ \t]+sleeping|sleeping[ \t]+(?:badly|poorly))|insomnia"
        r"|(?:an?|his|her|their)" + _S + r"(?:(?:long-term|chronic|serious|underlying)" + _S + r")?"
        r"(?:heart|lung|kidney|liver|skin|thyroid|bowel|medical|health|neurological)" + _S + r"condition"
        r"|(?:had|has|with)" + _S + r"an?" + _S + r"(?:stammer|stutter)"
        r"|(?:had[ \t]+)?(?:recently[ \t]+)?(?:given|gave)" + _S + r"birth"
        r"|(?:an?|the|her)" + _S + r"(?:[0-9]{1,2}|twelve|twenty)[ \t-]?weeks?" + _S + r"scan|scan" + _S + r"at" + _S + r"(?:[0-9]{1,2}|twelve|twenty)" + _S + r"weeks"
        r"|(?:given|had|having|needed)" + _S + r"an?" + _S + r"(?:tetanus|flu|covid|hepatitis|B12|contraceptive|vitamin)" + _S + r"(?:jab|injection|vaccine|vaccination|shot|booster)"
        r"|(?:had|having|booked|arranged|wanted|considering|sought)" + _S + r"(?:a" + _S + r")?(?:termination|abortion)(?!" + _S + r"of" + _S + r"(?:his|her|their|the)" + _S + r"(?:employment|contract|tenancy|licence|lease))"
        r"|(?:rushed|taken|wheeled|sent|returned|back)" + _S + r"(?:in)?to" + _S + r"theatre"
        r"|(?:kept|held|admitted|stayed)" + _S + r"(?:in" + _S + r")?(?:overnight" + _S + r")?for" + _S + r"(?:observation|observations|tests|monitoring|scans)"
        r"|(?:reading|read|hear|hearing|controlling|stealing)" + _S + r"(?:his|her|their)" + _S + r"(?:mind|thoughts)"
        r"|(?:putting|put|inserting|inserted)" + _S + r"thoughts" + _S + r"(?:into|in)" + _S + r"(?:his|her|their)" + _S + r"(?:head|mind)"
        r"|expecting" + _S + r"(?:a|his|her|their|another|our)" + _S + r"(?:(?:first|second|third|fourth|fifth|next)" + _S + r")?(?:baby|child)",
    ),
    (
        # a section of the Mental Health Act 1983 after a verb of detaining or an article:
        # "detained under section 136", "placed on a section 2", "released from a section 3";
        # "section 3 of this review" and "a section 21 notice" are not sections of the Act
        "mental health detention in ordinary words",
        r"(?:(?:detained|held|kept|placed|put|admitted|assessed|released|discharged|removed|taken|recalled|transferred)" + _S
        + r"(?:" + _OBJ + _S + r")?(?:on|under|from|off|onto)" + _S + r"(?:(?:an?|the)" + _S + r")?" + _MHA_SECTION
        + r"|(?:an?|his|her|their|under|used|using|invoked|invoking|applied|(?:made" + _S + r")?subject" + _S + r"to)" + _S + _MHA_SECTION_ALONE + r")" + _NOT_OTHER_SECTION
        + r"|(?:put|placed|kept|held)" + _S + r"(?:" + _OBJ + _S + r")?on" + _S + r"a" + _S + r"section(?![ \t]*[0-9])(?!" + _S + r"(?:of|about|on|in)\b)"
        r"|(?:detained|sectioned)" + _S + r"under" + _S + r"the" + _S + r"Act"
        + r"|(?:detained|assessed|admitted|held|kept|treated|removed|sectioned)" + _S + r"under" + _S
        + r"(?:the" + _S + r")?Mental" + _S + r"Health" + _S + r"Act"
        r"|(?:an?" + _S + r")?Mental" + _S + r"Health" + _S + r"Act" + _S + r"assessments?",
    ),
    (
        # an injury named with the part of the body: "a cut to his head", "a broken nose",
        # "broke his wrist", "six stitches in his hand"
        "injury in ordinary words",
        r"(?:(?:an?|his|her|their|two|three|several|deep|small|large|nasty|serious|superficial|minor)" + _S + r")?"
        r"(?:(?:deep|small|large|nasty|serious|superficial|minor|bad)" + _S + r")?"
        r"(?:cuts?|gash(?:es)?|graze[sd]?|lacerations?|wounds?|stab" + _S + r"wounds?|bruises?|bruising|burns?|swelling|fractures?|injur(?:y|ies)|bite" + _S + r"marks|bites?|"
        r"scratch(?:es)?|lumps?|rash(?:es)?|growths?|cysts?|sores|blisters|boils|ulcers?|abscess(?:es)?)"
        + _S + r"(?:to|on|in|across|above|below|under|around|all[ \t]+over)" + _S + _BODY_OF
        + r"|(?:broke|broken|fractured|fracturing|dislocated|dislocating|sprained|spraining|twisted|injured|injuring|hurt|hurting|damaged|burnt|burned|bruised|banged|gashed|grazed)"
        + _S + r"(?:his|her|their)" + _S + r"(?:(?:left|right|upper|lower)" + _S + r")?" + _BODY
        + r"|(?:an?|his|her|their)" + _S + r"(?:(?:badly|suspected)" + _S + r")?(?:broken|fractured|dislocated|sprained|bloody|bloodied|swollen|black)" + _S + _BODY
        + r"|(?:facial|head|hand|leg|arm|chest|internal|abdominal|eye|neck|back|spinal|knife|gunshot|defensive|self-inflicted|crush)" + _S
        + r"(?:injur(?:y|ies)|wounds?|lacerations?|fractures?)"
        r"|(?:an?|his|her|their)" + _S + r"infected" + _S + r"(?:wound|cut|" + _BODY + r")|infected" + _S + r"(?:wound|wounds|cut|injection[ \t]+sites?)"
        r"|(?:an?|his|her|their)" + _S + r"(?:bandage|dressing|plaster[ \t]+cast|cast|sling|splint|brace|neck[ \t]+brace)" + _S + r"(?:on|around|round)" + _S + _BODY_OF
        + r"|(?:his|her|their)" + _S + _BODY + _S + r"in" + _S + r"(?:a" + _S + r")?(?:sling|cast|plaster|splint|brace)"
        r"|on" + _S + r"crutches"
        r"|(?:split|cracked|chipped|bust|busted|broken)" + _S + r"(?:his|her|their)" + _S + r"(?:lip|lips|ribs?|teeth|tooth|head|nose|skull|eyebrow)"
        r"|(?:an?|his|her|their)" + _S + r"(?:bad|dodgy|injured|sore|painful|weak|gammy)" + _S + r"(?:back|knees?|legs?|hips?|shoulders?|ankles?|foot|feet|wrists?|neck|arms?|elbows?)"
        r"|(?:was|were|had[ \t]+been)" + _S + r"in" + _S + r"agony"
        r"|(?:in" + _S + r"(?:a[ \t]+lot[ \t]+of|severe|constant|terrible|great|chronic)|(?:doubled" + _S + r"up|writhing|screaming|groaning|crying)" + _S + r"in)" + _S + r"(?:pain|agony)"
        r"|(?:shaking|trembling)" + _S + r"and" + _S + r"sweating|sweating" + _S + r"and" + _S + r"(?:shaking|trembling)"
        r"|lost" + _S + r"(?:(?:most|all|some|several|many|a[ \t]+lot)" + _S + r"of" + _S + r")?(?:his|her|their)" + _S + r"teeth"
        r"|(?:needed|needs|wears|wore|wearing|prescribed)" + _S + r"(?:reading" + _S + r")?glasses"
        r"|(?:wet|wets|wetting|soiled|soiling)" + _S + r"(?:the" + _S + r"bed|" + _SELF + r")"
        r"|(?:broke|cracked|fractured|bruised|broken|cracking)" + _S + r"(?:two|three|four|several|some|[0-9])" + _S + r"(?:ribs|fingers|toes|teeth|bones)"
        r"|(?:had|has|have)" + _S + r"(?:his|her|their)" + _S + r"(?:(?:left|right)" + _S + r")?" + _BODY + _S + r"(?:amputated|removed|set|pinned|plastered|stitched)"
        r"|(?:stitches|staples)" + _S + r"(?:in|to|on|above|below|across)" + _S + _BODY_OF
        + r"|(?:[0-9]{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|several|a[ \t]+few|some)" + _S + r"(?:stitches|staples)"
        r"(?:" + _S + r"(?:in|to|on|above|below|across)" + _S + _BODY_OF + r")?"
        r"|(?:lost|losing|regained)" + _S + r"consciousness|(?:knocked|was|were|left|found|lay)" + _S + r"unconscious"
        r"|(?:passed|blacked)" + _S + r"out(?!" + _S + r"(?:of|from|leaflets|the|to)\b)|(?:was|were|found)" + _S + r"unresponsive",
    ),
    (
        # pain named by where it is: "chest pains", "back pain", "a pain in her side", "headaches"
        "pain in ordinary words",
        r"(?:chest|back|stomach|neck|knee|joint|nerve|abdominal|leg|shoulder|hip|ear|tooth|pelvic|period|muscle|"
        r"arm|kidney|foot|groin|rib|jaw|eye)" + _S + r"(?:pains?|aches?)"
        r"|(?:toothache|backache|earache|stomach-?ache|headaches|migraines?)"
        r"|(?:pains?|aching|soreness)" + _S + r"in" + _S + r"(?:his|her|their)" + _S + r"(?:(?:left|right|lower|upper)" + _S + r")?(?:side|" + _BODY + r")",
    ),
    (
        # a symptom named by what it affects: memory, sleep, eating, weight, breathing
        "symptom in ordinary words",
        r"(?:memory|concentration|sleep|sleeping|eating|breathing|balance|continence|bladder|bowel|heart|chest|eyesight|"
        r"hearing|vision|weight|dental|skin|stomach|liver|kidney|health)" + _S + r"(?:problems?|difficult(?:y|ies)|issues|loss)"
        r"|(?:problems?|difficult(?:y|ies)|trouble|issues)" + _S + r"(?:with" + _S + r"(?:his|her|their)" + _S
        + r"(?:memory|sleep|sleeping|eating|breathing|eyesight|hearing|balance|heart|chest|liver|kidneys|bladder|bowels|back|knees?|hips?|teeth|weight)"
        r"|(?:sleeping|breathing|eating|walking|swallowing|concentrating|remembering|standing))"
        r"|(?:poor|disturbed|broken|little|no|restless|interrupted)" + _S + r"sleep(?!" + _S + r"(?:hygiene|over|in)\b)"
        r"|(?:could" + _S + r"not|couldn['’]t|cannot|can['’]t|unable" + _S + r"to|struggl(?:ing|ed|es)" + _S + r"to|not" + _S + r"able" + _S + r"to)" + _S + r"sleep"
        r"|(?:not|stopped|wasn['’]t|weren['’]t|hardly|barely)(?:" + _S + r"been)?" + _S + r"eating"
        r"(?:" + _S + r"(?:properly|well|enough|regularly|much|anything|at[ \t]+all))?"
        r"(?!" + _S + r"(?:with|together|at|in|out|meat|fish|lunch|dinner|breakfast|tea|his|her|their|the|there|takeaways?|food)\b)"
        r"|off" + _S + r"(?:his|her|their)" + _S + r"food"
        r"|(?:lost|losing|loss" + _S + r"of|poor|no|reduced|little)" + _S + r"(?:(?:his|her|their)" + _S + r")?appetite(?!" + _S + r"for\b)"
        r"|(?:lost|losing|had[ \t]+lost)" + _S + r"(?:(?:a[ \t]+lot[ \t]+of|a[ \t]+great[ \t]+deal[ \t]+of|so[ \t]+much|some|significant|considerable|noticeable)" + _S + r")?weight"
        r"|(?:cope|coping|deal|dealing|block|blocking|drown|drowning|silence|quieten)" + _S + r"(?:out" + _S + r")?(?:with" + _S + r")?the" + _S + r"voices"
        r"|the" + _S + r"voices" + _S + r"(?:told|telling|were" + _S + r"telling|said|got" + _S + r"worse|in" + _S + r"(?:his|her|their)" + _S + r"head)"
        r"|racing" + _S + r"thoughts"
        r"|(?:could" + _S + r"not|couldn['’]t|unable" + _S + r"to|struggl(?:ed|ing|es)" + _S + r"to|not" + _S + r"able" + _S + r"to)" + _S + r"get" + _S + r"out" + _S + r"of" + _S + r"bed"
        r"|(?:had" + _S + r"not|hadn['’]t|has" + _S + r"not|hasn['’]t|not)" + _S + r"slept" + _S
        + r"(?:(?:for|in)" + _S + r"(?:days|weeks|a[ \t]+(?:day|week|few[ \t]+days)|[0-9]+[ \t]+(?:days|nights)|two|three|several)|properly|at" + _S + r"all)"
        r"|(?:became|becoming|become|was|were|grew|growing|seemed|appeared|presented" + _S + r"as)" + _S
        + r"(?:(?:very|increasingly|more|quite|extremely)" + _S + r")?withdrawn(?!" + _S + r"(?:from|by)\b)"
        r"|(?:could|can|heard|hear|hearing)" + _S + r"(?:hear" + _S + r")?(?:people|someone|voices|neighbours|others)" + _S
        + r"(?:talking|whispering|laughing|plotting|shouting)" + _S + r"(?:about|at)" + _S + _OBJ
        + r"|(?:an?" + _S + r")?(?:chip|tracker|tracking" + _S + r"device|device|camera|microphone|implant|transmitter)" + _S + r"(?:in|inside)" + _S
        + r"(?:his|her|their)" + _S + r"(?:head|brain|body|teeth|tooth|neck)"
        r"|waking" + _S + r"(?:up" + _S + r")?(?:screaming|shouting|in[ \t]+a[ \t]+panic|in[ \t]+a[ \t]+sweat|sweating|shaking|crying)"
        r"|(?:not|stopped|wasn['’]t|weren['’]t|was[ \t]+not|unable[ \t]+to)" + _S + r"(?:looking" + _S + r"after|caring" + _S + r"for|taking" + _S + r"care" + _S + r"of|look" + _S + r"after)" + _S + _SELF
        + r"|(?:his|her|their)" + _S + r"(?:(?:left|right)" + _S + r")?" + _BODY + _S + r"(?:hurt|hurts|was[ \t]+hurting|ached|aches|was[ \t]+aching|was[ \t]+sore|was[ \t]+swollen|was[ \t]+bleeding|gave[ \t]+way)"
        r"|(?:getting|became|becoming|increasingly|more|very|often)" + _S + r"(?:confused|disorientated|disoriented)"
        r"(?!" + _S + r"(?:about|by|with|over)" + _S + r"(?!where|who|what[ \t]+day|the[ \t]+(?:date|time|day)\b))"
        r"|(?:talking|laughing|muttering|whispering|mumbling)" + _S + r"to" + _S + _SELF
        + r"|(?:stopped|not|wasn['’]t|was[ \t]+not)" + _S + r"(?:washing|showering|bathing)(?!" + _S + r"(?:the|his|her|their|up|cars?|dishes|clothes|pots)\b)"
        r"|(?:neglecting" + _S + _SELF + r"|(?:poor|neglected)" + _S + r"(?:personal" + _S + r")?hygiene)"
        r"|(?:had" + _S + r"not|hadn['’]t|not)" + _S + r"eaten" + _S + r"(?:for|in)" + _S + r"(?:days|weeks|a[ \t]+(?:day|week|few[ \t]+days)|[0-9]+[ \t]+days|two|three|several)"
        r"|(?:he|she|they)" + _S + r"(?:was|were|looked|appeared|seemed)" + _S + r"(?:very|extremely|painfully|dangerously|worryingly)" + _S + r"thin"
        r"|(?:forgetting|forgot|forgets)" + _S + r"things|(?:becoming|became|increasingly|very)" + _S + r"forgetful"
        r"|(?:liver|kidney|lung|thyroid|heart|renal)" + _S + r"function"
        r"|(?:vomiting|coughing" + _S + r"up|passing|bringing" + _S + r"up)" + _S + r"blood|(?:was|were|kept|had[ \t]+been)" + _S + r"vomiting",
    ),
    (
        # an illness he was sick with, or an infection: "sick with the flu", "a chest infection"
        "episode of illness in ordinary words",
        r"(?:an?|the)" + _S + r"(?:chest|urinary" + _S + r"tract|kidney|ear|eye|skin|wound|bladder|water|throat|tooth|dental|bacterial|viral|fungal|blood)" + _S + r"infection"
        r"|(?:sick|ill|unwell|poorly|off|laid" + _S + r"up|in" + _S + r"bed|down)" + _S + r"with" + _S
        + r"(?:the" + _S + r"|a" + _S + r")?(?:flu|influenza|covid(?:-19)?|coronavirus|norovirus|virus|bug|chest" + _S + r"infection|chickenpox|shingles|measles|tonsillitis|pneumonia|sickness|a[ \t]+bad[ \t]+back)"
        r"|(?:caught|had|contracted|tested" + _S + r"positive" + _S + r"for)" + _S + r"(?:the" + _S + r")?(?:flu|covid(?:-19)?|coronavirus|norovirus|chickenpox|shingles|measles)"
        r"|(?:suffering|suffered|suffers|suffer)" + _S + r"(?:with" + _S + r"(?:his|her|their)" + _S
        + r"(?:nerves|back|knees?|hips?|chest|heart|mental[ \t]+health|health|anxiety|depression|skin|stomach|breathing|legs?|feet|joints)"
        r"|from" + _S + r"(?:(?:his|her|their)" + _S + r"nerves|(?:(?:severe|mild|chronic|acute|bad|terrible|really" + _S + r"bad|ongoing)" + _S + r")?"
        r"(?:anxiety|stress|depression|nerves|panic|paranoia|trauma|PTSD|insomnia|headaches|migraines|pain|back" + _S + r"pain|fatigue|exhaustion|"
        r"an?" + _S + r"(?:[a-z-]+" + _S + r")?(?:illness|condition|disorder|infection|disease|injury|virus))))"
        r"|(?:lost|losing)" + _S + r"(?:the|a|her|their|his|our)" + _S + r"baby"
        r"|(?:was|were|being)" + _S + r"(?:[0-9]|two|three|four|five|six|seven|eight|nine)" + _S + r"months" + _S + r"gone",
    ),
    (
        # a health noun after a possessive names a fact about that person: "his illness",
        # "her symptoms", "their disability" ("his conditions" are a licence's and stay)
        "health fact after a possessive",
        r"(?:his|her|their)" + _S + r"(?:own" + _S + r")?(?:(?:mental|physical|recent|ongoing|long-term)" + _S + r")?"
        r"(?:illness(?:es)?|disabilit(?:y|ies)|diagnosis|diagnoses|symptoms|injuries|anxiety(?!" + _S + r"(?:about|over|at|that|regarding|around|before|for)\b)|depression|paranoia|psychosis|mental" + _S + r"state|medical" + _S + r"(?:condition|history|needs|problems))(?!" + _S + r"(?:of|with)\b)",
    ),
    (
        # talking treatment: "attended counselling", "was having CBT"
        "treatment in ordinary words",
        r"(?:attended|attending|had|having|receiving|received|started|starting|referred" + _S + r"for|engaged" + _S + r"with|engaging" + _S + r"with|waiting" + _S + r"for|offered)" + _S
        + r"(?:(?:bereavement|trauma|grief|couples|psychological|talking)" + _S + r")?(?:counselling|therapy|therapies|CBT|psychotherapy|EMDR)"
        r"|(?:was|were|had[ \t]+been)" + _S + r"prescribed" + _S + r"(?:something|tablets|pills|medication|medicine|a[ \t]+course[ \t]+of[ \t]+[a-z]+)"
        r"|prescribed" + _S + _OBJ + _S + r"(?:something|tablets|pills|medication|medicine|a[ \t]+course[ \t]+of[ \t]+[a-z]+)"
        r"|(?:tablets|pills|medication|something)" + _S + r"for" + _S + r"(?:his|her|their)" + _S + r"(?:nerves|anxiety|depression|mood|sleep|pain|back|heart|blood[ \t]+pressure|epilepsy|fits|diabetes|asthma)"
        r"|took" + _S + r"(?:too" + _S + r"many|a" + _S + r"handful" + _S + r"of|all" + _S + r"(?:his|her|their))" + _S + r"(?:tablets|pills|painkillers)"
        r"|(?:mentally|physically|seriously|critically|terminally|acutely)" + _S + r"(?:unwell|ill)",
    ),
    (
        # being treated in hospital: "put on a drip", "on a ventilator", "recovering from surgery"
        "treatment in ordinary words",
        r"(?:put" + _S + r"on|on)" + _S + r"(?:a" + _S + r")?(?:drip|ventilator|oxygen|life" + _S + r"support)"
        r"|(?:an?" + _S + r")?(?:induced" + _S + r")?coma|intubated"
        r"|recover(?:ing|ed|y)" + _S + r"from" + _S + r"(?:(?:an?|his|her|their|the)" + _S + r")?(?:[a-z]+" + _S + r")?"
        r"(?:surgery|operation|stroke|heart[ \t]+attack|illness|injuries|injury|overdose|fall|infection|pneumonia|covid|flu|chemotherapy|treatment)"
        r"|(?:an?|the|his|her|their)" + _S + r"(?:operation|surgery|procedure)" + _S + r"on" + _S + _BODY_OF
        + r"|(?:knee|hip|back|heart|shoulder|eye|brain|stomach|spinal|bowel|dental|cosmetic|gastric|bypass)" + _S + r"(?:surgery|operation|op)",
    ),
    (
        "treatment in ordinary words",
        r"(?:his|her|their)" + _S + r"(?:medication|prescription|meds|dose)" + _S + r"(?:was|had[ \t]+been)" + _S
        + r"(?:changed|reviewed|increased|reduced|stopped|doubled|withdrawn)"
        r"|(?:waiting" + _S + r"for|awaiting|underwent|had)" + _S + r"(?:an?" + _S + r")?(?:hip|knee|heart|back|shoulder)" + _S
        + r"(?:replacement|operation|surgery)"
        r"|(?:on" + _S + r"the" + _S + r")?waiting" + _S + r"list" + _S + r"for" + _S
        + r"(?:counselling|therapy|treatment|surgery|an[ \t]+operation|a[ \t]+scan|psychological[ \t]+therapy)"
        r"|(?:had|underwent|needed)" + _S + r"an?" + _S + r"(?:CT|MRI|brain|head)" + _S + r"scan"
        # seeing a doctor whose speciality is the fact ("saw a psychiatrist"); a prison or
        # forensic psychologist assesses risk, not health, and stays
        r"|(?:saw|seen" + _S + r"by|seeing|sees|assessed" + _S + r"by|reviewed" + _S + r"by|referred" + _S + r"to|appointment" + _S + r"with|under" + _S + r"the" + _S + r"care" + _S + r"of)" + _S
        + r"(?:an?|the|his|her|their)" + _S + r"(?:(?:consultant|visiting|private|locum)" + _S + r")?"
        r"(?:psychiatrists?|clinical[ \t]+psychologists?|neurologists?|cardiologists?|oncologists?|surgeons?|psychotherapists?|counsellors?)"
        r"|(?:on|collect\w*|pick\w*" + _S + r"up)" + _S + r"(?:a|his|her|their)" + _S + r"(?:(?:methadone|buprenorphine|Subutex|Espranor|daily|weekly)" + _S + r")?script(?!" + _S + r"(?:of|for)\b)"
        r"|treated" + _S + r"(?:in" + _S + r"hospital" + _S + r")?for" + _S + r"(?:an?" + _S + r")?[a-z]+(?:" + _S + r"(?!and\b|but\b|in\b|at\b|on\b)[a-z]+)?",
    ),
    (
        "dependence or withdrawal in ordinary words",
        r"(?:alcohol|opiate|opioid|drug|heroin|crack|cocaine|cannabis|benzodiazepine)" + _S
        + r"(?:dependent|dependency|dependence|withdrawal|detox|detoxification)"
        r"|withdrawing" + _S + r"from" + _S + r"(?:alcohol|heroin|opiates|opioids|drugs|benzodiazepines)"
        r"|(?:was|were|had[ \t]+been)" + _S + r"detoxed",
    ),
    (
        "disability in ordinary words",
        r"(?:in|uses|used|using)" + _S + r"a" + _S + r"wheelchair"
        r"|registered" + _S + r"(?:as" + _S + r")?(?:blind|disabled|deaf)|partially" + _S + r"sighted"
        r"|walks?" + _S + r"with" + _S + r"(?:a|the[ \t]+aid[ \t]+of[ \t]+a)" + _S + r"(?:stick|frame|crutch|crutches)"
        r"|lost" + _S + r"the" + _S + r"sight" + _S + r"(?:in|of)" + _S + r"(?:one|his|her|their)" + _S + r"eye",
    ),
    (
        "treatment in ordinary words",
        r"(?:(?:had|has|have)" + _S + r")?(?:stopped|stopping|refused|refusing|missed|missing|not[ \t]+had|not[ \t]+been[ \t]+given|overdue[ \t]+for|flushed|flushing|threw[ \t]+away|throwing[ \t]+away|hid|hiding|hoarded|hoarding|sold|selling|skipped|skipping|forgot|forgetting|ceased|ceasing|discontinued|discontinuing|"
        r"(?:ran|run|running)[ \t]+out[ \t]+of|(?:non-?|not[ \t]+)?compliant[ \t]+with|complying[ \t]+with|came[ \t]+off|(?:not[ \t]+)?(?:picked[ \t]+up|collected|collecting|pick[ \t]+up|picking[ \t]+up|collect)|coming[ \t]+off|"
        r"went[ \t]+back[ \t]+on|back[ \t]+on|restarted|reduced|increased|not[ \t]+taking|stopped[ \t]+taking|"
        r"was[ \t]+taking|taking|took|given|prescribed|started[ \t]+on|put[ \t]+on|on|off)" + _S + r"(?:his|her|their)" + _S
        + r"(?:(?:monthly|fortnightly|weekly|daily|regular|usual|prescribed)" + _S + r")?"
        r"(?:medication|medicine|meds|tablets|pills|injections?|depot(?:[ \t]+injections?)?|prescription|inhaler|insulin|antidepressants)",
    ),
    (
        "treatment in ordinary words",
        r"given" + _S + r"something" + _S + r"to" + _S + r"(?:calm|settle|sedate|help)" + _S + _OBJ + r"(?:" + _S + r"(?:down|sleep))?"
        r"|(?:a|his|her|their)" + _S + r"(?:monthly" + _S + r"|fortnightly" + _S + r")?depot(?:" + _S + r"injections?)?"
        r"|(?:was|were|had[ \t]+been)" + _S + r"(?:forcibly" + _S + r")?(?:sedated|medicated|rapidly[ \t]+tranquilli[sz]ed)",
    ),
    (
        "self-harm in ordinary words",
        r"(?:a|an|the|another|two|three|several|further|repeated)" + _S
        + r"(?:cutting|ligature|self-harm|self[ \t]+harm|overdose|head-banging|burning)" + _S + r"(?:incidents?|episodes?|attempts?)"
        r"|cut(?:ting)?" + _S + r"(?:his|her|their)" + _S + r"(?:arms?|wrists?|legs?|thighs?|stomach|body)"
        r"|(?:cut|cuts|burnt|burned|burning|scratched|scratching|harmed|stabbed|strangled|hanged|hanging|starved|starving)" + _S + _SELF + r"(?!" + _S + r"(?:off|out)\b)"
        r"|(?:found|discovered)" + _S + r"with" + _S + r"an?" + _S + r"(?:cord|ligature|belt|rope|sheet|shoelace|lace|cable|scarf)" + _S
        + r"(?:tied" + _S + r")?(?:round|around)" + _S + r"(?:his|her|their)" + _S + r"neck"
        r"|(?:tied|made|fashioned|used)" + _S + r"an?" + _S + r"ligature"
        r"|(?:swallowed|ingested)" + _S + r"(?:a[ \t]+|some[ \t]+)?(?:batteries|tablets|pills|razor[ \t]+blades|blades|bleach)"
        r"|(?:tried|attempted|threatened)" + _S + r"to" + _S + r"(?:kill|hang|harm|hurt|cut)" + _S + _SELF
        + r"|(?:tried|attempted|trying|attempting|threatened|threatening|wanted|wanting|planned|planning)" + _S + r"to" + _S
        + r"(?:take|end)" + _S + r"(?:his|her|their)" + _S + r"(?:own" + _S + r")?life"
        r"|(?:wanted|wants|want|wanting|wished|wishing)" + _S + r"to" + _S + r"die"
        r"|(?:did" + _S + r"not|didn['’]t|does" + _S + r"not|doesn['’]t)" + _S + r"want" + _S + r"to" + _S + r"(?:live|be" + _S + r"alive)"
        + r"|(?:talked|spoke|spoken|thoughts)" + _S + r"(?:about|of)" + _S + r"(?:ending|taking)" + _S + r"(?:his|her|their)" + _S + r"(?:own" + _S + r")?life",
    ),
    (
        "admission in ordinary words",
        r"admitted" + _S + r"(?:(?:voluntarily|informally|compulsorily|as[ \t]+an[ \t]+(?:informal|voluntary)[ \t]+patient)" + _S + r")?"
        r"(?:to|into|onto)" + _S + r"(?:an?|the)" + _S + r"(?:(?:local|acute|secure|general|medical|surgical)" + _S + r")?"
        r"(?:(?:psychiatric|mental[ \t]+health)" + _S + r"(?:ward|unit|hospital|bed)|ward|hospital)"
        r"|attended" + _S + r"(?:A&E|A[ \t]+and[ \t]+E|hospital|the[ \t]+emergency[ \t]+department)"
        r"(?:" + _S + r"(?:with|for|after)" + _S + r"(?:an?" + _S + r")?[a-z]+(?:" + _S + r"(?!and\b|but\b)[a-z]+)?)?"
        r"|in" + _S + r"hospital" + _S + r"for" + _S + r"(?:a|one|two|three|four|five|six|several|a[ \t]+few|[0-9]{1,2})" + _S
        + r"(?:days?|nights?|weeks?|months?)"
        r"|(?:taken|rushed|brought|conveyed|returned|readmitted|re-admitted|recalled)" + _S + r"(?:by[ \t]+ambulance[ \t]+)?to" + _S
        + r"(?:hospital|A&E|A[ \t]+and[ \t]+E|the[ \t]+emergency[ \t]+department)"
        r"|(?:kept|stayed|spent" + _S + r"(?:a|one|two|three|four|five|six|several|a[ \t]+few|[0-9]{1,2})" + _S
        + r"(?:days?|nights?|weeks?|months?))" + _S + r"in" + _S + r"hospital(?:" + _S + r"overnight)?"
        r"|discharged" + _S + r"from" + _S + r"(?:hospital|the[ \t]+ward|the[ \t]+(?:psychiatric|mental[ \t]+health)[ \t]+(?:ward|unit))",
    ),
    (
        "physical health in ordinary words",
        r"(?:raised|high|low|elevated|abnormal)" + _S + r"(?:blood[ \t]+pressure|blood[ \t]+sugar|heart[ \t]+rate|cholesterol)"
        r"(?:" + _S + r"(?:readings?|levels?|results?))?"
        r"|(?:an?|the)" + _S + r"(?:[a-z]+" + _S + r")?(?:wound|wounds|ulcer|abscess|infection|burn)" + _S + r"(?:that|which)" + _S
        + r"(?:needed|required|had[ \t]+to[ \t]+be)" + _S + r"(?:dressing|dressed|stitches|stitching|treatment|cleaning|cleaned)" + _WHEN
        + r"|(?:needed|needing|required|requiring)" + _S + r"(?:emergency" + _S + r")?"
        r"(?:stitches|surgery|an[ \t]+operation|a[ \t]+blood[ \t]+transfusion|a[ \t]+brain[ \t]+scan|an[ \t]+x-ray|a[ \t]+scan)",
    ),
]


class HealthPhraseRecognizer(SfoPatternRecognizer):
    """Recognise health facts written in ordinary words, one pattern per class of wording."""

    ENTITY = "MEDICAL"
    CONTEXT: list[str] = []
    PATTERNS = [Pattern(name, _START + r"(?P<entity>" + rx + r")" + _END, 0.7) for name, rx in _CLASSES]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Run the patterns; overlapping phrases of one fact become one span."""
        # "needed stitches" and "stitches to her face" are one fact: one box, the higher
        # score and the first phrase's explanation.
        results = sorted(super().analyze(text, entities, nlp_artifacts, regex_flags), key=lambda r: (r.start, -r.end))
        merged: list[RecognizerResult] = []
        for result in results:
            if merged and result.start < merged[-1].end:
                last = merged[-1]
                last.end = max(last.end, result.end)
                last.score = max(last.score, result.score)
                continue
            merged.append(result)
        return merged

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The class of wording that matched (fixed vocabulary, never document text)."""
        return f"health phrase: {pattern.name}"
