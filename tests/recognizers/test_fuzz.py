"""Recognizers under fuzzing: hostile text never crashes them, no pattern is slower than linear,
and names split by invisible characters are still found once the text is cleaned.

Property-based (hypothesis) over random and adversarial text: very long lines, long runs of
digits and capitals, non-breaking and other odd spaces, zero-width characters, and Cyrillic
or Greek look-alikes inside names. Sizes are modest so the whole file runs in well under a
minute; test_backtracking.py covers 100,000-character inputs.
"""

from __future__ import annotations

import gc
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from presidio_analyzer import PatternRecognizer

from pipeline.read.normalise import clean_text
from recognizers.registry import load_recognizers

RECOGNIZERS = load_recognizers()
PATTERN_RECOGNIZERS = [r for r in RECOGNIZERS if isinstance(r, PatternRecognizer)]

# The autouse key-store fixture is function-scoped; it does not vary between examples.
FUZZ = settings(
    max_examples=40,
    deadline=5000,  # ms per example: spaCy on a few thousand characters takes far less
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e"]
ODD_SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000"]
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "i": "\u0456", "A": "\u0391", "O": "\u039f"}
# Invented names (no real people), and words that cue the pattern recognizers.
NAMES = ["Sarah Jenkins", "Callum Ferriday", "Priya Anand", "Declan O'Rourke", "Maisie Thwaite", "Tobias Lennard-Shaw"]
CUES = ["Mr", "Ms", "PP", "SPO", "his partner", "DOB", "date of birth", "HMP", "CRN", "PNC", "NHS", "Flat 3,",
        "Elm Grove", "LS1 4DY", "07700 900123", "X123456", "2009/0123456A", "A1234BC", "QQ123456C", "SFO60001",
        "self-harm", "olanzapine", "@", "12/03/1990", "+44", "transferred to"]

_special = st.sampled_from(INVISIBLE + ODD_SPACES + list(HOMOGLYPHS.values()) + ["\n", "\t", "'", "’", "-", "/", ".", ","])
_chars = st.one_of(_special, st.characters(codec="utf-8"), st.sampled_from("0123456789ABCDEFGHJKLMNPRSTVWXYZ abc"))
_pieces = st.one_of(st.text(_chars, max_size=40), st.sampled_from(CUES + NAMES))


