"""A case's documents in: verified redacted PDFs, review copies and one Annex I log out.

The stages run in order (read, detect, resolve, decide, render, verify, log). Each
document's redacted PDF is published once verified; the case's redaction log (one workbook
for every document, carrying over a reviewer's earlier decisions) and the review copies are
written after all documents, because references are numbered across the case. Outputs are
written into a private temporary folder inside the output folder and moved into place only
after verification passed, so a failure or a crash never leaves a partial or unchecked
output under a final name (the work folder a killed run leaves is removed by the next run
into the same folder). Output names hold the case reference and the kind of document,
never anything from the input's name (SFO file names carry the supervised individual's
surname).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.case import Case
from pipeline.categories import hidden_category
from pipeline.decide import decide
from pipeline.decide.labels import Labeller, document_acronyms
from pipeline.detect import detect
from pipeline.detect.engine import Engine, get_engine
from pipeline.errors import LeakDetectedError, SfoRedactError, UnsupportedDocumentError
from pipeline.keystore import CaseMapping, load_key, save_originals
from pipeline.model import Decision, Document, DocumentKind, Style
from pipeline.read import read
from pipeline.reidentify import CaseDocument, reidentify
from pipeline.reidentify.log_rows import reid_rows
from pipeline.render import PDF, render, stem_of
from pipeline.render import output_name as redacted_name
from pipeline.render.replace import replaced_text
from pipeline.resolve import Resolution, resolve, share_roles
from pipeline.verify import DRAFT_READERS, find_leaks, inspect_pikepdf, page_texts, verify
from pipeline.verify.gate import MAX_ROUNDS, describe, import_case_people, locate_fixes, release_fix
from pipeline.verify.needles import case_file_needles, needles_for, union
from redaction_logs.draft import DraftDocument, build_case_log, log_name, write_case_log
from redaction_logs.integrity import DocumentEntry

try:
    import fcntl
except ImportError:  # Windows: work folders are judged by age alone
    fcntl = None

logger = logging.getLogger("sfo_redact")

_SFO_REF = re.compile(r"SFO\d{5}", re.IGNORECASE)


@dataclass
class RedactionResult:
    """What one input produced. Holds no document text except in `decisions` (kept in memory)."""

    input: Path
    case_id: str
    pdf: Path  # the redacted output: a PDF, unless another registered format was asked for
    log: Path
    pages: int
    counts: dict[str, int]
    people: dict[str, int]  # role -> number of people
    seconds: float
    decisions: list[Decision] = field(default_factory=list, repr=False)
    document: Document | None = field(default=None, repr=False)
    input_sha256: str = ""
    checks: list[str] = field(default_factory=list)  # "page 3: low OCR confidence; check by eye"


@dataclass
class Prepared:
    """A document taken through read, detect, resolve and decide, not yet written."""

    path: Path
    stem: str
    document: Document
    resolution: Resolution
    decisions: list[Decision]
    started: float
    input_sha256: str = ""
    case: Case | None = None
    checks: list[str] = field(default_factory=list)  # pages for a person to look at (low OCR confidence)


@dataclass
class CaseResult:
    """Every document of one case: what was written and what failed (reasons hold no text)."""

    case_id: str
    documents: list[RedactionResult]
    failures: list[tuple[Path, str]]
    seconds: float


def case_id_for(path: Path, case: Case | None) -> str:
    """The case reference: from the case file, else the SFO reference in the file name, else a hash."""
    if case is not None and case.case_id:
        return case.case_id
    m = _SFO_REF.search(path.name)
    if m:
        return m.group(0).upper()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    return f"doc-{digest}"


def document_kind_name(path: Path) -> str:
    """'review', 'action-plan' or 'document', from words in the file name (not the name itself)."""
    low = path.stem.lower()
    if "action" in low or "plan" in low or "annexe" in low:
        return "action-plan"
    if "review" in low or "outcome" in low or "annexd" in low:
        return "review"
    return "document"


def _evidence_order(path: Path) -> int:
    """Documents of a case are labelled in this order: the review before anything else.

    A person keeps the role of the first document that labels them (labels are shared across
    the case), and the review says most about who each person is: an action plan names the
    supervised individual twice in a table, with no word of who he is.
    """
    return {"review": 0, "document": 1, "action-plan": 2}[document_kind_name(path)]


def output_stem(path: Path, case_id: str, taken: set[str] | None = None) -> str:
    """The output file stem for an input: case id and document kind, numbered if `taken` has it."""
    stem = f"{case_id}-{document_kind_name(path)}"
    if taken is not None:
        base, n = stem, 2
        while stem in taken:
            stem = f"{base}-{n}"
            n += 1
        taken.add(stem)
    return stem


def section_titles(document: Document, decisions: Sequence[Decision]) -> dict[str, str]:
    """Heading unit id -> heading text as redacted (the log must not quote a name in a heading)."""
    by_unit: dict[str, list[Decision]] = {}
    for d in decisions:
        by_unit.setdefault(d.unit_id, []).append(d)
    out = {}
    for uid, unit in document.units.items():
        if unit.style in (Style.TITLE, Style.HEADING1, Style.HEADING2, Style.HEADING3):
            out[uid] = replaced_text(unit.text, by_unit.get(uid, ()))[:120]
    return out


# A run killed part-way (SIGKILL, a power cut) leaves its work folder behind, holding a
# rendered but unverified PDF; the next run into the same folder removes it. A live run holds
# an exclusive lock on its folder's lock file, which the system drops when the process ends
# however it ends, so a run never removes the folder of another run still working there.
_WORK_PREFIX = ".sfo-redact-"
_WORK_LOCK = ".lock"
# A folder without a lock file (just created, or where locks are unavailable) is left alone
# until it is older than rendering and verifying one case could take.
_UNLOCKED_GRACE_SECONDS = 3600


@contextmanager
def work_folder(out_dir: Path) -> Iterator[Path]:
    """A private temporary folder inside out_dir (same file system: moves are atomic), locked while used."""
    work = Path(tempfile.mkdtemp(prefix=_WORK_PREFIX, dir=out_dir))
    lock = None
    try:
        os.chmod(work, 0o700)
        lock = _lock_work(work)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def _lock_work(work: Path) -> int | None:
    if fcntl is None:
        return None
    # Locked before it takes its name: a lock file that exists is locked while its run lives.
    tmp = work / f"{_WORK_LOCK}.new"
    fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(tmp, work / _WORK_LOCK)
    except OSError:  # a file system without locks: the folder is judged by its age
        os.close(fd)
        return None
    return fd


def _abandoned(folder: Path) -> bool:
    if fcntl is not None:
        try:
            fd = os.open(folder / _WORK_LOCK, os.O_RDWR)
        except FileNotFoundError:
            pass
        except OSError:
            return False
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # its run is alive
            finally:
                os.close(fd)
            return True
    try:
        return time.time() - folder.stat().st_mtime > _UNLOCKED_GRACE_SECONDS
    except OSError:
        return False


def remove_abandoned_work(out_dir: Path) -> int:
    """Remove the work folders interrupted runs left in out_dir; returns how many."""
    try:
        candidates = [p for p in Path(out_dir).glob(f"{_WORK_PREFIX}*") if p.is_dir() and not p.is_symlink()]
    except OSError:
        return 0
    removed = 0
    for folder in candidates:  # files such as the flows' .sfo-redact-state.json are not work folders
        if _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    if removed:
        logger.warning("removed %d work folder(s) left by an interrupted run", removed)
    return removed


def prepare(
    path: Path, *, case: Case | None, engine: Engine, labeller: Labeller | None, stem: str, strict: bool = False
) -> Prepared:
    """Read, detect, resolve and decide one document; labels come from the case's labeller.

    With no labeller the document is read and resolved only (decide_prepared decides it).

    `strict` refuses a document with content the output does not show (charts, SmartArt,
    embedded objects, imported parts that are not read); otherwise they are listed in the log.
    """
    started = time.perf_counter()
    try:
        # The log records the original's hash so finalisation can tell it has not changed.
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        digest = ""  # read() below raises the error a person can act on
    document = read(path)
    if strict:
        refuse_not_rendered(document)
    detections = detect(document, engine, case)
    resolution = resolve(document, detections, case)
    # The release check's forms the detectors missed are found now, so they get their labels.
    release_fix(document, resolution, case)
    prepared = Prepared(path, stem, document, resolution, [], started, digest, case)
    return decide_prepared(prepared, labeller) if labeller is not None else prepared


def decide_prepared(prepared: Prepared, labeller: Labeller) -> Prepared:
    """The decisions of a document read and resolved, with the case's labels."""
    document = prepared.document
    acronyms = document_acronyms([u.text for u in document.units.values()])
    case = prepared.case
    keep_titles = case is not None and case.titles_before_labels == "keep"
    prepared.decisions = decide(document, prepared.resolution, labeller, acronyms, keep_titles=keep_titles)
    return prepared


