"""Sentence templates for each part of a review, in the register of real SFO reviews.

Syntax is described in `sentences.py`. Practice findings are written about roles, never
names ("The PP did not..."), because they must survive redaction word for word.
"""

from __future__ import annotations

SUMMARY = (
    "On {sfo_date} {si} was charged with {offence}; the victim was {victim.full}.",
    "{si.intro} was arrested on {sfo_date} and later charged with {offence} against {victim.intro}.",
    "This review concerns the management of {si.intro} by the [agency:Probation Service] between {release_date} and {sfo_date}, when {si.he} was charged with {offence}.",
    "At the time of the offence {si.he} was subject to licence supervision following {a custodial sentence|a sentence of imprisonment} for {prev_offence}.",
    "{si.He} was managed by the {town} PDU and the case was allocated to {pp.intro}.",
    "The case was managed at [agency:MAPPA] level {mappa} and {si.his} risk of serious harm was assessed as {high|medium|very high} in respect of a known adult.",
    "The review was completed by {rm.intro}, who interviewed the staff involved and examined the records held on nDelius and [agency:OASys].",
    "{si.He} was sentenced at {town} [agency:Crown Court] on {sentence_date}.",
    "{victim.title} sustained serious injuries and was treated in hospital; {victim.his} family have been offered the review through the [agency:Victim Liaison Unit].",
    "The SFO notification was submitted within the required timescale and the review was commissioned by the Head of PDU.",
    "{si.intro} (CRN {si.crn}) was released from {prison} on {release_date} on licence.",
    "[finding:Overall, the review found that the risk of serious harm posed to known adults was not sufficiently assessed or managed.]",
    "[finding:The review identified areas of good practice alongside missed opportunities to share information with partner agencies.]",
)

BACKGROUND_HISTORY = (
    "{si.intro} has {five|seven|nine|twelve|fourteen} previous convictions for {twenty|twenty-three|thirty-one|eleven} offences, the first recorded in {si.his} youth.",
    "In {year} {si.he} was convicted of {prev_offence} against {prev_victim.intro}, then {a former partner|a neighbour|an acquaintance}.",
    "The previous offence involved {prev_victim.title}, who reported that {si} had {assaulted|threatened} {prev_victim.him} after an argument.",
    "{prev_victim.poss} statement described a pattern of jealousy and controlling behaviour over several months.",
    "{si.poss} PNC record ({si.pnc}) shows {a history of violence|offences of violence and acquisitive offending|breaches of court orders} since {year}.",
    "{si.He} was born on {si.dob} and grew up in {town} with {si.his} {mother|parents|grandparents}.",
    "{si.He} served part of the sentence at {prison2} before being transferred to {prison}.",
    "Custody records list {si.his} prison number as {si.prison_no} and CRO number {si.cro}.",
    "While in custody {si.he} completed {a thinking skills programme|an alcohol awareness course|level 1 English and maths} and {had no adjudications|received two adjudications for fighting}.",
    "On release {si.he} lived at {si.address}, an address that had been assessed by the POM before release.",
    "{si.He} had a long history of {alcohol misuse|cannabis use|crack cocaine and heroin use} which {si.he} linked to {si.his} offending.",
    "A restraining order was made to protect {prev_victim.full}, which {si.he} breached twice in {year}.",
    "The pre-sentence report described {si} as {impulsive and quick to anger|having limited victim empathy|minimising the offending}.",
    "The older police record gives {si.his} PNC number as {si.pnc_short}.",
    "{si.He} was recalled to custody in {year} after failing to reside at the approved address.",
)

