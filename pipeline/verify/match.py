"""How a removed string is recognised in extracted or unit text: for comparison only.

Nothing here changes the text a person reads. Both sides are folded the same way before
they are compared: NFKC (ligatures such as "ﬂ", Arabic presentation forms, fullwidth
letters), Cyrillic and Greek look-alikes to Latin (`pipeline.read.normalise.fold`),
typographic quotes and dashes to straight ones, invisible characters and soft hyphens out,
and runs of whitespace to one space. A word broken by a hyphen at a line end ("Maece-" /
"nas") is looked for both joined and with its hyphen (a double-barrelled name split there).

Word boundaries are script-aware: a letter of a script written without spaces between
words (Chinese, Japanese, Thai, ...) never stands as a boundary-breaker, so a Chinese name
inside running Chinese text is found; a straight quote or a hyphen never blocks a match
("'Smith'", "CONFIDENTIAL-").
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pipeline.read.normalise import fold

_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "‐": "-", "–": "-", "‑": "-", "‒": "-", "—": "-", "\u00ad": ""}
_QUOTE_TABLE = str.maketrans(_QUOTES)

# Scripts written without spaces between words: Han, kana, Thai, Lao, Myanmar, Khmer, and
# the CJK compatibility and extension blocks.
_NO_SPACE = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u303c\u3040-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"
    "\U00020000-\U0003134f"
)
_NO_SPACE_CHAR = re.compile(f"[{_NO_SPACE}]")
# A character that joins a word: a letter, digit or mark of a script that uses spaces.
_WORD = rf"[^\W{_NO_SPACE}]"

# A hyphen (or soft hyphen, already dropped) at a line end between two letters.
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*(?:\r\n|\r|\n)\s*(?=[^\W\d_])")
_HYPHEN_BREAK = re.compile(r"-\s*(?:\r\n|\r|\n)\s*")
_SOFT_BREAK = re.compile("\u00ad\\s*(?:\r\n|\r|\n)\\s*")


def _char(c: str) -> str:
    """What one character is compared as."""
    out = unicodedata.normalize("NFKC", c) if not c.isascii() else c
    return fold(out).translate(_QUOTE_TABLE)


def fold_text(text: str) -> str:
    """The compared form of a whole text (line breaks kept for de-hyphenation)."""
    text = _SOFT_BREAK.sub("", text)
    text = fold(unicodedata.normalize("NFKC", text)).translate(_QUOTE_TABLE)
    return text


# Letters of the scripts written right to left (Hebrew, Arabic, Syriac, Thaana, NKo, and their
# presentation forms; NFKC has already folded the Arabic ones).
_RTL = re.compile("[\u0590-\u07ff\u0800-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def views(text: str) -> list[str]:
    """The forms a text is searched in: hyphens at line ends kept, and words rejoined.

    A line with right-to-left letters is also searched reversed: some readers (pypdf, and
    PyMuPDF on a line mixing directions) give such text in the order it is drawn, left to
    right, so "قال" comes back as "لاق" and a name in it would never match as written.
    """
    folded = fold_text(text)
    kept = " ".join(_HYPHEN_BREAK.sub("-", folded).split())
    joined = " ".join(_LINE_HYPHEN.sub("", folded).split())
    out = [kept] if joined == kept else [kept, joined]
    if _RTL.search(folded):
        drawn = " ".join(" ".join(line[::-1].split()) for line in folded.splitlines() if _RTL.search(line))
        out.append(drawn)
    return out


def needle_form(text: str) -> str:
    """A needle as compared."""
    return " ".join(fold_text(text).split())


def _word_pattern(word: str) -> str:
    """One word of a needle; a right-to-left word may have a space between any two letters.

    pdfminer.six puts a space wherever the gap between two glyphs is wide, and in Arabic it
    is after the letters that do not join the next one (alef, dal, reh, waw) and elsewhere
    ("كت ب" for "كتب"): without this, a name pdfminer reads would never match.
    """
    if not _RTL.search(word):
        return re.escape(word)
    return r"\s?".join(re.escape(c) for c in word)


class NeedlePattern:
    """A compiled needle (`compile_needle`): its regex, a lower-case word every match contains
    as it is (or None), and whether it is matched in text whose no-space-script letters are
    blanked to spaces (`_blank`).

    The word lets a search skip, with a substring test in C, a text that cannot hold a match:
    a 137-page guideline's reference list (780 authors' names, 2,500 units) spent 190 of its
    520 seconds running name patterns over units that could not hold them.

    Blanking keeps script-aware word boundaries cheap. A needle with no Chinese, Japanese,
    Thai, ... letter needs a boundary only against letters of scripts that use spaces; with
    those letters turned into spaces (one for one, so offsets hold) that is plain word-character class. The
    character class that says it in one regex (`_WORD`) costs 2 to 4 ms to compile, and the
    release check compiles one pattern per form of every person: 37 s for that guideline.
    """

    __slots__ = ("blanked", "regex", "word")

    def __init__(self, regex: re.Pattern[str], word: str | None, blanked: bool) -> None:
        self.regex = regex
        self.word = word
        self.blanked = blanked

    def search(self, text: str) -> bool:
        """Whether the needle is in `text` (an already folded view)."""
        return self.regex.search(blank(text) if self.blanked else text) is not None

    def finditer(self, text: str):
        """The regex's matches in `text` (an already folded view), offsets as in `text`."""
        return self.regex.finditer(blank(text) if self.blanked else text)


_NO_SPACE_RUN = re.compile(f"[{_NO_SPACE}]+")


