"""The re-identification bar of issue 16 over 200 generated documents (benchmarks/reidentification.py prints it)."""

from __future__ import annotations

import pytest

from pipeline.evaluation.reidentification import measure


@pytest.mark.slow
def test_planted_combinations_are_flagged_and_spread_details_are_not():
    m = measure(200)
    assert m.flag_rate >= 0.9
    assert m.max_false_in_one <= 1
