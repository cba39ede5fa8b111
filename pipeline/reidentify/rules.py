"""The re-identification check's data (details.yaml), validated on load: unknown keys are errors."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.vocabulary import MONTH_PATTERN, alternation
from recognizers.address import STREET_TYPES

DEFAULT_RULES = Path(__file__).with_name("details.yaml")

_TOP_KEYS = {
    "scoring", "street_types", "brands", "occupations", "default_occupation", "leading_stop_words",
    "occupation_stop_words", "kinds",
}
_SCORING_KEYS = {"threshold", "min_kinds", "repeat_weight"}
_KIND_KEYS = {"description", "weight", "patterns"}
_PATTERN_KEYS = {"regex", "as", "rule"}
# Computed generalisations (generalise.py) a pattern may name.
RULES = ("age_noun", "age_phrase", "school", "brand", "employer", "occupation", "year")
_NUMBER = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})"


@dataclass(frozen=True)
class DetailPattern:
    """One way a kind of detail is written, and how it is generalised."""

    regex: re.Pattern[str]
    fixed: str | None  # the `as` text (may hold {group} fields)
    rule: str | None  # or the name of a computed generalisation


@dataclass(frozen=True)
class Kind:
    """A kind of detail: its name, what the log calls it, its weight and its patterns."""

    name: str
    description: str
    weight: float
    patterns: tuple[DetailPattern, ...]


@dataclass(frozen=True)
class Rules:
    """Everything details.yaml declares."""

    threshold: float
    min_kinds: int
    repeat_weight: float
    kinds: tuple[Kind, ...]
    brands: dict[str, str]
    occupations: dict[str, str]
    default_occupation: str
    leading_stop_words: frozenset[str]
    occupation_stop_words: frozenset[str]

    def kind(self, name: str) -> Kind:
        """The kind called `name`."""
        return next(k for k in self.kinds if k.name == name)


def _keys(path: Path, where: str, raw: Any, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: expected a mapping", path)
    unknown, missing = sorted(set(raw) - allowed), sorted(required - set(raw))
    if unknown or missing:
        raise ConfigError(f"{where}: unknown key(s) {unknown or 'none'}, missing key(s) {missing or 'none'}", path)
    return raw


@functools.lru_cache(maxsize=4)
def load_rules(path: Path = DEFAULT_RULES) -> Rules:
    """Read and check details.yaml; ConfigError names the entry that is wrong."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the re-identification rules ({type(exc).__name__})", path) from None
    top = _keys(path, "top level", raw, _TOP_KEYS, _TOP_KEYS)
    scoring = _keys(path, "scoring", top["scoring"], _SCORING_KEYS, _SCORING_KEYS)
    streets = [str(s) for s in top["street_types"]]
    stray = sorted(set(streets) - set(STREET_TYPES))
    if stray:
        raise ConfigError(f"street_types: {stray} are not street types of recognizers/address.py", path)
    brands = {str(k): str(v) for k, v in _keys(path, "brands", top["brands"], set(top["brands"]), set()).items()}
    fill = {
        "street_type": alternation(streets),
        "month": MONTH_PATTERN,
        "brand": alternation(brands),
        "number": _NUMBER,
    }
    kinds = []
    for name, entry in top["kinds"].items():
        entry = _keys(path, f"kinds.{name}", entry, _KIND_KEYS, _KIND_KEYS)
        patterns = []
        for n, p in enumerate(entry["patterns"], start=1):
            where = f"kinds.{name} pattern {n}"
            p = _keys(path, where, p, _PATTERN_KEYS, {"regex"})
            if ("as" in p) == ("rule" in p):
                raise ConfigError(f"{where}: give exactly one of 'as' and 'rule'", path)
            if "rule" in p and p["rule"] not in RULES:
                raise ConfigError(f"{where}: unknown rule {p['rule']!r} (one of {', '.join(RULES)})", path)
            source = str(p["regex"])
            for field, value in fill.items():
                source = source.replace("{" + field + "}", value)
            try:
                regex = re.compile(source)
            except re.error as exc:
                raise ConfigError(f"{where}: not a regular expression ({exc.msg})", path) from None
            patterns.append(DetailPattern(regex, p.get("as"), p.get("rule")))
        kinds.append(Kind(str(name), str(entry["description"]), float(entry["weight"]), tuple(patterns)))
    return Rules(
        threshold=float(scoring["threshold"]),
        min_kinds=int(scoring["min_kinds"]),
        repeat_weight=float(scoring["repeat_weight"]),
        kinds=tuple(kinds),
        brands=brands,
        occupations={str(k): str(v) for k, v in top["occupations"].items()},
        default_occupation=str(top["default_occupation"]),
        leading_stop_words=frozenset(map(str, top["leading_stop_words"])),
        occupation_stop_words=frozenset(map(str, top["occupation_stop_words"])),
    )
