"""spaCy's PERSON entities, less the ones the small English model gets wrong in reviews."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import regex as re
from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from recognizers.name_parts import STOP_ACRONYMS, STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_STOP_WORDS = {w.lower() for w in STOP_WORDS}
_STOP_ACRONYMS = set(STOP_ACRONYMS)
# Prison prefixes: "HMP Wandsworth" is a prison, reported by the PRISON recognizer.
_PRISON_PREFIX = re.compile(r"^(?:HMP|HMYOI|HM\s+Prison|YOI)\b")
_WORD = re.compile(r"[\w'’-]+")
# Lower-case words that begin surnames.
_PARTICLES = frozenset({"al", "ap", "bin", "bint", "da", "das", "de", "del", "della", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le", "st", "te", "ter", "van", "von", "zu"})


class SpacyPersonRecognizer(SpacyRecognizer):
    """Report spaCy PERSON entities, dropping spans that cannot be a person's name.

    en_core_web_sm tags agency and role words ("MAPPA", "Probation Officer"), prisons
    ("HMP Wandsworth") and place + postcode runs as PERSON (STACK-NOTES.md). Dropped:
    spans with a digit, spans starting with a prison prefix, and spans made only of
    agency, role or function words. Over-redaction is a failure too (DOMAIN.md).
    """

    def __init__(
        self,
        supported_language: str = "en",
        supported_entities: list[str] | None = None,
        ner_strength: float = 0.85,
        name: str | None = None,
    ) -> None:
        """Presidio's spaCy recognizer, reporting PERSON unless other entities are given."""
        super().__init__(
            supported_language=supported_language,
            supported_entities=supported_entities or ["PERSON"],
            ner_strength=ner_strength,
            name=name,
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return spaCy's PERSON results that look like names."""
        results = super().analyze(text, entities, nlp_artifacts)
        kept = []
        for r in results:
            if r.entity_type != "PERSON":
                kept.append(r)
                continue
            for start, end in self.pieces(text, r.start, r.end):
                if self.is_plausible_name(text[start:end]):
                    piece = copy.copy(r)
                    piece.start, piece.end = start, end
                    kept.append(piece)
        return kept

    @classmethod
    def pieces(cls, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """The names inside a PERSON span: "Frank and Lewis" is Frank, and Lewis.

        A lower-case word inside the span, other than a name particle ("Anna de Souza",
        "van Dijk"), separates names; "George later" is George.
        """
        out: list[tuple[int, int]] = []
        run: list = []
        for w in [*_WORD.finditer(text, start, end), None]:
            if w is not None and not (w.group(0)[:1].islower() and w.group(0) not in _PARTICLES):
                run.append(w)
                continue
            if run:
                span = cls.trimmed(text, run[0].start(), run[-1].end())
                if span is not None:
                    out.append(span)
            run = []
        return out

    @staticmethod
    def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span without lower-case words at its ends ("George later" -> "George").

        The small model sometimes runs a name on into the next word, or past a possessive
        ("Wallis' PNC"). A lower-case word stays at the start only if it is a name particle
        ("de Souza", "van Dijk"); an agency acronym never ends a name.
        """
        words = list(_WORD.finditer(text, start, end))
        # A name ends at a possessive: "Guy Wallis' PNC number" is Guy Wallis's.
        for i, w in enumerate(words[:-1]):
            if w.group(0).endswith(("'", "’", "'s", "’s")):
                words = words[: i + 1]
                break
        while words and (words[-1].group(0)[:1].islower() or words[-1].group(0) in _STOP_ACRONYMS):
            words.pop()
        while words and words[0].group(0)[:1].islower() and words[0].group(0) not in _PARTICLES:
            words.pop(0)
        if not words:
            return None
        return words[0].start(), words[-1].end()

    @staticmethod
    def is_plausible_name(span: str) -> bool:
        """False for a span with a digit, a prison prefix, or only agency/role/function words."""
        if any(c.isdigit() for c in span):
            return False
        if _PRISON_PREFIX.match(span):
            return False
        words = _WORD.findall(span)
        return not all(w in _STOP_ACRONYMS or w.lower() in _STOP_WORDS for w in words)