def refuse_not_rendered(document: Document) -> None:
    """Raise UnsupportedDocumentError if `document` has content the output would not show."""
    kinds = Counter(h.not_rendered for h in document.removed if h.not_rendered)
    if not kinds:
        return
    what = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(kinds.items()))
    raise UnsupportedDocumentError(
        f"--strict: the document has content the redacted PDF does not show ({what}); "
        "run without --strict to list it in the redaction log for a person to check",
        document.path,
    )


def draft_needles(prepared: Prepared) -> list:
    """What the draft check looks for: what detection removed AND everything the case file
    names, so a name detection missed is still looked for (the gate does not trust the stage
    it checks).
    """
    found = needles_for(prepared.resolution, prepared.decisions, prepared.document)
    if prepared.case is None:
        return found
    return union(found, case_file_needles(prepared.case))


def checked_render(prepared: Prepared, target: Path, fmt: str = PDF) -> int:
    """Render and run the draft check; a surviving form the pipeline can place is redacted
    with its person's label (logged as "release check") and the draft rendered again.

    Refuses (LeakDetectedError) only what cannot be placed, naming the person's label or the
    kind of string and the page, never the text.
    """
    needles = draft_needles(prepared)
    for _ in range(MAX_ROUNDS):
        pages = render(prepared.document, prepared.decisions, target, fmt)
        try:
            prepared.checks = verify(target, needles, readers=DRAFT_READERS).checks
            return pages
        except LeakDetectedError as exc:
            try:
                texts = page_texts(target)
            except Exception:  # noqa: BLE001 - an output its reader (PDFium) cannot open: verify's reason stands
                raise exc from None
            found = find_leaks(texts, needles)
            # The draft check's other reader: what the content streams draw, parted where
            # PDFium joins ("levothyroxine" and a footnote "j"; the document's reader joins
            # them too, so the release check places the word without its mark).
            try:
                found += find_leaks(inspect_pikepdf(target).content, needles)
            except Exception:  # noqa: BLE001 - pikepdf cannot read it: verify's reason stands
                pass
            leaked = {n for n, _ in found}
            where = {n: p for n, p in reversed(found)}
            if not leaked:
                raise  # a structural problem, or text only qpdf sees: nothing to place
            new, unplaced = locate_fixes(prepared.document, prepared.decisions, leaked, where)
            if unplaced or not new:
                parts = sorted({f"{describe(n)} on page {where[n]}" for n in (unplaced or leaked)})
                raise LeakDetectedError(
                    "release check: " + "; ".join(parts) + " survives and cannot be located in the document's text", exc.path
                ) from None
            order = {uid: i for i, uid in enumerate(prepared.document.units)}
            prepared.decisions = sorted([*prepared.decisions, *new], key=lambda d: (order.get(d.unit_id, 0), d.start))
    pages = render(prepared.document, prepared.decisions, target, fmt)
    prepared.checks = verify(target, needles, readers=DRAFT_READERS).checks
    return pages


