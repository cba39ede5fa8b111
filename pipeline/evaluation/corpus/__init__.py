"""Synthetic SFO reviews with gold annotations, for tests, evaluation and benchmarks.

Every person, identifier and address is invented (seeded draws from Faker's locale data and
lists in `people.py`); prisons, towns and agencies are real public bodies.

    from pipeline.evaluation.corpus import generate_case, generate_corpus, load_gold
    case = generate_case(1, Path("out"), formats=("docx", "pdf"), pages=10, with_action_plan=True)
    case.gold.must_go  # what must not survive redaction, per output document
"""

from pipeline.evaluation.corpus.generate import GeneratedCase, generate_case, generate_corpus
from pipeline.evaluation.corpus.gold import Gold, GoldPerson, MustGo, MustStay, load_gold

__all__ = [
    "GeneratedCase",
    "Gold",
    "GoldPerson",
    "MustGo",
    "MustStay",
    "generate_case",
    "generate_corpus",
    "load_gold",
]
