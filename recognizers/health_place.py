"""Names of places where someone was treated: hospitals, units, clinics, surgeries, trusts.

By shape, not only by list: a proper-noun phrase headed by a place-of-treatment word.
Strong heads (Hospital, Infirmary, Hospice, Welsh Ysbyty) are health places wherever they
appear; weak heads (Unit, Centre, Clinic, Ward, Surgery, Practice, House, Lodge, Welsh Uned
and Canolfan) need a health cue in the same sentence, before the name or after it ("the
Becklin Centre for crisis assessments"), so "Probation Delivery Unit" and "Oak House" as an
address stay. A name with no head word is a place of treatment when the sentence says so
beside it: an apposition or clause ("Ferndene, a mental health unit", "Hawthorn Court, where
he received treatment") or an inpatient cue before it ("an inpatient at Brookside"). A clinic
named by its kind in lower case ("the memory clinic", "the sexual health clinic") goes; the
probation "reporting clinic" stays. Agencies ("Community Mental Health Team", "the GP") have
no such head and stay; a named surgery goes. Listed names (trusts, health boards, secure
hospitals without a head word, short names such as "Pinderfields" or "the RVI") come from
data/nhs_places.txt; listed names that are also towns or ordinary words ("Morriston", "the
Heath") need a health cue in the same sentence.
"""

from __future__ import annotations

from pathlib import Path

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.gazetteer import DATA_DIR, load_sections, trie_regex
from recognizers.name_list import load_places

NHS_PLACES = DATA_DIR / "nhs_places.txt"

