"""Names of prisons and young offender institutions (YOIs) in England and Wales."""

from __future__ import annotations

from pathlib import Path

import regex as re
from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer
from recognizers.gazetteer import DATA_DIR, load_sections, load_terms, trie_regex

PRISON_LIST = DATA_DIR / "prisons.txt"
# Colloquial names ("Strangeways", "the Scrubs"), beside the list of establishments.
NICKNAME_LIST = DATA_DIR / "prison_nicknames.txt"
# Establishments named like a district, river or word: they need a cue, as towns do.
ALSO_PLACES = DATA_DIR / "prison_names_also_places.txt"

# "HMP", "HMYOI", "HMP/YOI", "HMP & YOI", "HMP and YOI", "HM Prison", "HM Young Offender
# Institution", "YOI". "HMPPS" is not a prefix (no space after HMP), and "HM Prison and
# Probation Service" has no listed name after "HM Prison".
# Welsh: "Carchar" (prison), "CEF" / "Carchar Ei Fawrhydi" (HM Prison): "CEF Caerdydd".
_PREFIX = (
    r"(?:HMP[ \t]*(?:/|&|and)[ \t]*YOI|HMYOI|HMP|HM[ \t]+(?i:prison)(?:[ \t]+(?:and|&)[ \t]+YOI)?"
    r"|HM[ \t]+(?i:young[ \t]+offenders?['’]?[ \t]+institut(?:ion|e))|YOI|CEF|(?i:carchar)(?:[ \t]+(?i:ei[ \t]+fawrhydi))?)"
)
# "Leeds jail" and "Lincoln gaol" are how people (and reviewers quoting them) say it.
# People write "Young Offenders Institution" and "Young Offenders' Institute" as often as
# the official "Young Offender Institution".
_YOUNG_OFFENDER = r"young[ \t]+offenders?['’]?[ \t]+institut(?:ion|e)"
_SUFFIX = r"(?i:prison|jail|gaol|" + _YOUNG_OFFENDER + r")|YOI"
# Cues that put a bare establishment name in a custody sentence. Custody cues are about
# custody only. "at"/"in" are not cues: they precede towns ("in Leeds") far more often.
STRONG_CUES: tuple[str, ...] = (
    "released from", "remanded to", "remanded at", "remanded in", "recalled to",
    "detained at", "detained in", "received into", "custody at", "custody in",
    "sentence at", "sentence in", "serving at", "imprisoned at", "imprisoned in",
    "incarcerated at", "incarcerated in", "escaped from", "absconded from",
    "sent down to", "locked up in", "locked up at",
)
# Cues of movement and place: people move to towns and cases are transferred between
# offices ("moved to Leeds", "the case was transferred to Durham", "a meeting held at
# Lincoln"). Before a listed name they count only with a word of custody in the same
# sentence ("transferred to Durham to serve the rest of his sentence").
MOVE_CUES: tuple[str, ...] = (
    "transferred to", "transferred from", "transfer to", "moved to", "moved from",
    "returned to", "relocated to", "held at", "held in", "located at", "received at",
    "discharged from", "sent to", "taken to", "sent back to", "went back to",
)
_CUSTODY_WORD = (
    r"(?i:\b(?:prisons?|custody|custodial|remand(?:ed)?|wing|cell|landing|inmates?|prisoners?|OMU|serve|serving"
    r"|cat(?:egory)?[ \t]+[A-D])\b)"
)
_IN_SENTENCE = r"[^.!?\n]{0,120}?"
# "at", "of" and "in" precede towns far more than prisons, so before a listed name they count
# only when the name is no town of the gazetteer and the sentence is about prison life:
# "three months at the Mount before moving to an open prison", "the OMU at Hewell", "the
# Governor of Swaleside". These words are about prison life only; wider than _CUSTODY_WORD
# because a town never follows "at" here.
_PRISON_LIFE_WORD = (
    r"(?i:\b(?:prisons?|custody|custodial|remand(?:ed)?|wing|cell|landing|inmates?|prisoners?|OMU|serve[ds]?|serving"
    r"|cat(?:egory)?[ \t]+[A-D]|governor|sentence[ds]?|segregation|adjudications?|keyworker|POM|licence"
    r"|parole|released?|recall(?:ed)?|lifers?|YOI|HMP|jail|gaol|locked[ \t]+up|banged[ \t]+up"
    r"|spent|spending|time|stint|spell)\b)"
)
# Between a listed name and "prison": the kind of prison ("Ford open prison", "Ranby
# category C prison").
_KIND = r"(?:[ \t]+(?i:open|closed|local|resettlement|training|women['’]?s|cat(?:egory)?[ \t]+[A-D]))?"


