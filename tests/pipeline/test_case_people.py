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


def test_two_leaked_forms_of_one_place_are_both_placed():
    """'Penwarden' and 'PENWARDEN' both match a footer's capitals; placing one places both
    (the release check refused a hand-written action plan when the second found its only
    place already taken by the first)."""
    from pipeline.model import Action, Category, Decision
    from pipeline.verify.gate import locate_fixes
    from pipeline.verify.needles import name_needle

    plan = document("Owner: Jo Penwarden.", "Action plan – PENWARDEN – page 1")
    units = list(plan.units)
    existing = [Decision(units[0], 7, 19, "Jo Penwarden", Category.NAME, Action.ANONYMISE, "KT", "name of the supervised individual", "test", 1.0, "test", "jo penwarden", "PERSON")]
    leaked = [name_needle("Penwarden", person="jo penwarden", label="KT"), name_needle("PENWARDEN", person="jo penwarden", label="KT")]
    new, unplaced = locate_fixes(plan, existing, leaked)
    assert unplaced == []
    assert [(d.unit_id, d.text, d.label) for d in new] == [(units[1], "PENWARDEN", "KT")]


def test_a_withheld_phrase_found_again_elsewhere_is_placed_not_refused():
    """A staff circumstance withheld in one paragraph and left in another: the draft check's
    needle from the decision carries its entity, and the release check places the second
    copy with the first's category (it refused a generated 40-page review: the needle's
    entity "" never equalled the decision's)."""
    from pipeline.model import Action, Category, Decision
    from pipeline.resolve import Resolution
    from pipeline.verify.gate import RELEASE_CHECK, locate_fixes
    from pipeline.verify.needles import needles_for

    review = document("PP2 said she was unwell with stress.", "The review found she was unwell with stress in March.")
    units = list(review.units)
    first = Decision(units[0], 13, 36, "was unwell with stress", Category.STAFF_CIRCUMSTANCES, Action.WITHHOLD, "[staff personal circumstances]", "staff personal circumstances", "StaffCircumstanceRecognizer", 0.8, "test", None, "STAFF_CIRCUMSTANCE")
    leaked = [n for n in needles_for(Resolution(people={}, mentions=[], others=[]), [first], review) if n.category == Category.STAFF_CIRCUMSTANCES.value]
    assert [n.entity for n in leaked] == ["STAFF_CIRCUMSTANCE"]
    new, unplaced = locate_fixes(review, [first], leaked)
    assert unplaced == []
    assert [(d.unit_id, d.text, d.category, d.recognizer) for d in new] == [(units[1], "was unwell with stress", Category.STAFF_CIRCUMSTANCES, RELEASE_CHECK)]


def test_a_word_a_draft_reader_parted_from_its_footnote_mark_is_placed():
    """The document's reader joins a footnote letter to the word ("levothyroxinej"); a reader
    of the draft parts them and finds the medical term. It is placed over the word, not the
    mark, instead of refusing the document; a word merely starting with it stays."""
    from pipeline.model import Action, Category, Decision
    from pipeline.verify import Needle
    from pipeline.verify.gate import locate_fixes

    review = document("He was given levothyroxine daily.", "Consider levothyroxinej therapy.", "Levothyroxineless regimes.")
    units = list(review.units)
    first = Decision(units[0], 13, 26, "levothyroxine", Category.MEDICAL, Action.WITHHOLD, "[medical information]", "medical information", "MedicalRecognizer", 0.8, "test", None, "MEDICAL")
    new, unplaced = locate_fixes(review, [first], [Needle("levothyroxine", Category.MEDICAL.value, entity="MEDICAL")])
    assert unplaced == []
    assert [(d.unit_id, d.start, d.end) for d in new] == [(units[1], 9, 22)]


def test_forms_of_initials_only_are_not_needles():
    from pipeline.verify.needles import name_forms

    forms = name_forms(["Yamashita H"])
    assert "Yamashita" in forms and "Yamashita H" in forms
    assert not {"Y H", "Y. H"} & forms
    assert "王伟" in name_forms(["王伟"])
    assert not {"H RI", "H Ri", "H. RI"} & name_forms(["Haddad RI"])
    assert {"Li Wu", "J Ng"} <= name_forms(["Li Wu"]) | name_forms(["Jo Ng"])


def test_a_term_found_only_inside_a_longer_word_is_no_leak():
    from pipeline.verify import Needle, find_leaks

    needle = Needle("radiotherapy", "medical")
    assert not find_leaks(["Concurrent chemoradiotherapy is an option."], [needle])
    assert find_leaks(["He had r a d i o t h e r a p y last year."], [needle])
    assert find_leaks(["He had radio therapy last year."], [needle])


def test_a_word_a_draft_reader_parted_in_two_is_placed_on_its_page_only():
    """PyMuPDF reads "Cooperative" (drawn in two pieces) as one word; a reader of the draft
    parts it, "Cooper ative", and finds a detected surname. Placed at the start of the word
    on the page it was found on, not on every page with "Cooperative"."""
    from pipeline.model import Action, Category, Decision, Provenance, Source, TextUnit
    from pipeline.verify.gate import locate_fixes
    from pipeline.verify.needles import name_needle

    units = {
        "p1-b1": TextUnit("p1-b1", "3. Cooper DS, Doherty GM.", Provenance(Source.BODY, page=1)),
        "p2-b1": TextUnit("p2-b1", "The Cooperative Study Group.", Provenance(Source.BODY, page=2)),
        "p3-b1": TextUnit("p3-b1", "A Cooperative trial.", Provenance(Source.BODY, page=3)),
    }
    review = document("x")
    review.units.clear()
    review.units.update(units)
    first = Decision("p1-b1", 3, 9, "Cooper", Category.NAME, Action.ANONYMISE, "Third party 1", "name of a third party", "NameVariant", 1.0, "test", "cooper d", "PERSON")
    needle = name_needle("Cooper", person="cooper d", label="Third party 1")
    new, unplaced = locate_fixes(review, [first], [needle], {needle: 2})
    assert unplaced == []
    assert [(d.unit_id, d.text) for d in new] == [("p2-b1", "Cooper")]
    # without the page, nothing is placed inside a longer word: refused
    assert locate_fixes(review, [first], [needle])[1] == [needle]


def test_short_forms_of_a_longer_name_are_not_needles():
    from pipeline.verify.needles import name_forms

    assert not {"H Ri", "H RI"} & name_forms(["Haddad RI", "Haddad Ri"])
    assert "J Ng" in name_forms(["Jo Ng"])
