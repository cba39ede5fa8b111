"""Criminal Records Office (CRO) number, from the national fingerprint collection."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer


class CroRecognizer(SfoPatternRecognizer):
    """Recognise CRO numbers: serial of up to six digits / two-digit year + letter (123456/09A)."""

    ENTITY = "UK_CRO"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # The slash and the year+letter tail keep dates (12/09/2023) and PNC IDs
        # (09/123456A: the letter follows the long part) out.
        Pattern("CRO (NNNNNN/YYL)", r"(?<![\w/])[0-9]{1,6}/[0-9]{2}[A-Z](?![\w/])", 0.5),
    ]
    CONTEXT = ["cro", "criminal", "records", "office"]
