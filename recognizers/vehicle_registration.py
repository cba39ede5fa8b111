"""UK vehicle registration marks (number plates), current and older formats.

Formats (DVLA): current since 2001, two letters + two-digit age identifier + three letters
("AB12 CDE"); prefix 1983-2001, letter + 1-3 digits + three letters ("A123 BCD"); suffix
1963-1983, three letters + 1-3 digits + letter ("ABC 123D"). The current shape is strict
enough alone; the older two collide with references and codes, so they need a vehicle cue
("car", "registration", "VRM", "index") in the same sentence before them.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer

_B = r"(?<![\w/-])"
_E = r"(?![\w/-])"
# Current: letters I, Q and Z are not used in the first two positions; the age identifier is
# 02-29 / 51-79 (March / September series) and a few others; any two digits are accepted
# except 00 and 01 (never issued) so a typed plate is not lost.
_CURRENT = r"[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[1-9][0-9])[ \t]?[A-HJ-PR-Z]{3}"
_PREFIX = r"[A-HJ-NP-Y][1-9][0-9]{0,2}[ \t]?[A-HJ-PR-Y]{3}"
_SUFFIX = r"[A-HJ-PR-Y]{3}[ \t]?[1-9][0-9]{0,2}[A-HJ-NP-Y]"
_CUE = (
    r"(?P<cue>(?i:car|van|vehicle|motorbike|motorcycle|moped|scooter|lorry|taxi|registration|registered|"
    r"reg(?:istration)?[ \t]+(?:no\.?|number|mark|plate)|reg\.?|number[ \t]+plate|plates?|VRM|index|ANPR"
    r"|driving|drove|driven|drive))"
)
_BRIDGE = r"[^.;\n]{0,60}?"


class VehicleRegistrationRecognizer(SfoPatternRecognizer):
    """Recognise UK number plates: the current shape anywhere, older shapes after a cue."""

    ENTITY = "UK_VEHICLE_REG"
    FLAGS = 0  # plates are written in capitals; lower-case words are not plates
    CONTEXT: list[str] = ["car", "vehicle", "registration", "VRM", "plate"]
    REQUIRES = r"[0-9]"
    PATTERNS = [
        Pattern("current registration (AB12 CDE)", _B + r"(?P<entity>" + _CURRENT + r")" + _E, 0.6),
        Pattern(
            "older registration after vehicle cue",
            # The cue may end in a full stop ("reg no. T901 RMX"): no word character after it.
            r"\b" + _CUE + r"(?![\w])" + _BRIDGE + _B + r"(?P<entity>" + _PREFIX + r"|" + _SUFFIX + r")" + _E,
            0.6,
        ),
    ]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        if "cue" in match.groupdict() and match.group("cue"):
            return "vehicle registration shape; vehicle cue"
        return "vehicle registration shape (current format)"
