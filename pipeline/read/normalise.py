"""Text as detection should see it: invisible characters out, odd spaces and look-alikes folded.

A name can be hidden from recognizers without changing how it looks: a zero-width space
inside it ("Sa\u200brah"), a non-breaking space between its words, or a Cyrillic "а" for a
Latin "a". `clean_text` removes the invisible characters and folds the rest one character
for one character, and keeps a map from every cleaned character back to the original, so
detections made on the cleaned text can be placed on the original. `clean_document` applies
it to every unit of a read document instead (PDF character boxes follow their characters),
so that every later stage sees one spelling of a name. Verification folds needles and
extracted text the same way (`fold`), so what is hidden here cannot be hidden there either.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from pipeline.model import Document, TextUnit

# Look-alikes of Latin letters in the Cyrillic and Greek blocks (after Unicode's
# confusables.txt, restricted to letters that look the same in ordinary text fonts).
_HOMOGLYPHS: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y", "Ѕ": "S", "І": "I", "Ӏ": "I",
    "Ј": "J", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small letters
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ү": "y",
    "ё": "ë", "ї": "ï",
    # Greek capitals
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
    # Greek small letters
    "ο": "o", "ν": "v", "ι": "i", "α": "a", "ρ": "p", "υ": "u", "κ": "k", "ϲ": "c", "ϳ": "j",
    # Letters of Latin and other scripts that pass for plain Latin ones
    "ı": "i", "ȷ": "j", "Ꭵ": "i",
}
# Fullwidth ASCII (U+FF01..U+FF5E) is ASCII shifted by 0xFEE0.
_HOMOGLYPHS.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})

# Invisible characters that are not Unicode format (Cf) characters but join or vary glyphs.
_INVISIBLE_EXTRA = {"\u034f"} | {chr(c) for c in range(0xFE00, 0xFE10)}
# Control characters some extractors emit (NULs between the bytes of UTF-16 text).
_KEPT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def _mapping(c: str) -> str | None:
    """What one character becomes: '' (removed), a replacement, or None (unchanged)."""
    if c in _HOMOGLYPHS:
        return _HOMOGLYPHS[c]
    if c in _INVISIBLE_EXTRA:
        return ""
    cat = unicodedata.category(c)
    if cat == "Cf":  # zero-width space/joiners, soft hyphen, bidi marks, BOM, word joiner
        return ""
    if cat == "Cc" and c not in _KEPT_CONTROLS:
        return ""
    if cat in ("Zs", "Zl", "Zp") and c != " ":  # NBSP, narrow NBSP, en/em/thin spaces, ...
        return " "
    return None


def _changed_chars() -> str:
    """Every character `_mapping` changes, in the BMP (where extracted text lives)."""
    out = []
    for code in range(0x10000):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        if _mapping(c) is not None:
            out.append(c)
    return "".join(out)


# One table for str.translate (fast path) and one regex that says whether anything changes.
_TABLE = {ord(c): _mapping(c) for c in _changed_chars()}
# Format characters outside the BMP (tag characters U+E0000.., used to hide text) go too.
_TABLE.update({c: "" for c in range(0xE0000, 0xE0080)})
_CHANGES = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")


def fold(text: str) -> str:
    """The cleaned text only (no offset map): for comparing strings, as verification does."""
    return text.translate(_TABLE)


@dataclass(frozen=True)
class CleanText:
    """Cleaned text and where each of its characters came from in the original."""

    text: str
    original: str
    # offsets[i] is the index in `original` of text[i]; None when nothing changed.
    offsets: tuple[int, ...] | None = None

    @property
    def changed(self) -> bool:
        """True when normalising changed the text (so offsets must be mapped back)."""
        return self.offsets is not None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that the span [start, end) of `text` covers.

        Characters removed inside the span (a zero-width space within a name) fall inside
        the returned span, so a redaction of it removes them too.
        """
        if self.offsets is None:
            return start, end
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span {start}-{end} outside cleaned text of length {n}")
        if start == end:
            pos = self.offsets[start] if start < n else len(self.original)
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


# Look-alikes are folded in a unit's text only inside a word that also holds a Latin letter
# ("Sаrah" with a Cyrillic "а"): a word written in Cyrillic or Greek, and the fullwidth
# punctuation of Chinese text, keep their script, because the unit's text is what a DOCX
# output is laid out from. Fullwidth Latin letters and digits are Latin and always fold.
# (`fold`, used for comparing, folds everything.)
_WORD_RE = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")
_ALWAYS = {chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))}


def _kept_lookalikes(text: str) -> set[int]:
    """Indexes of look-alike characters that stay as written (their word has no Latin letter).

    Words are read with the removed characters already gone: "A", a control character and
    "Ү" clean to one word "AҮ", which has a Latin letter, so its "Ү" folds now rather than on a second cleaning
    (cleaning must be idempotent; hypothesis found this one).
    """
    index = [i for i, c in enumerate(text) if _TABLE.get(ord(c), c) != ""]
    joined = "".join(text[i] for i in index)
    kept: set[int] = set()
    for m in _WORD_RE.finditer(joined):
        word = m.group(0)
        if _LATIN.search(word) or all(c in _ALWAYS for c in word if c in _HOMOGLYPHS):
            continue
        kept.update(index[m.start() + j] for j, c in enumerate(word) if c in _HOMOGLYPHS and c not in _ALWAYS)
    kept.update(i for i, c in enumerate(text) if c in _HOMOGLYPHS and not c.isalnum())
    return kept


def clean_text(text: str) -> CleanText:
    """Remove invisible characters, map unusual spaces to ' ' and look-alikes to Latin."""
    if not _CHANGES.search(text):
        return CleanText(text, text)
    kept = _kept_lookalikes(text)
    chars: list[str] = []
    offsets: list[int] = []
    table = _TABLE
    for i, c in enumerate(text):
        repl = c if i in kept else table.get(ord(c), c)
        if repl:  # '' (removed) adds nothing; a replacement is one character
            chars.append(repl)
            offsets.extend([i] * len(repl))
    return CleanText("".join(chars), text, tuple(offsets))


def clean_unit(unit: TextUnit) -> TextUnit:
    """The unit with cleaned text; a PDF unit keeps the boxes of the characters that remain."""
    cleaned = clean_text(unit.text)
    if cleaned.offsets is None:
        return unit
    boxes = None if unit.boxes is None else tuple(unit.boxes[i] for i in cleaned.offsets)
    return dataclasses.replace(unit, text=cleaned.text, boxes=boxes)


def clean_document(document: Document) -> Document:
    """Clean every text unit in place, so every later stage sees the same text and offsets.

    Detection, name resolution (one person however their name is disguised), decisions,
    rendering and the log then all work on the cleaned text; nothing needs mapping back.
    """
    document.units = {uid: clean_unit(unit) for uid, unit in document.units.items()}
    return document


__all__ = ["CleanText", "clean_document", "clean_text", "clean_unit", "fold"]
