"""Person named with a title: Mr, Mrs, Ms, Miss, Dr, Mx."""

from __future__ import annotations

from presidio_analyzer import Pattern

from pipeline.vocabulary import TITLES, alternation
from recognizers.base import SfoPatternRecognizer
from recognizers.name_parts import NAME_SEQUENCE

# Titles in any case ("MR DANIEL O'CONNOR"), with or without a full stop.
_TITLE = r"(?i:" + alternation(TITLES) + r")\b\.?"


class TitledNameRecognizer(SfoPatternRecognizer):
    """Recognise a title followed by one to three name words; the span is title + name.

    spaCy's small model tags "Ms Hughes" as ORG and misses "Mr O'Connor", so this
    recognizer catches them. The pipeline strips the title when labelling.
    """

    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [
        Pattern("title + name", r"(?<![\w])" + _TITLE + r"[ \t]++" + NAME_SEQUENCE, 0.9),
    ]
    CONTEXT: list[str] = []
