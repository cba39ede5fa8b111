"""Rewrite the `'` and `"` text operators as the operators they stand for, before MuPDF filters a page.

ISO 32000-2, 9.4.3: `string '` is `T* string Tj`, and `aw ac string "` is
`aw Tw ac Tc string '`. MuPDF 1.28's content filter (run by apply_redactions, clean_contents
and scrub(clean_pages=True)) folds `14 TL 72 700 Td` into `72 700 TD`, which sets the leading
to -700, and then writes `'` as a bare `T*`: every line drawn with `'` or `"` moves off the
page, and the redaction under it removes nothing, because the glyphs are no longer where the
box is (pdf.js `visibility_expressions.pdf`). With `T*` in the input MuPDF writes an explicit
`0 -14 TD`, which is right. So the quote operators are expanded in the copy being burned,
every content stream the pages draw (page contents and form XObjects), before any filter runs.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pymupdf

from pipeline.errors import RenderError

log = logging.getLogger("sfo_redact")

_QUOTES = ("'", '"')


def expand_text_quotes(doc: pymupdf.Document, path: Path) -> int:
    """Rewrite every `'` and `"` in the content of `doc` as T*, Tw, Tc and Tj; return the streams changed.

    `path` is the input's, for the error: raises RenderError when a stream that may use them
    cannot be parsed (left as it is, its text would be moved and not redacted).
    """
    import pikepdf

    scratch = pikepdf.new()  # owns the parsed streams while they are rewritten
    changed = 0
    before = None
    for xref in _content_xrefs(doc):
        try:
            data = doc.xref_stream(xref)
        except Exception:  # noqa: BLE001 - a stream MuPDF cannot decode is not drawn, nor filtered
            continue
        if not data or (b"'" not in data and b'"' not in data):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # what it skipped shows in the comparison below
                ops = pikepdf.parse_content_stream(pikepdf.Stream(scratch, data))
        except Exception:  # noqa: BLE001 - qpdf's parse errors carry no document text
            log.debug("a content stream could not be parsed", exc_info=True)
            raise RenderError("a page's content stream cannot be parsed, so its text cannot be burned safely", path) from None
        if not any(str(op) in _QUOTES for _operands, op in ops if isinstance(op, pikepdf.Operator)):
            continue
        if before is None:
            before = _words(doc)
        doc.update_stream(xref, pikepdf.unparse_content_stream(_expanded(ops, pikepdf)))
        changed += 1
    # qpdf's parser skips what it cannot read (an unterminated string, a stray bracket) with a
    # warning instead of failing: the page must read exactly as it did, or nothing is burned.
    if changed and _words(doc) != before:
        raise RenderError("a page's content stream cannot be rewritten without changing its text, so it cannot be burned safely", path)
    if changed:
        log.info("text drawn with the ' and \" operators rewritten as T* and Tj in %d content streams", changed)
    return changed


def _expanded(ops, pikepdf) -> list:
    out = []
    instruction, operator = pikepdf.ContentStreamInstruction, pikepdf.Operator
    for item in ops:
        op = str(item.operator) if isinstance(item, pikepdf.ContentStreamInstruction) else None
        if op == "'":
            (string,) = item.operands
            out += [instruction([], operator("T*")), instruction([string], operator("Tj"))]
        elif op == '"':
            word_spacing, char_spacing, string = item.operands
            out += [
                instruction([word_spacing], operator("Tw")),
                instruction([char_spacing], operator("Tc")),
                instruction([], operator("T*")),
                instruction([string], operator("Tj")),
            ]
        else:
            out.append(item)  # inline images and every other instruction as they were
    return out


def _words(doc: pymupdf.Document) -> list[list[tuple]]:
    """Every page's words with their boxes, as MuPDF reads them (rounded to 0.01 pt)."""
    return [[(*(round(v, 2) for v in w[:4]), w[4]) for w in page.get_text("words")] for page in doc]


def _content_xrefs(doc: pymupdf.Document) -> list[int]:
    """The page content streams and the form XObjects of `doc` (nested forms included)."""
    xrefs: list[int] = []
    seen: set[int] = set()
    for page in doc:
        for xref in page.get_contents():
            if xref not in seen:
                seen.add(xref)
                xrefs.append(xref)
    for xref in range(1, doc.xref_length()):
        if xref in seen or not doc.xref_is_stream(xref):
            continue
        if doc.xref_get_key(xref, "Subtype") == ("name", "/Form"):
            seen.add(xref)
            xrefs.append(xref)
    return xrefs
