"""What verification must not find in an output: every removed string, in every form.

One builder for every check, so that the draft check, finalisation and `sfo-redact verify`
look for the same forms with the same rules:

- `needles_for`: what detection and resolution removed from one document;
- `case_file_needles`: every name, identifier and date of birth a case file gives, whether
  detection found it or not (the draft check uses the union of both: the release gate does
  not depend on the stage it checks);
- `decision_needles`: what a rebuilt final document withholds (finalisation);
- `log_needles`: every string a redaction log says was removed (`sfo-redact verify --log`);
- `without_allowed`: the one place where strings an output may show on purpose (the
  signer, role and region on a cover sheet) are taken out.

Names are matched case-sensitively everywhere (and in capitals): "Will" the name is not
"will" the verb, so a word-name never blocks a cover sheet's own prose.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.model import Action, Category, Decision, Document, HiddenKind, Person
from pipeline.read.columns import is_not_for_disclosure
from pipeline.reasons import REWRITES
from pipeline.resolve import ACRONYMS, MONTHS, Resolution, english_word_names, name_variants
from pipeline.verify import Needle
from pipeline.verify.match import _NO_SPACE_CHAR

# Hidden content whose text must be absent. Document properties and PDF metadata are not
# searched for in the page text (a title is often the visible heading too); verification
# checks instead that the output's metadata is empty.
_HIDDEN_TEXT_KINDS = {
    HiddenKind.COMMENT,
    HiddenKind.DELETED_TEXT,
    HiddenKind.NOT_FOR_DISCLOSURE,
    HiddenKind.ANNOTATION,
}
_PRISON_WORDS = re.compile(r"\b(?:HMP|HMYOI|YOI|prison|young offender institution)\b", re.IGNORECASE)
_HIDDEN_MIN_CHARS = 15


def prison_forms(text: str) -> list[str]:
    """A bare establishment name ("Nottingham", found after "transferred to") is also a town:
    only its prison forms must be absent.
    """
    if _PRISON_WORDS.search(text):
        return [text]
    return [f"HMP {text}", f"HMYOI {text}", f"{text} prison", f"HMP/YOI {text}"]


def name_needle(form: str, category: str = Category.NAME.value, *, person: str | None = None, label: str = "") -> Needle:
    """A name must be absent, case-sensitively (and in capitals); a one-word name that is
    also an English word ("Page") may still stand before a number ("Page 1" in a footer).
    """
    word = " " not in form.strip() and form.lower() in english_word_names()
    return Needle(form, category, case_sensitive=True, number_may_follow=word, person=person, label=label)


def name_forms(names: Iterable[str]) -> set[str]:
    """Every written form of one person's name (a canonical name and its aliases).

    The resolver's variants (full name, first and last, initial and surname, each word),
    and "SURNAME, First" / "Surname, First" as running headers and tables write them.
    Capitals, possessives and either apostrophe are matched by `find_leaks` itself.
    """
    names = [" ".join(n.split()) for n in names if n and n.strip()]
    if not names:
        return set()
    person = Person(key=names[0].lower(), canonical=names[0], variants=set(names[1:]))
    out = set(name_variants(person))
    for name in names:
        toks = name.split()
        if len(toks) >= 2:
            out.add(f"{toks[-1]}, {toks[0]}")
            out.add(f"{toks[-1].upper()}, {toks[0]}")
    # A two-character name is common in Chinese ("王伟"); elsewhere two letters are too short,
    # and a form of initials only ("Y H" of "Yamashita H", "H RI" of "Haddad RI", whose
    # initials the resolver took for a surname) names nobody and is in any text.
    # A form whose longest word is shorter than the name's own ("H Ri" of "Haddad RI") is a
    # pair of initials to any reader; "J Ng" of "Jo Ng" is as long as that name gets.
    longest = max(_longest_word(n) for n in names)
    return {
        v for v in out
        if v.lower() not in MONTHS
        and (len(v) >= 3 or (len(v) == 2 and all(_NO_SPACE_CHAR.match(c) for c in v)))
        and not _initials_only(v)
        and (_longest_word(v) >= 3 or longest < 3 or _NO_SPACE_CHAR.search(v))
    }


def _longest_word(form: str) -> int:
    return max((len(w.strip(".,")) for w in form.split()), default=0)


def _initials_only(form: str) -> bool:
    """Initials and nothing else: "Y H", "H. RI" (of a reference list's "Haddad RI")."""
    words = [w.strip(".,") for w in form.split()]
    return all(not _NO_SPACE_CHAR.match(w or " ") and (len(w) <= 1 or (len(w) <= 3 and w.isupper())) for w in words)


def person_key(name: str) -> str:
    """The resolver's key for a case-file name (the same person in `Resolution.people`)."""
    from pipeline.resolve import _person_key

    return _person_key(tuple(name.split()))


def is_label_word(form: str) -> bool:
    """A form made only of acronyms ("PNC ID", "CRN"): a table label detection took for a
    name, which is not looked for (nor a reason to refuse) unless a case file names it.
    """
    toks = form.replace(",", " ").split()
    return bool(toks) and all(t.upper().strip(".") in ACRONYMS or t.upper() in {"ID", "NO", "REF"} for t in toks)


def _add_person(needles: dict, names: Iterable[str], *, person: str | None = None, label: str = "", drop_labels: bool = False) -> None:
    for variant in name_forms(names):
        if drop_labels and is_label_word(variant):
            continue
        for form in (variant, variant.upper()):
            needles.setdefault((form, True), name_needle(form, person=person, label=label))


def identifier_forms(value: str) -> list[str]:
    """An identifier as written, with and without its spaces, and a PNC with a two-digit year.

    `find_leaks` also looks for an identifier in text with its spaces removed, so a
    "spaced out" CRN in the document is found from its unspaced form.
    """
    value = " ".join(value.split())
    forms = [value]
    if " " in value:
        forms.append(value.replace(" ", ""))
    pnc = re.fullmatch(r"(\d{2})(\d{2})/(\d+)([A-Z])", value.replace(" ", ""))
    if pnc:
        forms.append(f"{pnc.group(2)}/{int(pnc.group(3))}{pnc.group(4)}")
    return forms


def _hidden_needle(text: str) -> Needle | None:
    text = " ".join(text.split())
    # The removed column's heading ("Not for disclosure") may legitimately be quoted.
    if len(text) >= _HIDDEN_MIN_CHARS and not (len(text) < 60 and is_not_for_disclosure(text)):
        return Needle(text, "hidden content")
    return None


def needles_for(resolution: Resolution, decisions: Sequence[Decision], document: Document) -> list[Needle]:
    """Everything detection and resolution removed from one document, in every form."""
    needles: dict[tuple[str, bool], Needle] = {}
    labels: dict[str, str] = {}
    for d in decisions:
        if d.action is Action.DISCLOSE or d.category in REWRITES:
            continue  # a rewritten "she" is in every review about someone else: not a needle
        if d.category is Category.NAME:
            if d.person:
                labels.setdefault(d.person, d.label)
            continue  # names are checked through every variant below, case-sensitively
        if d.category is Category.PRISON:
            for form in prison_forms(d.text):
                needles[(form, False)] = Needle(form, d.category.value, label=d.label)
            continue
        needles[(d.text, False)] = Needle(d.text, d.category.value, label=d.label, entity=d.entity or "")
    for key, label in labels.items():
        person = resolution.people[key]
        _add_person(needles, [person.canonical, *person.variants], person=key, label=label, drop_labels=person.role_source != "case file")
    for h in document.removed:
        if h.kind in _HIDDEN_TEXT_KINDS and (n := _hidden_needle(h.text)) is not None:
            needles[(n.text, False)] = n
    return list(needles.values())


def case_file_needles(case) -> list[Needle]:
    """Every name (in every form), identifier and written date of birth in a case file."""
    from pipeline.detect import date_forms

    needles: dict[tuple[str, bool], Needle] = {}
    si = case.supervised_individual
    identifier_entity = {} if si is None else {v: e for v, e in ((si.crn, "UK_CRN"), (si.pnc, "UK_PNC"), (si.prison_number, "UK_PRISON_NUMBER")) if v}
    people = [p for p in (case.supervised_individual, *case.victims, *case.staff, *case.third_parties) if p is not None]
    for cp in people:
        _add_person(needles, [cp.name, *cp.aliases], person=person_key(cp.name))
    for value in case.identifiers():
        entity = identifier_entity.get(value, "")
        for form in identifier_forms(value):
            needles[(form, False)] = Needle(form, Category.IDENTIFIER.value, entity=entity)
    if si is not None and si.date_of_birth is not None:
        for form in date_forms(si.date_of_birth):
            needles[(form, False)] = Needle(form, Category.DATE_OF_BIRTH.value, entity="DATE_OF_BIRTH")
    return list(needles.values())


def union(*groups: Iterable[Needle]) -> list[Needle]:
    """Needles of several builders, each string once (the first builder's label wins)."""
    out: dict[tuple[str, bool], Needle] = {}
    for group in groups:
        for n in group:
            out.setdefault((n.text, n.case_sensitive), n)
    return list(out.values())


def decision_needles(documents: Iterable[tuple[Sequence[Decision], Document]], added: Iterable[tuple[str, ...]] = ()) -> list[Needle]:
    """Everything withheld in any document of a case, content removed whole, and `added`
    (text, category) pairs: what a final pack must not hold.

    A withheld name is a name needle (case-sensitive, so a word-name does not block prose).
    """
    needles: dict[tuple[str, bool], Needle] = {}
    for decisions, document in documents:
        for d in decisions:
            if d.action is Action.DISCLOSE or d.category in REWRITES:
                continue
            if d.category is Category.NAME:
                needle = name_needle(d.text, person=d.person, label=d.label)
                needles.setdefault((d.text, True), dataclasses.replace(needle, ref=d.ref) if d.ref else needle)
            else:
                needles.setdefault((d.text.lower(), False), Needle(d.text, d.category.value, label=d.label, ref=d.ref))
        for h in document.removed:
            if (n := _hidden_needle(h.text)) is not None:
                needles.setdefault((n.text.lower(), False), n)
    for text, category, *ref in added:
        needles[(text.lower(), False)] = Needle(text, category, ref=ref[0] if ref else "")
    return list(needles.values())


def without_allowed(needles: Iterable[Needle], allowed: Iterable[str]) -> list[Needle]:
    """Needles less those an output shows on purpose (a cover sheet's signer, role, region).

    A needle is dropped when it is one of the allowed strings or a word or run of words of
    one, compared without regard to case or spacing.
    """
    shown = " | ".join(" ".join(a.split()).casefold() for a in allowed if a and a.strip())
    if not shown:
        return list(needles)
    out = []
    for n in needles:
        text = " ".join(n.text.split()).casefold()
        if re.search(rf"(?<!\w){re.escape(text)}(?!\w)", shown):
            continue
        out.append(n)
    return out


# ---------------------------------------------------------------- redaction logs

LOG_SHEET = "Redaction log"
# The log is read by column heading, not position: its layout is still changing.
_TEXT_HEADING = "text removed"
_DECISION_HEADING = "decision"
_CATEGORY_HEADING = "category"
_HEADER_ROWS = 10  # the heading row is looked for this far down the sheet
# Categories of hidden content: short comments ("OK", "see above") may legitimately recur.
_HIDDEN_CATEGORIES = {Category.HIDDEN.value, Category.REMOVED_COLUMN.value}
_REWRITTEN = {c.value.casefold() for c in REWRITES}


class LogReadError(Exception):
    """The redaction log cannot be used for verification (the message holds no log text)."""


def _cell(row: tuple, col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    return str(row[col]).strip()


def log_needles(path: Path) -> list[Needle]:
    """Every string the log's "Text removed" column holds whose decision is not Disclose."""
    from openpyxl import load_workbook

    from pipeline.resolve import ACRONYMS, NOT_NAMES, TITLES

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise LogReadError("log not found") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a file that is not a workbook
        raise LogReadError(f"cannot be read as an .xlsx workbook ({type(exc).__name__})") from None
    try:
        if LOG_SHEET not in wb.sheetnames:
            raise LogReadError(f"has no sheet named '{LOG_SHEET}'")
        rows = wb[LOG_SHEET].iter_rows(values_only=True)
        text_col = decision_col = category_col = None
        for _ in range(_HEADER_ROWS):
            header = next(rows, None)
            if header is None:
                break
            headings = [str(h).strip().casefold() if h is not None else "" for h in header]
            if _DECISION_HEADING in headings:
                decision_col = headings.index(_DECISION_HEADING)
                text_col = next((i for i, h in enumerate(headings) if _TEXT_HEADING in h), None)
                category_col = headings.index(_CATEGORY_HEADING) if _CATEGORY_HEADING in headings else None
                break
        if decision_col is None:
            raise LogReadError(f"sheet '{LOG_SHEET}' has no 'Decision' column")
        if text_col is None:
            raise LogReadError(
                "is a gist-only log (no 'Text removed' column), so there is nothing to check against;"
                " use the full log or --case"
            )
        withheld: list[tuple[str, str]] = []
        disclosed: list[str] = []
        for row in rows:
            text = _cell(row, text_col)
            if not text:
                continue
            category = _cell(row, category_col).casefold() if category_col is not None else ""
            if category in _REWRITTEN:
                continue  # a rewritten pronoun or title ("she", "Ms") is not removed text
            # A blank decision is not a decision to disclose: fail closed.
            if _cell(row, decision_col).casefold() == "disclose":
                disclosed.append(text)
            else:
                withheld.append((text, category))
    finally:
        wb.close()

    disclosed_words = {w for text in disclosed for w in text.split()}
    # Words logged with a name that are not part of it: titles, role prefixes ("SPO Jane
    # Doe"), agency words and months.
    not_name = TITLES | MONTHS | NOT_NAMES
    needles: dict[tuple[str, bool], Needle] = {}
    for text, category in withheld:
        text = " ".join(text.split())
        if len(text) < 60 and is_not_for_disclosure(text):
            continue  # the removed column's heading may be quoted
        if category in _HIDDEN_CATEGORIES and len(text) < _HIDDEN_MIN_CHARS:
            continue
        if category == Category.NAME.value:
            needles[(text, True)] = name_needle(text, category)
            # Every word of a removed name is a variant of it, unless a disclosed row uses it.
            for word in re.findall(r"[^\W\d_][\w'’\-]*", text):
                word = re.sub(r"['’]s?$", "", word)
                if len(word) < 3 or word.casefold() in not_name or word.upper() in ACRONYMS or word in disclosed_words:
                    continue
                needles[(word, True)] = name_needle(word, category)
        else:
            needles[(text, False)] = Needle(text, category or "logged text")
    return list(needles.values())


__all__ = [
    "LogReadError", "case_file_needles", "decision_needles", "identifier_forms", "log_needles", "name_forms",
    "name_needle", "needles_for", "prison_forms", "union", "without_allowed",
]
