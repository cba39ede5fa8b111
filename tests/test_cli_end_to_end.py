"""The demo path: the bundled examples through the CLI, outputs checked by other readers."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.cli import main
from pipeline.verify import normalise, read_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_examples_are_redacted_and_nothing_named_survives(tmp_path, capsys):
    inputs = sorted(str(p) for p in EXAMPLES.iterdir() if p.suffix in (".docx", ".pdf"))
    assert len(inputs) == 2
    out = tmp_path / "out"
    code = main(["redact", *inputs, "--case", str(EXAMPLES / "case.yaml"), "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    names = sorted(p.name for p in out.iterdir())
    # output names carry the case reference, never the surname in the input names
    case = yaml.safe_load((EXAMPLES / "case.yaml").read_text())
    surname = case["supervised_individual"]["name"].split()[-1].lower()
    assert not any(surname in n.lower() for n in names)
    drafts = [out / n for n in names if n.endswith(".redacted.pdf")]
    assert len(drafts) == 2
    people = [case["supervised_individual"]] + case.get("victims", []) + case.get("staff", []) + case.get("third_parties", [])
    for pdf in drafts:
        text = normalise(read_text(pdf))
        assert "OFFICIAL-SENSITIVE" in text or pdf.name.endswith("action-plan.redacted.pdf")
        for p in people:
            assert p["name"] not in text
        for ident in ("crn", "pnc", "prison_number"):
            value = str(case["supervised_individual"].get(ident) or "")
            assert not value or value not in text
    assert any(n.endswith(".redaction-log.xlsx") for n in names)
    assert not [n for n in names if n.startswith(".")]  # no temporary files left
