"""The evaluation reads the role a label shows, so "no person given a label of another role" is measured."""

from __future__ import annotations

from pipeline.evaluation.score import _label_role
from pipeline.model import Category
from tests.pipeline.model_builders import document
from tests.pipeline.test_labels_decide import TEXT, run

ROLE = {"supervised individual": "supervised individual", "victim": "victim", "staff": "staff", "third party": "third party"}


def test_every_label_the_labeller_gives_reads_as_its_role():
    doc = document(*TEXT)
    res, decisions, _ = run(doc)
    seen = set()
    for d in decisions:
        if d.category is Category.NAME and d.person:
            role = res.people[d.person].role.value
            assert _label_role(d.label) == ROLE[role], (d.label, role)
            seen.add(role)
    assert seen == set(ROLE)


def test_category_boxes_are_no_role():
    assert _label_role("[name removed]") is None
    assert _label_role("Head of PDU 1") == "staff" and _label_role("Professional 3") == "staff"