BACKGROUND_RELATIONSHIPS = (
    "{si.He} had been in a relationship with {partner.intro} for about {two|three|four} years; they had {a son|a daughter|two children} together.",
    "{partner.intro} told the police that {si.he} had been controlling and had {taken phones away|stopped contact with friends|monitored bank accounts}.",
    "{partner.title} could be contacted on {partner.phone} and lived at {partner.address}.",
    "{si.He} described {si.his} relationship with {mother.intro} as close, and {mother.first} offered {si.him} an address on release.",
    "{mother.title} told the PP that {si.he} had been drinking heavily and that she was frightened of {si.him}.",
    "{father.intro} had little contact with {si} during {si.his} childhood and the family history included domestic abuse.",
    "{si.His} brother, {brother.full}, has convictions for supply of drugs and the two were known to associate.",
    "{sister.intro} raised concerns with the police about {si.poss} behaviour towards the victim.",
    "A friend, {friend.full}, was present on the night of the offence and gave a statement to the police.",
    "{friend.first} told the PP that {si.he} was {sleeping at the friend's flat|staying there most nights} rather than at the approved address.",
    "A neighbour, {neighbour.full}, made {two|three|several} calls to the police about shouting at the address.",
    "{neighbour.title} said that {neighbour.he} had heard {si} threatening the victim.",
    "{si.He} met {victim.intro} in {month} and the relationship was not disclosed to the PP until {month}.",
    "{victim.first} was {victim.pregnancy} at the time of the offence, which was known to {victim.his} midwife but not to the Probation Service.",
    "{victim.poss} family reported that {victim.first} had been isolated from them for several months.",
    "[agency:Children's Services] were involved with {partner.poss} children and a child protection plan was in place.",
)

BACKGROUND_HEALTH = (
    "{si.He} had been diagnosed with {si.diagnosis} and was prescribed {si.medication}.",
    "{si.poss} GP records show a diagnosis of {si.diagnosis} from {year}.",
    "In {month} {si.he} was {si.admission} after {a period of low mood|expressing suicidal thoughts|a deterioration in presentation}.",
    "The [agency:Community Mental Health Team] confirmed that {si.he} was taking {si.medication} but did not meet the threshold for their service.",
    "{si.He} told the PP that {si.he} had stopped taking {si.his} medication, {si.medication}, because of the side effects.",
    "{si.His} NHS number, {si.nhs}, was recorded on the referral to the mental health service.",
    "{si.He} also has {si.condition}, which {si.he} said affected {si.his} ability to attend appointments.",
    "{si.He} gave {si.his} National Insurance number as {si.ni} when applying for Universal Credit.",
)

ASSESSMENT = (
    "An [agency:OASys] assessment was completed by {pp} on {date}.",
    "{pp.intro} completed the initial [agency:OASys] on {date}, {within|outside} the required timescale.",
    "[finding:The assessment did not take account of the previous domestic abuse call-outs recorded by the police.]",
    "[finding:The PP did not complete a domestic abuse enquiry with the police before the licence was agreed.]",
    "[finding:The risk of serious harm assessment was not updated when new information about the relationship came to light.]",
    "The risk of serious harm was assessed as {high|medium} to a known adult and {medium|low} to children.",
    "{pp.title} did not request information from [agency:Children's Services] about {partner.poss} children.",
    "A safeguarding enquiry was made to [agency:Children's Services] on {date} and a response was received {two|three|six} weeks later.",
    "When interviewed, {pp} said {pp.he} had been unaware that {si} was in a new relationship.",
    "{spo.intro} countersigned the assessment on {date} without comment.",
    "[finding:The countersigning of the assessment was not effective; the SPO did not challenge the low risk rating.]",
    "{pp.first} told the reviewing manager that {pp.he} had a caseload of {fifty-two|forty-seven|sixty} cases and little time to prepare the assessment.",
    "The PP's analysis of {si.poss} offending was {brief|thorough|largely copied from the previous assessment}.",
    "[agency:MAPPA] eligibility was identified and the case was referred for level {mappa} management on {date}.",
    "The [agency:MAPPA] meeting on {date} was attended by {pp.initials} and a representative of {police}.",
    "[finding:There was no evidence that the risk posed to the victim of the previous offence was considered.]",
    "{pp.poss} assessment identified alcohol, relationships and thinking and behaviour as the main areas linked to risk.",
    "The [agency:OASys] did not refer to {si.poss} diagnosis of {si.diagnosis}, which {pp.title} had been told about at induction.",
    "[finding:The assessment of risk was sufficient and reflected the information available at the time.]",
    "{pom.intro} completed the pre-release assessment at {prison} and handed the case to the community team on {date}.",
)

