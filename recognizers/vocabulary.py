"""The one vocabulary of role, relationship and cue words, loaded from data/vocabulary.yaml.

Every module that needs these words reads them from here, so a word added once is known to
the recognizers, resolve, decide and the evaluation alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from pipeline.errors import ConfigError

VOCABULARY_FILE = Path(__file__).parent / "data" / "vocabulary.yaml"
_KEYS = {"staff_role_codes", "staff_roles", "relationships", "supervised_individual_cues", "victim_cues"}


@dataclass(frozen=True)
class Vocabulary:
    """Cue words by kind (lower case)."""

    staff_role_codes: MappingProxyType  # role code -> {"label": prefix, "gist": words}
    staff_roles: MappingProxyType  # word -> role code
    relationships: MappingProxyType  # word -> relationship label
    supervised_individual_cues: tuple[str, ...]
    victim_cues: tuple[str, ...]


def load_vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """Read and check the vocabulary file; a broken file is a ConfigError, never a fallback."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path.name}: cannot be read ({type(exc).__name__})") from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{path.name}: expected a mapping at the top level")
    unknown = set(raw) - _KEYS
    missing = _KEYS - set(raw)
    if unknown or missing:
        raise ConfigError(f"{path.name}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    for key in ("staff_roles", "relationships"):
        if not isinstance(raw[key], dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw[key].items()):
            raise ConfigError(f"{path.name}: '{key}' must map words to codes")
    codes = raw["staff_role_codes"]
    if not isinstance(codes, dict) or not all(
        isinstance(c, str) and isinstance(v, dict) and set(v) == {"label", "gist"} and all(isinstance(s, str) for s in v.values())
        for c, v in codes.items()
    ):
        raise ConfigError(f"{path.name}: 'staff_role_codes' must map codes to a label and a gist")
    unknown_codes = sorted(set(raw["staff_roles"].values()) - set(codes))
    if unknown_codes:
        raise ConfigError(f"{path.name}: 'staff_roles' names codes not in 'staff_role_codes': {unknown_codes}")
    for key in ("supervised_individual_cues", "victim_cues"):
        if not isinstance(raw[key], list) or not all(isinstance(w, str) for w in raw[key]):
            raise ConfigError(f"{path.name}: '{key}' must be a list of words")
    return Vocabulary(
        staff_role_codes=MappingProxyType({c: MappingProxyType(dict(v)) for c, v in codes.items()}),
        staff_roles=MappingProxyType(dict(raw["staff_roles"])),
        relationships=MappingProxyType(dict(raw["relationships"])),
        supervised_individual_cues=tuple(raw["supervised_individual_cues"]),
        victim_cues=tuple(raw["victim_cues"]),
    )


VOCABULARY = load_vocabulary()
