"""Writing the pipeline's case file (case.yaml) for a generated case."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.evaluation.corpus.case_facts import CaseFacts


def case_file_mapping(case: CaseFacts) -> dict:
    """The case.yaml content: the SI with identifiers, victims, staff and third parties."""
    cast = case.cast
    si = cast.people["si"]
    return {
        "case_id": case.case_id,
        "supervised_individual": {
            "name": si.full,
            "aliases": [si.alias] if si.alias else [],
            "crn": si.details["crn"][0],
            "pnc": si.details["pnc"][0],
            "prison_number": si.details["prison_no"][0],
            "date_of_birth": case.date_of_birth,
        },
        "victims": [{"name": p.full} for p in cast.all() if p.role == "victim"],
        "staff": [{"name": p.full, "role": p.staff_role} for p in cast.all() if p.role == "staff"],
        "third_parties": [
            {"name": p.full, "relationship": p.relationship} for p in cast.all() if p.role == "third party"
        ],
    }


def write_case_file(case: CaseFacts, path: Path) -> None:
    """Write case.yaml (block style, keys in the documented order)."""
    text = yaml.safe_dump(case_file_mapping(case), sort_keys=False, allow_unicode=True, width=120)
    path.write_text(text, encoding="utf-8")
