"""National Insurance number (NINO), issued by HMRC and DWP."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer


class NinoRecognizer(SfoPatternRecognizer):
    """Recognise NINOs: two letters, six digits, suffix A-D, optionally spaced (AB 12 34 56 C).

    Letters must be capitals: in lower case the spaced form ("at 12 34 56 a") is too
    easily ordinary text.
    """

    ENTITY = "UK_NINO"
    FLAGS = 0
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        Pattern(
            "NINO (2 letters, 6 digits, A-D)",
            r"(?<![\w/])[A-Z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-D](?![\w/])",
            0.6,
        ),
    ]
    CONTEXT = ["national", "insurance", "nino", "ni"]

    def invalidate_result(self, pattern_text: str) -> bool:
        """Reject prefixes HMRC never issues (HMRC National Insurance Manual NIM39110)."""
        prefix = pattern_text[:2]
        # D, F, I, Q, U and V are never the first letter.
        if prefix[0] in "DFIQUV":
            return True
        # D, F, I, O, Q, U and V are never the second letter.
        if prefix[1] in "DFIOQUV":
            return True
        # BG, GB, NK, KN, TN and NT are not allocated (confusable with other codes).
        if prefix in ("BG", "GB", "KN", "NK", "NT", "TN"):
            return True
        # ZZ is a temporary/administrative prefix, never a real number.
        if prefix == "ZZ":
            return True
        return False