# One word of a proper-noun phrase: capitalised (Royal, St, Princess, Cwm), or a linking
# word inside it (of, and, the, upon, y, yr).
_WORD = r"(?:St\.|[A-Z][A-Za-z'’-]*+|of|and|the|upon|on|y|yr|&)"
# Words that make the phrase an agency, court or probation place, never a treatment place.
_AGENCY = (
    r"(?:Probation|Delivery|Police|Court|Prison|Offender|Approved|Premises|Intelligence|Victim|"
    r"Liaison|Council|Jobcentre|Housing|Youth|Offending|Custody|Suite|Hub|Job|Training|Business|"
    r"Shopping|Leisure|Sports|Community|Education|Learning|Resource|Contact|Call|Control|Data|"
    r"Public|Protection|Review|Practice|Quality|Effective|Assurance|Safeguarding|Family|Drug|Alcohol)"
)
_PHRASE = r"(?:(?!" + _AGENCY + r"\b)(?:St\.|[A-Z][A-Za-z'’-]*+)(?:[ \t]+(?!" + _AGENCY + r"\b)" + _WORD + r"){0,5}?)"
_STRONG = r"(?:Hospitals?|Infirmary|Hospice|Sanatorium|Asylum)"
_WEAK = r"(?:Unit|Centre|Center|Clinic|Ward|Surgery|Practice|House|Lodge)"
_CUE = (
    r"(?P<cue>(?i:admitted|admission|treated|discharge|treatment|discharged|psychiatric|mental[ \t]+health|"
    r"hospital|inpatient|in-patient|patient|detained|sectioned|section[ \t]+[0-9]|doctor|GP|nurse|"
    r"clinician|consultant|psychiatrist|medication|prescribed|diagnos\w*|assessed|assessment|"
    r"injection|ward|clinic|surgery|registered[ \t]+with|appointment[ \t]+at|health|therapy|"
    r"rehab\w*|detox\w*|secure[ \t]+unit|bed|A&E|ambulance|paramedics?|injur\w*|wound\w*|overdose\w*|"
    r"operation|scan|fractur\w*|burns|collaps\w*|heart[ \t]+attack|stroke|crisis|kept[ \t]+in|"
    r"unwell|ill|illness|psychosis|psychotic|self-harm\w*|suicid\w*|stitches|x-ray|pneumonia))"
)
# The same cue, after the name ("the Becklin Centre for crisis assessments"): a second
# group name, as a pattern cannot hold one group twice.
_CUE_AFTER = _CUE.replace("?P<cue>", "?P<cue_after>")
_BRIDGE_AFTER = r"[^.;\n]{0,60}?"
# A name with no head word, described as a place of treatment right after it: "Ferndene, a
# mental health unit", "Oak House, the psychiatric unit", "Hawthorn Court, where he received
# treatment", "The Orchard Centre is a specialist psychiatric unit".
_KIND = (
    r"(?i:psychiatric|mental[ \t]+health|secure|detox\w*|rehab\w*|forensic|in-?patient|acute|treatment|"
    r"hospital|medical|nursing|eating[ \t]+disorders?|addiction|psychosis|dementia|brain[ \t]+injury|"
    r"maternity|neuro\w*|recovery|crisis)"
)
_PLACE_NOUN = r"(?i:unit|ward|hospital|centre|center|clinic|facility|hospice|home|service)"
_DESCRIBED = (
    r"(?:(?:,[ \t]*|[ \t]+is[ \t]+)(?i:the|an?)[ \t]+(?=[^,.;\n]{0,40}?(?<![\w-])" + _KIND + r"(?![\w-]))"
    r"(?:[A-Za-z-]+[ \t]+){0,4}?" + _PLACE_NOUN + r"(?![\w'’-])"
    r"|,[ \t]*where[ \t]+(?i:he|she|they)[ \t]+(?:(?:was|were|had[ \t]+been)[ \t]+)?"
    r"(?i:treated|detained|admitted|assessed|an[ \t]+in-?patient|received[ \t]+treatment|underwent|stayed[ \t]+as[ \t]+a[ \t]+patient))"
)
# Before a bare name: a cue that says a person was a patient there ("an inpatient at Brookside").
_PATIENT_CUE = r"(?i:(?:in-?|out-?)?patient[ \t]+(?:at|on|in)|admitted[ \t]+(?:to|into)|treated[ \t]+at|discharged[ \t]+from)"
# A clinic named by its kind in lower case: "the memory clinic", "the sexual health clinic".
# The word before "clinic" must not be a probation or advice kind ("the reporting clinic").
_NOT_HEALTH_CLINIC = (
    r"(?:reporting|probation|report|drop-in|advice|legal|housing|employment|benefits?|debt|job|jobs|club|careers|"
    r"training|skills|money|tenancy|surgery|weekly|monthly|daily|fortnightly|morning|afternoon|evening|"
    r"local|usual|same|new|next|first|last|this|that|the|a|an|his|her|their|its)"
)
_KIND_CLINIC = (
    r"(?i:the|a|an|his|her|their)[ \t]+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day[ \t]+)?(?:(?!" + _NOT_HEALTH_CLINIC + r"[ \t])[a-z&-]+[ \t]+){0,2}?(?!" + _NOT_HEALTH_CLINIC + r"[ \t])(?:[a-z&-]+|HIV|GUM|STI|ADHD)[ \t]+clinics?"
)
_BRIDGE = r"[^.;\n]{0,80}?"
# "Court" may end the name of a unit ("Hawthorn Court"), never of a court of law.
_LAW_COURT = re.compile(r"\b(?:Crown|Magistrates['’]?|County|Family|Coroner['’]?s|Supreme|High|Appeal|Combined|Law|Youth|Royal)[ \t]+Courts?\b")
# Institutions a person is admitted to or discharged from that are not places of treatment.
_NOT_TREATMENT = (
    r"(?:Army|Navy|RAF|Air|Force|Forces|Marines|Regiment|Guards|Military|School|College|Academy|University|"
    r"Service|Team|Scheme|Programme|Project|Order|Register|Board|Bail|Bar|Church|Mosque|Temple|Club|Union|Party)"
)
# A service or team named by the condition it treats ("the memory assessment service", "the
# eating disorders team") says what the person has; services named by their field ("the
# Community Mental Health Team", "the drug and alcohol service") are agencies and stay.
_CONDITION_SERVICE = (
    r"(?i:the|a|an|his|her|their)[ \t]+(?i:memory|eating[ \t]+disorders?|gender[ \t]+identity|early[ \t]+intervention[ \t]+in[ \t]+psychosis|"
    r"early[ \t]+intervention[ \t]+psychosis|psychosis|HIV|sexual[ \t]+health|fertility|dementia|autism|ADHD|perinatal[ \t]+mental[ \t]+health|"
    r"perinatal|maternity|midwifery|neonatal|antenatal|postnatal|brain[ \t]+injury|stroke|cancer|pain[ \t]+management|epilepsy|diabetes|hepatology|renal|cardiac|neurology|fracture|wound|GUM)"
    r"(?:[ \t]+(?i:assessment|diagnostic|treatment|management|outpatient|outpatients))?[ \t]+(?i:service|team|clinic|unit)s?"
)
# A listed name followed by a street type is an address ("Hollins Park Road").
_STREET = r"(?:Road|Rd|Street|St|Lane|Avenue|Ave|Drive|Close|Way|Crescent|Grove|Gardens|Place|Terrace|Estate|View|Walk|Row|Square|Mews|Rise|Hill)"
_B = r"(?<![\w'’-])"
_E = r"(?![\w'’-])"


