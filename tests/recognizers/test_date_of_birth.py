"""DATE_OF_BIRTH: dates tied to birth by a cue; chronology dates never."""

from __future__ import annotations

import pytest

from recognizers.date_of_birth import DateOfBirthRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return DateOfBirthRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('date of birth 02/04/1990', 1, [(14, 24)]),
        ('DOB: 2.4.90', 1, [(5, 11)]),
        ('He was born on 2 April 1990.', 1, [(15, 27)]),
        ('Mr Whitfield (DOB 02/04/1990)', 1, [(18, 28)]),
        ('d.o.b. 1990-04-02', 1, [(7, 17)]),
        ('born April 2, 1990', 1, [(5, 18)]),
        ('Date of Birth: 2nd April 1990', 1, [(15, 29)]),
        ('D.O.B - 02-04-1990', 1, [(8, 18)]),
        ('On 12 March 2023 the PP visited', 0, []),
        ('date of offence 12/03/2023', 0, []),
        ('12/03/2023', 0, []),
        ('born in Leeds', 0, []),
        ('DOB unknown; seen on 02/04/2023', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


def test_chronology_paragraph_gives_no_result(recognizer):
    text = (
        "On 12 March 2023 the PP visited. On 14/03/2023 a MAPPA meeting was held and on "
        "2023-03-20 the OASys was reviewed; by April 2, 2023 a 12 months order was made."
    )
    assert recognizer.analyze(text, ["DATE_OF_BIRTH"]) == []


@pytest.mark.parametrize(
    "text, cue",
    [("date of birth 02/04/1990", "date of birth"), ("DOB: 2.4.90", "DOB"), ("d.o.b. 1990-04-02", "DOB"),
     ("born on 2 April 1990", "born")],
)
def test_explanation_names_the_cue_not_the_date(recognizer, text, cue):
    result, = recognizer.analyze(text, ["DATE_OF_BIRTH"])
    explanation = result.analysis_explanation.textual_explanation
    assert f"birth cue: {cue}" in explanation
    assert text[result.start : result.end] not in explanation


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The SI's date of birth is recorded as 19.09.1997 on nDelius", ["19.09.1997"]),
        ("date of birth is given on NOMIS as 2 April 1990", ["2 April 1990"]),
        ("19/02/1978 (DOB) and seen on 12/03/2023", ["19/02/1978"]),
        ("date of birth and on 12 March 2023 was", []),  # "and" is not a bridge word
        ("Date of birth was not recorded. On 12 March 2023 he was seen.", []),
    ],
)
def test_cue_a_few_words_away_or_after_the_date(text, expected):
    r = DateOfBirthRecognizer()
    assert [text[x.start : x.end] for x in r.analyze(text, ["DATE_OF_BIRTH"])] == expected
