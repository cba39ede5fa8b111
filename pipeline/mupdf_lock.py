"""One lock for PyMuPDF work in a process.

PyMuPDF does not support use from several threads at once (its documentation says so, and a
batch on two threads produced layouts that never finished). Reading, rendering, review copies
and cover sheets take this lock; detection (spaCy) and verification (pypdf, pdfminer.six,
pikepdf) run outside it, so threads still overlap where it is safe. Processes each have
their own lock and run fully in parallel.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

MUPDF = threading.RLock()

P = ParamSpec("P")
R = TypeVar("R")


def with_mupdf(func: Callable[P, R]) -> Callable[P, R]:
    """Run `func` holding the PyMuPDF lock."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with MUPDF:
            return func(*args, **kwargs)

    return wrapper