class HealthPlaceRecognizer(SfoPatternRecognizer):
    """Recognise a named place of treatment; the span is the name."""

    ENTITY = "HEALTH_PLACE"
    FLAGS = 0
    CONTEXT: list[str] = []

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str | None = None,
        name: str | None = None,
        place_list: str | None = None,
    ) -> None:
        self._towns = load_places()
        sections = load_sections(NHS_PLACES if place_list is None else Path(place_list))
        if patterns is None:
            listed = trie_regex(sections.get("anywhere", []), case_sensitive=True)
            gated = trie_regex(sections.get("with a health cue", []), case_sensitive=True)
            gated_name = _B + r"(?P<entity>(?:" + gated + r"))" + r"(?:[ \t]+" + _STRONG + r")?" + _E + r"(?![ \t]+" + _STREET + r"\b)"
            # A bare name: capitalised words (and linking words) with no head word, agency
            # word or prison prefix; it must end where the name ends, not inside a longer one.
            not_word = r"(?!" + _AGENCY.replace("Court|", "") + r"\b|" + _NOT_TREATMENT + r"\b|" + _STRONG + r"\b|" + _WEAK + r"\b|HMP|HMYOI|HM\b)"
            bare = not_word + r"[A-Z][A-Za-z'’-]*+(?:[ \t]+" + not_word + _WORD + r"){0,3}?" + _E
            bare += r"(?![ \t]+(?:[A-Z]|(?:of|and|upon|on|y|yr|&)[ \t]+[A-Z]))"
            patterns = [
                Pattern(
                    "listed health place",
                    _B + r"(?P<entity>(?:" + listed + r"))" + r"(?:[ \t]+" + _STRONG + r")?" + _E + r"(?![ \t]+(?:" + _WEAK + r"|" + _STREET + r")\b)",
                    0.8,
                ),
                Pattern("listed health place, also a town or word; health cue before", r"\b" + _CUE + r"\b" + _BRIDGE + gated_name, 0.75),
                Pattern("listed health place, also a town or word; health cue after", gated_name + _BRIDGE_AFTER + r"\b" + _CUE_AFTER + r"\b", 0.75),
                Pattern(
                    "phrase headed by Unit/Centre/Clinic/Ward/Surgery/House; health cue after",
                    _B + r"(?:the[ \t]+)?(?P<entity>" + _PHRASE + r"[ \t]+" + _WEAK + r")" + _E + _BRIDGE_AFTER + r"\b" + _CUE_AFTER + r"\b",
                    0.75,
                ),
                Pattern("name described as a place of treatment", _B + r"(?:(?i:the)[ \t]+)?(?P<entity>" + bare + r")" + _DESCRIBED, 0.75),
                Pattern("name after a patient cue", r"\b" + _PATIENT_CUE + r"[ \t]+(?:the[ \t]+)?(?P<entity>" + bare + r")", 0.75),
                Pattern("service named by a condition", _B + r"(?P<entity>" + _CONDITION_SERVICE + r")" + _E, 0.75),
                Pattern("numbered hospital ward", _B + r"(?P<entity>Ward[ \t]+[0-9]{1,3}[A-Z]?)" + _E + r"(?![ \t]+(?i:councillors?|council|members?|residents|by-elections?|boundar\w+)\b)", 0.75),
                Pattern("clinic named by its kind", _B + r"(?P<entity>" + _KIND_CLINIC + r")" + _E, 0.75),
                Pattern("phrase headed by Hospital/Infirmary/Hospice", _B + r"(?P<entity>" + _PHRASE + r"[ \t]+" + _STRONG + r")" + _E, 0.8),
                Pattern("Welsh Ysbyty + name", _B + r"(?P<entity>Ysbyty(?:[ \t]+" + _WORD + r"){1,4}?)" + r"(?=[ \t]*(?:[,.;:)]|$|\n|[ \t][a-z]))", 0.8),
                Pattern(
                    "health cue + phrase headed by Unit/Centre/Clinic/Ward/Surgery/House",
                    r"\b" + _CUE + r"\b" + _BRIDGE + _B + r"(?:the[ \t]+)?(?P<entity>" + _PHRASE + r"[ \t]+" + _WEAK
                    + r"|(?:Uned|Canolfan)(?:[ \t]+" + _WORD + r"){1,4}?(?=[ \t]*(?:[,.;:)]|$|\n|[ \t][a-z])))" + _E,
                    0.75,
                ),
            ]
        super().__init__(patterns, context, supported_language, supported_entity, name)

    def assess(self, match: re.Match, pattern: Pattern) -> tuple[float, bool | None]:
        """Drop a bare name that is a town ("admitted to Leeds" says which city, not which ward)."""
        score, validation = super().assess(match, pattern)
        if pattern.name in ("name after a patient cue", "name described as a place of treatment"):
            name = " ".join(match.group("entity").split())
            if name.lower() in self._towns or _LAW_COURT.search(name):
                return 0.0, validation
        return score, validation

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        if pattern.name.startswith("listed health place, also"):
            return "health place list: hospital name that is also a town or word; health cue nearby"
        if pattern.name.startswith("listed"):
            return "health place list: trust, health board or hospital"
        if pattern.name == "name described as a place of treatment":
            return "health place shape: name described as a place of treatment"
        if pattern.name == "name after a patient cue":
            return "health place shape: name after a patient cue"
        if pattern.name == "service named by a condition":
            return "health place shape: service named by a condition"
        if pattern.name == "numbered hospital ward":
            return "health place shape: numbered ward"
        if pattern.name == "clinic named by its kind":
            return "health place shape: clinic named by its kind"
        groups = match.groupdict()
        if groups.get("cue") or groups.get("cue_after"):
            return "health place shape: treatment-place head word; health cue nearby"
        return "health place shape: hospital head word"
