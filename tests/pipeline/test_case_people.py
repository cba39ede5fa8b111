"""A name one document of a case gave is looked for in the others (import_case_people).

Invented people. The review names "Amber Gayle" with her role; the action plan has her in a
table cell detection does not read as a name, and "Amber" as a RAG rating.
"""

from __future__ import annotations

from pipeline.model import Person, Role
from pipeline.resolve import Resolution
from pipeline.verify.gate import CASE_PEOPLE, import_case_people
from tests.pipeline.model_builders import document


def _staff() -> Person:
    return Person(key="amber gayle", canonical="Amber Gayle", variants={"Amber Gayle"}, role=Role.STAFF, staff_role="HoPDU", role_source="context: 'head of pdu' beside the name")


def test_a_full_name_from_another_document_is_found_and_a_single_word_is_not():
    plan = document("Owner: Amber Gayle, by 26 November 2022.", "Status: Amber", "GAYLE, Amber signed the plan.")
    resolution = Resolution(people={}, mentions=[], others=[])
    assert import_case_people(plan, resolution, [_staff()]) == 1
    found = sorted((m.unit_id, m.text) for m in resolution.mentions)
    units = list(plan.units)
    assert found == [(units[0], "Amber Gayle"), (units[2], "GAYLE, Amber")]
    assert all(m.recognizer == CASE_PEOPLE for m in resolution.mentions)
    assert resolution.people["amber gayle"].role is Role.STAFF


def test_a_person_the_document_already_has_is_not_imported_twice():
    plan = document("Owner: Amber Gayle.")
    resolution = Resolution(people={"amber gayle": _staff()}, mentions=[], others=[])
    assert import_case_people(plan, resolution, [_staff()]) == 0
    assert resolution.mentions == []


def test_a_name_named_nowhere_here_adds_no_one():
    plan = document("Owner: the Head of PDU.")
    resolution = Resolution(people={}, mentions=[], others=[])
    assert import_case_people(plan, resolution, [_staff()]) == 0
    assert resolution.people == {}
