"""The import table of STYLE.md, walked from the ASTs of every project module.

| package          | may import from the project                                   |
|------------------|---------------------------------------------------------------|
| pipeline/        | pipeline, recognizers, redaction_logs; never flows or prefect |
| recognizers/     | only the kernel: pipeline.errors, model, reasons, digest      |
| redaction_logs/  | only the kernel                                               |
| flows/           | pipeline, prefect (and its own modules)                       |

No module imports a private name (a leading underscore) from another package.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ("pipeline", "recognizers", "redaction_logs", "flows")
# The kernel: modules that import nothing of the project but each other.
KERNEL = (
    "pipeline.errors", "pipeline.model", "pipeline.reasons", "pipeline.digest", "pipeline.__version__",
    # The shared word lists (titles, months): recognizers/ and every stage match on them.
    "pipeline.vocabulary",
)


def _modules() -> Iterator[tuple[str, Path]]:
    for package in PROJECT:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join(parts), path


def imports_of(path: Path, module: str) -> Iterator[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield base, alias.name, node.lineno


def _top(name: str) -> str:
    return name.split(".")[0]


def _in(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(module: str, path: Path) -> list[str]:
    """Every import of this module that breaks the table."""
    found = []
    own = _top(module)
    for target, name, line in imports_of(path, module):
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{line}"
        full = f"{target}.{name}" if name else target
        top = _top(target)
        if own == "pipeline" and top in {"flows", "prefect", "prefect_dask", "dask", "distributed"}:
            found.append(f"{where}: pipeline/ imports {target}")
        if own in {"recognizers", "redaction_logs"} and top in PROJECT and top != own:
            # `from pipeline import errors` names the kernel module as the imported name.
            if not (_in(target, KERNEL) or _in(full, KERNEL)):
                found.append(f"{where}: {own}/ imports {full}, which is not the kernel")
        if _in(module, KERNEL) and top in PROJECT and not (_in(target, KERNEL) or _in(full, KERNEL)):
            found.append(f"{where}: the kernel module {module} imports {full}")
        if top in PROJECT and top != own and name and name.startswith("_") and not name.startswith("__"):
            found.append(f"{where}: imports the private name {name} from {target}")
        if top in PROJECT and top != own and any(p.startswith("_") and not p.startswith("__") for p in target.split(".")):
            found.append(f"{where}: imports the private module {target}")
    return found


MODULES = list(_modules())
# Modules that still break the table (issue 11). Each is an expected failure that must keep
# failing (strict): when one is fixed, its name comes off this list, and it is enforced.
KNOWN_BROKEN: set[str] = set()


def _params():
    for module, path in MODULES:
        marks = [pytest.mark.xfail(strict=True, reason="known break of the import table")] if module in KNOWN_BROKEN else []
        yield pytest.param(module, path, id=module, marks=marks)


@pytest.mark.parametrize(("module", "path"), list(_params()))
def test_module_keeps_the_import_table(module: str, path: Path) -> None:
    assert violations(module, path) == []


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("pipeline.x", "import flows\n", True),
        ("pipeline.x", "from prefect import flow\n", True),
        ("pipeline.x", "from redaction_logs.workbook import write\n", False),
        ("recognizers.x", "from pipeline.errors import ConfigError\n", False),
        ("recognizers.x", "from pipeline import model\n", False),
        ("recognizers.x", "from pipeline.keystore import derive\n", True),
        ("redaction_logs.x", "from pipeline.categories import REASONS\n", True),
        ("redaction_logs.x", "from pipeline.model import Decision\n", False),
        ("pipeline.x", "from recognizers.name_list import _load\n", True),
        ("pipeline.x", "from recognizers.name_list import load\n", False),
        ("flows.x", "from pipeline.redact import redact_case\n", False),
        ("pipeline.reasons", "from pipeline.categories import REASONS\n", True),
        ("pipeline.digest", "from pipeline.model import Category\n", False),
        ("redaction_logs.x", "from pipeline import __version__\n", False),
    ],
)
def test_the_check_itself_catches_each_kind(tmp_path: Path, module: str, source: str, broken: bool) -> None:
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert bool(violations(module, path)) is broken