def publish(
    prepared: Prepared, out_dir: Path, *, case_id: str, gist_only: bool = False, before_move=None, fmt: str = PDF
) -> RedactionResult:
    """Render and verify a prepared document in `fmt`; the output appears only when both passed.

    The case's log is written afterwards by `write_case_outputs` (its references span the case).
    """
    document, decisions, stem = prepared.document, prepared.decisions, prepared.stem
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf_path = out_dir / redacted_name(stem, document.kind, fmt)
    log_path = out_dir / log_name(case_id)
    with work_folder(out_dir) as work:
        tmp_pdf = work / pdf_path.name
        pages = checked_render(prepared, tmp_pdf, fmt)
        decisions = prepared.decisions
        if before_move is not None:
            before_move()
        os.replace(tmp_pdf, pdf_path)

    counts = Counter(d.category.value for d in decisions)
    for h in document.removed:
        if h.text.strip():
            counts[hidden_category(h.kind).value] += 1
    people = Counter(p.role.value for p in prepared.resolution.people.values())
    seconds = time.perf_counter() - prepared.started
    logger.info(
        "redacted %s: %d pages, %d redactions, %d people, %.1fs",
        stem, pages, len(decisions), len(prepared.resolution.people), seconds,
    )
    return RedactionResult(
        prepared.path, case_id, pdf_path, log_path, pages, dict(counts), dict(people), seconds, decisions, document,
        prepared.input_sha256, list(prepared.checks),
    )