# Second words that an unlisted establishment's name commonly ends with.
_SECOND_WORDS = (
    r"(?:Hall|Park|Wood|Grange|Hill|House|Bay|Farms?|Heath|Camp|Way|Bank|Wells|Marsh|Cross"
    r"|Down|Scrubs|Lakes)"
)
# A listed name followed by one of these is a court, a city or a place, not the prison
# ("at Manchester Crown Court", "in Leeds City Centre").
_NOT_THE_PRISON = (
    r"(?![ \t]+(?:Crown|Magistrates['’]?|County|Family|Youth|Combined|City|Town|Road|Street|"
    r"University|Hospital|Airport|Station|Council|United|Royal|General|Infirmary|Cathedral)\b)"
)
_NOT_A_NAME = r"(?!(?:The|And|Prison|Prisons|Probation|Service|Services|Inspectorate|Governor|Staff)\b)"
# An establishment not in the list is still named by its kind, written with capitals:
# "Barlinnie Prison", "Harmondsworth IRC", "Oakhill Secure Training Centre". Lowercase
# "prison" after an unknown word is too loose ("a local prison", "Leeds prison" is listed).
_INSTITUTION = (
    r"(?:Prison|Young[ \t]+Offenders?['’]?[ \t]+Institut(?:ion|e)|Immigration[ \t]+Removal[ \t]+Centre|IRC"
    r"|Secure[ \t]+Training[ \t]+Centre|STC)"
)
# Words that stand before "Prison" in titles and ordinary prose but name no establishment:
# kinds of prison ("an Open Prison", "a Category B Prison"), services ("Probation and
# Prison"), and the little words of a title-case heading ("Release From Prison").
_NOT_GENERIC = (
    r"(?!(?:Open|Closed|Local|Category|Cat|Training|Resettlement|High|Security|Private|Public|Victorian"
    r"|Reception|Dispersal|Young|Adult|Male|Female|Women['’]?s|Womens|Men['’]?s|Remand|Military|Scottish"
    r"|Welsh|English|Irish|Northern|Probation|Police|Court|Courts|From|To|In|At|On|Into|Of|For|Or|With"
    r"|After|Before|Back|Out|Leaving|Release|Released|Recall|Return|Life|His|Her|Their|Our|Your|My|This"
    r"|That|Each|Every|Any|Another|Which|What|Whose|Majesty['’]?s|HM|State|Federal|Former|New|Old|Main"
    r"|Same|Current|Previous|Next|Last|First|Second|Third)\b)"
)


def _is_distinctive(
    term: str, places: frozenset[str] | set[str], names: set[str], first: set[str], surnames: set[str]
) -> bool:
    """A listed name that is the prison wherever it stands.

    One word: no place and no person's name ("Belmarsh", not "Durham" or "Ford"). Several
    words: the whole phrase is no place and does not read as first name + surname ("Long
    Lartin", "Low Newton", "Foston Hall" are prisons; "Warren Hill" could be a person). A
    surname-like word inside a longer name ("Hall", "Wood", "Newton") names no one alone.
    """
    words = term.split()
    if term.lower() in places:
        return False
    if len(words) == 1:
        return term.lower() not in names
    return not (words[0].lower() in first and words[-1].lower() in surnames)


def _cue_regex(cues: tuple[str, ...]) -> str:
    return "|".join(re.escape(c).replace(r"\ ", r"[ \t]+") for c in sorted(cues, key=len, reverse=True))


def _names_regex(path: Path) -> str:
    # "HMP The Verne" is "the Verne" in a sentence: names that begin with "The" match both.
    terms = load_terms(path)
    terms += [f"the{t[3:]}" for t in terms if t.startswith("The ")]
    # Tables and headings write establishments in capitals ("HMP LEEDS", "released from
    # WORMWOOD SCRUBS").
    terms += [t.upper() for t in terms]
    return r"(?:" + trie_regex(sorted(set(terms)), case_sensitive=True) + r")"


