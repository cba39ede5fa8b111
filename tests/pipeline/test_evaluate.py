"""Scoring helpers of pipeline/evaluation/score.py (the slow tier runs the whole evaluation)."""

from __future__ import annotations

from pipeline.evaluation.score import contains, reading_text
from pipeline.verify import normalise

PAGES = [
    "OFFICIAL-SENSITIVE\nSFO reference SFO12345\nThe review found that the\nPage 1 of 3",
    "OFFICIAL-SENSITIVE\nSFO reference SFO12345\nassessment was sound.\nPage 2 of 3",
    "OFFICIAL-SENSITIVE\nSFO reference SFO12345\nOFFICIAL-SENSITIVE appears in the body once.\nPage 3 of 3",
]


def test_a_sentence_over_a_page_break_reads_through_the_running_header_and_footer():
    sentence = "The review found that the assessment was sound."
    assert not contains(normalise("\n".join(PAGES)), sentence, case_sensitive=False)
    assert contains(normalise(reading_text(PAGES)), sentence, case_sensitive=False)


def test_only_recurring_lines_are_left_out():
    text = reading_text(PAGES)
    assert "Page 2 of 3" not in text and "SFO reference" not in text
    assert "OFFICIAL-SENSITIVE appears in the body once." in text


def test_a_single_page_keeps_every_line():
    assert reading_text(["Header\nBody text\nFooter"]) == "Header\nBody text\nFooter"