def case_region(case: Case | None) -> str:
    """The case file's `region`, if it has one (the case model does not keep it)."""
    if case is None or case.source is None:
        return ""
    import yaml

    try:
        raw = yaml.safe_load(Path(case.source).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    region = raw.get("region") if isinstance(raw, dict) else None
    return " ".join(str(region).split()) if region else ""


def write_case_outputs(
    results: Sequence[RedactionResult],
    out_dir: Path,
    *,
    case_id: str,
    key: bytes,
    gist_only: bool = False,
    region: str = "",
) -> Path:
    """Write the case's redaction log and a review copy per document; returns the log's path.

    An existing log is read first so the reviewer's decisions carry over; it is kept as
    `{case_id}.redaction-log.previous.xlsx` so nothing a person typed is ever lost.
    """
    from pipeline.render.review_copy import tag_pages, write_review_copy

    log_path = out_dir / log_name(case_id)
    parts = [
        DraftDocument(
            DocumentEntry(
                r.pdf.name,
                stem_of(r.pdf.name),
                # SFO file names hold a surname: a gist-only log does not record them (finalise --inputs).
                "" if gist_only else str(Path(r.input).resolve()),
                r.input_sha256,
                r.document.kind.value,
            ),
            r.document,
            r.decisions,
            section_titles(r.document, r.decisions),
        )
        for r in results
        if r.document is not None
    ]
    if not region:
        # No region in the case file: the one the review's cover table or header names (issue 13).
        from pipeline.resolve.places import region_in

        region = next((found for part in parts if (found := region_in(part.document))), "")
    # After the decisions: what remains about each person, flagged for the manager (issue 16 part 3).
    flags = reidentify([CaseDocument(p.entry.output, p.document, p.decisions) for p in parts])
    log = build_case_log(
        case_id, parts, key, previous=log_path, gist_only=gist_only, region=region, reidentification=reid_rows(flags)
    )
    # Pages verification could not vouch for by itself (a scan read with low OCR confidence).
    log.checks = [f"{r.pdf.name}, {check}" for r in results for check in r.checks]
    # Where the originals are stays on this computer, in the key store: not in the log.
    save_originals(case_id, key, {p.entry.input_sha256: p.entry.input_path for p in parts if p.entry.input_path})
    with work_folder(out_dir) as work:
        copies = []
        pages: dict[str, int] = {}
        for part in parts:
            rows = [row for row in log.rows if row.document == part.entry.output]
            target = out_dir / f"{part.entry.stem}.review.pdf"
            write_review_copy(part.document, rows, work / target.name, title=part.entry.stem)
            copies.append((work / target.name, target))
            if part.document.kind is DocumentKind.DOCX:
                pages.update(tag_pages(work / target.name))
        # A DOCX has no pages until it is laid out: the log gives the review copy's page.
        log.rows = [replace(r, page=pages.get(r.ref, r.page)) if r.page is None and not r.hidden else r for r in log.rows]
        tmp_log = work / log_path.name
        write_case_log(log, tmp_log, key)
        if log_path.exists():
            # Copied in the work folder, then moved: a crash never leaves half a copy under the final name.
            tmp_previous = work / f"{case_id}.redaction-log.previous.xlsx"
            shutil.copy2(log_path, tmp_previous)
            os.replace(tmp_previous, out_dir / tmp_previous.name)
        os.replace(tmp_log, log_path)
        for tmp, target in copies:
            os.replace(tmp, target)
    return log_path


def redact_case(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    case: Case | None = None,
    case_id: str | None = None,
    engine: Engine | None = None,
    gist_only: bool = False,
    on_done=None,
    strict: bool = False,
    fmt: str = PDF,
) -> CaseResult:
    """Redact the documents of one case with one set of labels; a bad document fails alone.

    `fmt` names the redacted outputs' format (a registered renderer, `pipeline.render`);
    review copies are PDFs whatever it is.

    `on_done(path, result_or_None, reason_or_None)` is called after each document (progress).
    """
    started = time.perf_counter()
    inputs = [Path(p) for p in inputs]
    if case_id is None:
        case_id = case_id_for(inputs[0], case) if inputs else "empty"
    engine = engine or get_engine()
    key = load_key()
    mapping = CaseMapping.load(case_id, key)
    labeller = Labeller(mapping, key)
    if Path(out_dir).is_dir():
        remove_abandoned_work(Path(out_dir))
    taken: set[str] = set()
    stems = {path: output_stem(path, case_id, taken) for path in inputs}  # in the order given
    results: list[RedactionResult] = []
    failures: list[tuple[Path, str]] = []
    # Every document is read and resolved first, so that a role one document gives a name
    # holds in the others before anyone is labelled (share_roles); then each is decided,
    # rendered and checked.
    def attempt(path: Path, step):
        """Run one document's step; a failure is recorded (no text in the reason), never raised."""
        try:
            return step()
        except SfoRedactError as exc:
            reason = exc.reason
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the case; no text in the reason
            logger.debug("unexpected failure in %s", type(exc).__name__, exc_info=logger.isEnabledFor(logging.DEBUG))
            reason = f"internal error ({type(exc).__name__}); please report it"
        failures.append((path, reason))
        if on_done:
            on_done(path, None, reason)
        return None

    resolved: list[Prepared] = []
    for path in sorted(inputs, key=_evidence_order):
        prepared = attempt(path, lambda path=path: prepare(path, case=case, engine=engine, labeller=None, stem=stems[path], strict=strict))
        if prepared is not None:
            resolved.append(prepared)
    share_roles([p.resolution for p in resolved])
    for prepared in resolved:  # a name one document gave is looked for in every other
        import_case_people(prepared.document, prepared.resolution, [p for q in resolved if q is not prepared for p in q.resolution.people.values()])
    for prepared in resolved:
        result = attempt(
            prepared.path,
            lambda prepared=prepared: publish(
                decide_prepared(prepared, labeller), out_dir, case_id=case_id, gist_only=gist_only, before_move=mapping.save, fmt=fmt
            ),
        )
        if result is not None:
            results.append(result)
            if on_done:
                on_done(prepared.path, result, None)
    order = {path: i for i, path in enumerate(inputs)}
    results.sort(key=lambda r: order.get(Path(r.input), 0))
    failures.sort(key=lambda f: order.get(f[0], len(order)))
    if results:
        try:
            write_case_outputs(results, Path(out_dir), case_id=case_id, key=key, gist_only=gist_only, region=case_region(case))
        except SfoRedactError as exc:
            failures.append((Path(out_dir) / log_name(case_id), exc.reason))
        except Exception as exc:  # noqa: BLE001 - the PDFs stand; the log's failure is reported without text
            logger.debug("log failure %s", type(exc).__name__, exc_info=logger.isEnabledFor(logging.DEBUG))
            failures.append((Path(out_dir) / log_name(case_id), f"redaction log not written: internal error ({type(exc).__name__}); please report it"))
    return CaseResult(case_id, results, failures, time.perf_counter() - started)


def redact_file(
    path: Path,
    out_dir: Path,
    *,
    case: Case | None = None,
    engine: Engine | None = None,
    gist_only: bool = False,
    strict: bool = False,
    fmt: str = PDF,
) -> RedactionResult:
    """Redact one document into out_dir (in `fmt`, as `redact_case`); raises the document's error if it fails."""
    path = Path(path)
    case_id = case_id_for(path, case) if path.is_file() else "missing"
    engine = engine or get_engine()
    key = load_key()
    mapping = CaseMapping.load(case_id, key)
    labeller = Labeller(mapping, key)
    if Path(out_dir).is_dir():
        remove_abandoned_work(Path(out_dir))
    prepared = prepare(path, case=case, engine=engine, labeller=labeller, stem=output_stem(path, case_id), strict=strict)
    result = publish(prepared, out_dir, case_id=case_id, gist_only=gist_only, before_move=mapping.save, fmt=fmt)
    # One document alone: the case log then covers this document only.
    write_case_outputs([result], Path(out_dir), case_id=case_id, key=key, gist_only=gist_only, region=case_region(case))
    return result


__all__ = [
    "RedactionResult", "CaseResult", "redact_case", "redact_file", "prepare", "publish", "case_id_for", "output_stem",
    "write_case_outputs", "case_region", "work_folder", "remove_abandoned_work",
]
