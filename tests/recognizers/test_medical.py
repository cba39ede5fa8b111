"""MEDICAL: specific health facts; services and processes stay."""

from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from recognizers.gazetteer import load_sections
from recognizers.medical import MEDICAL_TERMS, MedicalRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return MedicalRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('diagnosed with paranoid schizophrenia', 1, [(15, 37)]),
        ('bipolar affective disorder and PTSD', 2, [(0, 26), (31, 35)]),
        ('emotionally unstable personality disorder', 1, [(0, 41)]),
        ('type 2 diabetes, ADHD', 2, [(0, 15), (17, 21)]),
        ('HIV positive; chlamydia', 2, [(0, 12), (14, 23)]),
        ('she was 20 weeks pregnant', 1, [(8, 25)]),
        ('she was pregnant and later had a miscarriage', 2, [(8, 16), (33, 44)]),
        ('olanzapine 10mg', 1, [(0, 15)]),
        ('prescribed sertraline 50 mg daily', 1, [(0, 27)]),
        ('on a methadone script', 1, [(5, 21)]),
        ('sectioned under the Mental Health Act', 1, [(0, 37)]),
        ('admitted to hospital following an overdose', 1, [(0, 42)]),
        ('history of self-harm and a suicide attempt', 2, [(11, 20), (27, 42)]),
        ('referred to mental health services for a mental health assessment', 0, []),
        ('his GP and the substance misuse service', 0, []),
        ('the drug and alcohol team', 0, []),
        ('MAPPA, OASys, healthcare and the Probation Service', 0, []),
        ('a rehabilitation activity requirement', 0, []),
        # treatment, pregnancy and mental-state terms added for issue 12, and near misses
        ('the court asked for a psychiatric assessment', 1, [(22, 44)]),
        ('he stayed an informal patient', 1, [(13, 29)]),
        ('born by caesarean in the neonatal unit', 2, [(8, 17), (25, 38)]),
        ('admitted to intensive care; thought disorder', 2, [(12, 26), (28, 44)]),
        ('a risk assessment and the OASys assessment', 0, []),
        ('intensive supervision and a care plan', 0, []),
        ('the mental health treatment requirement', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


@pytest.mark.parametrize(
    "text, section",
    [("bipolar affective disorder", "mental health condition"), ("type 2 diabetes", "diagnosis"),
     ("olanzapine 10mg", "medication"), ("chlamydia", "sexual health"), ("miscarriage", "pregnancy"),
     ("admitted to hospital", "hospital/treatment"), ("20 weeks pregnant", "pregnancy")],
)
def test_explanation_names_the_section(recognizer, text, section):
    result, = recognizer.analyze(text, ["MEDICAL"])
    assert section in result.analysis_explanation.textual_explanation


def test_term_list_sizes():
    sections = load_sections(MEDICAL_TERMS)
    assert len(sections["medication"]) >= 50
    assert len(sections["diagnosis"]) >= 80
    assert set(sections) == {
        "diagnosis", "mental health condition", "medication", "sexual health", "pregnancy", "hospital/treatment",
        "injury",
    }


def test_list_without_medication_section_is_a_config_error(tmp_path):
    listing = tmp_path / "terms.txt"
    listing.write_text("[diagnosis]\nasthma\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="medication"):
        MedicalRecognizer(term_list=str(listing))
