"""The label key and the encrypted per-case label mappings.

Labels must be the same every time a case is processed (a re-run, or the action plan after
the review), and must not be guessable from the document. Both follow from one secret key:
taken from SFO_REDACT_KEY, else read from a key file created on first use with owner-only
permissions under SFO_REDACT_HOME (default ~/.local/share/sfo-redact, never the repo). Each
case's mapping (who got which label) is stored there encrypted with a key derived from it.
A missing or different key is an error, never a silent new set of labels.
"""

from __future__ import annotations

import base64
import contextlib
import glob
import json
import logging
import os
import re
import secrets
import socket
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from pipeline.digest import derive, key_id  # noqa: F401 (re-exported: keystore.derive is used by callers)
from pipeline.errors import KeyStoreError

logger = logging.getLogger("sfo_redact")

KEY_ENV = "SFO_REDACT_KEY"
HOME_ENV = "SFO_REDACT_HOME"
_CASE_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")


def home() -> Path:
    """Where the key and mappings live."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    return Path.home() / ".local" / "share" / "sfo-redact"


def _write_private(path: Path, data: bytes) -> None:
    """Write a file readable by its owner only, atomically (temporary name, then rename).

    The temporary name carries the writer's host and process id: a writer killed with
    SIGKILL leaves its temporary file behind, and the next write of the same file removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_abandoned_partials(path)
    tmp = path.with_name(f".{path.name}.{_WRITER}.{os.getpid()}.{secrets.token_hex(4)}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


# Host names may hold dots; the writer's tag is kept to letters, digits and hyphens.
_WRITER = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"


def _remove_abandoned_partials(path: Path) -> None:
    """Delete temporary copies of `path` left by writers on this host whose process is gone."""
    prefix = f".{path.name}.{_WRITER}."
    for tmp in path.parent.glob(f"{glob.escape(prefix)}*.partial"):
        pid = tmp.name[len(prefix) :].split(".")[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
            logger.info("removed a key-store file left half-written by a process that was killed")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def load_key(create: bool = True) -> bytes:
    """The 32-byte label key; created on first use unless mappings made with another key exist."""
    env = os.environ.get(KEY_ENV)
    if env:
        try:
            key = base64.urlsafe_b64decode(env.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise KeyStoreError(f"{KEY_ENV} is not a base64 key (make one with: sfo-redact key --new)") from None
        if len(key) != 32:
            raise KeyStoreError(f"{KEY_ENV} must decode to 32 bytes")
        return key
    path = home() / "key"
    if path.exists():
        if path.stat().st_mode & 0o077:
            logger.warning("label key file is readable by others; restricting it to its owner")
            path.chmod(0o600)
        try:
            key = base64.urlsafe_b64decode(path.read_bytes().strip())
        except ValueError:
            raise KeyStoreError("the label key file is damaged", path) from None
        if len(key) != 32:
            raise KeyStoreError("the label key file is damaged", path)
        return key
    cases = home() / "cases"
    if cases.exists() and any(cases.glob("*.mapping")):
        raise KeyStoreError(
            "the label key is missing but case mappings made with it exist; restore the key file "
            f"or set {KEY_ENV} (a new key would give different labels from those already shared)",
            path,
        )
    if not create:
        raise KeyStoreError("no label key yet", path)
    key = secrets.token_bytes(32)
    _write_private(path, base64.urlsafe_b64encode(key))
    logger.info("created a new label key under %s", path.parent)
    return key




class CaseMapping:
    """Who got which label in one case; encrypted at rest."""

    def __init__(self, case_id: str, key: bytes, data: dict[str, Any] | None = None) -> None:
        """A case's mapping, encrypted with a key derived from `key`; the case id is checked."""
        if not _CASE_ID.match(case_id):
            raise KeyStoreError("case id may hold letters, digits, '-' and '_' only")
        self.case_id = case_id
        self._key = key
        self.data: dict[str, Any] = data or {"version": 1, "case_id": case_id, "key_id": key_id(key), "people": [], "counters": {}}

    @property
    def path(self) -> Path:
        """Where the case's encrypted mapping file is kept."""
        return home() / "cases" / f"{self.case_id}.mapping"

    def _fernet(self) -> Fernet:
        return Fernet(base64.urlsafe_b64encode(derive(self._key, f"mapping:{self.case_id}")))

    @classmethod
    def load(cls, case_id: str, key: bytes) -> CaseMapping:
        """The case's mapping, or an empty one for a new case."""
        mapping = cls(case_id, key)
        if not mapping.path.exists():
            return mapping
        try:
            plain = mapping._fernet().decrypt(mapping.path.read_bytes())
        except InvalidToken:
            raise KeyStoreError(
                "this case's label mapping was made with a different key; restore the original key "
                "(labels would otherwise differ from those already used)",
                mapping.path,
            ) from None
        data = json.loads(plain)
        if data.get("key_id") != key_id(key) or data.get("case_id") != case_id:
            raise KeyStoreError("this case's label mapping does not belong to this key and case", mapping.path)
        mapping.data = data
        return mapping

    def save(self) -> None:
        """Write the mapping atomically, owner-only."""
        token = self._fernet().encrypt(json.dumps(self.data, sort_keys=True).encode("utf-8"))
        _write_private(self.path, token)

    @property
    def people(self) -> list[dict[str, Any]]:
        """The people recorded in the mapping."""
        return self.data["people"]

    def next_number(self, prefix: str) -> int:
        """The next number in the counter for `prefix`, counting from 1."""
        counters = self.data["counters"]
        counters[prefix] = counters.get(prefix, 0) + 1
        return counters[prefix]


# Where each case's originals were read, kept here and not in the redaction log: SFO file
# names hold surnames, and the log travels to a senior manager. Keyed by the SHA-256 the log
# records, encrypted like the mappings.
def _originals_path(case_id: str) -> Path:
    if not _CASE_ID.match(case_id):
        raise KeyStoreError("case id may hold letters, digits, '-' and '_' only")
    return home() / "cases" / f"{case_id}.originals"


def _originals_fernet(case_id: str, key: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(derive(key, f"originals:{case_id}")))


def load_originals(case_id: str, key: bytes) -> dict[str, str]:
    """The recorded location of each original of the case, by SHA-256 ({} if none is recorded)."""
    path = _originals_path(case_id)
    if not path.exists():
        return {}
    try:
        data = json.loads(_originals_fernet(case_id, key).decrypt(path.read_bytes()))
    except (InvalidToken, ValueError):
        logger.warning("the record of where this case's originals are could not be read; give them with --inputs")
        return {}
    return {str(k): str(v) for k, v in data.get("paths", {}).items()}


def save_originals(case_id: str, key: bytes, paths: dict[str, str]) -> None:
    """Record where the originals (by SHA-256) were read, adding to what is already recorded."""
    if not paths:
        return
    merged = {**load_originals(case_id, key), **paths}
    token = _originals_fernet(case_id, key).encrypt(json.dumps({"version": 1, "paths": merged}, sort_keys=True).encode("utf-8"))
    _write_private(_originals_path(case_id), token)
