"""The inbox, outbox and quarantine on disk, and the change detection between runs.

Inbox: one folder per case (the review, optionally the action plan, optionally `case.yaml`),
or loose documents grouped into cases by the SFO reference in their names (a loose case
file is named with the reference, `SFO60001.case.yaml`, or is a `case.yaml` whose `case_id`
names a loose case). Other loose files (a README) are ignored. The inbox is only ever read.

Outbox: `OUTBOX/<case id>/` holds the draft PDFs, review copies, the redaction log and
`.sfo-redact-state.json`, which records a hash of the inputs of the last successful run.

Quarantine: `QUARANTINE/<case id>/` holds a copy of each input that could not be processed
and, beside it, `<name>.reason.txt` with the case reference, the kind of document and a
reason that holds no document text. `.sfo-redact-quarantine.json` there records the hash of
the inputs that failed: until they change, later runs skip the case and count it as held in
quarantine (reported as a failure once, not every night).

Locks: `OUTBOX/.locks/<case id>.lock` is held (flock) while a case is drafted, so two
overlapping batches never draft the same case; the kernel drops it when a worker dies.

Nothing here imports prefect: the flows pass only folders and case ids to their tasks, and
the tasks find a case's files again with `find_case` (file names carry the supervised
individual's surname and must not reach Prefect's database).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from pipeline import __version__

DOCUMENT_SUFFIXES = (".docx", ".pdf")
CASE_FILE_NAMES = ("case.yaml", "case.yml")
STATE_NAME = ".sfo-redact-state.json"
_SFO_REF = re.compile(r"SFO\d{5}", re.IGNORECASE)
_CASE_ID = re.compile(r"^SFO\d{5}$")


@dataclass
class InboxCase:
    """One case found in the inbox: its reference, its documents and its case file."""

    case_id: str
    documents: list[Path] = field(default_factory=list)
    case_file: Path | None = None
    folder: Path | None = None  # None for loose files


@dataclass(frozen=True)
class Rejected:
    """An inbox entry that is not a case; `case_id` is a reference or a hash label, never a name."""

    case_id: str
    paths: tuple[Path, ...]
    reason: str


@dataclass
class Inbox:
    """What an inbox scan found: the cases to run by id, and the inputs rejected."""

    cases: dict[str, InboxCase]
    rejected: list[Rejected]


def _ignored(path: Path) -> bool:
    # Hidden files, Word's lock files (~$...) and editors' temporary files.
    return path.name.startswith((".", "~$")) or path.name.endswith(("~", ".tmp"))


def _hash_label(text: str) -> str:
    """A stable label for an entry with no SFO reference (its name may hold a surname)."""
    return "unreferenced-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def _case_file_id(path: Path) -> str | None:
    """The case_id a case file declares, if it reads as one (full validation is the pipeline's job)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    value = raw.get("case_id") if isinstance(raw, dict) else None
    value = str(value).strip().upper() if value is not None else ""
    return value if _CASE_ID.match(value) else None


def _folder_case(folder: Path) -> InboxCase | Rejected:
    files = sorted(p for p in folder.iterdir() if p.is_file() and not _ignored(p))
    documents = [p for p in files if p.suffix.lower() in DOCUMENT_SUFFIXES]
    case_file = next((p for p in files if p.name.lower() in CASE_FILE_NAMES), None)
    case_id = _case_file_id(case_file) if case_file else None
    if case_id is None:
        refs = {m.group(0).upper() for p in [folder, *documents] for m in [_SFO_REF.search(p.name)] if m}
        case_id = refs.pop() if len(refs) == 1 else _hash_label(folder.name)
    if not documents:
        return Rejected(case_id, tuple(files), "the case folder holds no DOCX or PDF document")
    return InboxCase(case_id, documents, case_file, folder)


def scan_inbox(inbox: Path, *, folders: bool = True) -> Inbox:
    """Every case in the inbox, and the entries that are not cases (with a reason).

    `folders=False` looks at the loose files only.
    """
    inbox = Path(inbox)
    cases: dict[str, InboxCase] = {}
    rejected: list[Rejected] = []
    loose: dict[str, InboxCase] = {}
    for entry in sorted(inbox.iterdir()):
        if _ignored(entry):
            continue
        if entry.is_dir():
            if not folders:
                continue
            found = _folder_case(entry)
            if isinstance(found, Rejected):
                rejected.append(found)
            elif found.case_id in cases:
                rejected.append(Rejected(found.case_id, tuple(found.documents), "another inbox folder holds the same case reference"))
            else:
                cases[found.case_id] = found
            continue
        if not entry.is_file():
            continue
        m = _SFO_REF.search(entry.name)
        suffix = entry.suffix.lower()
        if suffix in (".yaml", ".yml") and not m:
            # A loose case.yaml belongs to the loose case its case_id names.
            cid = _case_file_id(entry) if entry.name.lower() in CASE_FILE_NAMES else None
            if cid:
                loose.setdefault(cid, InboxCase(cid)).case_file = entry
            continue
        if suffix in (".yaml", ".yml"):
            loose.setdefault(m.group(0).upper(), InboxCase(m.group(0).upper())).case_file = entry
        elif suffix in DOCUMENT_SUFFIXES and m:
            loose.setdefault(m.group(0).upper(), InboxCase(m.group(0).upper())).documents.append(entry)
        elif suffix in DOCUMENT_SUFFIXES:
            rejected.append(Rejected(_hash_label(entry.name), (entry,), "a loose document with no SFO reference in its name; put it in a case folder"))
        # Other loose files (a README, notes) are not inputs: left alone, not quarantined.
    for case_id, case in loose.items():
        if case_id in cases:
            # Loose files of a case that also has a folder join that folder's case.
            cases[case_id].documents.extend(case.documents)
            if case.case_file and not cases[case_id].case_file:
                cases[case_id].case_file = case.case_file
        elif not case.documents:
            rejected.append(Rejected(case_id, (case.case_file,) if case.case_file else (), "a case file with no documents"))
        else:
            cases[case_id] = case
    return Inbox(dict(sorted(cases.items())), rejected)


# inbox -> (its modification time, case id -> the folder holding the case, or None for loose files)
_LOCATIONS: dict[Path, tuple[int, dict[str, Path | None]]] = {}
_LOCATIONS_LOCK = threading.Lock()


def find_case(inbox: Path, case_id: str) -> InboxCase | None:
    """The inbox's case with this reference, read afresh (tasks get the reference, not file paths).

    Where each case lives is remembered per process while the inbox's own listing is unchanged,
    so a batch of thousands of cases does not rescan the inbox once per case; the case's
    files are always listed again.
    """
    inbox = Path(inbox)
    try:
        stamp = inbox.stat().st_mtime_ns
    except OSError:
        return None
    with _LOCATIONS_LOCK:
        cached = _LOCATIONS.get(inbox)
        if cached is None or cached[0] != stamp:
            found = scan_inbox(inbox)
            cached = (stamp, {cid: c.folder for cid, c in found.cases.items()})
            _LOCATIONS[inbox] = cached
    if case_id not in cached[1]:
        return None
    folder = cached[1][case_id]
    if folder is None:
        return scan_inbox(inbox, folders=False).cases.get(case_id)
    case = _folder_case(folder) if folder.is_dir() else None
    if not isinstance(case, InboxCase) or case.case_id != case_id:
        return scan_inbox(inbox).cases.get(case_id)  # the folder changed under us: look again
    # Loose files of the same reference join the folder's case, as in scan_inbox.
    loose = scan_inbox(inbox, folders=False).cases.get(case_id)
    if loose is not None:
        case.documents.extend(loose.documents)
        if loose.case_file and not case.case_file:
            case.case_file = loose.case_file
    return case


def inputs_digest(case: InboxCase) -> str:
    """A hash of the case's inputs: each file's name and content, and the pipeline's version.

    A renamed, added, removed or edited document, or an edited case file, changes it; so
    does a new version of sfo-redact (its detection may differ).
    """
    return files_digest([*case.documents, *([case.case_file] if case.case_file else [])])


def files_digest(paths) -> str:
    """A hash of these files' names and contents, and the pipeline's version (see inputs_digest)."""
    h = hashlib.sha256(f"sfo-redact {__version__}\n".encode())
    files = sorted((p for p in paths if p is not None), key=lambda p: p.name)
    for path in files:
        h.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 16), b""):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()


