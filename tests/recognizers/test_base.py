"""SfoPatternRecognizer: entity-group spans, explanations, and failing closed on timeouts."""

from __future__ import annotations

import pytest
import regex as re
from presidio_analyzer import Pattern

import recognizers.base as base
from recognizers.base import SfoPatternRecognizer


class _CueRecognizer(SfoPatternRecognizer):
    ENTITY = "PERSON"
    FLAGS = 0
    PATTERNS = [Pattern("cue + word", r"\bcue:[ ](?P<entity>[A-Z][a-z]+)", 0.5)]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        return "test cue"


def test_reports_entity_group_and_explains():
    text = "a cue: Alpha and cue: Beta"
    results = _CueRecognizer().analyze(text, ["PERSON"])
    assert [text[r.start : r.end] for r in results] == ["Alpha", "Beta"]
    explanation = results[0].analysis_explanation
    assert explanation.pattern_name == "cue + word"
    assert explanation.textual_explanation.splitlines()[-1] == "test cue"
    assert results[0].recognition_metadata["recognizer_name"] == "_CueRecognizer"


def test_patterns_are_not_shared_between_instances():
    first, second = _CueRecognizer(), _CueRecognizer()
    assert first.patterns[0] is not second.patterns[0]


def test_timeout_raises_instead_of_passing_silently(monkeypatch):
    monkeypatch.setattr(base, "REGEX_TIMEOUT_SECONDS", 0.000001)
    # A deliberately catastrophic pattern, only to trigger the timeout.
    slow = _CueRecognizer(patterns=[Pattern("slow", r"(a+)+b", 0.5)])
    with pytest.raises(TimeoutError, match="slow"):
        slow.analyze("a" * 40, ["PERSON"])


def test_requires_skips_texts_without_it_case_insensitively():
    from recognizers.date_of_birth import DateOfBirthRecognizer

    rec = DateOfBirthRecognizer()
    assert rec.analyze("Seen on 02/04/1990 at the office.", ["DATE_OF_BIRTH"]) == []
    for text in ("D.O.B. 02/04/1990", "DOB: 02/04/1990", "Date Of Birth 2 April 1990", "BORN ON 2 April 1990"):
        (result,) = rec.analyze(text, ["DATE_OF_BIRTH"])
        assert text[result.start : result.end] in {"02/04/1990", "2 April 1990"}

