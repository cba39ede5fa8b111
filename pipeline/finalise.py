"""Finalisation: from a signed-off redaction log to the VLU pack.

Nothing is detected again. The decisions are rebuilt from the log's rows (Withhold and
Anonymise keep the span removed behind its label, Disclose puts the original text back),
the reviewer's "Add redactions" are applied everywhere in the case, and the originals are
rendered afresh, verified, and packed with the Annex K cover sheet and a manifest. Every
refusal names the sheet and cell, or the document, never any document text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline.categories import shown_text
from pipeline.errors import LeakDetectedError
from pipeline.keystore import CaseMapping, load_key, load_originals
from pipeline.letter import si_gender, write_letter
from pipeline.model import Action, Category, Decision, Document, DocumentKind, Role
from pipeline.pack import Pack, build_pack
from pipeline.read import read
from pipeline.reasons import REWRITES
from pipeline.reidentify.apply import apply_reidentification, reidentification_note
from pipeline.render import PDF, render, renderer_for
from pipeline.render.cover_sheet import (
    REGION_LABEL,
    CoverInfo,
    PackDocument,
    describe_labels,
    write_cover_sheet,
)
from pipeline.render.replace import replaced_text
from pipeline.verify import Needle, find_leaks, verify
from pipeline.verify.needles import decision_needles, without_allowed
from redaction_logs.errors import RedactionLogError
from redaction_logs.integrity import DocumentEntry, text_mac
from redaction_logs.read_back import (
    ReviewedLog,
    ReviewedRow,
    SignOffDetails,
    check_signoff,
    read_log,
)
from redaction_logs.workbook import ADD_SHEET, DEFAULT_ADDED_LABEL, LOG_SHEET, Addition

logger = logging.getLogger("sfo_redact")

ADDED_GIST = "added at the senior manager's review"
ADDED_CATEGORY = "added by reviewer"
_DESCRIPTION = {"review": "SFO review (redacted)", "action-plan": "Action plan (redacted)"}


@dataclass
class FinalDocument:
    entry: DocumentEntry
    document: Document
    decisions: list[Decision]
    added: int = 0  # spans added from "Add redactions"


@dataclass
class FinaliseResult:
    """What finalising a case produced: its pack, the sign-off and the counts of decisions."""

    case_id: str
    pack: Pack
    signoff: SignOffDetails
    disclosed: int
    withheld: int
    added: int
    documents: list[str] = field(default_factory=list)
    rewritten: int = 0  # gendered references to staff made neutral (rows not counted above)


def finalise(
    log_path: Path,
    out_dir: Path,
    *,
    inputs: Sequence[Path] | None = None,
    region: str | None = None,
    today: dt.date | None = None,
    fmt: str = PDF,
) -> FinaliseResult:
    """Check the signed-off log, rebuild the final documents from it (in `fmt`), verify them and write the pack.

    The cover sheet and the victim letter are PDFs whatever `fmt` is.
    """
    key = load_key(create=False)
    log = read_log(Path(log_path), key, strict=True)
    signoff = check_signoff(log, today)
    originals = locate_originals(log, inputs, recorded=load_originals(log.case_id, key))
    finals = [rebuild_decisions(log, entry, originals[entry.output], key) for entry in log.documents]
    apply_reidentification(finals, log.reidentification, key)
    apply_additions(finals, log.additions)
    needles = case_needles(finals, log.additions)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".sfo-finalise-", dir=out_dir))
    try:
        os.chmod(work, 0o700)
        files: list[Path] = []
        pack_docs: list[PackDocument] = []
        for final in finals:
            target = work / f"{final.entry.stem}{renderer_for(final.document.kind, fmt).suffix}"
            pages = render(final.document, final.decisions, target, fmt)
            verify(target, needles_for_document(final, needles))
            files.append(target)
            kind = final.entry.stem.removeprefix(f"{log.case_id}-")
            pack_docs.append(PackDocument(target.name, _DESCRIPTION.get(kind.rstrip("-0123456789"), "Document (redacted)"), pages))
        chosen_region = log.region or (region or "").strip() or "not recorded"
        if _withheld(chosen_region, log.additions):
            # The manager added the region on "Add redactions": it stays off the cover sheet,
            # and the manifest says so, rather than the pack being refused.
            chosen_region = WITHHELD_REGION
        # The same for the signer's name and role: a field the manager withholds is left off the
        # cover sheet and the letter, and the manifest names the fields withheld.
        withheld_fields = ["region"] if chosen_region == WITHHELD_REGION else []
        shown_name, shown_role = signoff.name, signoff.role
        if _withheld(shown_name, log.additions):
            shown_name = WITHHELD_NAME
            withheld_fields.append("signed_by")
        if _withheld(shown_role, log.additions):
            shown_role = WITHHELD_ROLE
            withheld_fields.append("signed_role")
        mapping = CaseMapping.load(log.case_id, key)
        # A generalisation reads as ordinary words ("a supermarket"), a rewrite is the staff
        # label itself: neither is a label to explain.
        labels = {
            d.label for f in finals for d in f.decisions
            if d.action is not Action.DISCLOSE
            and d.category not in REWRITES
            and not (d.category is Category.REIDENTIFICATION and d.action is Action.ANONYMISE)
        }
        if any(f.document.kind is DocumentKind.PDF and f.document.removed_regions for f in finals):
            labels.add(REGION_LABEL)
        info = CoverInfo(
            log.case_id, chosen_region, shown_name, shown_role, signoff.date, pack_docs,
            describe_labels(labels, mapping.people), today or dt.date.today(),
            reidentification=reidentification_note(log.reidentification),
        )
        cover = work / f"{log.case_id}-cover-sheet.pdf"
        write_cover_sheet(info, cover)
        # The cover sheet names the senior manager and the region on purpose; nothing else may leak.
        verify(cover, without_allowed(needles, (shown_name, shown_role, chosen_region)))
        letter = _victim_letter(
            work, log.case_id, finals, mapping, _Shown(shown_name, shown_role), chosen_region, needles, today or dt.date.today()
        )
        staging = work / "pack"
        staging.mkdir()
        pack = build_pack(
            staging,
            out_dir,
            log.case_id,
            files + [cover, letter],
            {
                "case_id": log.case_id,
                "region": chosen_region,
                "signoff": {"name": shown_name, "role": shown_role, "date": signoff.date.isoformat()},
                # The signed-off log stays internal; its hash ties the pack to it for an audit.
                "extra": {
                    # Cover-sheet fields the manager withheld on "Add redactions" (left off the sheet).
                    "withheld_fields": withheld_fields,
                    "documents": [d.description for d in pack_docs],
                    "redaction_log": {"name": Path(log_path).name, "sha256": hashlib.sha256(Path(log_path).read_bytes()).hexdigest()},
                },
            },
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    # A rewrite row (a staff member's "she") neither discloses nor withholds personal data.
    rewrites = {c.value for c in REWRITES}
    removals = [r for r in log.rows if r.identity.category not in rewrites]
    disclosed = sum(1 for r in removals if r.action == "Disclose")
    rewritten = sum(1 for f in finals for d in f.decisions if d.category in REWRITES and d.action is not Action.DISCLOSE)
    result = FinaliseResult(
        log.case_id, pack, signoff, disclosed, len(removals) - disclosed, sum(f.added for f in finals),
        [f.entry.stem for f in finals], rewritten,
    )
    logger.info("finalised %s: %d rows, %d disclosed, %d added spans", log.case_id, len(log.rows), disclosed, result.added)
    return result


WITHHELD_REGION = "withheld by the senior manager"
# What the cover sheet and manifest show for a signer's name or role the manager withheld.
WITHHELD_NAME = "name withheld by the senior manager"
WITHHELD_ROLE = "role withheld by the senior manager"


@dataclass(frozen=True)
class _Shown:
    """The signer's name and role as the letter shows them (a withheld one is left blank)."""

    name: str
    role: str


