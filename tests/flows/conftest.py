"""Prefect under test: a private PREFECT_HOME, the test harness, and a scan for leaked names.

PREFECT_HOME must be set before prefect is first imported (its settings are read then), so
it is set here, when pytest collects this folder; pipeline/ never imports prefect.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

PREFECT_HOME = Path(tempfile.mkdtemp(prefix="sfo-prefect-home-"))
os.environ["PREFECT_HOME"] = str(PREFECT_HOME)
os.environ.pop("PREFECT_API_URL", None)

import flows  # noqa: F401, E402 - Prefect's environment, before prefect is imported


@pytest.fixture(scope="session")
def harness():
    """One embedded Prefect server for the session, on a database the test can read."""
    from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        url = PREFECT_SERVER_DATABASE_CONNECTION_URL.value()
        yield Path(url.split("///", 1)[1])
    shutil.rmtree(PREFECT_HOME, ignore_errors=True)


def settle_prefect(seconds: float = 3.0) -> None:
    """Send the logs and events still queued in this process, and give the server time to store them."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=15)
    EventsWorker.drain_all(timeout=15)
    time.sleep(seconds)  # the server writes events in batches


def prefect_files(db: Path) -> list[Path]:
    """Everything Prefect wrote: PREFECT_HOME (logs, storage, profiles) and the database with its journals."""
    settle_prefect()
    found = [p for p in PREFECT_HOME.rglob("*") if p.is_file()]
    found += [p for p in db.parent.glob(db.name + "*") if p.is_file()]
    return found


def db_rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def personal_needles(gold_files: list[Path], documents: list[Path]) -> set[str]:
    """Every generated name, mention and identifier, and the documents' file names."""
    needles: set[str] = set()
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for person in gold["people"]:
            needles.add(person["name"])
            needles.update(m for m in person["mentions"] if len(m) >= 4)
        # Initials (TF) and short words would match by chance; everything longer must not appear.
        needles.update(m["text"] for m in gold["must_go"] if len(m["text"]) >= 5)
    for doc in documents:
        # The file name carries the surname (SFO60001oconnorD...); the surname itself is in the gold.
        needles.update({doc.name, doc.stem, doc.stem.removesuffix("Review")})
    return {n for n in needles if n.strip()}


def _alternation(needles: set[str]) -> bytes:
    forms = set()
    for needle in needles:
        forms.update({needle, json.dumps(needle).strip('"')})  # as written, and as JSON stores it (\u00e9, \")
    return b"|".join(re.escape(f.encode("utf-8")) for f in sorted(forms, key=len, reverse=True))


def _readable(path: Path) -> bytes:
    """A file's content as text: a SQLite database as the SQL dump of every row (WAL included)."""
    data = path.read_bytes()
    if data.startswith(b"SQLite format 3\0"):
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return "\n".join(con.iterdump()).encode("utf-8")
        finally:
            con.close()
    return data


def assert_nothing_personal(files: list[Path], needles: set[str]) -> None:
    """No needle in any file: raw bytes (also freed database pages) and the rows as text.

    Generated surnames include ordinary words (Long, Short, Bash) that Prefect's own schema
    holds in lower case, so a single-word needle is matched as written and as a whole word,
    in the rows as text (in the raw file, the byte before a value is arbitrary). Longer needles
    (full names, identifiers, addresses, file names) are matched in any case, anywhere.
    """
    words = {n for n in needles if n.isalpha()}
    phrases = needles - words
    raw = re.compile(_alternation(phrases), re.IGNORECASE) if phrases else None
    whole = re.compile(rb"(?<![A-Za-z])(?:" + _alternation(words) + rb")(?![A-Za-z])") if words else None
    assert files, "Prefect wrote nothing to scan"
    leaks = set()
    for path in files:
        if path.name.endswith(("-wal", "-shm", "-journal")):
            texts = [path.read_bytes()]  # read through the database connection too, below
        else:
            texts = [path.read_bytes(), _readable(path)]
        for text in texts:
            for pat in (raw, whole if text is texts[-1] else None):
                if pat is not None:
                    leaks.update((path.name, m.group(0).decode("utf-8", "replace")) for m in pat.finditer(text))
    assert not leaks, f"personal data found in Prefect's files: {sorted(leaks)[:10]}"
