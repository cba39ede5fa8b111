"""Arabic letters written as the joined glyphs a reader sees, so the laid-out PDF reads back as drawn.

The layout engine (MuPDF's Story) shapes Arabic with its built-in Noto Naskh font, whose
contextual glyphs (lam before most letters, the "Allah" ligature) have no Unicode value;
the PDF it writes maps each of them to its glyph number, so "الله" extracts as "اǄǁه".
Every later reader (verification, a person copying text) then sees Latin letters where the
page shows Arabic, and a name with a lam can never be found again. Here each letter is
given its joining form as a presentation-form character (Unicode's own compatibility
forms, NFKC maps them back) and laid out on its own, so no font lookup can swap it for an
unmapped glyph. The page looks the same; the text layer holds the same letters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Joining behaviour (Unicode ArabicShaping.txt), derived from the presentation forms the
# letter has: with an initial or medial form it joins both ways, with only a final form it
# joins to the letter before it only. Tatweel and ZWJ join both ways without a form.
_DUAL, _RIGHT, _CAUSING, _NONE, _TRANSPARENT = "D", "R", "C", "U", "T"
_FORMS = ("isolated", "final", "initial", "medial")
_LAM = "\u0644"
_ALEFS = "\u0622\u0623\u0625\u0627"  # alef with madda, hamza above, hamza below, plain
# The Arabic blocks and the presentation forms (A and B).
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


@cache
def _tables() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """(letter, form) -> presentation form; (lam + alef, form) -> the lam-alef ligature."""
    single: dict[tuple[str, str], str] = {}
    lam_alef: dict[tuple[str, str], str] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        char = chr(cp)
        parts = unicodedata.decomposition(char).split()
        if len(parts) < 2 or not parts[0].startswith("<"):
            continue
        form = parts[0].strip("<>")
        if form not in _FORMS:
            continue
        base = "".join(chr(int(p, 16)) for p in parts[1:])
        if len(base) == 1:
            single.setdefault((base, form), char)
        elif len(base) == 2 and base[0] == _LAM and base[1] in _ALEFS:
            lam_alef.setdefault((base, form), char)
    return single, lam_alef


def _joining(char: str) -> str:
    single, _ = _tables()
    if char in ("\u0640", "\u200d"):
        return _CAUSING
    if unicodedata.category(char) in ("Mn", "Me") or (unicodedata.category(char) == "Cf" and char != "\u200c"):
        return _TRANSPARENT
    if (char, "initial") in single or (char, "medial") in single:
        return _DUAL
    if (char, "final") in single:
        return _RIGHT
    return _NONE


def has_arabic(text: str) -> bool:
    """Whether the text has an Arabic letter (base or presentation form)."""
    return _ARABIC.search(text) is not None


def joined_forms(text: str) -> list[str]:
    """The text as clusters: each Arabic letter (with its marks) in its presentation form.

    Characters of other scripts come back as they are, one cluster per character; a letter
    without a presentation form keeps its own code point.
    """
    single, lam_alef = _tables()
    kinds = [_joining(c) for c in text]
    clusters: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        char, kind = text[i], kinds[i]
        if kind not in (_DUAL, _RIGHT):
            clusters.append(char)
            i += 1
            continue
        # The marks after the letter travel with it; the next letter is the one after them.
        j = i + 1
        while j < n and kinds[j] == _TRANSPARENT:
            j += 1
        marks = text[i + 1 : j]
        prev = next((kinds[k] for k in range(i - 1, -1, -1) if kinds[k] != _TRANSPARENT), _NONE)
        joins_before = prev in (_DUAL, _CAUSING)
        # Lam followed directly by an alef is one mandatory ligature.
        if char == _LAM and not marks and j < n and text[j] in _ALEFS:
            pair = char + text[j]
            form = "final" if joins_before else "isolated"
            clusters.append(lam_alef.get((pair, form)) or lam_alef[(pair, "isolated")])
            k = j + 1
            while k < n and kinds[k] == _TRANSPARENT:
                k += 1
            clusters[-1] += text[j + 1 : k]
            i = k
            continue
        following = kinds[j] if j < n else _NONE
        joins_after = kind == _DUAL and following in (_DUAL, _RIGHT, _CAUSING)
        form = {(False, False): "isolated", (True, False): "final", (False, True): "initial", (True, True): "medial"}[
            (joins_before, joins_after)
        ]
        shaped = single.get((char, form)) or single.get((char, "isolated")) or char
        clusters.append(shaped + marks)
        i = j
    return clusters