def _withheld(value: str, additions: Sequence[Addition]) -> bool:
    """Whether an "Add redactions" row withholds a cover-sheet field (region, signer, role).

    The same words, any case or spacing, one inside the other at word boundaries: "PP" is not
    withheld by an added "Pepper".
    """
    flat = " ".join(value.split()).lower()
    if not flat or flat in ("not recorded", WITHHELD_REGION, WITHHELD_NAME, WITHHELD_ROLE):
        return False

    def inside(a: str, b: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(a)}(?!\w)", b) is not None

    return any((t := " ".join(a.text.split()).lower()) and (inside(t, flat) or inside(flat, t)) for a in additions)


def _victim_letter(work: Path, case_id: str, finals: Sequence[FinalDocument], mapping: CaseMapping, signoff, region: str, needles, today: dt.date) -> Path:
    """The Appendix 3 letter, checked like the cover sheet: only the signer, role and region may show."""
    si = next((e for e in mapping.people if e.get("role") == Role.SUPERVISED_INDIVIDUAL.value), None)
    contexts = [
        f.document.units[d.unit_id].text[max(0, d.start - 6) : d.start]
        for f in finals
        for d in f.decisions
        if si is not None and d.label == si["label"] and d.unit_id in f.document.units
    ]
    target = work / f"{case_id}-letter-to-victim.docx"
    gender = si_gender(si["names"] if si else [], contexts)
    shown = "" if region in ("not recorded", WITHHELD_REGION) else region
    signer = "" if signoff.name == WITHHELD_NAME else signoff.name
    role = "" if signoff.role == WITHHELD_ROLE else signoff.role
    write_letter(target, case_id=case_id, signer=signer, role=role, region=shown, gender=gender, today=today)
    # Read back by a second route (the XML itself), not only by the library that wrote it.
    with zipfile.ZipFile(target) as zf:
        xml = " ".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist() if n.endswith(".xml"))
    texts = [re.sub(r"<[^>]+>", " ", xml)]
    leaks = find_leaks(texts, without_allowed(needles, (signoff.name, signoff.role, region)))
    if leaks:
        raise LeakDetectedError(f"verification failed: {len(leaks)} removed string(s) found in the letter", target)
    return target


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def locate_originals(
    log: ReviewedLog, inputs: Sequence[Path] | None, recorded: dict[str, str] | None = None
) -> dict[str, Path]:
    """The original of each document, checked against the hash the draft recorded.

    Without `inputs`, each original is where the draft read it: `recorded` (the key store's
    record, by SHA-256), or the path in the log itself for logs written before the path was
    kept out of the log.
    """
    found: dict[str, Path] = {}
    if inputs:
        by_hash: dict[str, Path] = {}
        for p in inputs:
            digest = _sha256(Path(p))
            if digest:
                by_hash[digest] = Path(p)
        for entry in log.documents:
            if entry.input_sha256 not in by_hash:
                raise RedactionLogError(
                    f"none of the files given with --inputs is the original of {entry.stem} as it was when the "
                    "draft was made; give the unchanged original, or re-run the draft if it was edited"
                )
            found[entry.output] = by_hash[entry.input_sha256]
        return found
    recorded = recorded or {}
    for entry in log.documents:
        where = recorded.get(entry.input_sha256) or entry.input_path
        if not where:
            raise RedactionLogError(
                f"where the original of {entry.stem} is was not recorded on this computer (a --gist-only draft, "
                "or a draft made elsewhere); give the originals with --inputs"
            )
        path = Path(where)
        digest = _sha256(path)
        if digest is None:
            raise RedactionLogError(
                f"the original of {entry.stem} is no longer where the draft read it (moved or deleted); "
                "point to it with --inputs"
            )
        if digest != entry.input_sha256:
            raise RedactionLogError(
                f"the original of {entry.stem} has changed since the draft was made; re-run the draft "
                "(sfo-redact redact) so the log matches it, or point to the unchanged original with --inputs"
            )
        found[entry.output] = path
    return found