class PrisonNameRecognizer(SfoPatternRecognizer):
    """Recognise prison names, with or without HMP or a custody cue.

    Recognise prison names: prefixed ("HMP Berwyn"), suffixed ("Wandsworth prison"),
    bare after a custody cue ("transferred to Wandsworth"), and unlisted "HMP Xxx".

    Prefixed and suffixed forms cover the whole phrase; a cued bare name covers the name.
    """

    ENTITY = "PRISON"
    FLAGS = 0
    CONTEXT: list[str] = []

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "en",
        supported_entity: str | None = None,
        name: str | None = None,
        prison_list: str | None = None,
    ) -> None:
        """Patterns are built from the prison list (the packaged one when None) unless given."""
        self.prison_list = Path(prison_list) if prison_list else PRISON_LIST
        if patterns is None:
            patterns = (
                self._patterns(_names_regex(self.prison_list))
                + self._nickname_patterns(NICKNAME_LIST)
                + self._distinctive_patterns(self.prison_list)
                + self._prison_life_patterns(self.prison_list)
            )
        super().__init__(patterns, context, supported_language, supported_entity, name)

    @staticmethod
    def _distinctive_patterns(path: Path) -> list[Pattern]:
        """A listed establishment whose name is no town, county or person's name ("Belmarsh",
        "Pentonville", "Swaleside") is the prison wherever it stands: reviewers write "his
        time at Belmarsh" with no custody cue. Towns ("Leeds", "Durham") still need a cue.
        """
        from recognizers.name_list import DATA, load_name_list, load_places

        places = load_places() | {t.lower() for t in load_terms(ALSO_PLACES)}
        first = load_name_list(DATA / "first_names.txt")[0]
        surnames = load_name_list(DATA / "surnames.txt")[0]
        names = first | surnames
        distinctive = [t for t in load_terms(path) if _is_distinctive(t, places, names, first, surnames)]
        distinctive += [f"the{t[3:]}" for t in distinctive if t.startswith("The ")]
        distinctive += [t.upper() for t in distinctive if len(t) > 4]
        if not distinctive:
            return []
        alone = r"(?:" + trie_regex(distinctive, case_sensitive=True) + r")"
        return [Pattern("distinctive listed prison name", r"(?<![\w'’-])(?P<entity>" + alone + r")(?![\w'’-])" + _NOT_THE_PRISON, 0.75)]

    @staticmethod
    def _prison_life_patterns(path: Path) -> list[Pattern]:
        """A listed name that is no town after "at", "of" or "in", in a sentence about prison life.

        After "in", only a name of several words or with "the" ("in the Verne", "in Long
        Lartin"): single words such as "Wandsworth" or "Risley" are districts people live in.
        """
        from recognizers.name_list import load_places

        towns = load_places()
        listed = [t for t in load_terms(path) if t.lower() not in towns]
        plain = [t for t in listed if not t.startswith("The ")]
        # "The Mount" is written "the Mount": the article is part of the name, never optional.
        articled = [t[4:] for t in listed if t.startswith("The ")]
        if not plain:
            return []

        def alternatives(terms: list[str]) -> str:
            return r"(?:" + trie_regex(terms, case_sensitive=True) + r")" if terms else r"(?!)"

        with_article = r"(?P<entity>(?:the|The)[ \t]+" + alternatives(articled) + r")"
        # "at the Wolds", "at the Parc": after "at" an article may stand before any of them.
        at_names = r"(?:" + with_article + r"|(?:the[ \t]+)?(?P<entity>" + alternatives(plain) + r"))"
        in_names = r"(?:" + with_article + r"|(?P<entity>" + alternatives([t for t in plain if " " in t]) + r"))"
        # Not the first word of a longer proper name ("at Parc Eirin", "at Hewell Road").
        end = r"(?![\w'’-])" + _NOT_THE_PRISON + r"(?![ \t]+(?:[A-Z][a-z]|y[ \t]|yr[ \t]))"
        at = r"(?<![\w])(?P<cue>(?i:at|of))[ \t]+" + at_names + end
        in_ = r"(?<![\w])(?P<cue>(?i:in))[ \t]+" + in_names + end
        # The cheap look-ahead first, so the long look-behind runs only where a cue starts.
        before = r"(?=(?i:at|of|in)[ \t])(?<=" + _PRISON_LIFE_WORD + _IN_SENTENCE + r")"
        after = r"(?=" + _IN_SENTENCE + _PRISON_LIFE_WORD + r")"
        # A name with "the" is no town people move to: "moved to the Mount" needs no custody word.
        move = r"(?<![\w])(?P<cue>(?i:" + _cue_regex(MOVE_CUES) + r"))[ \t]+"
        return [
            Pattern("listed prison with 'the' after movement cue", move + with_article + end, 0.75),
            Pattern("listed prison after at/of/in, prison-life word before", before + r"(?:" + at + r"|" + in_ + r")", 0.75),
            Pattern("listed prison after at/of/in, prison-life word after", r"(?:" + at + r"|" + in_ + r")" + after, 0.75),
        ]

    @staticmethod
    def _patterns(names: str) -> list[Pattern]:
        end = r"(?![\w'’-])"
        # "transferred to the Mount", "moved to the Parc": an article may stand between
        cued = r"[ \t]+(?:the[ \t]+)?(?P<entity>" + names + r")" + end + _NOT_THE_PRISON
        strong = r"(?<![\w])(?P<cue>(?i:" + _cue_regex(STRONG_CUES) + r"))"
        move = r"(?<![\w])(?P<cue>(?i:" + _cue_regex(MOVE_CUES) + r"))"
        custody_before = r"(?<=" + _CUSTODY_WORD + _IN_SENTENCE + r")"
        custody_after = r"(?=" + _IN_SENTENCE + _CUSTODY_WORD + r")"
        return [
            Pattern("listed prison after movement cue, custody word before", custody_before + move + cued, 0.8),
            Pattern("listed prison after movement cue, custody word after", move + cued + custody_after, 0.8),
            Pattern(
                "listed prison with HMP/YOI prefix",
                r"(?<![\w])" + _PREFIX + r"[ \t]+" + names + end,
                0.9,
            ),
            Pattern(
                "listed prison + 'prison'",
                r"(?<![\w'’-])" + names + _KIND + r"[ \t]+(?:" + _SUFFIX + r")" + end,
                0.85,
            ),
            Pattern("'prison' + listed prison", r"(?<![\w])(?i:prison)[ \t]+" + names + end, 0.8),
            Pattern("listed prison after custody cue", strong + cued, 0.8),
            Pattern(
                "unlisted name + Prison/IRC/STC",
                r"(?<![\w'’-])" + _NOT_A_NAME + _NOT_GENERIC + r"[A-Z][a-z]+(?:['’]s)?(?:[ \t]+" + _NOT_GENERIC
                + r"[A-Z][a-z]+)?[ \t]+" + _INSTITUTION + end,
                0.6,
            ),
            Pattern(
                "unlisted HMP/HMYOI name",
                r"(?<![\w])(?:" + _PREFIX + r")[ \t]+" + _NOT_A_NAME
                + r"[A-Z][a-z]+(?:[ \t]+" + _SECOND_WORDS + r")?" + end,
                0.6,
            ),
        ]

    @staticmethod
    def _nickname_patterns(path: Path) -> list[Pattern]:
        sections = load_sections(path)
        end = r"(?![\w'’-])" + _NOT_THE_PRISON
        strong = r"(?<![\w])(?P<cue>(?i:" + _cue_regex(STRONG_CUES) + r"))"
        move = r"(?<![\w])(?P<cue>(?i:" + _cue_regex(MOVE_CUES) + r"))"
        alone = r"(?:" + trie_regex(sections.get("alone", []), case_sensitive=True) + r")"
        cued = r"(?:" + trie_regex(sections.get("cued", []), case_sensitive=True) + r")"
        return [
            Pattern("colloquial prison name", r"(?<![\w'’-])(?P<entity>" + alone + r")" + end, 0.8),
            Pattern("colloquial prison name after custody cue", strong + r"[ \t]+(?P<entity>" + cued + r")" + end, 0.8),
            Pattern(
                "colloquial prison name after movement cue, custody word before",
                r"(?<=" + _CUSTODY_WORD + _IN_SENTENCE + r")" + move + r"[ \t]+(?P<entity>" + cued + r")" + end,
                0.8,
            ),
            Pattern(
                "colloquial prison name after movement cue, custody word after",
                move + r"[ \t]+(?P<entity>" + cued + r")" + end + r"(?=" + _IN_SENTENCE + _CUSTODY_WORD + r")",
                0.8,
            ),
            # "at Armley", never "in Armley": people grow up in districts, not at them.
            Pattern(
                "colloquial prison name after 'at', prison-life word before",
                r"(?=(?i:at)[ \t])(?<=" + _PRISON_LIFE_WORD + _IN_SENTENCE + r")(?<![\w])(?P<cue>(?i:at))[ \t]+(?P<entity>" + cued + r")"
                + end + r"(?![ \t]+[A-Z][a-z])",
                0.75,
            ),
            Pattern(
                "colloquial prison name after 'at', prison-life word after",
                r"(?<![\w])(?P<cue>(?i:at))[ \t]+(?P<entity>" + cued + r")" + end + r"(?![ \t]+[A-Z][a-z])"
                + r"(?=" + _IN_SENTENCE + _PRISON_LIFE_WORD + r")",
                0.75,
            ),
        ]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """Say whether the name came from the list, and after which cue."""
        if "cue" in match.groupdict() and match.group("cue"):
            cue = " ".join(match.group("cue").lower().split())
            return f"prison list: listed establishment; custody cue: {cue}"
        if pattern.name.startswith("colloquial"):
            return "prison list: colloquial name of an establishment"
        if pattern.name.startswith("distinctive"):
            return "prison list: establishment whose name is no town or person's name"
        if pattern.name == "unlisted name + Prison/IRC/STC":
            return "prison shape: capitalised name + Prison, IRC or STC (not in the prison list)"
        if pattern.name.startswith("unlisted"):
            return "prison shape: HMP + capitalised name (not in the prison list)"
        return "prison list: listed establishment"
