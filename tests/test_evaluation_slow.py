"""The slow tier: detection quality on a small fixed generated corpus must meet the bars.

Runs the real pipeline end to end (read, detect, resolve, decide, render, verify, log) and
scores the outputs, read back with pdfminer.six and pypdf, against the generator's gold.
A regression in recall, keep rate or label consistency fails `make test`.
"""

from __future__ import annotations

import pytest

from pipeline.evaluation.corpus import generate_corpus
from pipeline.evaluation.score import evaluate, shortfalls

pytestmark = pytest.mark.slow

SEED = 5150  # fixed; never tuned on (tuning used other seeds)
CASES = 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval-corpus")
    generate_corpus(CASES, SEED, root, with_action_plan=True)
    return root


@pytest.mark.parametrize("with_case_files", [True, False], ids=["with-case-files", "without-case-files"])
def test_bars_are_met(corpus, engine, with_case_files):
    report = evaluate(corpus, with_case_files=with_case_files, engine=engine)
    print(report.table())
    assert report.documents == CASES * 4  # review and action plan, DOCX and PDF
    assert sum(t.total for t in report.recall.values()) > 300  # the corpus is not trivially small
    assert shortfalls(report) == []
