import base64
import os
import stat

import pytest

from pipeline.errors import KeyStoreError
from pipeline.keystore import CaseMapping, home, load_key


def test_key_created_owner_only_and_stable():
    key = load_key()
    path = home() / "key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key() == key
    assert len(key) == 32


def test_key_from_environment(monkeypatch):
    raw = os.urandom(32)
    monkeypatch.setenv("SFO_REDACT_KEY", base64.urlsafe_b64encode(raw).decode())
    assert load_key() == raw
    assert not (home() / "key").exists()


@pytest.mark.parametrize("value", ["not base64!!", base64.urlsafe_b64encode(b"short").decode()])
def test_bad_environment_key(monkeypatch, value):
    monkeypatch.setenv("SFO_REDACT_KEY", value)
    with pytest.raises(KeyStoreError):
        load_key()


def test_mapping_round_trip_encrypted_owner_only():
    key = load_key()
    m = CaseMapping.load("SFO60001", key)
    m.people.append({"names": ["bronwen tallis"], "role": "victim", "label": "A"})
    m.save()
    raw = m.path.read_bytes()
    assert b"bronwen" not in raw
    assert stat.S_IMODE(m.path.stat().st_mode) == 0o600
    again = CaseMapping.load("SFO60001", key)
    assert again.people == m.people


def test_wrong_key_is_an_error_not_new_labels():
    key = load_key()
    m = CaseMapping.load("SFO60002", key)
    m.people.append({"names": ["x y"], "role": "victim", "label": "A"})
    m.save()
    with pytest.raises(KeyStoreError, match="different key"):
        CaseMapping.load("SFO60002", os.urandom(32))


def test_lost_key_with_existing_mappings_is_refused():
    key = load_key()
    m = CaseMapping.load("SFO60003", key)
    m.save()
    (home() / "key").unlink()
    with pytest.raises(KeyStoreError, match="missing"):
        load_key()


def test_case_id_cannot_escape_the_store():
    with pytest.raises(KeyStoreError):
        CaseMapping.load("../../etc/passwd", load_key())


def test_half_written_file_of_a_killed_writer_is_removed_by_the_next_write():
    import subprocess
    import sys

    from pipeline.keystore import _WRITER

    key = load_key()
    m = CaseMapping.load("SFO60002", key)
    m.save()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    killed = m.path.with_name(f".{m.path.name}.{_WRITER}.{dead.stdout.strip()}.0badc0de.partial")
    live = m.path.with_name(f".{m.path.name}.{_WRITER}.{os.getpid()}.0badc0de.partial")  # this process: alive
    other_host = m.path.with_name(f".{m.path.name}.elsewhere.{dead.stdout.strip()}.0badc0de.partial")
    for tmp in (killed, live, other_host):
        tmp.write_bytes(b"half")
    m.save()
    assert not killed.exists()
    assert live.exists() and other_host.exists()
    assert CaseMapping.load("SFO60002", key).people == []
