"""The one vocabulary file: every staff word names a known role code, and the lists agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.case import STAFF_ROLES
from pipeline.decide.labels import STAFF_GIST, STAFF_LABEL_PREFIX
from pipeline.errors import ConfigError
from recognizers.relationship_name import RELATIONSHIP_CUES
from recognizers.vocabulary import VOCABULARY, VOCABULARY_FILE, load_vocabulary


def test_staff_role_tables_come_from_one_list() -> None:
    assert tuple(STAFF_LABEL_PREFIX) == tuple(STAFF_GIST) == STAFF_ROLES == tuple(VOCABULARY.staff_role_codes)


def test_every_relationship_the_recognizer_finds_has_a_role() -> None:
    # A relative the recognizer finds but resolve cannot place would be labelled as nobody.
    known = set(VOCABULARY.relationships) | set(VOCABULARY.victim_cues)
    assert set(RELATIONSHIP_CUES) <= known


def test_a_staff_word_with_an_unknown_code_is_a_config_error(tmp_path: Path) -> None:
    text = VOCABULARY_FILE.read_text(encoding="utf-8").replace("  pp: PP\n", "  pp: PPX\n")
    broken = tmp_path / "vocabulary.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="PPX"):
        load_vocabulary(broken)
