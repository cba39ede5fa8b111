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
        # loose cues
        ("His friends nicknamed him Smiler.", ["Smiler"]),
        ("He went by the name of Tiny on the estate.", ["Tiny"]),
        ("Ashley, who went by Ace, lived with his aunt.", ["Ace"]),
        ("His street name was Ghostface.", ["Ghostface"]),
        ("He used the alias Daniel Fairbrook when stopped.", ["Daniel Fairbrook"]),
        ("On the estate he answered to the name Trigger.", ["Trigger"]),
        ("Associates referred to him as Mouse; they called him Mouse.", ["Mouse", "Mouse"]),
        ("He used the nickname Bambi when dealing.", ["Bambi"]),
        ("Her partner was known to the family as Chief.", ["Chief"]),
        ("Among his peers Kai Wendrell was called Spider.", ["Spider"]),
        # near misses
        ("The intervention was called Building Better Relationships.", []),
        ("The Probation Service was called Tuesday.", []),
        ("On Monday he was called Back to the office.", []),
        ("The approach known as Think Family was used.", []),
        ("The hostel, referred to as Elm House, is in Swindon.", []),
        ("The estate, known locally as the Flats, is in Leigh.", []),
        ("What is referred to as a cuckooing arrangement was found.", []),
        ("The process referred to as MAPPA was followed.", []),
        ("The city, better known as Cardiff, has a PDU office.", []),
        ("He called the Probation Service twice.", []),
        ("He went by car to Thames Valley Police.", []),
        ("He called her PP on Monday.", []),
        ("He gave the name of his Senior Probation Officer.", []),
        ("He was known as a prolific offender.", []),
        ("The scheme known as MAPPA applies.", []),
        ("He was known to the Probation Service.", []),
    ],
)
def test_table(text, expected):
    r = AliasNameRecognizer()
    assert [text[x.start : x.end] for x in spans(r, text)] == expected
