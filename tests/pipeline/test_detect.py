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