def case_outbox(outbox: Path, case_id: str) -> Path:
    """The outbox folder of one case."""
    return Path(outbox) / case_id


def read_state(outbox: Path, case_id: str) -> dict:
    """A case's saved state in its outbox folder; empty when there is none or it cannot be read."""
    try:
        return json.loads((case_outbox(outbox, case_id) / STATE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_unchanged(outbox: Path, case: InboxCase) -> bool:
    """True when the last successful run of this case read exactly these inputs."""
    state = read_state(outbox, case.case_id)
    return state.get("status") == "done" and state.get("inputs_sha256") == inputs_digest(case)


def write_state(outbox: Path, case_id: str, digest: str, *, documents: int, pages: int) -> None:
    """Record a successful run (written last, atomically: a crash leaves the case to be redone)."""
    folder = case_outbox(outbox, case_id)
    folder.mkdir(parents=True, exist_ok=True)
    state = {
        "status": "done",
        "inputs_sha256": digest,
        "documents": documents,
        "pages": pages,
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sfo_redact_version": __version__,
    }
    tmp = folder / (STATE_NAME + ".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / STATE_NAME)


def quarantine(quarantine_dir: Path, case_id: str, path: Path, *, kind: str, reason: str) -> Path:
    """Copy one input into the quarantine with a reason file; the inbox is left untouched."""
    folder = Path(quarantine_dir) / case_id
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    if path.is_file():
        shutil.copy2(path, target)
    note = (
        f"case: {case_id}\n"
        f"document: {kind}\n"
        f"reason: {reason}\n"
        f"when: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}\n"
        f"sfo-redact: {__version__}\n"
        "The original is still in the inbox; fix or replace it there and the next run picks it up.\n"
    )
    (folder / f"{path.name}.reason.txt").write_text(note, encoding="utf-8")
    return target


def scrub_reason(reason: str, paths: list[Path]) -> str:
    """A failure reason with any input's file name replaced (the pipeline's reasons hold none; this is a guard)."""
    for p in sorted(paths, key=lambda p: -len(p.name)):
        for token in (p.name, p.stem, p.parent.name if p.parent.name else None):
            if token and len(token) > 3 and token in reason:
                reason = reason.replace(token, "<document>")
    return reason


def default_quarantine(outbox: Path) -> Path:
    """`OUTBOX/_quarantine` unless another folder is given (case folders are named SFOnnnnn)."""
    return Path(outbox) / "_quarantine"


QUARANTINE_STATE = ".sfo-redact-quarantine.json"


def remember_quarantine(quarantine_dir: Path, case_id: str, digest: str, failures: int) -> None:
    """Record that these inputs (by hash) failed, so later runs skip them until they change."""
    folder = Path(quarantine_dir) / case_id
    folder.mkdir(parents=True, exist_ok=True)
    state = {
        "inputs_sha256": digest,
        "failures": failures,
        "quarantined": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sfo_redact_version": __version__,
    }
    tmp = folder / (QUARANTINE_STATE + ".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, folder / QUARANTINE_STATE)


def is_quarantined(quarantine_dir: Path, case_id: str, digest: str) -> bool:
    """True when exactly these inputs already failed and are held in the quarantine."""
    try:
        state = json.loads((Path(quarantine_dir) / case_id / QUARANTINE_STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return state.get("inputs_sha256") == digest


@contextlib.contextmanager
def case_lock(outbox: Path, case_id: str):
    """Hold the case's lock while drafting it; yields False (at once) if another run holds it.

    An advisory flock on a file under OUTBOX/.locks: released by the kernel when the holder
    exits or dies, so a killed worker never leaves a case locked.
    """
    folder = Path(outbox) / ".locks"
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / f"{case_id}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
