"""Case reference number (CRN) from nDelius, the probation case management system."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer


class CrnRecognizer(SfoPatternRecognizer):
    """Recognise nDelius CRNs: one letter and six digits, e.g. X123456."""

    ENTITY = "UK_CRN"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # Exactly one letter + six digits as a whole token: not inside longer codes
        # ("AX123456", "X1234567"); prison numbers (A1234BC) have four digits, so differ.
        Pattern("CRN (letter + 6 digits)", r"(?<![\w/])[A-Z][0-9]{6}(?![\w/])", 0.5),
    ]
    CONTEXT = ["crn", "ndelius", "delius", "case", "reference"]
