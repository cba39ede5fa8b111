"""Names from lists of first names and surnames of many origins.

The statistical model misses names it has not seen (Yewande, Ishwar, Lesley) and names at
the start of list items. A first name from the list followed by a capitalised word is a
name ("Cliff Dinu"); a first name alone counts only if it is not also an English word, so
"Will" the verb, "Grace" and "Hope" are left to stronger evidence (a surname after them, a
title before them). Lists: data/first_names.txt and data/surnames.txt (see
data/make_name_lists.py for their source); `*` marks names that are English words.
"""

from __future__ import annotations

from pathlib import Path

import regex as re
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from recognizers.name_parts import STOP_ACRONYMS, STOP_WORDS

DATA = Path(__file__).parent / "data"

# A name word as written: Sarah, O'Connor, Smith-Jones, McDonald, ÓRLAITH, Łukasz.
_WORD = re.compile(r"(?<![\p{L}\p{M}'’\-])(?:\p{Lu}['’])?\p{Lu}[\p{L}\p{M}]*(?:[-'’]\p{Lu}[\p{L}\p{M}]*)?(?![\p{L}\p{M}])")
_GAP = re.compile(r"[ \t]{1,3}")
_STOP = {w.lower() for w in STOP_WORDS} | {a.lower() for a in STOP_ACRONYMS}


def load_name_list(path: Path) -> tuple[set[str], set[str]]:
    """(every name, the names that are also English words), lower-cased."""
    names: set[str] = set()
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, flag = line.partition("\t")
        names.add(name.lower())
        if flag.strip() == "*":
            words.add(name.lower())
    return names, words


class NameListRecognizer(EntityRecognizer):
    """PERSON from name lists: 'First Surname', or an unambiguous first name alone."""

    ENTITY = "PERSON"
    PAIR_SCORE = 0.8
    ALONE_SCORE = 0.6

    def __init__(
        self,
        supported_language: str = "en",
        first_names: str | None = None,
        surnames: str | None = None,
        name: str | None = None,
    ) -> None:
        self._first_path = Path(first_names) if first_names else DATA / "first_names.txt"
        self._last_path = Path(surnames) if surnames else DATA / "surnames.txt"
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=name)

    def load(self) -> None:
        """Read the first-name, surname and place lists (Presidio calls this once)."""
        self.first, self.first_words = load_name_list(self._first_path)
        self.last, self.last_words = load_name_list(self._last_path)
        # A lone name that is also a place ("Chester", "Preston") is taken to be the place.
        places, _ = load_name_list(DATA / "uk_places.txt")
        self.first_words = self.first_words | places

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """Find names by list; a result never covers a title or a possessive."""
        if self.ENTITY not in entities:
            return []
        words = list(_WORD.finditer(text))
        results: list[RecognizerResult] = []
        i = 0
        while i < len(words):
            w = words[i]
            low = _fold(w.group(0))
            nxt = words[i + 1] if i + 1 < len(words) else None
            # "Cliff Dinu": an unlisted (or everyday) first word before a listed surname.
            if (
                nxt is not None
                and low not in _STOP
                and (low not in self.first or low in self.first_words)
                and _GAP.fullmatch(text, w.end(), nxt.start())
                and _fold(nxt.group(0)) in self.last
                and _fold(nxt.group(0)) not in self.last_words
                and _fold(nxt.group(0)) not in self.first_words
                and not _sentence_start(text, w.start())
            ):
                results.append(self._result(w.start(), nxt.end(), self.PAIR_SCORE - 0.1, "a capitalised word, then a surname from the name list"))
                i += 2
                continue
            if low in _STOP or low not in self.first:
                i += 1
                continue
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and _GAP.fullmatch(text, w.end(), nxt.start()) and _fold(nxt.group(0)) not in _STOP:
                surname = _fold(nxt.group(0))
                known = surname in self.last or surname in self.first
                everyday = surname in self.last_words or surname in self.first_words
                # A first name that is an everyday word ("Will", "Cliff") needs a listed name
                # after it that is not one too: "Cliff Dinu" is a name, "Will Hope" not here.
                if low not in self.first_words or (known and not everyday):
                    why = "first name and surname from the name lists" if known else "first name from the name list, then a capitalised word"
                    results.append(self._result(w.start(), nxt.end(), self.PAIR_SCORE, why))
                    i += 2
                    continue
            # "Kent Police", "Lincoln Crown Court": a place before an institution word.
            institution = nxt is not None and _GAP.fullmatch(text, w.end(), nxt.start()) and _fold(nxt.group(0)) in _STOP
            if low not in self.first_words and not institution:
                results.append(self._result(w.start(), w.end(), self.ALONE_SCORE, "first name from the name list"))
            i += 1
        return results

    def _result(self, start: int, end: int, score: float, why: str) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=score, textual_explanation=why, pattern_name="name list"
        )
        return RecognizerResult(
            self.ENTITY, start, end, score, analysis_explanation=explanation,
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


def load_gendered_first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(men's first names, women's first names), lower-cased, from data/gendered_first_names.tsv."""
    male: set[str] = set()
    female: set[str] = set()
    for line in (DATA / "gendered_first_names.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        name, _, sex = line.partition("\t")
        (male if sex.strip() == "m" else female).add(name)
    return frozenset(male), frozenset(female)


def _sentence_start(text: str, start: int) -> bool:
    """At the start of the text or of a sentence, a capital says nothing about a name."""
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?"


def _fold(word: str) -> str:
    return word.lower().replace("’", "'")


__all__ = ["NameListRecognizer", "load_gendered_first_names", "load_name_list"]


def load_places() -> frozenset[str]:
    """Towns, cities, counties and regions of England and Wales (data/places_england_wales.txt), lower case."""
    lines = (DATA / "places_england_wales.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(" ".join(line.split()).lower() for line in lines if line.strip() and not line.startswith("#"))
