"""A PatternRecognizer that can report a sub-span of a match and explain itself."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, ClassVar

import regex as re
from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.pattern_recognizer import REGEX_TIMEOUT_SECONDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

logger = logging.getLogger("sfo_redact")

# Name of the regex group whose span is reported, when a pattern has one. Cue words
# ("PP", "his partner,", "date of birth") must be matched but are not the personal data.
ENTITY_GROUP = "entity"


@functools.cache
def _requires(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


class SfoPatternRecognizer(PatternRecognizer):
    """Pattern recognizer whose results cover the `entity` group and say why they fired.

    Subclasses set ENTITY, PATTERNS, CONTEXT and FLAGS, and may override `assess`
    (score and validation of one match) and `describe` (a reason added to the
    explanation, built from fixed vocabulary only, never from document text).
    """

    ENTITY: ClassVar[str] = ""
    PATTERNS: ClassVar[list[Pattern]] = []
    CONTEXT: ClassVar[list[str]] = []
    # Identifiers are matched case-insensitively; name recognizers need capitals.
    FLAGS: ClassVar[int] = re.IGNORECASE
    # A regex (case-insensitive) that every match of every pattern contains: a text without
    # it is skipped before the patterns run. Most units hold no digit and no birth cue, and
    # Presidio calls every recognizer on every unit. Must be sound: a pattern that can
    # match without it would be silently skipped (tests/recognizers/test_base.py checks).
    REQUIRES: ClassVar[str | None] = None

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str | None = None,
        name: str | None = None,
    ) -> None:
        """Omitted patterns, context and entity take the class's own (fresh Pattern objects each time)."""
        # Fresh Pattern objects per instance: Presidio caches the compiled regex on them.
        source = patterns if patterns is not None else self.PATTERNS
        own_patterns = [Pattern(p.name, p.regex, p.score) for p in source]
        super().__init__(
            supported_entity=supported_entity or self.ENTITY,
            name=name,
            supported_language=supported_language,
            patterns=own_patterns,
            context=list(context if context is not None else self.CONTEXT),
            global_regex_flags=self.FLAGS,
        )

    def assess(self, match: re.Match, pattern: Pattern) -> tuple[float, bool | None]:
        """Return (score, validation result) for one match; score 0 drops it.

        The default follows Presidio: a passing checksum gives the maximum score,
        a failing one or an invalidation drops the match.
        """
        has_group = ENTITY_GROUP in pattern.compiled_regex.groupindex
        text = match.group(ENTITY_GROUP) if has_group else match.group(0)
        score = pattern.score
        validation = self.validate_result(text)
        if validation is not None:
            score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
        if self.invalidate_result(text):
            score = EntityRecognizer.MIN_SCORE
        return score, validation

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Return a reason to add to the explanation (fixed vocabulary only), or None."""
        return None

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Run every pattern over `text` and return one result per accepted match."""
        if self.REQUIRES is not None and not _requires(self.REQUIRES).search(text):
            return []
        flags = self.global_regex_flags if regex_flags is None else regex_flags
        results: list[RecognizerResult] = []
        for pattern in self.patterns:
            if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
                pattern.compiled_with_flags = flags
                pattern.compiled_regex = re.compile(pattern.regex, flags=flags)
            has_group = ENTITY_GROUP in pattern.compiled_regex.groupindex
            try:
                for match in pattern.compiled_regex.finditer(text, timeout=REGEX_TIMEOUT_SECONDS):
                    start, end = match.span(ENTITY_GROUP) if has_group else match.span()
                    if start < 0 or start == end:
                        continue
                    score, validation = self.assess(match, pattern)
                    if score <= EntityRecognizer.MIN_SCORE:
                        continue
                    results.append(self._result(match, pattern, start, end, score, validation, flags))
            except TimeoutError:
                # Fail closed: a pattern that could not finish must not pass silently.
                logger.error("recognizer %s pattern %r timed out", self.name, pattern.name)
                raise TimeoutError(f"recognizer {self.name} pattern {pattern.name!r} timed out") from None
        return EntityRecognizer.remove_duplicates(results)

    def _result(
        self,
        match: re.Match,
        pattern: Pattern,
        start: int,
        end: int,
        score: float,
        validation: bool | None,
        flags: int,
    ) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=pattern.score,
            pattern_name=pattern.name,
            pattern=pattern.regex,
            validation_result=validation,
            regex_flags=flags,
            textual_explanation=f"Detected by `{self.name}` using pattern `{pattern.name}`",
        )
        reason = self.describe(match, pattern)
        if reason:
            explanation.append_textual_explanation_line(reason)
        explanation.score = score
        return RecognizerResult(
            entity_type=self.supported_entities[0],
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )
