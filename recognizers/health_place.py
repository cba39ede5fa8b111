"""Names of places where someone was treated: hospitals, units, clinics, surgeries, trusts.

By shape, not only by list: a proper-noun phrase headed by a place-of-treatment word.
Strong heads (Hospital, Infirmary, Hospice, Welsh Ysbyty) are health places wherever they
appear; weak heads (Unit, Centre, Clinic, Ward, Surgery, Practice, House, Lodge, Welsh Uned
and Canolfan) need a health cue in the same sentence, so "Probation Delivery Unit" and
"Oak House" as an address stay. Agencies ("Community Mental Health Team", "the GP") have no
such head and stay; a named surgery goes. Listed names (trusts, health boards, secure
hospitals without a head word) come from data/nhs_places.txt.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.gazetteer import DATA_DIR, load_terms, trie_regex

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
    r"rehab\w*|detox\w*|secure[ \t]+unit|bed))"
)
_BRIDGE = r"[^.;\n]{0,80}?"
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
        if patterns is None:
            listed = trie_regex(load_terms(DATA_DIR / "nhs_places.txt" if place_list is None else place_list), case_sensitive=True)
            patterns = [
                Pattern("listed health place", _B + r"(?P<entity>(?:" + listed + r"))" + r"(?:[ \t]+" + _STRONG + r")?" + _E, 0.8),
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

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        if pattern.name.startswith("listed"):
            return "health place list: trust, health board or hospital"
        if "cue" in match.groupdict() and match.group("cue"):
            return "health place shape: treatment-place head word; health cue nearby"
        return "health place shape: hospital head word"
