"""A nickname or alias introduced by a cue: 'known as "Smudge"', 'aka Dee', 'street name Tiny'.

The pipeline gives the alias the label of the person named just before it, so the person
keeps one label; the explanation says it is an alias.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.name_parts import NAME_SEQUENCE

_CUE = (
    r"(?P<cue>(?i:(?:also[ \t]+|better[ \t]+|widely[ \t]+)?known(?:[ \t]+(?:on[ \t]+the[ \t]+(?:street|streets|estate)|to[ \t]+(?:friends|his[ \t]+friends|her[ \t]+friends|police|peers|associates|everyone)|locally|around[ \t]+(?:the[ \t]+)?[a-z]+|in[ \t]+the[ \t]+(?:area|community)))?[ \t]+as|a\.?k\.?a\.?|nicknamed|calls[ \t]+(?:himself|herself|themselves)"
    r"|goes[ \t]+by(?:[ \t]+the[ \t]+name(?:[ \t]+of)?)?|street[ \t]+name|alias))"
)
# Quotes of any kind may surround the alias.
_OPEN = r"[ \t]*+[:,]?[ \t]*+[\"“‘']?"


class AliasNameRecognizer(SfoPatternRecognizer):
    """Recognise an alias after an alias cue; the span is the alias only."""

    ENTITY = "PERSON"
    # 0.9, above the model's 0.85: of two results on one span Presidio keeps the higher, and
    # the pipeline needs this one's explanation to attach the alias to its person.
    PATTERNS = [Pattern("alias after cue", r"(?<![\w])" + _CUE + _OPEN + r"(?P<entity>" + NAME_SEQUENCE + r")", 0.9)]
    CONTEXT: list[str] = []
    FLAGS = 0  # names are recognised by their capitals

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The line added to a match's explanation."""
        return "alias cue: another name of the person named before it"
