"""EMAIL_ADDRESS: Presidio's EmailRecognizer as configured in the YAML, offline."""

from __future__ import annotations

import socket

import pytest
from presidio_analyzer.predefined_recognizers import EmailRecognizer

from recognizers.registry import load_recognizers
from tests.recognizers.spans import assert_table_row


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def recognizer():
    """The e-mail recognizer exactly as recognizers.yaml configures it."""
    return next(r for r in load_recognizers() if isinstance(r, EmailRecognizer))


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("contact sarah.jenkins@example.org today", 1, [(8, 33)]),
        ("e-mail: j.bloggs@justice.example.gov.uk.", 1, [(8, 39)]),
        ("a@b.co.uk and c.d@example.net", 2, [(0, 9), (14, 29)]),
        ("(pp.team@probation.example.com)", 1, [(1, 30)]),
        ("no address here", 0, []),
        ("sarah.jenkins@", 0, []),
        ("@example.org", 0, []),
        ("name@localhost", 0, []),
        ("MAPPA, OASys and HMPPS", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


def test_tldextract_is_offline():
    import tldextract

    assert tldextract.tldextract.TLD_EXTRACTOR.suffix_list_urls == ()
