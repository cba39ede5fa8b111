"""The `sfo-redact` command."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from pipeline import __version__
from pipeline.errors import SfoRedactError

logger = logging.getLogger("sfo_redact")


def _setup_logging(verbosity: int) -> None:
    level = logging.WARNING - 10 * verbosity
    logging.basicConfig(level=max(level, logging.DEBUG), format="sfo-redact: %(levelname)s: %(message)s")
    # Libraries log document text at DEBUG (spaCy, presidio); keep them at WARNING.
    for name in ("presidio-analyzer", "presidio-anonymizer", "spacy", "pdfminer", "pypdf", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in ("prefect.task_runs",):  # Prefect's advice on thread timeouts, once per case
        logging.getLogger(name).addFilter(_ThreadTimeoutNotice())


class _ThreadTimeoutNotice(logging.Filter):
    """Drops Prefect's notice, printed once per case, that a timeout in a worker thread takes
    effect only when the task returns. That is what the flows' timeouts are for: a case that
    overruns is marked failed when it returns, and the batch goes on. A disclosure lead
    reading the nightly log should not see a paragraph of Prefect advice for every case.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Timeout of %s seconds configured for this task, but the task is running in a worker thread")


# Each command lives in its own module with a register(subparsers) function.
COMMAND_MODULES = (
    "pipeline.cli.redact",
    "pipeline.cli.eval",
    "pipeline.cli.finalise",
    "pipeline.cli.verify",
)

# Further commands (batch, finalise-all, serve: the Prefect flows) are registered by name in
# this entry-point group, so pipeline/ never imports flows or prefect.
COMMAND_GROUP = "sfo_redact.commands"
_PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def command_entry_points() -> dict[str, str]:
    """Command name -> module, from the installed metadata of the group.

    In a source checkout the group as pyproject.toml declares it beside the package is added
    to the installed metadata, so a command added since the last `pip install -e .` is offered.
    """
    found = {ep.name: ep.value for ep in metadata.entry_points(group=COMMAND_GROUP)}
    if not _PYPROJECT.is_file():
        return found
    try:
        table = tomllib.loads(_PYPROJECT.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return found
    if table.get("project", {}).get("name") != "sfo-redact":
        return found
    return {**found, **table["project"].get("entry-points", {}).get(COMMAND_GROUP, {})}


def _extension_modules() -> list:
    modules = []
    for name, target in sorted(command_entry_points().items()):
        try:
            modules.append(importlib.import_module(target.partition(":")[0]))
        except ImportError as exc:
            # An extension whose dependencies are not installed: its command is not offered.
            logger.debug("command %s is not available (%s)", name, type(exc).__name__)
    return modules


def build_parser() -> argparse.ArgumentParser:
    """The `sfo-redact` argument parser, with every command module's subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="sfo-redact",
        description="Redact SFO reviews for disclosure to victims and their families.",
    )
    parser.add_argument("--version", action="version", version=f"sfo-redact {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (counts and timings only)")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    for module in _extension_modules():
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the `sfo-redact` command line; the exit status is 2 for a named error, 130 when interrupted."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging(args.verbose)
    try:
        return args.func(args)
    except SfoRedactError as exc:
        print(f"sfo-redact: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("sfo-redact: interrupted; no partial outputs were left", file=sys.stderr)
        return 130