PLANNING = (
    "The risk management plan was completed on {date} and set out {si.poss} licence conditions.",
    "Licence conditions included an exclusion zone around {prev_victim.poss} address at {prev_victim.address}.",
    "A non-contact condition with {prev_victim.full} was included in the licence.",
    "{si.He} was required to reside at an [agency:Approved Premises] in {town} for the first {weeks} weeks.",
    "[finding:The risk management plan did not include contingency actions should the relationship resume.]",
    "[finding:The sentence plan was not completed within the expected timescale.]",
    "{com.intro} agreed the plan with {si} at the first appointment on {date}.",
    "{pp.title} planned fortnightly home visits but none took place before {month}.",
    "The plan included a referral to the Building Better Relationships programme, which {si.he} did not start.",
    "{spo.title} reviewed the plan with {pp.first} in supervision on {date} and agreed it was sufficient.",
    "[finding:The plan did not set out how information would be shared with the police and Children's Services.]",
    "The plan relied on {mother.title} to report any concerns, without her agreement being sought.",
    "An alcohol monitoring tag was considered but not pursued because {si.he} was not assessed as suitable.",
    "A referral was made to [agency:Integrated Offender Management] on {date}.",
    "Victim contact arrangements were in place and {vlo.intro} was informed of the release date.",
    "{vlo.title} shared the victim's concerns about {si.poss} release with the PP on {date}.",
)

IMPLEMENTATION = (
    "{si} attended {most|all but three|about half} of {si.his} appointments between {release_date} and {sfo_date}.",
    "On {date} {si} failed to attend and {pp} sent a warning letter to {si.address}.",
    "{pp} spoke to {si} by telephone on {si.phone} on {date}; {si.he} said {si.he} was unwell.",
    "A home visit took place on {date}; {pp.first} noted that a woman's belongings were in the flat.",
    "{si.He} provided a positive test for {cocaine|opiates|cannabis} on {date} and this was discussed in supervision.",
    "{pp.intro} e-mailed {si} at {si.email} to rearrange the appointment missed on {date}.",
    "On {date} {police} notified the PP of a domestic incident at {victim.address}.",
    "[finding:The PP did not consider recall after the police call-out on this date.]",
    "[finding:Enforcement action was taken appropriately and in line with policy.]",
    "{pp.title} discussed the incident with {spo.intro} and a decision was taken not to recall.",
    "The case was transferred to {pp2.intro} on {date} when {pp.title} left the team.",
    "{pp2.title} did not read the previous records before the first appointment with {si}.",
    "{si.He} told {pp.first} that {si.he} was {working as a labourer|looking for work|volunteering at a food bank}.",
    "{pp.initials} recorded that {si} presented as {calm and engaged|agitated|under the influence of alcohol}.",
    "During the appointment on {date} {si} disclosed that {si.he} was staying with {victim.first} on some nights.",
    "{victim.title} contacted the office on {date} and left a message asking for {pp.first} to call {victim.him} on {victim.phone}.",
    "[finding:The information from the victim was not recorded or acted upon.]",
    "{mother.first} rang on {date} to report that {si} had not been home for three days.",
    "{pp} made a referral to [agency:Adult Social Care] on {date} but did not follow it up.",
    "Contact with the [agency:Community Mental Health Team] was limited to a single telephone call on {date}.",
    "{si.He} was seen at A&E on {date} after an overdose of {si.medication}.",
    "{pom.title} at {prison} had recorded concerns about {si.poss} letters to {partner.first}.",
    "{si.He} asked for permission to move in with {partner.intro} at {partner.address}; this was refused.",
    "Between {date} and {date} there were no home visits.",
    "[finding:The frequency of contact was not increased when risk escalated.]",
)

REVIEWING = (
    "The [agency:OASys] was reviewed on {date} following the change of address.",
    "[finding:The review of the assessment did not consider the new relationship or the police call-outs.]",
    "{spo.intro} held supervision with {pp} on {date}, {date} and {date}; this case was discussed once.",
    "{spo.first} told the reviewing manager that {spo.he} had {fourteen|eleven|nine} practitioners to supervise at the time.",
    "{hopdu.intro} was aware of staffing pressures in the team and had requested agency staff.",
    "{pp.title} was absent from work from {date} with {pp.health}, and the case was not reallocated.",
    "[finding:Management oversight was insufficient and did not ensure that risk was reviewed after significant events.]",
    "[finding:The case was reviewed promptly after the change in circumstances, which is good practice.]",
    "{pp2.title} reviewed the risk management plan on {date} and increased contact to weekly.",
    "A case audit by {spo.initials} on {date} identified the need to update the risk assessment, but this was not done.",
    "{com.title} requested a multi-agency meeting on {date}, which took place two weeks later.",
    "When the case was reviewed at [agency:MAPPA] on {date}, the level was {maintained|reduced to level 1}.",
    "[finding:The reviewing of the case was reactive rather than planned.]",
)

