"""The gendered first-name file the pipeline reads is the one its script generates."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from recognizers.name_list import DATA, load_gendered_first_names


def test_the_file_matches_what_its_script_writes(tmp_path, monkeypatch):
    pytest.importorskip("faker")
    spec = importlib.util.spec_from_file_location("make_gendered_names", DATA / "make_gendered_names.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "out.tsv")
    module.main()
    assert (tmp_path / "out.tsv").read_text(encoding="utf-8") == (DATA / "gendered_first_names.tsv").read_text(encoding="utf-8")


def test_the_two_sets_are_disjoint_and_hold_common_names():
    male, female = load_gendered_first_names()
    assert not male & female
    assert {"james", "thomas"} <= male and {"sarah", "emily"} <= female


def test_resolve_does_not_need_faker():
    source = (Path(__file__).resolve().parents[2] / "pipeline" / "resolve" / "__init__.py").read_text(encoding="utf-8")
    assert "faker" not in source.lower()
