"""Smoke test for catastrophic backtracking: long hostile inputs through every pattern recognizer."""

from __future__ import annotations

import random
import time

import pytest
from presidio_analyzer import PatternRecognizer

from recognizers.registry import load_recognizers

LENGTH = 100_000
# Generous bound: a linear regex takes milliseconds here; a backtracking one takes minutes.
LIMIT_SECONDS = 10.0


def _texts() -> dict[str, str]:
    rng = random.Random(20261126)
    capitals_digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    words = ["Elm", "Grove", "12", "Mr", "PP", "HMP", "Smith", "O'Connor", "partner", "Road", "self",
             "harm", "of", "DOB", "02/04/1990", "Flat", "3,", "SFO", "+44", "07700", "prison", "in"]
    texts = {
        "digits and capitals": "".join(rng.choice(capitals_digits) for _ in range(LENGTH)),
        "with separators": "".join(rng.choice(capitals_digits + "  /-.'(),") for _ in range(LENGTH)),
        "review-like words": " ".join(rng.choice(words) for _ in range(LENGTH // 4))[:LENGTH],
        "one long number": "1" * LENGTH,
        "spaced digits": "1 " * (LENGTH // 2),
        "hyphenated capitals": "A-" * (LENGTH // 2),
    }
    # A cue followed by a long blank run: separators must not be split two ways.
    for cue in ("partner", "PP", "Mr", "DOB", "transferred to", "Flat 3,", "12", "+44", "olanzapine"):
        texts[f"{cue} + blanks"] = cue + " " * LENGTH + "x"
    return texts


TEXTS = _texts()
PATTERN_RECOGNIZERS = [r for r in load_recognizers() if isinstance(r, PatternRecognizer)]


@pytest.mark.parametrize("recognizer", PATTERN_RECOGNIZERS, ids=lambda r: r.name)
def test_long_hostile_input_finishes(recognizer):
    for label, text in TEXTS.items():
        started = time.perf_counter()
        recognizer.analyze(text, recognizer.supported_entities)
        elapsed = time.perf_counter() - started
        assert elapsed < LIMIT_SECONDS, f"{recognizer.name} took {elapsed:.1f}s on {label}"