FINDINGS = (
    "[finding:The PP did not complete a domestic abuse enquiry with the police before the licence was agreed.]",
    "[finding:The risk management plan did not include contingency actions should the relationship resume.]",
    "[finding:Information from the victim was not recorded or acted upon.]",
    "[finding:Management oversight was insufficient and did not ensure that risk was reviewed after significant events.]",
    "[finding:Information sharing with Children's Services was limited and not followed up.]",
    "[finding:The PP did not consider recall after the police call-out.]",
    "[finding:Workload pressures in the team contributed to the delays but do not fully explain them.]",
    "[finding:The SPO did not challenge the assessment of risk when countersigning.]",
    "[finding:There was good practice in the pre-release planning completed by the POM.]",
    "[finding:The PP built a good working relationship with the SI and enforcement was appropriate.]",
    "[finding:Safeguarding enquiries were made promptly and their outcome was recorded.]",
    "[finding:The frequency of contact was not increased when risk escalated.]",
)

ACTIONS = (
    "The Head of PDU will ensure that all practitioners complete domestic abuse enquiries at the start of every licence.",
    "The SPO will dip-sample {five|ten} cases a month to check that risk assessments are reviewed after significant events.",
    "Learning from this review will be shared at the {town} PDU team meeting by {month}.",
    "All staff in the team will attend refresher training on risk of serious harm assessment.",
    "The PDU will agree an information sharing protocol with [agency:Children's Services].",
    "{pp.role} will complete the domestic abuse e-learning and discuss it in supervision.",
    "The region will review workload allocation in the team and report to the Head of PDU.",
    "Managers will ensure that cases are reallocated when a practitioner is absent for more than two weeks.",
    "The learning about recall decisions will be shared with {police} through the [agency:MAPPA] Strategic Management Board.",
)

CHRONO_RELEASE = "Released from {prison} on licence. Reported to the {Approved Premises|office} as instructed."
CHRONO_CHARGE = "{si} arrested and charged with {offence}."
CHRONO_EVENTS = (
    "Induction appointment with {pp}. Licence conditions explained and signed.",
    "Office appointment with {pp}. {si} reported no concerns.",
    "Failed to attend. Warning letter sent to {si.address}.",
    "Telephone contact with {si} on {si.phone}. Appointment rearranged.",
    "Home visit by {pp.initials} and {spo.initials}. Flat clean; no one else present.",
    "{police} report a domestic incident at {victim.address}. {si} arrested and released without charge.",
    "Positive drug test for {cocaine|opiates|cannabis}.",
    "[agency:MAPPA] level {mappa} meeting. Actions agreed for {pp.title}.",
    "[agency:OASys] review completed by {pp}.",
    "Supervision between {pp.first} and {spo.first}; case discussed.",
    "{mother.title} telephoned the office with concerns about {si.poss} drinking.",
    "E-mail from {vlo} passing on the victim's concerns.",
    "Case transferred to {pp2.intro}.",
    "{si} disclosed a new relationship with {victim.first}.",
    "Appointment attended. {si.He} said {si.he} had been prescribed {si.medication}.",
    "Referral to [agency:Children's Services] about {partner.poss} children.",
    "Safeguarding response received from [agency:Children's Services]; case open to them.",
    "Contact with {pom} at {prison} about the release address.",
    "Did not attend. {si} later said {si.he} was at hospital with {partner.first}.",
    "Licence variation requested by {com}.",
    "Appointment by video call; {si} appeared under the influence of alcohol.",
    "Letter from {si.poss} GP confirming {si.diagnosis}.",
)

