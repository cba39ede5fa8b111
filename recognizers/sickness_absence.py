"""Why a member of staff (or anyone) was off sick: a personal health detail.

Reviews record that "the PP was absent from work from 6 May 2023 with work-related stress";
the absence is a practice fact and stays, the reason is personal data about the member of
staff and goes (DOMAIN.md: staff sickness and bereavement are removed). The span is the
reason only, ending at the clause boundary of `recognizers/clause.py` (shared with
`staff_circumstances.py`), so "and had reduced capacity to oversee the team" stays.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.clause import BOUNDARY

# "absent from work", "absent with" (the reason straight after), "off sick", "signed off", "on sick leave", "on long-term sick leave"
_ABSENCE = r"(?P<cue>absent[ \t]+from[ \t]+work|absent(?=[ \t]+(?:with|due[ \t]+to|because[ \t]+of|suffering)[ \t])|off[ \t]+(?:sick|work)|signed[ \t]+off|on[ \t]+(?:long[ \t-]*term[ \t]+)?sick(?:ness)?[ \t]+leave|sickness[ \t]+absence)"
# Up to 40 characters of the same sentence ("from 6 May 2023") before the reason's lead word.
_BRIDGE = r"[^.;:\n]{0,40}?"
_LEAD = r"(?:with|due[ \t]+to|because[ \t]+of|following|after|suffering[ \t]+from)"
# The reason: one to four lower-case words (an article allowed), never across a clause
# boundary (recognizers/clause.py: "with stress and had reduced capacity", "with depression
# for most of the period under review"). "and" joins two reasons ("stress and anxiety").
# A preposition after it opens the absence's dates or length ("for two months", "from March
# to June"), which stay.
_AFTER = r"(?:for|from|in|since|until|between|throughout|during|over|at|on|when|while|before|so|which|but|or)\b"
_WORD = r"(?!" + _AFTER + r")[a-z][a-z'\-]*+"
_REASON = r"(?P<entity>(?:an?[ \t]+)?" + _WORD + r"(?:(?!" + BOUNDARY + r")[ \t]+" + _WORD + r"){0,3}+)"
_END = r"(?=[ \t]*(?:[,.;:)]|$)|" + BOUNDARY + r"|[ \t]+" + _AFTER + r")"


class SicknessAbsenceRecognizer(SfoPatternRecognizer):
    """Recognise the reason given for a sickness absence; the absence itself stays."""

    ENTITY = "MEDICAL"
    PATTERNS = [
        Pattern("reason for sickness absence", r"\b" + _ABSENCE + r"\b" + _BRIDGE + r"\b" + _LEAD + r"[ \t]+" + _REASON + _END, 0.75),
    ]
    CONTEXT: list[str] = []
    FLAGS = re.IGNORECASE

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The line added to a match's explanation."""
        return "reason given for a sickness absence (staff personal detail)"
