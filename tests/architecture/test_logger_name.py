"""One logger name across the project (issue 11): every module logs to "sfo_redact".

The command line configures that one logger's level, and an operator filters on it; a module
that logs under its own name (``__name__``) or another string is found here from its AST.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("pipeline", "recognizers", "redaction_logs", "flows")
LOGGER_NAME = "sfo_redact"
# The CLI quietens third-party loggers by name; those calls name other libraries' loggers.
QUIETENING = {"pipeline/cli/__init__.py"}


def logger_names(source: str) -> list[tuple[int, str | None]]:
    """(line, the name given to getLogger as a string, or None if not a plain string)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name != "getLogger":
                continue
            arg = node.args[0] if node.args else None
            value = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            found.append((node.lineno, value))
    return found


def _files() -> list[Path]:
    return [p for package in PROJECT for p in sorted((ROOT / package).rglob("*.py"))]


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_logs_under_the_one_name(path: Path) -> None:
    rel = str(path.relative_to(ROOT))
    calls = logger_names(path.read_text(encoding="utf-8"))
    if rel in QUIETENING:
        calls = [(line, name) for line, name in calls if name is not None]
    assert [(line, name) for line, name in calls if name != LOGGER_NAME] == []


@pytest.mark.parametrize(
    ("source", "ok"),
    [
        ('import logging\nlog = logging.getLogger("sfo_redact")\n', True),
        ("import logging\nlog = logging.getLogger(__name__)\n", False),
        ('from logging import getLogger\nlog = getLogger("pipeline")\n', False),
    ],
)
def test_the_check_can_fail(source: str, ok: bool) -> None:
    assert all(name == LOGGER_NAME for _, name in logger_names(source)) is ok
