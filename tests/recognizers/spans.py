"""Helpers for the recognizer tables: run one recognizer, compare spans."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerResult


def spans(recognizer: EntityRecognizer, text: str) -> list[RecognizerResult]:
    """Results of one recognizer over `text`, sorted by position."""
    return sorted(recognizer.analyze(text, recognizer.supported_entities), key=lambda r: (r.start, r.end))


def assert_table_row(
    recognizer: EntityRecognizer, text: str, expected_len: int, expected_positions: list[tuple[int, int]]
) -> list[RecognizerResult]:
    """Check the count and (start, end) of each result, as Presidio's recognizer tables do."""
    results = spans(recognizer, text)
    found = [(r.start, r.end) for r in results]
    assert len(results) == expected_len, f"found {found} in {text!r}"
    assert found == expected_positions, f"found {[text[s:e] for s, e in found]} in {text!r}"
    return results


def at(text: str, *parts: str) -> list[tuple[int, int]]:
    """The (start, end) of each part's first occurrence in `text`: a table row's expected spans."""
    return [(text.index(p), text.index(p) + len(p)) for p in parts]
