"""recognizers/clause.py: where a personal circumstance's tail ends."""

from __future__ import annotations

import pytest
import regex as re

from recognizers.clause import rest

# A lead word, then the tail under test: what the tail takes is the span's end.
_TAIL = re.compile(r"leave(?P<tail>" + rest(50) + r")")


@pytest.mark.parametrize(
    "text, tail",
    [
        # a conjunction before a verb, an auxiliary or a new subject ends the circumstance
        ("leave for six weeks and had reduced capacity", " for six weeks"),
        ("leave in the spring but did not review the plan", " in the spring"),
        ("leave and missed two meetings", ""),
        ("leave and the case drifted", ""),
        ("leave and PP2 covered", ""),
        # a noun after "and" is still the circumstance
        ("leave and recovery time", " and recovery time"),
        # consequence words and the review period
        ("leave which affected supervision", ""),
        ("leave, meaning no visits", ""),
        ("leave for most of the period under review", ""),
        ("leave throughout the review period", ""),
        ("leave shortly before the MAPPA meeting", ""),
        ("leave when the case was transferred", ""),
        # a town or a month stays: the tail ends before it
        ("leave in Belfast", ""),
        ("leave after the funeral in Swansea", " after the funeral"),
        ("leave in May", ""),
        # near misses: lower-case words that are not boundaries
        ("leave to care for a relative", " to care for a relative"),
        ("leave while her son was in hospital", " while her son was in hospital"),
        # punctuation ends it, and the tail ends at a word's end within its length
        ("leave, and the Probation Delivery Unit", ""),
        ("leave while her elderly grandmother recovered from a long illness at home", " while her elderly grandmother recovered from a"),
    ],
)
def test_tail(text, tail):
    assert _TAIL.match(text).group("tail") == tail


def test_tail_needs_room():
    with pytest.raises(ValueError):
        rest(1)
