"""A nickname or alias introduced by a cue: 'known as "Smudge"', 'aka Dee', 'street name Tiny'.

The pipeline gives the alias the label of the person named just before it, so the person
keeps one label; the explanation says it is an alias.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.name_parts import NAME_SEQUENCE, NAME_TOKEN

# Cues, loose as reviewers write them: "nicknamed him", "went by the name of", "used the
# alias", "answered to", "referred to as", "street name was". Case is left to the name that
# follows (a capital), so "what is known as a cuckooing arrangement" stays.
_OBJECT = r"(?:[ \t]+(?:him|her|them))"
_CUE = (
    r"(?P<cue>(?i:(?:also[ \t]+|better[ \t]+|widely[ \t]+)?known(?:[ \t]+(?:on[ \t]+the[ \t]+(?:street|streets|estate)|to[ \t]+(?:(?:the|his|her|their)[ \t]+)?[a-z]+|locally|around[ \t]+(?:the[ \t]+)?[a-z]+|in[ \t]+the[ \t]+(?:area|community)))?[ \t]+as|a\.?k\.?a\.?|nicknamed" + _OBJECT + r"?|calls[ \t]+(?:himself|herself|themselves)"
    r"|(?:nick)?named[ \t]+(?:him|her|them)(?:self|selves)?|called[ \t]+(?:him|her|them)(?:self|selves)?"
    r"|(?:also[ \t]+|commonly[ \t]+|often[ \t]+)?referred[ \t]+to" + _OBJECT + r"?[ \t]+as"
    r"|(?:goes|go|went|going)[ \t]+by(?:[ \t]+the[ \t]+(?:nick)?name(?:[ \t]+of)?)?"
    r"|answer(?:s|ed)?[ \t]+to(?:[ \t]+the[ \t]+(?:nick)?name(?:[ \t]+of)?)?"
    r"|(?:us(?:es|ed|ing)|gave|give|gives|under)[ \t]+the[ \t]+(?:nickname|alias|street[ \t]+name|false[ \t]+name|name)(?:[ \t]+of)?"
    r"|(?:street[ \t]+name|nickname|alias)(?:[ \t]+(?:was|is|being))?"
    # "Kai Wendrell was called Spider": only straight after a name word (no stop word), so "the intervention was called Building Better Relationships" stays.
    r"|(?<=(?<![\w])" + NAME_TOKEN + r"[ \t]+)(?:was|is|were)(?:[ \t]+(?:also|often|sometimes|usually))?[ \t]+called))"
)
# A thing named just before the cue makes it a thing's name: "the approach known as Think
# Family", "a hostel referred to as Elm House", "the estate, known locally as the Flats".
_THING = (
    r"(?<!(?i:approach|scheme|process|programme|program|model|framework|arrangement|initiative|course|intervention"
    r"|system|policy|tool|project|service|unit|team|area|estate|place|building|hostel|town|village|city|district"
    r"|street|road|pub|club|shop|premises|centre|center|meeting|panel|strategy|plan|protocol|procedure|group|gang"
    r"|operation|house|park|site|document|form|report|order|requirement|school|college)"
    r"[ \t]*+,?[ \t]++(?:(?:is|was|are|were|now|also|commonly|locally|widely|better|often|sometimes)[ \t]++){0,2})"
)
# Quotes of any kind may surround the alias.
_OPEN = r"[ \t]*+[:,]?[ \t]*+[\"“‘']?"


class AliasNameRecognizer(SfoPatternRecognizer):
    """Recognise an alias after an alias cue; the span is the alias only."""

    ENTITY = "PERSON"
    # 0.9, above the model's 0.85: of two results on one span Presidio keeps the higher, and
    # the pipeline needs this one's explanation to attach the alias to its person.
    PATTERNS = [Pattern("alias after cue", r"(?<![\w])" + _THING + _CUE + _OPEN + r"(?P<entity>" + NAME_SEQUENCE + r")", 0.9)]
    CONTEXT: list[str] = []
    FLAGS = 0  # names are recognised by their capitals

    def invalidate_result(self, pattern_text: str) -> bool:
        """A town or region is a place's other name, not a person's ("known as Merthyr to locals")."""
        from recognizers.name_list import load_places

        return " ".join(pattern_text.split()).lower() in load_places()

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The line added to a match's explanation."""
        return "alias cue: another name of the person named before it"
