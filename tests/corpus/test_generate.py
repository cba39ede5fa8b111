"""The synthetic review generator: reproducible, sized as asked, and its gold true to the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest
import yaml

from pipeline.case import load_case
from pipeline.evaluation.corpus import GeneratedCase, generate_case, generate_corpus, load_gold
from pipeline.model import Category
from tests.corpus.extract import document_text, docx_visible_text, normalise, pdf_text

SEEDS = (1, 7, 42)


@pytest.fixture(scope="module", params=SEEDS)
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> GeneratedCase:
    out = tmp_path_factory.mktemp(f"case{request.param}")
    return generate_case(request.param, out, pages=5, with_action_plan=True)


def test_writes_every_output(case: GeneratedCase) -> None:
    names = {p.name for p in case.directory.iterdir()}
    assert {"case.yaml", "gold.json"} <= names
    assert set(case.reviews) == {"docx", "pdf"} and set(case.action_plans) == {"docx", "pdf"}
    for path in case.documents:
        assert path.name.startswith(case.case_id)
    assert case.reviews["docx"].name.endswith("Review.docx")
    assert sorted(case.gold.documents) == sorted(p.name for p in case.documents)


def test_every_must_go_string_is_in_its_document(case: GeneratedCase) -> None:
    texts = {p.name: document_text(p) for p in case.documents}
    missing = [
        (m.document, m.category, m.text) for m in case.gold.must_go if normalise(m.text) not in texts[m.document]
    ]
    assert not missing


def test_every_must_stay_string_is_in_the_documents(case: GeneratedCase) -> None:
    text = " ".join(document_text(p) for p in case.documents)
    missing = [(m.kind, m.text) for m in case.gold.must_stay if normalise(m.text) not in text]
    assert not missing


def test_no_must_stay_string_contains_a_must_go_string(case: GeneratedCase) -> None:
    gone = {m.text for m in case.gold.must_go}
    assert not [(s.text, g) for s in case.gold.must_stay for g in gone if g in s.text]


def test_gold_uses_pipeline_categories_and_known_people(case: GeneratedCase) -> None:
    categories = {c.value for c in Category}
    people = {p.id for p in case.gold.people}
    for item in case.gold.must_go:
        assert item.category in categories
        assert item.person is None or item.person in people
    kinds = {"practice finding", "agency", "role word", "chronology date", "town", "offence"}
    assert {s.kind for s in case.gold.must_stay} <= kinds
    assert {"practice finding", "chronology date", "agency"} <= {s.kind for s in case.gold.must_stay}


def test_gold_covers_hidden_content_and_the_removed_column(case: GeneratedCase) -> None:
    docx_name, pdf_name = case.reviews["docx"].name, case.reviews["pdf"].name
    by_doc = {name: {m.category for m in case.gold.must_go_for(name)} for name in (docx_name, pdf_name)}
    assert {"hidden content", "removed column", "name", "identifier"} <= by_doc[docx_name]
    assert "hidden content" not in by_doc[pdf_name]
    assert "removed column" in by_doc[pdf_name]
    # Deleted text and comments are in the DOCX's XML but not in what a reader sees, nor in the PDF.
    visible = docx_visible_text(case.reviews["docx"])
    pdf = pdf_text(case.reviews["pdf"])
    for item in case.gold.must_go_for(docx_name):
        if item.category == "hidden content":
            assert normalise(item.text) not in visible
            assert normalise(item.text) not in pdf


def test_people_and_mentions(case: GeneratedCase) -> None:
    roles = [p.role for p in case.gold.people]
    assert roles.count("supervised individual") == 1
    assert 1 <= roles.count("victim") <= 2
    assert 2 <= roles.count("staff") <= 5
    assert 1 <= roles.count("third party") <= 4
    names = {m.text for m in case.gold.must_go if m.category == "name"}
    for person in case.gold.people:
        assert set(person.mentions) <= names
    si = next(p for p in case.gold.people if p.role == "supervised individual")
    assert si.name in si.mentions


def test_gold_json_round_trips(case: GeneratedCase) -> None:
    assert load_gold(case.gold_file) == case.gold


def test_case_file_loads_and_names_the_gold_people(case: GeneratedCase) -> None:
    raw = yaml.safe_load(case.case_file.read_text(encoding="utf-8"))
    assert set(raw) == {"case_id", "supervised_individual", "victims", "staff", "third_parties"}
    assert isinstance(raw["supervised_individual"]["date_of_birth"], dt.date)
    named = {raw["supervised_individual"]["name"]}
    named |= {p["name"] for key in ("victims", "staff", "third_parties") for p in raw[key]}
    assert named == {p.name for p in case.gold.people}
    parsed = load_case(case.case_file)  # the pipeline's own validation accepts it
    assert parsed.case_id == case.case_id


def test_same_seed_gives_same_text_gold_and_bytes(tmp_path: Path) -> None:
    first = generate_case(3, tmp_path / "a", pages=3, with_action_plan=True)
    second = generate_case(3, tmp_path / "b", pages=3, with_action_plan=True)
    assert first.gold == second.gold
    for a, b in zip(first.documents, second.documents, strict=True):
        assert a.name == b.name
        assert document_text(a) == document_text(b)
        assert a.read_bytes() == b.read_bytes()
    assert first.case_file.read_bytes() == second.case_file.read_bytes()


def test_different_seeds_differ(tmp_path: Path) -> None:
    one = generate_case(3, tmp_path / "a", pages=3, formats=("pdf",))
    two = generate_case(4, tmp_path / "b", pages=3, formats=("pdf",))
    assert one.gold.people != two.gold.people
    assert pdf_text(one.reviews["pdf"]) != pdf_text(two.reviews["pdf"])


@pytest.mark.parametrize("pages", [3, 10, 25])
def test_pages_roughly_honoured(tmp_path: Path, pages: int) -> None:
    for seed in (5, 6):
        case = generate_case(seed, tmp_path / str(seed), pages=pages, formats=("pdf",))
        with pymupdf.open(case.reviews["pdf"]) as doc:
            assert abs(doc.page_count - pages) <= max(1, pages * 0.25), (seed, doc.page_count)


def test_formats_and_action_plan_format(tmp_path: Path) -> None:
    case = generate_case(9, tmp_path, pages=3, formats=("docx",), with_action_plan=True, action_plan_formats=("pdf",))
    assert set(case.reviews) == {"docx"} and set(case.action_plans) == {"pdf"}
    with pytest.raises(ValueError):
        generate_case(9, tmp_path, formats=("odt",))


def test_corpus_has_one_folder_per_case(tmp_path: Path) -> None:
    cases = generate_corpus(3, 11, tmp_path, pages=3, formats=("pdf",))
    assert [c.directory.name for c in cases] == ["case-000", "case-001", "case-002"]
    assert len({c.gold.seed for c in cases}) == 3
    assert all((c.directory / "gold.json").exists() for c in cases)
