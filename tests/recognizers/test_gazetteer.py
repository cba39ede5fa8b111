"""Term files and the trie-shaped alternation built from them."""

from __future__ import annotations

import pytest
import regex as re

from pipeline.errors import ConfigError
from recognizers.gazetteer import load_sections, load_terms, normalise_term, trie_regex


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bipolar affective disorder", ["bipolar affective disorder"]),
        ("bipolar disorders", ["bipolar"]),
        ("self-harm and self harm", ["self-harm", "self harm"]),
        ("Crohn’s disease", ["Crohn’s disease"]),
        ("BIPOLAR", ["BIPOLAR"]),
        ("unipolar", []),
    ],
)
def test_trie_matches_longest_whole_term(text, expected):
    terms = ["bipolar", "bipolar affective disorder", "self-harm", "Crohn's disease"]
    pattern = re.compile(r"(?<![\w])(?:" + trie_regex(terms) + r")(?![\w])", re.IGNORECASE)
    assert [m.group(0) for m in pattern.finditer(text)] == expected


def test_case_sensitive_trie():
    pattern = re.compile(r"\b(?:" + trie_regex(["Send", "Ford"], case_sensitive=True) + r")\b")
    assert [m.group(0) for m in pattern.finditer("to send to Send via Ford")] == ["Send", "Ford"]


def test_normalise_term():
    assert normalise_term("Self-Harm") == normalise_term("self  harm") == "self harm"


def test_load_sections_and_terms(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# comment\n[a]\none  # trailing\n\n[b]\ntwo\n", encoding="utf-8")
    assert load_sections(path) == {"a": ["one"], "b": ["two"]}
    assert load_terms(path) == ["[a]", "one", "[b]", "two"]


def test_term_before_section_is_a_config_error(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("orphan\n[a]\none\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1"):
        load_sections(path)


def test_missing_list_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_terms(tmp_path / "absent.txt")
