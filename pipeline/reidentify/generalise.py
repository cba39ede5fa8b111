"""Suggested generalisations: "aged 17" -> "in his late teens", "the Tesco on Wigan Road" -> "a supermarket".

A suggestion only: the senior manager keeps, generalises (with this text or their own) or
withholds each detail on the log's "Re-identification" sheet.
"""

from __future__ import annotations

import re

from pipeline.reidentify.rules import DetailPattern, Rules

_DECADES = {2: "twenties", 3: "thirties", 4: "forties", 5: "fifties", 6: "sixties", 7: "seventies", 8: "eighties", 9: "nineties"}
_MALE_NOUNS = {"man", "boy", "male", "father", "son"}
_FEMALE_NOUNS = {"woman", "girl", "female", "mother", "daughter"}


def age_band(age: int, possessive: str) -> str:
    """'in his late teens', 'in their thirties', 'a child' (under 13)."""
    if age < 13:
        return "of primary school age"
    if age < 20:
        part = "early" if age <= 14 else "mid" if age <= 16 else "late"
        return f"in {possessive} {part} teens"
    return f"in {possessive} {_DECADES.get(age // 10, 'later years')}"


def generalise(pattern: DetailPattern, match: re.Match[str], text: str, rules: Rules, possessive: str = "their") -> str:
    """The suggestion for the detail `text` (the span to replace) that `match` found."""
    groups = {k: v or "" for k, v in match.groupdict().items()}
    if pattern.fixed is not None:
        out = pattern.fixed.format(**groups)
    else:
        out = _RULES[pattern.rule](groups, text, rules, possessive)
    # "The Oakfield Academy excluded him" -> "A school excluded him".
    if text[:1].isupper() and out[:1].islower() and text.split()[0].lower() in ("the", "a", "an", "on"):
        out = out[0].upper() + out[1:]
    return out


def _age_noun(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    age, noun = int(groups["n"]), groups.get("noun", "")
    if noun:
        pos = "his" if noun in _MALE_NOUNS else "her" if noun in _FEMALE_NOUNS else possessive
        return f"a {noun} {age_band(age, pos)}"
    if 13 <= age < 20:
        return "a teenager"
    return "a child" if age < 13 else f"someone {age_band(age, possessive)}"


def _age_phrase(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    return age_band(int(groups["n"]), possessive)


def _school(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    low = text.lower()
    if "primary" in low:
        return "a primary school"
    if "college" in low or "sixth form" in low:
        return "a college"
    if "high" in low or "secondary" in low or "grammar" in low:
        return "a secondary school"
    return "a school"


def _brand(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    for brand, what in sorted(rules.brands.items(), key=lambda kv: -len(kv[0])):
        if brand in text:
            return what
    return "a shop"


_SECTORS = (
    (("logistics", "haulage", "transport", "freight", "couriers"), "a logistics firm"),
    (("construction", "builders", "building", "scaffolding", "roofing"), "a building firm"),
    (("council",), "the local council"),
    (("hospital", "nhs", "care home", "care"), "a care provider"),
    (("garage", "motors", "tyres"), "a garage"),
)


def _employer(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    low = text.lower()
    for brand, what in rules.brands.items():
        if brand.lower() in low:
            return what
    for words, what in _SECTORS:
        if any(re.search(rf"\b{re.escape(w)}\b", low) for w in words):
            return what
    return "a local employer"


def _occupation(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    head = text.split()[-1].lower()
    return rules.occupations.get(head, rules.default_occupation)


def _year(groups: dict[str, str], text: str, rules: Rules, possessive: str) -> str:
    lead = text.split()[0]
    return f"{'In' if lead == 'On' else 'in'} {groups['y']}" if lead.lower() == "on" else groups["y"]


_RULES = {
    "age_noun": _age_noun,
    "age_phrase": _age_phrase,
    "school": _school,
    "brand": _brand,
    "employer": _employer,
    "occupation": _occupation,
    "year": _year,
}
