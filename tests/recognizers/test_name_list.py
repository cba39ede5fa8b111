from __future__ import annotations

import pytest

from recognizers.name_list import NameListRecognizer
from tests.recognizers.spans import spans


@pytest.fixture(scope="module")
def recognizer():
    r = NameListRecognizer()
    r.load()
    return r


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The staff interviewed were Lesley Dunn and Sarah.", ["Lesley Dunn", "Sarah"]),
        ("• Cliff Dinu, SPO", ["Cliff Dinu"]),  # everyday first word before a listed surname
        ("against Yewande Okafor on the day", ["Yewande Okafor"]),
        ("SARAH JENKINS attended.", ["SARAH JENKINS"]),
        ("Supervised individual: Ishwar Mitter-Lambert", ["Ishwar Mitter-Lambert"]),
        # everyday words and places stay
        ("He said he will hope for the best and Will Hope agreed.", []),
        ("He moved to Preston and then Chester.", []),
        ("Kent Police and the Probation Service attended MAPPA in March.", []),
        ("The Crown Court sentenced him on 12 May 2023.", []),
    ],
)
def test_table(recognizer, text, expected):
    assert [text[r.start : r.end] for r in spans(recognizer, text)] == expected


def test_every_result_says_why(recognizer):
    (result,) = spans(recognizer, "Yewande Okafor")
    assert "name list" in result.analysis_explanation.textual_explanation
    assert "Yewande" not in result.analysis_explanation.textual_explanation
