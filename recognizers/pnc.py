"""Police National Computer (PNC) ID, with its check letter."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import ENTITY_GROUP, SfoPatternRecognizer

# The PNC check letter: (last two digits of the year, then the serial zero-padded to
# seven digits, read as one number) mod 23, indexed into this alphabet (I, O, S omitted).
CHECK_ALPHABET = "ZABCDEFGHJKLMNPQRTUVWXY"

_PARTS = re.compile(r"(?:[0-9]{2})?([0-9]{2})/([0-9]+)([A-Z])", re.IGNORECASE)


def pnc_check_letter(year: str, serial: str) -> str:
    """Return the check letter for a PNC ID given its year (2 or 4 digits) and serial."""
    return CHECK_ALPHABET[int(year[-2:] + serial.zfill(7)) % 23]


class PncRecognizer(SfoPatternRecognizer):
    """Recognise PNC IDs: YYYY/NNNNNNNL (2009/0123456A) and short YY/NNNNNNL (09/123456A).

    A wrong check letter lowers the score instead of dropping the match: a typo in an
    identifier is still an identifier (fail closed).
    """

    ENTITY = "UK_PNC"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # The serial is seven digits; leading zeros are often dropped (2009/123456C).
        Pattern(
            "PNC (YYYY/NNNNNNNL)",
            r"(?<![\w/])(?P<entity>(?:19|20)[0-9]{2}/[0-9]{4,7}[A-Z])(?![\w/])",
            0.6,
        ),
        # Short form: two-digit year, serial with leading zeros dropped (4 to 7 digits:
        # 2016/0018750F is also written 16/18750F).
        Pattern(
            "PNC (YY/NNNNNNL)",
            r"(?<![\w/])(?P<entity>[0-9]{2}/[0-9]{4,7}[A-Z])(?![\w/])",
            0.5,
        ),
    ]
    CONTEXT = ["pnc", "police", "national", "computer"]
    CHECK_PASSED_SCORE = 0.95
    CHECK_FAILED_SCORE = 0.4

    def validate_result(self, pattern_text: str) -> bool | None:
        """Return whether the check letter matches the year and serial."""
        parts = _PARTS.fullmatch(pattern_text)
        if parts is None:
            return None
        year, serial, letter = parts.groups()
        return pnc_check_letter(year, serial) == letter.upper()

    def assess(self, match: re.Match, pattern: Pattern) -> tuple[float, bool | None]:
        """Raise the score on a valid check letter, lower it (but keep) on a wrong one."""
        valid = self.validate_result(match.group(ENTITY_GROUP))
        if valid is None:
            return pattern.score, None
        return (self.CHECK_PASSED_SCORE if valid else self.CHECK_FAILED_SCORE), valid

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Say whether the check letter matched."""
        valid = self.validate_result(match.group(ENTITY_GROUP))
        return "PNC check letter valid" if valid else "PNC check letter does not match (kept, lower score)"
