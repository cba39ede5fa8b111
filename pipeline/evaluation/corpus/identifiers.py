"""Fictitious identifiers and contact details, each in the shapes reviews write them.

Every function returns the variants one value may be written as (the first is canonical),
so a review can write the same NHS number spaced in one place and unspaced in another.
Phone numbers come only from Ofcom's drama ranges and e-mail domains are example.* ones.
"""

from __future__ import annotations

import datetime as dt
import random
import string

from pipeline.evaluation.corpus.places import STREETS, Town

_POSTCODE_INWARD = "ABDEFGHJLNPQRSTUWXYZ"  # inward-code letters never include C I K M O V


def crn(rng: random.Random) -> tuple[str, ...]:
    """The nDelius case reference number: one letter and six digits, e.g. X123456."""
    return (f"{rng.choice('ABCDEFGHJKLMNPRSTVWXYZ')}{rng.randrange(10**6):06d}",)


def pnc(rng: random.Random, year: int) -> tuple[str, ...]:
    """Police National Computer ID, long (2009/0123456A) and short (09/123456A)."""
    number = rng.randrange(1, 10**6)
    letter = rng.choice(string.ascii_uppercase)
    return (f"{year}/{number:07d}{letter}", f"{year % 100:02d}/{number}{letter}")


def prison_number(rng: random.Random) -> tuple[str, ...]:
    """NOMIS prison number: letter, four digits, two letters (A1234BC)."""
    letters = string.ascii_uppercase
    return (f"{rng.choice(letters)}{rng.randrange(10**4):04d}{rng.choice(letters)}{rng.choice(letters)}",)


def cro(rng: random.Random, year: int) -> tuple[str, ...]:
    """Criminal Records Office number: NNNNNN/YYL."""
    return (f"{rng.randrange(1, 10**6):06d}/{year % 100:02d}{rng.choice('ABCDEFGHJKLMNPQRSTUVWXYZ')}",)


def nhs_number(rng: random.Random) -> tuple[str, ...]:
    """A ten-digit NHS number whose last digit is the modulus-11 check digit; spaced 3-3-4 and not."""
    while True:
        digits = [rng.randrange(10) for _ in range(9)]
        digits[0] = rng.randrange(4, 10)
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check == 10:  # no valid number has this stem
            continue
        plain = "".join(map(str, digits)) + str(check)
        return (f"{plain[:3]} {plain[3:6]} {plain[6:]}", plain)


# Prefixes HMRC never issues: first letter D F I Q U V, second D F I O Q U V, and these pairs.
_NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_NI_BAD_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def ni_number(rng: random.Random) -> tuple[str, ...]:
    """National Insurance number with a valid prefix: AB123456C, also written AB 12 34 56 C."""
    while True:
        prefix = rng.choice(_NI_FIRST) + rng.choice(_NI_SECOND)
        if prefix not in _NI_BAD_PAIRS:
            break
    digits = f"{rng.randrange(10**6):06d}"
    suffix = rng.choice("ABCD")
    return (f"{prefix}{digits}{suffix}", f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}")


def date_of_birth(
    rng: random.Random, born_after: int = 1962, born_before: int = 2004
) -> tuple[dt.date, tuple[str, ...]]:
    """A date of birth and the ways it is written (02/04/1990, 2 April 1990, 02.04.1990)."""
    start = dt.date(born_after, 1, 1).toordinal()
    day = dt.date.fromordinal(rng.randrange(start, dt.date(born_before, 12, 31).toordinal()))
    return day, (day.strftime("%d/%m/%Y"), f"{day.day} {day:%B %Y}", day.strftime("%d.%m.%Y"))


def address(rng: random.Random, town: Town) -> tuple[str, ...]:
    """A postal address with a postcode in the town's area: '14 Elm Grove, Leeds LS6 2AB'."""
    district = rng.randrange(1, 20)
    postcode = f"{town.postcode_area}{district} {rng.randrange(1, 10)}{rng.choice(_POSTCODE_INWARD)}{rng.choice(_POSTCODE_INWARD)}"
    street = f"{rng.randrange(1, 160)} {rng.choice(STREETS)}"
    if rng.random() < 0.25:
        street = f"Flat {rng.randrange(1, 30)}, {street}"
    return (f"{street}, {town.name} {postcode}", f"{street}, {town.name}, {postcode}")


def mobile(rng: random.Random) -> tuple[str, ...]:
    """A mobile number from Ofcom's drama range 07700 900000-900999."""
    tail = f"{rng.randrange(1000):03d}"
    return (f"07700 900{tail}", f"07700900{tail}", f"+44 7700 900{tail}")


def landline(rng: random.Random, town: Town) -> tuple[str, ...]:
    """A landline from the town's drama range (0113 496 0xxx and the like)."""
    return (f"{town.dialling}{rng.randrange(1000):03d}",)


def email(rng: random.Random, first: str, last: str, *, staff: bool) -> tuple[str, ...]:
    """An e-mail address at an invented domain (example.org / example.com)."""
    clean_first = "".join(c for c in first.lower() if c.isascii() and c.isalpha()) or "user"
    clean_last = "".join(c for c in last.lower() if c.isascii() and c.isalpha()) or "person"
    if staff:
        return (f"{clean_first}.{clean_last}@justice.example.org",)
    local = rng.choice(
        (f"{clean_first}{rng.randrange(70, 99)}", f"{clean_first}.{clean_last}", f"{clean_first[0]}{clean_last}")
    )
    return (f"{local}@{rng.choice(('example.com', 'example.org', 'mail.example.com'))}",)
