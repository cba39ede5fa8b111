"""Shared test set-up: every test gets its own key store; nothing touches the network."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """Keys and case mappings go to a fresh folder, never the developer's own."""
    home = tmp_path_factory.mktemp("sfo-home")
    monkeypatch.setenv("SFO_REDACT_HOME", str(home))
    monkeypatch.delenv("SFO_REDACT_KEY", raising=False)
    return home


@pytest.fixture(scope="session")
def engine():
    """One detection engine for the whole session (loading spaCy takes seconds)."""
    from pipeline.detect.engine import get_engine

    return get_engine()
