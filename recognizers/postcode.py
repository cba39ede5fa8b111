"""UK postcode, in the full shape (outward and inward code)."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer

# Royal Mail postcode shapes (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA) with
# the letters each position may hold: Q, V, X never first; I, J, Z never second; the
# inward code never uses C, I, K, M, O or V.
OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
)
INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
POSTCODE = OUTWARD + r" ?" + INWARD


class PostcodeRecognizer(SfoPatternRecognizer):
    """Recognise full UK postcodes (SW1A 1AA, M1 1AE, DN55 1PT).

    Capitals only, and the inward code is required, so road numbers ("A1 road",
    "M6 junction 4") are not half-matched.
    """

    ENTITY = "UK_POSTCODE"
    FLAGS = 0
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        Pattern("postcode (spaced)", r"(?<![\w/])" + OUTWARD + r" " + INWARD + r"(?![\w/])", 0.7),
        Pattern("postcode (unspaced)", r"(?<![\w/])" + OUTWARD + INWARD + r"(?![\w/])", 0.6),
    ]
    CONTEXT = ["postcode", "address", "post", "code"]
