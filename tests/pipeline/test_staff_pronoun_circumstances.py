"""A circumstance told of a pronoun is removed only when the pronoun stands for staff.

Invented people. The recognizer finds "She had recently separated from her husband"
wherever it stands; resolve decides whose it is from the people named before it.
"""

from __future__ import annotations

import pytest

from pipeline.detect import detect
from pipeline.resolve import resolve
from tests.pipeline.model_builders import document


@pytest.fixture(scope="module")
def engine():
    from pipeline.detect.engine import get_engine

    return get_engine()


@pytest.mark.parametrize(
    "text, removed",
    [
        # a named member of staff, then the pronoun
        ("Sam Price was the practitioner. Sam Price wrote the plan in May. She had recently separated from her husband.", True),
        # another role named after the name may be whom the pronoun means: not removed as staff
        ("Sam Price was the practitioner. Sam Price spoke to the supervised individual by telephone; he said he was unwell.", False),
        ("The SPO, Ms Ann Lee, met Mr John Carter on 3 May. She was caring for her elderly mother.", True),
        # the title rules out the nearer man; the woman named before him is staff
        ("Ms Ann Lee, the PP, wrote to Mr John Carter. She was going through a divorce at the time.", True),
        # a role word opening the sentence before is the antecedent when no name is nearer
        ("The PP had a caseload of 60. Her father died in the spring of 2022.", True),
        ("The PP told me she had been struggling with her own mental health.", True),
        ("The PP saw the supervised individual in May. He said his father had died.", False),
        ("Sam Price wrote the plan. The PP spoke to the SI by telephone; he said he was unwell.", False),
        # the supervised individual's own circumstances stay with the medical rules, not here
        ("Mr John Carter, the supervised individual, missed appointments. He was going through a divorce at the time.", False),
        ("Mr John Carter was recalled in March. Nobody had told him. He had recently separated from his wife.", False),
    ],
)
def test_circumstance_follows_the_pronouns_person(engine, text, removed):
    doc = document(text)
    resolution = resolve(doc, detect(doc, engine))
    entities = {d.entity for d in resolution.others}
    assert ("STAFF_CIRCUMSTANCE" in entities) is removed
    assert "STAFF_CIRCUMSTANCE_IF_STAFF" not in entities  # never reaches a decision unconfirmed
