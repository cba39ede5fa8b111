"""Recognizers of specific health facts.

Specific health facts: diagnoses, medication, mental health, sexual health, pregnancy,
hospital admissions and treatment (removed under SFO guidance section 3.4.4).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import regex as re
from presidio_analyzer import Pattern, RecognizerResult

from pipeline.errors import ConfigError
from recognizers.base import SfoPatternRecognizer
from recognizers.gazetteer import DATA_DIR, load_sections, normalise_term, trie_regex

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

MEDICAL_TERMS = DATA_DIR / "medical_terms.txt"
MEDICATION_SECTION = "medication"

# A dose after a medication belongs to the same fact: "sertraline 50mg", "olanzapine 10 mg".
_DOSE = r"(?:[ \t]*[0-9]{1,4}(?:\.[0-9]{1,3})?[ \t]?(?:mg|mcg|µg|micrograms?|milligrams?|ml|g)(?![\w]))"
_START = r"(?<![\w'’-])"
_END = r"(?![\w'’-])"


class MedicalRecognizer(SfoPatternRecognizer):
    """Recognise specific health facts from a sectioned term list and a few phrase shapes.

    Service and process words ("mental health services", "GP", "healthcare") are not
    in the list and stay. The explanation names the list section that matched.
    """

    ENTITY = "MEDICAL"
    CONTEXT: list[str] = []

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str | None = None,
        name: str | None = None,
        term_list: str | None = None,
    ) -> None:
        """Patterns are built from the term list (the packaged one when None) unless given."""
        self.term_list = Path(term_list) if term_list else MEDICAL_TERMS
        sections = load_sections(self.term_list)
        if MEDICATION_SECTION not in sections:
            raise ConfigError(f"term list has no [{MEDICATION_SECTION}] section", self.term_list)
        # Matched text (normalised) -> section, to say which list a match came from.
        self.sections: dict[str, str] = {
            normalise_term(term): section for section, terms in sections.items() for term in terms
        }
        if patterns is None:
            other = [t for s, terms in sections.items() if s != MEDICATION_SECTION for t in terms]
            patterns = self._patterns(sections[MEDICATION_SECTION], other)
        super().__init__(patterns, context, supported_language, supported_entity, name)

    @staticmethod
    def _patterns(medications: list[str], terms: list[str]) -> list[Pattern]:
        prescribed = r"(?:prescribed[ \t]+(?:with[ \t]+)?)?"
        medication = r"(?:" + trie_regex(medications) + r")"
        section = r"(?:(?:section|s\.?)[ \t]*[0-9]{1,3}[A-Za-z]?[ \t]+(?:of[ \t]+)?)?"
        act = r"(?:the[ \t]+)?Mental[ \t]+Health[ \t]+Act(?:[ \t]+(?:1983|2007))?"
        return [
            Pattern("medication (with dose)", _START + prescribed + medication + _END + _DOSE + r"?", 0.75),
            Pattern("medical term", _START + r"(?:" + trie_regex(terms) + r")" + _END, 0.7),
            Pattern(
                "weeks pregnant",
                _START + r"[0-9]{1,2}[ \t]+(?:weeks?|months?)[ \t]+pregnant" + _END,
                0.8,
            ),
            Pattern(
                "Mental Health Act detention",
                _START + r"(?:sectioned|detained)[ \t]+under[ \t]+" + section + act + _END,
                0.85,
            ),
        ]

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Run the patterns, keeping only the longest of nested matches."""
        # One fact, one span: a term inside a longer listed phrase ("methadone" inside
        # "methadone script") is dropped, and the phrase keeps the higher score.
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        results.sort(key=lambda r: (r.start, -r.end))
        kept: list[RecognizerResult] = []
        for result in results:
            container = next((k for k in kept if k.start <= result.start and result.end <= k.end), None)
            if container is None:
                kept.append(result)
            elif result.score > container.score:
                container.score = result.score
                container.analysis_explanation.score = result.score
        return kept

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Name the list section (or phrase shape) that matched."""
        if pattern.name.startswith("medication"):
            return f"medical term list: {MEDICATION_SECTION}"
        if pattern.name == "weeks pregnant":
            return "medical phrase: pregnancy"
        if pattern.name == "Mental Health Act detention":
            return "medical phrase: hospital/treatment"
        section = self.sections.get(normalise_term(match.group(0)), "unknown section")
        return f"medical term list: {section}"
