import pytest

from pipeline.detect import detect
from tests.pipeline.model_builders import document


def test_explanations_keep_the_recognizers_reasons_and_no_text(engine):
    doc = document('His partner, Jade Winterbourne, and Bill Preda (known as "Smudge") met the PP on 3 May 2023.')
    found = {d.text: d for d in detect(doc, engine)}
    assert "relationship cue: partner" in found["Jade Winterbourne"].explanation
    assert "alias cue" in found["Smudge"].explanation
    for d in found.values():
        assert d.text not in d.explanation


def test_chronology_dates_and_agencies_are_not_detected(engine):
    doc = document("On 12 March 2023 MAPPA and the Probation Service met at Leeds Crown Court.")
    assert [d.text for d in detect(doc, engine)] == []


def test_an_entity_without_a_policy_stops_the_engine_at_start_up():
    from pipeline.detect.engine import check_policies
    from pipeline.errors import ConfigError

    check_policies(["PERSON", "UK_CRN", "MEDICAL"])
    with pytest.raises(ConfigError, match="NEW_THING"):
        check_policies(["PERSON", "UK_CRN", "NEW_THING"])


def test_every_registered_entity_has_a_policy():
    from pipeline.categories import ENTITY_TREATMENT, PRIORITY
    from recognizers.registry import ENTITY_TYPES

    assert sorted(e for e in ENTITY_TYPES if e != "PERSON" and (e not in ENTITY_TREATMENT or e not in PRIORITY)) == []
