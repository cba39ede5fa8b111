"""Person named after a staff or police role: "PP Sarah Jenkins", "DC Smith"."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from pipeline import vocabulary
from recognizers.base import SfoPatternRecognizer
from recognizers.name_parts import NAME_SEQUENCE

# Role acronyms, capitals only (pipeline/vocabulary.py). Not "PO": before a capitalised
# word it is a post box as often as a probation officer ("PO Box 12", "PO Box Lane").
ROLE_ACRONYMS: tuple[str, ...] = tuple(r for r in vocabulary.ROLE_ACRONYMS if r != "PO")
# Role titles in words, any case.
ROLE_TITLES: tuple[str, ...] = (
    "Probation Practitioner", "Probation Officer", "Senior Probation Officer",
    "Probation Services Officer", "Offender Manager", "Prison Offender Manager",
    "Community Offender Manager", "Victim Liaison Officer", "Reviewing Manager",
    "Countersigning Manager", "Head of PDU", "Head of Offender Management Delivery",
    "Family Liaison Officer", "Detective Constable", "Detective Sergeant",
    "Detective Inspector", "Detective Chief Inspector", "Police Constable", "Sergeant",
    "Inspector", "Key Worker", "Keyworker", "Support Worker", "Social Worker",
    "Approved Premises Manager", "Area Manager", "Team Manager", "Case Administrator",
)

_TITLES = "|".join(
    re.escape(t).replace(r"\ ", r"[ \t]+") for t in sorted(ROLE_TITLES, key=len, reverse=True)
)
_ACRONYMS = "|".join(sorted(ROLE_ACRONYMS, key=len, reverse=True))
# Titles in any case ("probation practitioner"); acronyms in capitals only ("pc" is not PC).
_ROLE = r"(?P<role>(?i:" + _TITLES + r")|" + _ACRONYMS + r")"

# Role as written (any case) -> its spelling in the lists above, for explanations.
_CANONICAL = {t.lower(): t for t in ROLE_ACRONYMS + ROLE_TITLES}


class RoleNameRecognizer(SfoPatternRecognizer):
    """Recognise a role word followed by a name; the span is the name only.

    The role itself stays (staff are labelled by role: PP1, SPO1).
    """

    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [
        Pattern(
            "role + name",
            # Possessive separators: no backtracking over long blank runs.
            r"(?<![\w])" + _ROLE + r"(?![\w])(?:[ \t]*+[,:])?+[ \t]++"
            r"(?P<entity>" + NAME_SEQUENCE + r")",
            0.9,
        ),
    ]
    CONTEXT: list[str] = []

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Name the role cue (a fixed role word, not document text)."""
        role = " ".join(match.group("role").split())
        return f"role cue: {_CANONICAL.get(role.lower(), role)}"
