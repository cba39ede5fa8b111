"""UK telephone numbers: mobiles (07), geographic (01, 02), non-geographic (03, 08), +44."""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer

_DIGIT = re.compile(r"[0-9]")


class UkPhoneRecognizer(SfoPatternRecognizer):
    """Recognise UK phone numbers in the usual spacings (Ofcom national numbering plan).

    National numbers are 0 + 9 or 10 digits. Separators are single spaces or hyphens, or
    dots between groups of three to five digits; never slashes, so dates (02/04/1990,
    2.4.90, 02.04.1990) and identifiers are not numbers.
    """

    ENTITY = "UK_PHONE"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # 07700 900123, 0161 496 0000, 020 7946 0000, 01632-960000.
        Pattern(
            "UK phone (national)",
            r"(?<![\w+/.])0[1-9](?:[ -]?[0-9]){8,9}(?![\w/]|[.-][0-9])",
            0.6,
        ),
        # 07700.900.123, 0161.496.0000: dotted groups, as some people type them. Ten or
        # eleven digits in 3-5 / 3-4 / 3-4 groups, never a date's 2-2-2/4 shape.
        Pattern(
            "UK phone (dotted)",
            r"(?<![\w+/.])0[1-9][0-9]{1,3}\.[0-9]{3,4}\.?[0-9]{3,4}(?![\w/]|[.-][0-9])",
            0.6,
        ),
        # (0161) 496 0000, (01632) 960000.
        Pattern(
            "UK phone (bracketed area code)",
            r"(?<![\w+/.])\(0[1-9][0-9]{1,4}\)[ \t]?[0-9]{3,4}[ -]?[0-9]{3,4}(?![\w/]|[.-][0-9])",
            0.6,
        ),
        # +44 7700 900123, +44 (0)161 496 0000, 0044 20 7946 0000.
        Pattern(
            "UK phone (+44)",
            r"(?<![\w+/.])(?:\+|00)44[ \t]?(?:\(0\)[ \t]?)?[1-9](?:[ -]?[0-9]){8,9}(?![\w/]|[.-][0-9])",
            0.7,
        ),
    ]
    CONTEXT = ["phone", "telephone", "tel", "mobile", "call", "called", "number", "contact", "text"]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject a bracketed form whose digit count is not a UK national number's."""
        digits = len(_DIGIT.findall(pattern_text))
        if pattern_text.startswith("(") or "." in pattern_text:
            return None if digits in (10, 11) else False
        return None
