"""Term lists kept as data files beside the recognizers, compiled to one trie-shaped regex.

A file has `[section]` headers and one term per line; `#` starts a comment. Matching is
one pass of one regex whose alternation is factored as a trie, so its cost does not grow
with the number of terms tried at each position (no loop of regexes per term).
"""

from __future__ import annotations

from pathlib import Path

import regex as re

from pipeline.errors import ConfigError

DATA_DIR = Path(__file__).with_name("data")

# Spaces and hyphens in a term match either ("self-harm", "self harm");
# apostrophes match the typographic one too ("Crohn’s").
_SPACE = r"[\s\-]"
_APOSTROPHE = r"['’]"


def normalise_term(text: str) -> str:
    """Key used to look a matched text up in a gazetteer: lower case, single spaces."""
    text = text.lower().replace("’", "'")
    return " ".join(re.split(r"[\s\-]+", text.strip()))


def load_sections(path: Path) -> dict[str, list[str]]:
    """Read a sectioned term file into {section: [terms]}, keeping file order."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read term list ({exc.strerror})", path) from None
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
            sections.setdefault(current, [])
        elif current is None:
            raise ConfigError(f"line {number}: term before any [section] header", path)
        else:
            sections[current].append(line)
    return sections


def load_terms(path: Path) -> list[str]:
    """Read a plain term file: one term per line, `#` comments, no sections."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read term list ({exc.strerror})", path) from None
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


def trie_regex(terms: list[str], case_sensitive: bool = False) -> str:
    """Return a regex alternation of `terms`, factored as a trie (longest match first).

    Terms are keyed by `normalise_term` unless `case_sensitive`; the caller adds the
    word boundaries and flags.
    """
    trie: dict = {}
    for term in terms:
        key = " ".join(re.split(r"[\s\-]+", term.strip().replace("’", "'")))
        if not case_sensitive:
            key = key.lower()
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _char_regex(char: str) -> str:
    if char == " ":
        return _SPACE
    if char == "'":
        return _APOSTROPHE
    return re.escape(char)


def _node_regex(node: dict) -> str:
    ends_here = "" in node
    branches = [_char_regex(char) + _node_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Greedy optional: the longer term is tried first, the shorter one is the fallback.
        return "(?:" + body + ")?"
    return body