def rebuild_decisions(log: ReviewedLog, entry: DocumentEntry, original: Path, key: bytes) -> FinalDocument:
    """The document read again, with one Decision per log row, as the reviewer decided."""
    document = read(original)
    decisions: list[Decision] = []
    shown = disclosed_labels(log)
    for row in log.rows:
        if row.identity.document != entry.output or row.identity.unit_id.startswith("hidden:"):
            continue  # content removed whole is never rendered; nothing to decide
        d = _decision(log, row, document, key, entry)
        if d.category in REWRITES and d.action is not Action.DISCLOSE and _POSSESSIVE_LABEL.sub("", d.label) in shown:
            # The manager showed this person's name in every row: their pronoun stays as written
            # rather than bring back a label that now stands for no one.
            d = replace(d, action=Action.DISCLOSE)
        decisions.append(d)
    return FinalDocument(entry, document, decisions)


_POSSESSIVE_LABEL = re.compile(r"['’]s$")


def disclosed_labels(log: ReviewedLog) -> set[str]:
    """The labels of people whose name the manager chose to show (Disclose) in every row."""
    shown: set[str] = set()
    hidden: set[str] = set()
    for r in log.rows:
        if r.identity.category == Category.NAME.value:
            (shown if r.action == Action.DISCLOSE.value else hidden).add(r.identity.label)
    return shown - hidden


