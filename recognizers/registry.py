"""Load the recognizers enabled in recognizers.yaml, validating the file on load."""

from __future__ import annotations

import importlib
import logging
import os
from pathlib import Path
from typing import Any

import yaml

# Before presidio (and so tldextract) is imported, in case this package was imported as a
# namespace package and __init__.py did not run (see recognizers/__init__.py).
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

import tldextract  # noqa: E402
from presidio_analyzer import EntityRecognizer  # noqa: E402

from pipeline.errors import ConfigError  # noqa: E402
from pipeline.model import Action, Category, Treatment  # noqa: E402

logger = logging.getLogger("sfo_redact")

DEFAULT_CONFIG = Path(__file__).with_name("recognizers.yaml")

_TOP_KEYS = {"recognizers"}
_ENTRY_KEYS = {"class", "enabled", "params", "policy"}
_POLICY_KEYS = {"category", "label", "gist", "action", "priority"}


def load_policies(config: Path | None = None) -> dict[str, Treatment]:
    """Each entity's treatment, from the `policy` of the entry that declares it.

    Raises ConfigError naming the file and entry for a policy with unknown or missing keys,
    a category or action that does not exist, or an entity declared twice.
    """
    path = Path(config) if config is not None else DEFAULT_CONFIG
    policies: dict[str, Treatment] = {}
    for index, entry in enumerate(_read_entries(path), start=1):
        if not isinstance(entry, dict) or entry.get("policy") is None:
            continue
        label = f"entry {index} ({entry.get('class')})"
        declared = entry["policy"]
        if not isinstance(declared, dict):
            raise ConfigError(f"{label}: 'policy' must map entity names to their treatment", path)
        for entity, raw in declared.items():
            if entity in policies:
                raise ConfigError(f"{label}: the policy for {entity} is declared twice", path)
            policies[str(entity)] = _treatment(path, f"{label}, {entity}", raw)
    return policies


def _treatment(path: Path, label: str, raw: Any) -> Treatment:
    if not isinstance(raw, dict):
        raise ConfigError(f"{label}: expected a mapping with {', '.join(sorted(_POLICY_KEYS))}", path)
    unknown, missing = sorted(set(raw) - _POLICY_KEYS), sorted(_POLICY_KEYS - set(raw))
    if unknown or missing:
        raise ConfigError(f"{label}: unknown key(s) {unknown or 'none'}, missing key(s) {missing or 'none'}", path)
    try:
        category, action = Category(raw["category"]), Action(raw["action"])
    except ValueError:
        raise ConfigError(
            f"{label}: category must be one of {', '.join(c.value for c in Category)}; "
            f"action one of {', '.join(a.value for a in Action)}",
            path,
        ) from None
    if not isinstance(raw["priority"], int) or not isinstance(raw["label"], str) or not isinstance(raw["gist"], str):
        raise ConfigError(f"{label}: priority must be a whole number, label and gist text", path)
    return Treatment(category, raw["label"], raw["gist"], action, raw["priority"])


def load_recognizers(config: Path | None = None) -> list[EntityRecognizer]:
    """Instantiate the enabled recognizers listed in `config` (default: the YAML beside this file).

    Raises ConfigError naming the file and the entry for: unreadable or invalid YAML,
    unknown or missing keys, a class that cannot be imported or is not a recognizer,
    params the class rejects, or an entity with no policy.
    """
    path = Path(config) if config is not None else DEFAULT_CONFIG
    _keep_tldextract_offline()
    entries = _read_entries(path)
    loaded: list[EntityRecognizer] = []
    for index, entry in enumerate(entries, start=1):
        recognizer = _load_entry(path, index, entry)
        if recognizer is not None:
            loaded.append(recognizer)
    logger.info("loaded %d of %d recognizers from %s", len(loaded), len(entries), path.name)
    return loaded


def _keep_tldextract_offline() -> None:
    # If tldextract was imported before the environment variable was set, its shared
    # extractor would fetch the public suffix list on first use; use the bundled snapshot.
    extractor = tldextract.tldextract.TLD_EXTRACTOR
    if extractor.suffix_list_urls:
        logger.warning("tldextract was imported before recognizers; disabling its download")
        extractor.suffix_list_urls = ()


def _read_entries(path: Path) -> list[Any]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read recognizer configuration ({exc.strerror})", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"not valid YAML{where}", path) from None
    if not isinstance(document, dict):
        raise ConfigError("expected a mapping with a 'recognizers' list at the top", path)
    unknown = sorted(set(document) - _TOP_KEYS)
    if unknown:
        raise ConfigError(f"unknown top-level key(s): {', '.join(map(str, unknown))}", path)
    entries = document.get("recognizers")
    if not isinstance(entries, list) or not entries:
        raise ConfigError("'recognizers' must be a non-empty list", path)
    return entries


def _load_entry(path: Path, index: int, entry: Any) -> EntityRecognizer | None:
    if not isinstance(entry, dict):
        raise ConfigError(f"entry {index}: expected a mapping with 'class' and 'enabled'", path)
    dotted = entry.get("class")
    label = f"entry {index} ({dotted})" if isinstance(dotted, str) else f"entry {index}"
    unknown = sorted(set(entry) - _ENTRY_KEYS)
    if unknown:
        raise ConfigError(f"{label}: unknown key(s): {', '.join(map(str, unknown))}", path)
    if not isinstance(dotted, str) or "." not in dotted:
        raise ConfigError(
            f"{label}: 'class' must be a dotted path such as recognizers.crn.CrnRecognizer", path
        )
    enabled = entry.get("enabled")
    if not isinstance(enabled, bool):
        raise ConfigError(f"{label}: 'enabled' must be true or false", path)
    params = entry.get("params", {})
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise ConfigError(f"{label}: 'params' must be a mapping of constructor arguments", path)
    cls = _import_class(path, label, dotted)
    if not enabled:
        return None
    try:
        recognizer = cls(**params)
    except ConfigError:
        raise
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{label}: bad params ({exc})", path) from None
    outside = sorted(set(recognizer.supported_entities) - set(load_policies(path)))
    if outside:
        raise ConfigError(f"{label}: reports entities with no policy in any entry: {', '.join(outside)}", path)
    return recognizer


def _import_class(path: Path, label: str, dotted: str) -> type[EntityRecognizer]:
    module_name, _, class_name = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(
            f"{label}: cannot import module {module_name} ({exc.__class__.__name__})", path
        ) from None
    cls = getattr(module, class_name, None)
    if cls is None:
        raise ConfigError(f"{label}: module {module_name} has no class {class_name}", path)
    if not (isinstance(cls, type) and issubclass(cls, EntityRecognizer)):
        raise ConfigError(f"{label}: {class_name} is not a Presidio EntityRecognizer", path)
    return cls


# Every entity a recognizer here may report: those the default configuration gives a policy.
ENTITY_TYPES: tuple[str, ...] = tuple(load_policies())