@functools.lru_cache(maxsize=256)
def blank(text: str) -> str:
    """`text` with every letter of a no-space script replaced by a space (same length)."""
    if not _NO_SPACE_CHAR.search(text):
        return text
    return _NO_SPACE_RUN.sub(lambda m: " " * len(m.group()), text)


def _required_word(norm: str) -> str | None:
    """The longest word of a needle's compared form in lower case, or None where a substring
    test is not safe: a right-to-left word is matched letter by letter, and a non-ASCII one
    may change length in lower case.
    """
    words = norm.lower().split()
    if not words or _RTL.search(norm):
        return None
    key = max(words, key=len)
    return key if key.isascii() else None


@functools.lru_cache(maxsize=8192)
def compile_needle(
    text: str, case_sensitive: bool, number_may_follow: bool = False, guards: tuple[str, str] = ("", ""),
    glued: bool | str = False,
) -> NeedlePattern:
    """A whole-word pattern for a (folded) needle; words may be joined by any spacing.

    `guards` are extra (lookbehind, lookahead) conditions: for names, the place rule of
    pipeline/resolve/places.py, so verification skips what resolve skipped. `glued`: the
    needle at the start of a word with one or two more letters or digits after it (a
    footnote mark one reader joins to the word, "levothyroxinej", and another does not);
    `glued="prefix"`: at the start of a longer word (a word drawn in two pieces that a
    reader of the draft parts, "Cooper ative").
    """
    norm = needle_form(text)
    body = r"\s*".join(_word_pattern(part) for part in norm.split())
    blanked = not _NO_SPACE_CHAR.search(norm)
    if blanked:
        head, tail = r"(?<!\w)", r"(?!\w)"
    else:
        head = "" if not norm or _NO_SPACE_CHAR.match(norm[0]) else rf"(?<!{_WORD})"
        tail = "" if not norm or _NO_SPACE_CHAR.match(norm[-1]) else rf"(?!{_WORD})"
    if glued == "prefix":
        tail = r"(?=\w)"
    elif glued:
        tail = r"(?=\w{1,2}(?!\w))"
    if number_may_follow:
        tail += r"(?!\s+\d)"
    regex = re.compile(guards[0] + head + body + tail + guards[1], 0 if case_sensitive else re.IGNORECASE)
    return NeedlePattern(regex, _required_word(norm), blanked)


@functools.lru_cache(maxsize=64)
def folded_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The compared form of `text` (hyphens at line ends between letters rejoined, spacing
    collapsed) and, for each of its characters, the index of the original character.

    Cached: the release check runs every person's patterns over each unit in turn, and
    folding a unit once per pattern was 85% of the time of a 40-page draft (cProfile).
    """
    chars: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(text):
        for r in _char(c):
            chars.append(r)
            offsets.append(i)
    folded = "".join(chars)
    out: list[str] = []
    out_off: list[int] = []
    pos = 0
    for m in _LINE_HYPHEN.finditer(folded):
        out.extend(folded[pos : m.start()])
        out_off.extend(offsets[pos : m.start()])
        pos = m.end()
    out.extend(folded[pos:])
    out_off.extend(offsets[pos:])
    # Collapse whitespace runs to one space (keeping the first character's offset).
    chars, offsets = [], []
    for c, o in zip(out, out_off, strict=True):
        if c.isspace():
            if chars and chars[-1] == " ":
                continue
            c = " "
        chars.append(c)
        offsets.append(o)
    return "".join(chars), tuple(offsets)


# A hyphen between two lower-case letters inside a line: a reader that joins a PDF's lines
# keeps a line-end hyphen ("taki-" / "mata" becomes "taki-mata"), and the line break that
# would show it is gone.
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


@functools.lru_cache(maxsize=64)
def _dehyphenated(text: str) -> tuple[str, tuple[int, ...]] | None:
    """`folded_with_offsets(text)` without hyphens between lower-case letters, or None if it has none."""
    folded, offsets = folded_with_offsets(text)
    cuts = [m.start() for m in _INNER_HYPHEN.finditer(folded) if folded[m.start() - 1].islower() and folded[m.start() + 1].islower()]
    if not cuts:
        return None
    cut = set(cuts)
    keep = [i for i in range(len(folded)) if i not in cut]
    return "".join(folded[i] for i in keep), tuple(offsets[i] for i in keep)


@functools.lru_cache(maxsize=64)
def lowered(text: str) -> str:
    """Both compared forms of `text` (`find_spans` searches each) in lower case, for the
    required-word test.
    """
    forms = [folded_with_offsets(text), _dehyphenated(text)]
    return "\n".join(f[0].lower() for f in forms if f is not None)


def find_spans(text: str, pattern: NeedlePattern) -> list[tuple[int, int]]:
    """Where `pattern` (from `compile_needle`) matches `text`, as spans of the original text.

    Also looked for with hyphens between lower-case letters taken out (`_INNER_HYPHEN`): a
    name broken at a line end whose break the reader dropped is still found (and redacted).
    """
    if pattern.word is not None and pattern.word not in lowered(text):
        return []
    spans = []
    forms = [folded_with_offsets(text), _dehyphenated(text)]
    for form in forms:
        if form is None:
            continue
        folded, offsets = form
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                span = (offsets[m.start()], offsets[m.end() - 1] + 1)
                if span not in spans:
                    spans.append(span)
    return spans


__all__ = ["NeedlePattern", "blank", "compile_needle", "find_spans", "lowered", "fold_text", "folded_with_offsets", "needle_form", "views"]
