import datetime as dt

import pytest

from pipeline.case import load_case
from pipeline.errors import CaseFileError

GOOD = """
case_id: SFO60001
supervised_individual: {name: "Ciaran O'Dowd", aliases: ["Kiki"], crn: X123456,
                        pnc: 2009/0123456A, prison_number: A1234BC, date_of_birth: 1990-04-02}
victims: [{name: "Hollie Brent"}]
staff: [{name: "Priya Okafor", role: PP}]
third_parties: [{name: "Gareth Brent", relationship: father}]
"""


def write(tmp_path, text):
    p = tmp_path / "case.yaml"
    p.write_text(text)
    return p


def test_good_case_file(tmp_path):
    case = load_case(write(tmp_path, GOOD))
    assert case.case_id == "SFO60001"
    assert case.supervised_individual.name == "Ciaran O'Dowd"
    assert case.supervised_individual.aliases == ("Kiki",)
    assert case.supervised_individual.date_of_birth == dt.date(1990, 4, 2)
    assert case.staff[0].role == "PP"
    assert case.third_parties[0].relationship == "father"
    assert case.identifiers() == ["X123456", "2009/0123456A", "A1234BC"]


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("case_id: SFO60001\nvictim: [{name: A B}]\n", "unknown key(s) victim"),
        ("case_id: 60001\n", "case_id must be SFO"),
        ("staff: [{name: Jo Bloggs}]\n", "needs a role"),
        ("staff: [{name: Jo Bloggs, role: Boss}]\n", "role must be one of"),
        ("victims: [{nom: Jo}]\n", "unknown key(s) nom"),
        ("victims: {name: Jo}\n", "victims must be a list"),
        ("supervised_individual: {name: Jo Bloggs, crn: 123}\n", "crn is not in the expected form"),
        ("supervised_individual: {name: Jo Bloggs, date_of_birth: 2/4/90}\n", "date_of_birth must be a date"),
        ("supervised_individual: {crn: X123456}\n", "needs a name"),
        ("- just\n- a list\n", "must be a mapping"),
        ("case_id: [unclosed\n", "not valid YAML at line"),
    ],
)
def test_bad_case_files_are_refused_with_a_reason(tmp_path, text, fragment):
    with pytest.raises(CaseFileError) as info:
        load_case(write(tmp_path, text))
    assert fragment in str(info.value)
    assert "case.yaml" in str(info.value)


def test_missing_case_file(tmp_path):
    with pytest.raises(CaseFileError, match="not found"):
        load_case(tmp_path / "nope.yaml")


def test_error_never_quotes_a_name(tmp_path):
    with pytest.raises(CaseFileError) as info:
        load_case(write(tmp_path, "supervised_individual: {name: Zebedee Quarrington, crn: nope}\n"))
    assert "Quarrington" not in str(info.value)
