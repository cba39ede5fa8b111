from __future__ import annotations

import pytest

from recognizers.alias_name import AliasNameRecognizer
from tests.recognizers.spans import spans


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Darren Quilliam (known as "Smudge") was charged.', ["Smudge"]),
        ("He is also known as Dee Cole.", ["Dee Cole"]),
        ('He was known around the estate as "Tiny".', ["Tiny"]),
        ("He was known on the street as Ghost.", ["Ghost"]),
        ("She was known to friends as Jaz.", ["Jaz"]),
        ("He was known locally as a dealer.", []),
        ("He was known to the Community Mental Health Team.", []),
        ("Kofi, aka Tiny, was present.", ["Tiny"]),
        ("His street name, 'Ghost', was used.", ["Ghost"]),
        ("He goes by the name of Ricky.", ["Ricky"]),
        # near misses
        ("He was known as a prolific offender.", []),
        ("The scheme known as MAPPA applies.", []),
        ("He was known to the Probation Service.", []),
    ],
)
def test_table(text, expected):
    r = AliasNameRecognizer()
    assert [text[x.start : x.end] for x in spans(r, text)] == expected
