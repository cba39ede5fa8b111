"""Date of birth: a date only when a birth cue ties it to a person."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from pipeline.vocabulary import MONTH_PATTERN
from recognizers.base import SfoPatternRecognizer

_MONTH = MONTH_PATTERN + r"\.?"
_DAY = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
# Date forms: 02/04/1990, 2.4.90, 2-4-1990, 2 April 1990, 2nd of April 1990,
# April 2, 1990, 1990-04-02.
_DATE = (
    r"(?:[0-3]?[0-9][/.-][01]?[0-9][/.-](?:[0-9]{4}|[0-9]{2})(?![0-9])"
    r"|" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTH + r",?[ \t]+[0-9]{4}"
    r"|" + _MONTH + r"[ \t]+" + _DAY + r",?[ \t]+[0-9]{4}"
    r"|[0-9]{4}-[01][0-9]-[0-3][0-9])"
)
# Birth cues: "date of birth", "DOB", "d.o.b.", "D.O.B", "born (on)", "birth date".
_CUE = r"(?P<cue>date[ \t]+of[ \t]+birth|birth[ \t]*date|d\.?o\.?b\b\.?|born(?:[ \t]+on)?)"
# Between cue and date: spaces, a colon, dash or opening bracket ("(DOB 02/04/1990)",
# "DOB: 2.4.90", "date of birth - 2 April 1990"), and "is"/"was" ("date of birth is").
# Possessive quantifiers: no backtracking over long blank runs.
_GAP = r"[ \t]*+(?:(?:is|was)[ \t]++)?+(?:[:\-–(][ \t]*+)?+"

# Words that may stand between a cue and its date ("is recorded on nDelius as").
_BRIDGE = r"(?:is|was|are|were|recorded|given|listed|shown|noted|stated|entered|as|on|in|the|his|her|their|nDelius|NOMIS|OASys|system|records?|file|wrongly|incorrectly|correctly|also)(?![\w])"

# Cue as written (lower case, dots and spaces removed) -> the name given in explanations.
_CUE_NAMES = {
    "dateofbirth": "date of birth",
    "birthdate": "date of birth",
    "dob": "DOB",
    "born": "born",
    "bornon": "born",
}


class DateOfBirthRecognizer(SfoPatternRecognizer):
    """Recognise dates of birth: a birth cue followed by a date; the span is the date.

    A date without a cue (the chronology) produces no result at all.
    """

    ENTITY = "DATE_OF_BIRTH"
    REQUIRES = r"birth|d\.?o\.?b|born"  # every pattern needs a birth cue
    PATTERNS = [
        Pattern("date after birth cue", r"\b" + _CUE + _GAP + r"(?P<entity>" + _DATE + r")", 0.85),
        # "date of birth is recorded as 19.09.1997": a few lower-case words between, no
        # sentence end. Each word is possessive and the count bounded, so no backtracking.
        Pattern("date after birth cue and a few words", r"\b" + _CUE + r"(?:[ \t]++" + _BRIDGE + r"){1,5}+[ \t]*+:?[ \t]*+(?P<entity>" + _DATE + r")", 0.8),
        # "19/02/1978 (DOB)", "02/04/1990 - date of birth"
        Pattern("date before birth cue", r"(?P<entity>" + _DATE + r")[ \t]*+[(,\-–][ \t]*+" + _CUE, 0.8),
    ]
    CONTEXT: list[str] = []

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Name the birth cue that tied the date to a person."""
        key = re.sub(r"[\s.]+", "", match.group("cue").lower())
        return f"birth cue: {_CUE_NAMES.get(key, 'date of birth')}"