@st.composite
def hostile_text(draw) -> str:
    """Review-like pieces and random characters, sometimes repeated into one very long line."""
    pieces = draw(st.lists(_pieces, min_size=1, max_size=30))
    text = draw(st.sampled_from([" ", "", "\u00a0", "\u200b"])).join(pieces)
    kind = draw(st.sampled_from(["plain", "repeat", "digits", "capitals"]))
    if kind == "repeat":
        text = text * draw(st.integers(2, max(2, 4000 // max(1, len(text)))))
    elif kind == "digits":
        text += " " + "7" * draw(st.integers(1, 3000))
    elif kind == "capitals":
        text = "A" * draw(st.integers(1, 3000)) + text
    return text


def _check_results(results, text: str) -> None:
    for r in results:
        assert 0 <= r.start < r.end <= len(text), f"{r.entity_type} span outside the text"
        assert 0.0 <= r.score <= 1.0


@FUZZ
@given(text=hostile_text())
def test_no_recognizer_crashes_on_hostile_text(engine, text):
    for candidate in (text, clean_text(text).text):
        artifacts = engine.nlp_engine.process_text(candidate, "en")
        for recognizer in RECOGNIZERS:
            _check_results(recognizer.analyze(candidate, recognizer.supported_entities, artifacts), candidate)


@settings(FUZZ, max_examples=20)
@given(text=hostile_text())
def test_the_analyzer_with_context_enhancement_does_not_crash(engine, text):
    _check_results(engine.analyzer.analyze(text=text, language="en", entities=engine.entities), text)


# ---------------------------------------------------------------- linear time


def _words(n: int) -> str:
    rng = random.Random(20261126)
    vocabulary = CUES + ["the", "of", "and", "Road", "Smith", "O'Connor", "12", "3,"]
    return " ".join(rng.choice(vocabulary) for _ in range(n // 3))[:n]


def _capitals_digits(n: int) -> str:
    rng = random.Random(6)
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTVWXYZ0123456789 ") for _ in range(n))


# Each family builds a text of n characters whose prefixes look like the whole (so a text 4x
# longer holds about 4x as many matches and near-matches).
FAMILIES = {
    "digits": lambda n: "1" * n,
    "spaced digits": lambda n: "1 " * (n // 2),
    "capitals": lambda n: "A" * n,
    "capital words": lambda n: "AB " * (n // 3),
    "capitals and digits": _capitals_digits,
    "titles": lambda n: "Mr " * (n // 3),
    "names": lambda n: "Sarah Jenkins " * (n // 14),
    "review words": _words,
    "odd spaces": lambda n: "A\u00a0B\u200bс\u202f" * (n // 4),
    "slashes": lambda n: "12/" * (n // 3),
    "dots and ats": lambda n: "a.b@" * (n // 4),
}
SMALL = 10_000
RATIO = 10.0  # 4x the text may take at most 10x the time: linear with room for a busy machine; quadratic is 16x
SLACK_SECONDS = 0.01  # timer noise on millisecond runs
ATTEMPTS = 5


def _timings(recognizer, small: str, big: str, runs: int = 5) -> tuple[float, float]:
    """Best times for the small and the big text, measured alternately with the GC paused."""
    best_small = best_big = float("inf")
    gc.disable()
    try:
        for _ in range(runs):
            for text, is_big in ((small, False), (big, True)):
                started = time.perf_counter()
                recognizer.analyze(text, recognizer.supported_entities)
                elapsed = time.perf_counter() - started
                if is_big:
                    best_big = min(best_big, elapsed)
                else:
                    best_small = min(best_small, elapsed)
    finally:
        gc.enable()
    return best_small, best_big


@pytest.mark.parametrize("recognizer", PATTERN_RECOGNIZERS, ids=lambda r: r.name)
def test_pattern_time_is_linear(recognizer):
    for family, build in FAMILIES.items():
        big = build(4 * SMALL)
        small = big[: len(big) // 4]
        # Other processes can stall a measurement; a superlinear pattern fails every attempt.
        for _ in range(ATTEMPTS):
            t_small, t_big = _timings(recognizer, small, big)
            if t_big <= RATIO * t_small + SLACK_SECONDS:
                break
        assert t_big <= RATIO * t_small + SLACK_SECONDS, (
            f"{recognizer.name} on {family}: {t_small * 1000:.1f} ms for {len(small)} characters but "
            f"{t_big * 1000:.1f} ms for {len(big)} (more than linear)"
        )


# ---------------------------------------------------------------- disguised names


def _disguise(name: str, positions: list[int], marks: list[str], homoglyph: bool) -> str:
    """Insert invisible characters inside the name's words; optionally swap in a look-alike."""
    chars = list(name)
    if homoglyph:
        for i, c in enumerate(chars):
            if c in HOMOGLYPHS:
                chars[i] = HOMOGLYPHS[c]
                break
    for pos, mark in sorted(zip(positions, marks, strict=False), reverse=True):
        pos = 1 + pos % max(1, len(chars) - 1)  # inside the name, never before its first letter
        if chars[pos - 1] != " ":
            chars.insert(pos, mark)
    return "".join(chars).replace(" ", "\u00a0", 1 if homoglyph else 0)


@settings(FUZZ, max_examples=25)
@given(
    name=st.sampled_from(NAMES),
    positions=st.lists(st.integers(0, 40), min_size=1, max_size=3),
    marks=st.lists(st.sampled_from(INVISIBLE), min_size=3, max_size=3),
    homoglyph=st.booleans(),
    template=st.sampled_from(["Ms {} attended the appointment.", "The PP, {}, visited.", "Dr {} wrote to the court."]),
)
def test_names_split_by_invisible_characters_are_found(engine, name, positions, marks, homoglyph, template):
    disguised = _disguise(name, positions, marks, homoglyph)
    text = template.format(disguised)
    start = text.index(disguised)
    end = start + len(disguised)
    cleaned = clean_text(text)
    results = engine.analyzer.analyze(text=cleaned.text, language="en", entities=["PERSON"])
    spans = [cleaned.to_original(r.start, r.end) for r in results]
    assert any(s <= start and e >= end for s, e in spans), "a disguised name was not found whole"


def test_the_timing_check_catches_a_quadratic_pattern():
    # Every start position scans to the end of a run of spaced digits not followed by a word.
    from presidio_analyzer import Pattern

    quadratic = PatternRecognizer(supported_entity="TEST", patterns=[Pattern("slow", r"\d(?:\s\d)*(?=\s[A-Za-z])", 0.5)])
    big = FAMILIES["spaced digits"](4 * 300)
    t_small, t_big = _timings(quadratic, big[: len(big) // 4], big, runs=3)
    assert t_big > RATIO * t_small + SLACK_SECONDS
