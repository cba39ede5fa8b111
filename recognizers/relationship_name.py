"""Third party named after a relationship cue: "his partner, Jane Smith", "friend Kyle"."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.name_parts import NAME_SEQUENCE
from recognizers.vocabulary import VOCABULARY

# Relationship cues; the pipeline turns the cue into the person's role (Partner 1,
# Victim A), so the explanation names it.
# The relationship words of the one vocabulary, and the one-word victim cues ("the victim,
# Leanne"): a cue phrase ("the deceased", "victim a") does not introduce a name the same way.
RELATIONSHIP_CUES: tuple[str, ...] = tuple(VOCABULARY.relationships) + tuple(
    w for w in VOCABULARY.victim_cues if " " not in w
)

_CUE = (
    r"(?P<cue>(?i:" + "|".join(re.escape(c).replace(r"\ ", r"[ \t]+").replace(r"\-", r"[ \t-]?")
                              for c in sorted(RELATIONSHIP_CUES, key=len, reverse=True)) + r"))"
)

# Cue as written, spaces and hyphens removed -> its spelling in the list, for explanations.
_CANONICAL = {re.sub(r"[\s-]+", "", c): c for c in RELATIONSHIP_CUES}


class RelationshipNameRecognizer(SfoPatternRecognizer):
    """Recognise a relationship cue followed by a name; the span is the name only.

    Separators allowed between cue and name: a space, a comma, a colon or an opening
    bracket ("his brother (Tom)").
    """

    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [
        Pattern(
            "relationship cue + name",
            # Possessive separators (no backtracking over long blank runs); the lookbehind
            # insists on at least one separator character.
            r"(?<![\w-])" + _CUE + r"(?![\w'’])(?:[ \t]*+[,:(])?+[ \t]*+(?<=[ \t,:(])"
            r"(?P<entity>" + NAME_SEQUENCE + r")",
            0.9,
        ),
        Pattern(
            "victim cue + was/is + name",
            # "the victim was Leanne Hughes", "the complainant is Tom Briggs".
            r"(?<![\w-])(?P<cue>(?i:victim|complainant|witness))[ \t]++(?:was|is|being|named)[ \t]++"
            r"(?P<entity>" + NAME_SEQUENCE + r")",
            # 0.9 like every cue recognizer: above spaCy's 0.85. At an equal score Presidio
            # keeps one of two same-span results by hash order, and the cue could be lost.
            0.9,
        ),
    ]
    CONTEXT: list[str] = []

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Name the relationship cue, normalised to the list's spelling."""
        key = re.sub(r"[\s-]+", "", match.group("cue").lower())
        return f"relationship cue: {_CANONICAL.get(key, key)}"
