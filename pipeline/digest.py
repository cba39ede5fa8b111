"""Keyed digests of the label key: pure functions, part of the kernel.

pipeline/keystore.py stores and loads the key; redaction_logs/ signs and checks the workbook
with these without importing the key store.
"""

from __future__ import annotations

import hashlib
import hmac


def derive(key: bytes, purpose: str) -> bytes:
    """A sub-key for one purpose, so the label key itself is never used twice."""
    return hmac.new(key, purpose.encode("utf-8"), hashlib.sha256).digest()


def key_id(key: bytes) -> str:
    """A short fingerprint of the key, safe to store and show."""
    return derive(key, "key-id").hex()[:16]
