"""Generating whole cases: review (DOCX and/or PDF), optional action plan, case.yaml and gold.json."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.corpus.case_facts import build_case
from pipeline.evaluation.corpus.case_file import write_case_file
from pipeline.evaluation.corpus.docx_writer import write_docx
from pipeline.evaluation.corpus.gold import Gold, Output, derive_gold
from pipeline.evaluation.corpus.model import Written
from pipeline.evaluation.corpus.pdf_writer import write_pdf
from pipeline.evaluation.corpus.review import compose_action_plan, compose_review

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class GeneratedCase:
    """What `generate_case` wrote, and the gold to score it against."""

    case_id: str
    seed: int
    directory: Path
    reviews: dict[str, Path]  # format -> path
    action_plans: dict[str, Path]  # empty unless with_action_plan
    case_file: Path
    gold_file: Path
    gold: Gold

    @property
    def documents(self) -> list[Path]:
        """Every review and action plan file written."""
        return list(self.reviews.values()) + list(self.action_plans.values())


def generate_case(
    seed: int,
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    pages: int | None = None,
    with_action_plan: bool = False,
    action_plan_formats: Sequence[str] | None = None,
) -> GeneratedCase:
    """Write one invented case into `out_dir`; the same seed and arguments give the same files.

    `pages` targets the review's length in A4 pages (about 500 words a page); None picks 3 to 15.
    `action_plan_formats` defaults to `formats`.
    """
    formats = _check_formats(formats)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    case = build_case(random.Random(seed))
    if pages is None:
        pages = random.Random(seed + 7_919).randint(3, 15)
    review = compose_review(case, random.Random(seed * 31 + 1), pages)
    plan = compose_action_plan(case, random.Random(seed * 31 + 2)) if with_action_plan else None
    stem = _file_stem(case.case_id, case.cast.people["si"].last, case.cast.people["si"].first)

    outputs: list[Output] = []
    reviews = _write(review, out_dir, f"{stem}Review", formats, outputs)
    plans: dict[str, Path] = {}
    if plan is not None:
        plan_formats = _check_formats(action_plan_formats or formats)
        plans = _write(plan, out_dir, f"{stem}ActionPlan", plan_formats, outputs)

    gold = derive_gold(case.case_id, seed, case.cast, outputs)
    gold_file = out_dir / "gold.json"
    gold.save(gold_file)
    case_file = out_dir / "case.yaml"
    write_case_file(case, case_file)
    return GeneratedCase(case.case_id, seed, out_dir, reviews, plans, case_file, gold_file, gold)


def generate_corpus(n: int, seed: int, out_dir: Path, **kw: object) -> list[GeneratedCase]:
    """`n` cases in sub-folders case-000, case-001, ... of `out_dir`; keyword arguments go to `generate_case`."""
    out_dir = Path(out_dir)
    return [generate_case(seed * 10_007 + i, out_dir / f"case-{i:03d}", **kw) for i in range(n)]  # type: ignore[arg-type]


def _write(
    written: Written, out_dir: Path, stem: str, formats: Sequence[str], outputs: list[Output]
) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        (write_docx if fmt == "docx" else write_pdf)(written, path)
        outputs.append(Output(path.name, written, has_hidden_parts=fmt == "docx"))
        paths[fmt] = path
    return paths


def _check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    chosen = tuple(formats)
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"formats must be a non-empty selection of {', '.join(FORMATS)}")
    return chosen


def _file_stem(case_id: str, surname: str, first: str) -> str:
    """The SFO file protocol: case id, surname in lower case, first initial (SFO60001oconnorD)."""
    ascii_surname = unicodedata.normalize("NFKD", surname).encode("ascii", "ignore").decode()
    key = "".join(c for c in ascii_surname.lower() if c.isalpha())
    initial = unicodedata.normalize("NFKD", first).encode("ascii", "ignore").decode()[:1].upper()
    return f"{case_id}{key}{initial}"