CHRONO_ANALYSIS = (
    "[finding:This was an opportunity to review the risk assessment that was missed.]",
    "[finding:Appropriate enforcement action.]",
    "[finding:The PP should have made enquiries with the police.]",
    "[finding:The information was not shared with Children's Services.]",
    "[finding:Good practice: the response was prompt and recorded.]",
    "[finding:No analysis of the change in circumstances was recorded.]",
    "[finding:Recall should have been considered.]",
    "The reasons for the decision are not recorded on the case record.",
    "{pp.title} told the RM that {pp.he} did not think this was significant at the time.",
    "{spo.first} accepts that the case should have been discussed further.",
    "",
    "",
)

CHRONO_NOT_FOR_DISCLOSURE = (
    "{partner.poss} new address is {partner.address}; do not disclose.",
    "Police intelligence: {si} associating with {friend.full}. Source to be protected.",
    "{victim.first} is {victim.pregnancy} (information from midwife).",
    "{pp.title} was absent with {pp.health} at this time.",
    "{mother.full} asked that her call is not shared with {si}.",
    "Victim's current telephone number {victim.phone}.",
    "{si.He} disclosed {si.condition}.",
    "MARAC minutes: {prev_victim.full} remains at risk; new address held by police.",
    "{neighbour.full} does not want {neighbour.his} identity disclosed.",
    "Mental health records: {si.diagnosis}, {si.medication}.",
    "Third party information from {brother.full}; consent not given.",
    "{si.full}, DOB: {si.dob}, NI {si.ni}. Checked against DWP records.",
)

COMMENTS = (
    "Check with {pp.first} whether {si.poss} GP confirmed the {si.diagnosis} diagnosis.",
    "{spo.first}, can you confirm the date of the MARAC referral? {partner.first} says {partner.he} was never contacted.",
    "Is {victim.full} happy for her pregnancy to be mentioned? She is {victim.pregnancy}.",
    "{pp.initials} said in interview that {pp.he} was off sick with {pp.health} at this point.",
    "Need {si.poss} NHS number ({si.nhs}) for the records request.",
)

DELETIONS = (
    "{partner.full} told the PP that {si.he} had been using cocaine daily.",
    "{si.He} gave {si.his} mobile number as {si.phone}.",
    "{pp.full} was on sick leave with {pp.health} for most of this period.",
    "{mother.full} now lives at {mother.address}.",
    "{si.He} was taking {si.medication} at the time.",
)

INSERTIONS = (
    " The PP has since completed training on domestic abuse enquiries.",
    " {pp.title} has since completed the domestic abuse training.",
    " {spo.first} confirmed this at interview.",
    " This was confirmed by the police in {month}.",
    " The SPO accepts this finding.",
)

HEADINGS_NAMED = (
    "CONTACT WITH {si.upper}",
    "{si.upperfull}: RELATIONSHIPS",
    "Relationship with {victim.title}",
    "Work with {si.title}",
    "The involvement of {spo.title}",
)

SUMMARY_OPENERS = (
    "This review concerns {si.intro}, who was charged with {offence} on {sfo_date}.",
    "{si.intro} was under the supervision of the [agency:Probation Service] when {si.he} was charged with {offence} on {sfo_date}.",
    "On {sfo_date} {si.intro} was charged with {offence}; {si.he} had been released on licence on {release_date}.",
    "This is the Serious Further Offence review of the management of {si.intro} (CRN {si.crn}).",
)

