"""The re-identification check: details found, attributed to the right person, combinations scored."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.evaluation.reidentification import planted_document
from pipeline.model import Action, Category, Decision
from pipeline.reidentify import CaseDocument, find_details, reidentify
from pipeline.reidentify.rules import DEFAULT_RULES, load_rules
from tests.pipeline.model_builders import document


@pytest.mark.parametrize(
    ("text", "kind", "detail", "generalisation"),
    [
        ("She was aged 17 at the time.", "age", "aged 17", "in their late teens"),
        ("He was a 34-year-old man then.", "age", "a 34-year-old man", "a man in his thirties"),
        ("He lived on Wigan Road.", "small_place", "Wigan Road", "a local street"),
        ("On Larkspur Close she was well known.", "small_place", "Larkspur Close", "a local street"),
        ("She worked at the Tesco on Wigan Road.", "workplace", "the Tesco on Wigan Road", "a supermarket"),
        ("He drank at the Red Lion.", "workplace", "the Red Lion", "a pub"),
        ("He was employed by Hargreaves Logistics Ltd.", "workplace", "Hargreaves Logistics Ltd", "a logistics firm"),
        ("She attended Oakfield Academy.", "school", "Oakfield Academy", "a school"),
        ("He works as a scaffolder for his uncle.", "occupation", "a scaffolder", "a tradesperson"),
        ("She is a mother of three.", "family", "a mother of three", "a parent"),
        ("He married on 14 March 2015.", "date", "on 14 March 2015", "in 2015"),
        ("He won a regional boxing championship.", "event", "won a regional boxing championship", "[a distinctive event]"),
    ],
)
def test_each_kind_of_detail_is_found_with_its_generalisation(text, kind, detail, generalisation):
    found = [f for f in find_details(text) if f.kind == kind]
    assert [(text[f.start : f.end], f.generalisation) for f in found] == [(detail, generalisation)]


@pytest.mark.parametrize(
    "text",
    [
        "The case was discussed at the MAPPA meeting in Leigh.",  # a town is kept, not a small place
        "He appeared at Wigan Crown Court in March 2022.",  # a court is not a street
        "The review was completed on 14 March 2023.",  # a chronology date is kept
        "He had three appointments in two weeks.",
    ],
)
def test_ordinary_review_text_holds_no_detail(text):
    assert find_details(text) == []


def test_a_detail_already_redacted_is_not_counted_again():
    text = "He lived at 14 Wigan Road."
    assert find_details(text, blocked=[(13, 25)]) == []


def _case(*paragraphs: str, people: dict[str, str]) -> CaseDocument:
    doc = document(*paragraphs)
    decisions = []
    for uid, unit in doc.units.items():
        for name, label in people.items():
            start = unit.text.find(name)
            while start >= 0:
                decisions.append(Decision(uid, start, start + len(name), name, Category.NAME, Action.ANONYMISE, label,
                                          "name of a third party", "test", 1.0, "test", person=label.lower(), entity="PERSON"))
                start = unit.text.find(name, start + 1)
    return CaseDocument("test.redacted.pdf", doc, sorted(decisions, key=lambda d: (d.unit_id, d.start)))


PEOPLE = {"Tamsin Orrell": "Partner 1", "Gideon Vasquez-Lowe": "Friend 1", "Marek Halloran": "Brother 1"}


def test_a_combination_for_one_person_is_flagged_through_pronouns():
    case = _case(
        "Tamsin Orrell, aged 17, lived on Wigan Road.",
        "She attended Oakfield Academy. Gideon Vasquez-Lowe was present.",
        people=PEOPLE,
    )
    flags = reidentify([case])
    assert [f.person for f in flags] == ["Partner 1"]
    assert {d.kind for d in flags[0].details} == {"age", "small_place", "school"}


def test_the_same_details_spread_over_three_people_flag_no_one():
    case = _case(
        "Tamsin Orrell, aged 17, was at home.",
        "Gideon Vasquez-Lowe lived on Wigan Road. Marek Halloran attended Oakfield Academy.",
        people=PEOPLE,
    )
    assert reidentify([case]) == []


def test_a_detail_before_the_name_in_its_sentence_goes_to_that_person():
    case = _case(
        "Tamsin Orrell, aged 17, was at home. Wigan Road was where Marek Halloran lived, and Marek Halloran attended Oakfield Academy.",
        people=PEOPLE,
    )
    flags = reidentify([case])
    assert [f.person for f in flags] == ["Brother 1"]


def test_every_place_of_a_flagged_detail_is_listed():
    case = _case("Tamsin Orrell, aged 17, lived on Wigan Road and attended Oakfield Academy.", "Wigan Road was closed.", people=PEOPLE)
    [flag] = reidentify([case])
    street = next(d for d in flag.details if d.kind == "small_place")
    assert [p.unit_id for p in street.places] == ["u0001", "u0002"]


def test_the_generator_plants_one_combination_and_spreads_the_rest():
    planted = planted_document(16_001)
    flags = {f.person for f in reidentify([planted.document])}
    assert planted.planted in flags
    assert not flags & set(planted.others)


def test_broken_rules_are_refused_on_load(tmp_path: Path):
    text = DEFAULT_RULES.read_text(encoding="utf-8").replace("min_kinds: 2", "min_kinds: 2\n  minimum: 3")
    path = tmp_path / "details.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="minimum"):
        load_rules(path)
    path.write_text(DEFAULT_RULES.read_text(encoding="utf-8").replace("street_types: [Road", "street_types: [Roadway"), encoding="utf-8")
    with pytest.raises(ConfigError, match="street types"):
        load_rules(path)
