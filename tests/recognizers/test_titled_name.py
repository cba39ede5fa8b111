"""PERSON: title + name (span covers title and name)."""

from __future__ import annotations

import pytest
from faker import Faker

from recognizers.titled_name import TitledNameRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return TitledNameRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("Mr O'Connor was arrested", 1, [(0, 11)]),
        ("MR DANIEL O'CONNOR WAS ARRESTED", 1, [(0, 18)]),
        ("Ms Hughes's car", 1, [(0, 9)]),
        ("Ms Hughes' car", 1, [(0, 9)]),
        ('Mrs Smith-Jones.', 1, [(0, 15)]),
        ('Dr. Patel and Mx Lee', 2, [(0, 9), (14, 20)]),
        ('Miss MacLeod met Mr McDonald', 2, [(0, 12), (17, 28)]),
        ("Ms D'Souza", 1, [(0, 10)]),
        ('Mr J. Smith', 1, [(0, 11)]),
        ('It was Mr Smith. The PP left', 1, [(7, 15)]),
        ('Mrs', 0, []),
        ('mr smith', 0, []),
        ('Mr. the', 0, []),
        ('MAPPA and OASys', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


def test_faker_names(recognizer):
    fake = Faker("en_GB")
    fake.seed_instance(20261126)
    for _ in range(50):
        title = fake.random_element(["Mr", "Mrs", "Ms", "Miss", "Dr", "Mx", "Mr."])
        name = f"{fake.first_name()} {fake.last_name()}"
        text = f"On 3 May {title} {name} attended the appointment."
        results = recognizer.analyze(text, ["PERSON"])
        assert [text[r.start : r.end] for r in results] == [f"{title} {name}"]