# More sentence forms for each section, so that long reviews do not repeat themselves.
BACKGROUND_HISTORY += (
    "{si.poss} first conviction was at the age of {fourteen|fifteen|sixteen|nineteen}, for {theft|criminal damage|a public order offence}.",
    "Records from [agency:Youth Justice Services] show that {si.he} was known to them from an early age.",
    "{si.He} had previously been managed by the [agency:Probation Service] on {two|three|four} community orders and had completed one of them.",
    "Police call-outs to addresses shared with {prev_victim.first} were recorded on {three|five|seven} occasions in {year}.",
    "{prev_victim.intro} was supported by an independent domestic violence adviser and a [agency:MARAC] referral was made in {year}.",
    "At the time of sentence {si.he} was living with {mother.intro} at {mother.address}.",
    "{si.He} was sentenced at {town} [agency:Crown Court] and served the custodial part of the sentence at {prison}.",
    "The sentencing judge described {si} as posing a significant risk to women with whom {si.he} was in a relationship.",
    "{si.poss} date of birth is recorded as {si.dob} on nDelius and as a different date on an older police record.",
    "{si.full} (DOB: {si.dob}) was {eighteen|nineteen|twenty-two} at the time of {si.his} first custodial sentence.",
    "The police record gives {si.his} date of birth {si.dob} and CRO number {si.cro}.",
)
BACKGROUND_RELATIONSHIPS += (
    "{si.He} described {father.title} as {strict|absent|violent} and said that {si.he} had left home at sixteen.",
    "{brother.first} was himself subject to probation supervision in {town} during the period under review.",
    "{sister.first} offered to provide an address but this was not assessed.",
    "{partner.first} was known to [agency:Children's Services] as a victim of domestic abuse in a previous relationship.",
    "The relationship with {victim.first} began {two|three|five} months after release, according to {victim.poss} family.",
    "{friend.title} was a co-defendant in {si.poss} offence of {prev_offence} in {year}.",
    "{si.He} listed {friend.first} as an emergency contact, with the number {friend.phone}.",
)
ASSESSMENT += (
    "The pre-sentence report author recommended a structured programme, which the court included in the sentence.",
    "[finding:The PP did not use the information in the pre-sentence report when assessing risk.]",
    "[finding:The assessment of the risk of serious harm to children was sound.]",
    "A domestic abuse enquiry was sent to {police} on {date} and a response was received on {date}.",
    "{pp.first} had completed the risk of serious harm training in {month} but had not yet attended the domestic abuse module.",
    "{pp.intro} had been qualified for {eighteen months|two years|six months} and held a caseload above the workload target.",
    "The assessment identified {si.poss} use of {alcohol|cocaine|cannabis} as a trigger for violence.",
    "[finding:The PP's analysis of the offence was thorough and showed a good understanding of the risk factors.]",
)
PLANNING += (
    "[finding:The licence conditions were proportionate and linked to the identified risks.]",
    "The plan did not specify how often home visits would take place.",
    "{pp.initials} discussed the plan with {si.title} in a three-way meeting with {pom.intro} before release.",
    "A curfew condition was requested but not included by the Parole Board.",
    "Contingency planning recorded that recall would be considered if {si.he} entered a new relationship without disclosing it.",
    "[finding:There was no plan to share information with the victim liaison officer about changes in the exclusion zone.]",
)
IMPLEMENTATION += (
    "{si.He} was seen at the office on {date} and reported that {si.he} was looking after {si.his} health and attending the GP.",
    "The PP completed a home visit on {date} with {spo.title}; {si} was not at home.",
    "On {date} {si.he} reported that {si.he} had lost {si.his} phone and gave a new number, {si.phone}.",
    "{pp.initials} spoke to {partner.title} on {partner.phone} on {date}, who said there were no concerns.",
    "[finding:The PP responded promptly to the information from the police and discussed it with a manager the same day.]",
    "The record of the appointment on {date} was entered {three|five|twelve} days later.",
    "{si.He} missed the appointment on {date} because {si.he} said {si.he} was at hospital with {mother.first}.",
    "An application for a licence variation to allow {si} to live at {si.address} was made on {date}.",
    "[finding:The reasons for not recalling were not recorded on the case record.]",
    "{com.first} told the reviewing manager that {com.he} had not been made aware of the earlier call-outs.",
    "{pp.title} sent an e-mail from {pp.email} to [agency:Children's Services] on {date} but did not receive a reply.",
    "The PP's office number, {pp.phone}, was given to {victim.first} by the VLO.",
)
REVIEWING += (
    "[finding:The risk management plan was not reviewed after the change of practitioner.]",
    "A three-way meeting between {pp.first}, {spo.first} and {com.first} took place on {date}.",
    "{hopdu.title} told the reviewing manager that the team had three vacancies at the time.",
    "The case was not discussed at the local [agency:MAPPA] meeting on {date} because the papers were not submitted.",
    "{spo.poss} supervision notes record that the case was discussed on {date} but no actions were set.",
)