def _decision(log: ReviewedLog, row: ReviewedRow, document: Document, key: bytes, entry: DocumentEntry) -> Decision:
    ident = row.identity
    unit = document.units.get(ident.unit_id)
    text = unit.text[ident.start : ident.end] if unit is not None else ""
    if unit is None or text_mac(key, text) != ident.text_mac:
        raise RedactionLogError(
            f"row {ident.ref} no longer matches the original of {entry.stem} (it reads differently with "
            "this version of sfo-redact); re-run the draft and review the new log",
            log.path,
            sheet=LOG_SHEET,
            cell=f"A{row.row}",
        )
    try:
        category = Category(ident.category)
    except ValueError:
        category = Category.NAME
    score = row.values.get("score")
    return Decision(
        unit_id=ident.unit_id,
        start=ident.start,
        end=ident.end,
        text=text,
        category=category,
        action=Action(row.action),
        label=shown_text(category, Action(row.action), ident.label),
        gist=str(row.values.get("gist") or ""),
        recognizer=str(row.values.get("recognizer") or ""),
        score=float(score) if isinstance(score, (int, float)) else 0.0,
        reason=str(row.values.get("found_because") or ""),
        ref=f"log row {ident.ref}",
    )


def added_pattern(text: str) -> re.Pattern[str]:
    """Whole words, any capitals, any run of spaces between words."""
    body = r"\s+".join(re.escape(part) for part in text.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def apply_additions(finals: Sequence[FinalDocument], additions: Sequence[Addition]) -> None:
    """Withhold every occurrence of each added text in every document; overlaps merge into one span."""
    if not additions:
        return
    patterns = [(added_pattern(a.text), a) for a in additions]
    found = {
        a.cell for pattern, a in patterns for final in finals for u in final.document.units.values() if pattern.search(u.text)
    }
    for _, a in patterns:
        if a.cell not in found:
            # A typo would leave the text the senior manager meant to remove in the pack: fail closed.
            raise RedactionLogError(
                "this text was not found in any document of the case (whole words, any capitals); "
                "check the spelling or clear the row",
                sheet=ADD_SHEET,
                cell=a.cell,
            )
    for final in finals:
        doc = final.document
        by_unit: dict[str, list[Decision]] = defaultdict(list)
        for d in final.decisions:
            by_unit[d.unit_id].append(d)
        added_spans: dict[str, list[tuple[int, int, Addition]]] = defaultdict(list)
        for uid, unit in doc.units.items():
            for pattern, addition in patterns:
                for m in pattern.finditer(unit.text):
                    added_spans[uid].append((m.start(), m.end(), addition))
        if not added_spans:
            continue
        out: list[Decision] = []
        for uid in doc.units:
            existing = by_unit.get(uid, [])
            if uid not in added_spans:
                out.extend(existing)
                continue
            merged, n = _merge_unit(doc, uid, existing, added_spans[uid])
            final.added += n
            out.extend(merged)
        final.decisions = out


def _merge_unit(
    doc: Document, uid: str, existing: list[Decision], added: list[tuple[int, int, Addition]]
) -> tuple[list[Decision], int]:
    """One unit's decisions with the added spans merged in; a disclosed span an addition touches is withheld."""
    text = doc.units[uid].text
    items: list[tuple[int, int, Decision | None, Addition | None]] = [(d.start, d.end, d, None) for d in existing]
    items += [(s, e, None, a) for s, e, a in added]
    items.sort(key=lambda t: (t[0], -t[1]))
    groups: list[list[tuple[int, int, Decision | None, Addition | None]]] = []
    end = -1
    for item in items:
        if groups and item[0] < end:
            groups[-1].append(item)
            end = max(end, item[1])
        else:
            groups.append([item])
            end = item[1]
    out: list[Decision] = []
    added_count = 0
    for group in groups:
        start = min(i[0] for i in group)
        stop = max(i[1] for i in group)
        decisions = [i[2] for i in group if i[2] is not None]
        additions = [i[3] for i in group if i[3] is not None]
        if not additions:
            out.extend(decisions)
            continue
        # A withheld decision that already covers the whole span keeps its label ("PP1").
        cover = next(
            (d for d in decisions if d.start == start and d.end == stop and d.action is not Action.DISCLOSE), None
        )
        if cover is not None:
            out.append(cover)
            continue
        addition = additions[0]
        added_count += 1
        out.append(
            Decision(
                unit_id=uid,
                start=start,
                end=stop,
                text=text[start:stop],
                category=Category.NAME,  # the model has no "added" category; the gist says what it is
                action=Action.WITHHOLD,
                label=addition.label or DEFAULT_ADDED_LABEL,
                gist=ADDED_GIST,
                recognizer="senior manager",
                score=1.0,
                reason=f"{ADD_SHEET} {addition.cell}",
                ref=f"'{ADD_SHEET}' {addition.cell}",
            )
        )
    return out, added_count


def case_needles(finals: Sequence[FinalDocument], additions: Sequence[Addition]) -> list[Needle]:
    """Everything withheld anywhere in the case, every added text, and content removed whole."""
    return decision_needles(
        ((f.decisions, f.document) for f in finals), ((a.text, ADDED_CATEGORY, f"'{ADD_SHEET}' {a.cell}") for a in additions)
    )


def needles_for_document(final: FinalDocument, needles: Sequence[Needle]) -> list[Needle]:
    """The case's needles less those the reviewer chose to show in this document (Disclose).

    A withheld "Jenkins" in one row and a disclosed "Sarah Jenkins" in another: the expected
    output holds "Jenkins", so looking for it would fail a correct output.
    """
    by_unit: dict[str, list[Decision]] = defaultdict(list)
    for d in final.decisions:
        by_unit[d.unit_id].append(d)
    expected = [replaced_text(u.text, by_unit.get(uid, ())) for uid, u in final.document.units.items()]
    shown = {id(n) for n, _ in find_leaks(["\n".join(expected)], needles)}
    return [n for n in needles if id(n) not in shown]


__all__ = ["FinaliseResult", "added_pattern", "apply_additions", "finalise", "locate_originals"]
