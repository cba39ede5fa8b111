"""Generated identifiers have the documented shapes and valid check digits."""

from __future__ import annotations

import random
import re

import pytest

from pipeline.evaluation.corpus import identifiers as ids
from pipeline.evaluation.corpus.places import TOWNS

RNG_SEEDS = range(50)


def _nhs_valid(number: str) -> bool:
    digits = [int(c) for c in number.replace(" ", "")]
    check = 11 - sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=False)) % 11
    return len(digits) == 10 and (0 if check == 11 else check) == digits[9]


@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_identifier_shapes(seed: int) -> None:
    rng = random.Random(seed)
    assert re.fullmatch(r"[A-Z]\d{6}", ids.crn(rng)[0])
    long, short = ids.pnc(rng, 2009)
    assert re.fullmatch(r"2009/\d{7}[A-Z]", long) and re.fullmatch(r"09/\d{1,7}[A-Z]", short)
    assert long[5:].lstrip("0") == short[3:]
    assert re.fullmatch(r"[A-Z]\d{4}[A-Z]{2}", ids.prison_number(rng)[0])
    assert re.fullmatch(r"\d{6}/09[A-Z]", ids.cro(rng, 2009)[0])
    spaced, plain = ids.nhs_number(rng)
    assert re.fullmatch(r"\d{3} \d{3} \d{4}", spaced) and _nhs_valid(plain)
    ni, ni_spaced = ids.ni_number(rng)
    assert re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", ni)
    assert ni[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
    assert ni_spaced.replace(" ", "") == ni


@pytest.mark.parametrize("seed", RNG_SEEDS)
def test_contact_details_are_fictitious(seed: int) -> None:
    rng = random.Random(seed)
    town = rng.choice(TOWNS)
    assert ids.mobile(rng)[0].startswith("07700 900")
    assert re.fullmatch(
        r"(0113 496 0|0114 496 0|0115 496 0|0116 496 0|0117 496 0|0118 496 0|0121 496 0|0151 496 0|0161 496 0|0191 498 0|020 7946 0|029 2018 0|01632 960)\d{3}",
        ids.landline(rng, town)[0],
    )
    assert ids.email(rng, "Seán", "O'Neill", staff=False)[0].split("@")[1].endswith(("example.com", "example.org"))
    address = ids.address(rng, town)[0]
    assert town.name in address and re.search(rf"{town.postcode_area}\d{{1,2}} \d[A-Z]{{2}}$", address)
