"""`sfo-redact verify`: check redacted PDFs independently against a case file or a redaction log.

The check uses none of the library that wrote the PDFs (see pipeline/verify/__init__.py). With a
case file, every name the case gives (with its first name, surname, initial-and-surname
and capitals) and every identifier and written form of the date of birth must be absent;
with a redaction log, every string the log says was removed, unless its decision is
Disclose. Nothing printed holds document text.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from pipeline.model import Category
from pipeline.verify import Needle

LOG_SHEET = "Redaction log"
# The log is read by column heading, not position: its layout is still changing.
_TEXT_HEADING = "text removed"
_DECISION_HEADING = "decision"
_CATEGORY_HEADING = "category"
_HEADER_ROWS = 10  # the heading row is looked for this far down the sheet
# Categories of hidden content: short comments ("OK", "see above") may legitimately recur.
_HIDDEN_CATEGORIES = {Category.HIDDEN.value, Category.REMOVED_COLUMN.value}
_HIDDEN_MIN_CHARS = 15


class LogReadError(Exception):
    """The redaction log cannot be used for verification (the message holds no log text)."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `verify` subcommand to the CLI's subparsers."""
    ver = sub.add_parser(
        "verify",
        help="check redacted PDFs independently for anything the case file or log says was removed",
    )
    ver.add_argument("pdfs", nargs="+", metavar="PDF", type=Path, help="redacted PDFs to check")
    source = ver.add_mutually_exclusive_group(required=True)
    source.add_argument("--case", type=Path, help="case file (YAML): every name, variant and identifier in it")
    source.add_argument("--log", type=Path, help="redaction log (.xlsx): every string removed, unless disclosed")
    ver.set_defaults(func=_cmd_verify)


def case_needles(case) -> list[Needle]:
    """Every name (with its variants), identifier and written date of birth in a case file."""
    from pipeline.detect import date_forms
    from pipeline.model import Person
    from pipeline.resolve import MONTHS, name_variants
    from pipeline.verify.needles import name_needle

    needles: dict[tuple[str, bool], Needle] = {}
    people = [p for p in (case.supervised_individual, *case.victims, *case.staff, *case.third_parties) if p is not None]
    for cp in people:
        person = Person(key=cp.name.lower(), canonical=cp.name, variants=set(cp.aliases))
        for variant in name_variants(person):
            if variant.lower() in MONTHS or len(variant) < 3:
                continue
            # Case-sensitive, as in the pipeline: "Will" the name, not "will" the verb.
            for form in {variant, variant.upper()}:
                needles[(form, True)] = name_needle(form)
    for value in case.identifiers():
        for form in _identifier_forms(value):
            needles[(form, False)] = Needle(form, Category.IDENTIFIER.value)
    si = case.supervised_individual
    if si is not None and si.date_of_birth is not None:
        for form in date_forms(si.date_of_birth):
            needles[(form, False)] = Needle(form, Category.DATE_OF_BIRTH.value)
    return list(needles.values())


def _identifier_forms(value: str) -> list[str]:
    """An identifier and the other way it is commonly written (a PNC with a two-digit year)."""
    forms = [value]
    pnc = re.fullmatch(r"(\d{2})(\d{2})/(\d+)([A-Z])", value)
    if pnc:
        forms.append(f"{pnc.group(2)}/{int(pnc.group(3))}{pnc.group(4)}")
    return forms


def log_needles(path: Path) -> list[Needle]:
    """Every string the log's "Text removed" column holds whose decision is not Disclose."""
    from openpyxl import load_workbook

    from pipeline.read.columns import is_not_for_disclosure
    from pipeline.resolve import ACRONYMS, MONTHS, NOT_NAMES, TITLES
    from pipeline.verify.needles import name_needle

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


def _cell(row: tuple, col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    return str(row[col]).strip()


def verify_files(paths: Iterable[Path], needles: list[Needle]) -> int:
    """Verify each PDF; one line per file; 0 when all passed, else 1."""
    from pipeline.errors import SfoRedactError
    from pipeline.verify import verify

    failed = 0
    for path in paths:
        if not path.is_file():
            failed += 1
            reason = "is a folder, not a PDF" if path.is_dir() else "file not found"
            print(f"FAILED {path}: {reason}", file=sys.stderr)
            continue
        try:
            report = verify(path, needles)
        except SfoRedactError as exc:
            failed += 1
            print(f"FAILED {path}: {exc.reason}", file=sys.stderr)
            continue
        print(f"OK {path}: {report.pages} pages, {report.checked} strings checked, {'+'.join(report.extractors)}", flush=True)
    return 1 if failed else 0


def _cmd_verify(args: argparse.Namespace) -> int:
    if args.case is not None:
        from pipeline.case import load_case

        needles = case_needles(load_case(args.case))  # a broken case file: CaseFileError, exit 2
    else:
        try:
            needles = log_needles(args.log)
        except LogReadError as exc:
            print(f"sfo-redact: {args.log.name}: {exc}", file=sys.stderr)
            return 2
    if not needles:
        print("sfo-redact: nothing to check against: the case file or log names no removed string", file=sys.stderr)
        return 2
    return verify_files(args.pdfs, needles)
