"""Prison number (NOMIS number), given to a person on first reception into custody."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer


class PrisonNumberRecognizer(SfoPatternRecognizer):
    """Recognise NOMIS prison numbers: letter, four digits, two letters (A1234BC)."""

    ENTITY = "UK_PRISON_NUMBER"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        Pattern(
            "prison number (letter, 4 digits, 2 letters)",
            r"(?<![\w/])[A-Z][0-9]{4}[A-Z]{2}(?![\w/])",
            0.6,
        ),
    ]
    CONTEXT = ["prison", "nomis", "prisoner", "number", "noms"]
