"""The recognizer registry: the YAML loads, broken YAML fails loudly, all is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.errors import ConfigError
from recognizers.registry import DEFAULT_CONFIG, ENTITY_TYPES, load_recognizers

README = Path(__file__).resolve().parents[2] / "recognizers" / "README.md"


def _entries() -> list[dict]:
    return yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))["recognizers"]


def test_loads_every_yaml_entry():
    entries = _entries()
    loaded = load_recognizers()
    enabled = [e for e in entries if e["enabled"]]
    assert len(loaded) == len(enabled) == len(entries)
    assert [type(r).__name__ for r in loaded] == [e["class"].rsplit(".", 1)[1] for e in enabled]


def test_every_entity_type_has_a_recognizer_and_nothing_else_is_reported():
    reported = {entity for r in load_recognizers() for entity in r.supported_entities}
    assert reported == set(ENTITY_TYPES)
    assert not any(entity.startswith("US_") for entity in reported)


def test_every_yaml_entry_is_documented_in_readme():
    readme = README.read_text(encoding="utf-8")
    for entry in _entries():
        module, _, class_name = entry["class"].rpartition(".")
        if module.startswith("recognizers."):
            assert f"`{module.split('.', 1)[1]}.py`" in readme, module
        assert class_name in readme, class_name
    for entity in ENTITY_TYPES:
        assert f"| {entity} |" in readme, entity


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "recognizers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


POLICY = '    policy:\n      UK_CRN: {category: identifier, label: "[CRN]", gist: "CRN", action: Withhold, priority: 5}\n'
GOOD_ENTRY = "  - class: recognizers.crn.CrnRecognizer\n    enabled: true\n" + POLICY


@pytest.mark.parametrize(
    "text, message",
    [
        ("recognizers:\n" + GOOD_ENTRY + "extra: 1\n", "unknown top-level key"),
        ("recognizers:\n" + GOOD_ENTRY + "    colour: red\n", "entry 1 (recognizers.crn.CrnRecognizer): unknown key"),
        ("recognizers:\n  - class: recognizers.nope.Missing\n    enabled: true\n", "entry 1 (recognizers.nope.Missing): cannot import"),
        ("recognizers:\n  - class: recognizers.crn.Missing\n    enabled: true\n", "has no class Missing"),
        ("recognizers:\n  - class: pathlib.Path\n    enabled: true\n", "not a Presidio EntityRecognizer"),
        ("recognizers:\n" + GOOD_ENTRY + "    params: {colour: red}\n", "entry 1 (recognizers.crn.CrnRecognizer): bad params"),
        ("recognizers:\n" + GOOD_ENTRY + "    params: [1, 2]\n", "'params' must be a mapping"),
        ("recognizers:\n  - class: recognizers.crn.CrnRecognizer\n    enabled: yes please\n", "'enabled' must be true or false"),
        ("recognizers:\n  - class: recognizers.crn.CrnRecognizer\n", "'enabled' must be true or false"),
        ("recognizers:\n  - enabled: true\n", "'class' must be a dotted path"),
        ("recognizers:\n" + GOOD_ENTRY + "  - just a string\n", "entry 2: expected a mapping"),
        ("recognizers: []\n", "non-empty list"),
        ("recognizers:\n  - class: recognizers.crn.CrnRecognizer\n    enabled: true\n", "no policy in any entry: UK_CRN"),
        ("recognizers:\n" + GOOD_ENTRY.replace("priority: 5", "priority: 5, colour: red"), "unknown key(s) ['colour']"),
        ("recognizers:\n" + GOOD_ENTRY.replace(", priority: 5", ""), "missing key(s) ['priority']"),
        ("recognizers:\n" + GOOD_ENTRY.replace("identifier", "secret"), "category must be one of"),
        ("recognizers:\n" + GOOD_ENTRY.replace("Withhold", "Shred"), "action one of"),
        ("recognizers:\n" + GOOD_ENTRY.replace("priority: 5", "priority: high"), "priority must be a whole number"),
        ("recognizers:\n" + GOOD_ENTRY + GOOD_ENTRY, "the policy for UK_CRN is declared twice"),
        ("recognizers:\n" + GOOD_ENTRY.replace("{category", "[category").replace("5}", "5]"), "UK_CRN: expected a mapping"),
        ("- a list at the top\n", "expected a mapping"),
        ("recognizers:\n  - class: [unclosed\n", "not valid YAML"),
        (
            "recognizers:\n  - class: presidio_analyzer.predefined_recognizers.UsSsnRecognizer\n    enabled: true\n",
            "entities with no policy in any entry: US_SSN",
        ),
        (
            "recognizers:\n  - class: presidio_analyzer.predefined_recognizers.SpacyRecognizer\n    enabled: true\n",
            "entities with no policy in any entry",
        ),
    ],
)
def test_broken_yaml_raises_config_error(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_recognizers(path)
    assert message in str(raised.value)
    assert raised.value.path == path
    assert str(raised.value).startswith("recognizers.yaml: ")


def test_missing_file_raises_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_recognizers(tmp_path / "absent.yaml")


def test_disabled_entries_are_not_loaded_but_still_validated(tmp_path):
    path = _write(
        tmp_path,
        "recognizers:\n" + GOOD_ENTRY + "  - class: recognizers.pnc.PncRecognizer\n    enabled: false\n",
    )
    assert [type(r).__name__ for r in load_recognizers(path)] == ["CrnRecognizer"]
    broken = _write(tmp_path, "recognizers:\n" + GOOD_ENTRY + "  - class: recognizers.nope.X\n    enabled: false\n")
    with pytest.raises(ConfigError, match="entry 2"):
        load_recognizers(broken)


def test_params_reach_the_constructor(tmp_path):
    path = _write(tmp_path, "recognizers:\n" + GOOD_ENTRY + "    params: {name: CrnFromYaml}\n")
    assert load_recognizers(path)[0].name == "CrnFromYaml"
