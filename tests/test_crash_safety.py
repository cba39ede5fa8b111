"""A redaction run killed part-way (SIGKILL: no handler runs) and then run again.

(The slow tier adds a batch of 20 cases killed several times at random points.)

The real `sfo-redact redact` command runs in a child process over six generated cases in one
command (no --case: the inputs group by the SFO reference in their names). It is killed while
a document is between rendering and verification, then the same command runs to completion.
Nothing partial may ever sit under a final name; the run after the kill must give every input
exactly one set of outputs, leave no work folder behind, leak nothing, and give the labels an
uninterrupted run of the same inputs with the same key gives. Names are generated (Faker).
"""

from __future__ import annotations

import base64
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pypdf
import pytest

from pipeline.evaluation.corpus import generate_case
from pipeline.keystore import CaseMapping
from pipeline.redact import document_kind_name, remove_abandoned_work, work_folder
from pipeline.verify import Needle, verify

REPO = Path(__file__).resolve().parent.parent
# Seeds whose three-page cases the pipeline redacts completely today, so that a failure here
# is about crash safety and not about detection (which its own tests measure).
SEEDS = (6100, 6101, 6102, 6103, 6105, 6107)
# A fixed test key: labels derive from the key, so both runs must share it to be comparable.
KEY = base64.urlsafe_b64encode(bytes(range(32))).decode("ascii")
OUTPUT_NAME = re.compile(
    r"SFO\d{5}(?:-(?:review|action-plan)\.(?:redacted|review)\.pdf|\.redaction-log(?:\.previous)?\.xlsx)"
)
WORK_FOLDER = re.compile(r"\.sfo-redact-[A-Za-z0-9_]+")
LABEL_COLUMN, TEXT_COLUMN = "Replaced by", "Text removed (INTERNAL - never shared)"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash-corpus")
    cases = [generate_case(seed, root / f"case-{seed}", formats=("docx",), pages=3, with_action_plan=True) for seed in SEEDS]
    inputs = sorted(p for c in cases for p in c.documents)
    return cases, inputs


def command(inputs: list[Path], out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "redact", *map(str, inputs), "--out", str(out)]


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ, SFO_REDACT_HOME=str(home), SFO_REDACT_KEY=KEY, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def start(inputs: list[Path], out: Path, home: Path, log: Path) -> subprocess.Popen:
    with log.open("wb") as sink:
        return subprocess.Popen(command(inputs, out), cwd=REPO, env=environment(home), stdout=sink, stderr=subprocess.STDOUT)


def wait_until(condition, proc: subprocess.Popen, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the run ended (status {proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.005)


def work_folders(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.name.startswith(".sfo-redact-")]


def gold_needles(cases) -> dict[str, list[Needle]]:
    """Output PDF name -> every gold string (4 characters or more) its input had to lose."""
    needles: dict[str, list[Needle]] = {}
    for case in cases:
        for item in case.gold.must_go:
            if len(item.text) >= 4:
                name = f"{case.case_id}-{document_kind_name(Path(item.document))}.redacted.pdf"
                needles.setdefault(name, []).append(Needle(item.text, item.category, case_sensitive=True))
    return needles


def assert_nothing_partial(out: Path, needles: dict[str, list[Needle]]) -> None:
    """Every name in out is a final output that is whole (and verified), or a work folder."""
    for entry in out.iterdir():
        if entry.name.startswith("."):
            assert entry.is_dir() and WORK_FOLDER.fullmatch(entry.name), f"hidden file under the output folder: {entry.name}"
            continue
        assert OUTPUT_NAME.fullmatch(entry.name), f"not a final output name: {entry.name}"
        if entry.suffix == ".pdf":
            assert entry.read_bytes().rstrip().endswith(b"%%EOF"), f"{entry.name} is truncated"
            assert len(pypdf.PdfReader(entry, strict=True).pages) > 0
            if entry.name.endswith(".redacted.pdf"):
                verify(entry, needles[entry.name])
        else:
            openpyxl.load_workbook(entry, read_only=True).close()


def log_labels(out: Path) -> dict[str, set[tuple[str, str]]]:
    """Case -> {(text removed, label)} from each case's redaction log."""
    found: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(out.glob("SFO?????.redaction-log.xlsx")):
        wb = openpyxl.load_workbook(path, read_only=True)
        rows = wb["Redaction log"].iter_rows(values_only=True)
        header = list(next(rows))
        text, label = header.index(TEXT_COLUMN), header.index(LABEL_COLUMN)
        found[path.name.split(".")[0]] = {(str(r[text]), str(r[label])) for r in rows if r[label] is not None}
        wb.close()
    return found


def test_killed_run_leaves_nothing_partial_and_the_rerun_matches_an_uninterrupted_one(tmp_path, corpus):
    cases, inputs = corpus
    needles = gold_needles(cases)
    out, home = tmp_path / "out", tmp_path / "home"
    ref_out, ref_home = tmp_path / "ref-out", tmp_path / "ref-home"

    # The uninterrupted run, in its own key store, alongside the run that will be killed.
    reference = start(inputs, ref_out, ref_home, tmp_path / "reference.txt")
    killed = start(inputs, out, home, tmp_path / "killed.txt")
    try:
        wait_until(lambda: out.is_dir() and any(out.glob("*.redacted.pdf")), killed, 120, "a first output existed")
        # Kill while a rendered, not yet verified PDF sits in a work folder: the worst moment.
        wait_until(lambda: any(any(w.iterdir()) for w in work_folders(out)), killed, 120, "a work folder held a file")
        os.kill(killed.pid, signal.SIGKILL)
        assert killed.wait(30) == -signal.SIGKILL
    finally:
        if killed.poll() is None:
            killed.kill()
    assert work_folders(out), "the kill left no work folder: this run did not test their removal"
    assert_nothing_partial(out, needles)
    for mapping in (home / "cases").glob("*.mapping"):
        CaseMapping.load(mapping.stem, base64.urlsafe_b64decode(KEY))  # whole and readable
    logs_before = {p.name for p in out.glob("*.redaction-log.xlsx")}

    resumed = subprocess.run(command(inputs, out), check=False, cwd=REPO, env=environment(home), capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert "FAILED" not in resumed.stderr
    assert reference.wait(600) == 0, (tmp_path / "reference.txt").read_text()[-2000:]

    assert not work_folders(out), "the rerun left the killed run's work folder in place"
    assert_nothing_partial(out, needles)
    names = {p.name for p in out.iterdir()}
    # A log that existed before the rerun is kept beside the new one (the reviewer's edits carry over).
    previous = {n.replace(".redaction-log.", ".redaction-log.previous.") for n in logs_before}
    assert names - previous == {p.name for p in ref_out.iterdir()}
    assert previous <= names
    assert not any(re.search(r"-\d+\.(redacted|review)\.pdf$", n) for n in names), "an input got two sets of outputs"
    expected = {f"{c.case_id}-{kind}.{what}.pdf" for c in cases for kind in ("review", "action-plan") for what in ("redacted", "review")}
    assert {n for n in names if n.endswith(".pdf")} == expected

    resumed_labels, reference_labels = log_labels(out), log_labels(ref_out)
    assert set(resumed_labels) == {c.case_id for c in cases}
    for case_id, pairs in reference_labels.items():
        got = resumed_labels[case_id]
        assert {label for _, label in got} == {label for _, label in pairs}, f"{case_id}: label sets differ"
        assert got == pairs, f"{case_id}: the same text got different labels ({len(got ^ pairs)} rows differ)"


def test_work_folder_of_a_killed_process_is_removed_and_a_live_one_kept(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys, time; from pathlib import Path; from pipeline.redact import work_folder\n"
            "with work_folder(Path(sys.argv[1])) as w:\n"
            "    (w / 'draft.redacted.pdf').write_bytes(b'unverified'); print('ready', flush=True); time.sleep(120)\n"
        ), str(out)],
        cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        assert remove_abandoned_work(out) == 0, "a live process's work folder was removed"
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(30)
    finally:
        if holder.poll() is None:
            holder.kill()
    (out / ".sfo-redact-state.json").write_text("{}")  # the flows' state file is not a work folder
    with work_folder(out) as live:
        assert remove_abandoned_work(out) == 1
        assert live.is_dir()
    assert [p.name for p in out.iterdir()] == [".sfo-redact-state.json"]


def test_work_folder_without_a_lock_is_removed_only_when_old(tmp_path):
    young, old = tmp_path / ".sfo-redact-young", tmp_path / ".sfo-redact-old"
    for folder in (young, old):
        folder.mkdir()
        (folder / "draft.redacted.pdf").write_bytes(b"unverified")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert remove_abandoned_work(tmp_path) == 1
    assert young.is_dir() and not old.exists()


# ---------------------------------------------------------------- 20 cases, killed again and again

BATCH_SEEDS = tuple(range(6100, 6120))
KILLS = 4
PROGRESS = re.compile(r"^\[(\d+)/(\d+)\] (.+?) -> ", re.MULTILINE)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash-batch")
    cases = [generate_case(seed, root / f"case-{seed}", formats=("docx",), pages=1) for seed in BATCH_SEEDS]
    assert len({c.case_id for c in cases}) == len(BATCH_SEEDS)
    return cases, sorted(p for c in cases for p in c.documents)


def temporary_files(*folders: Path) -> list[str]:
    """Work folders, half-written files and other hidden names anywhere under the folders."""
    found = []
    for folder in folders:
        if folder.is_dir():
            found += [str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.startswith(".") or p.suffix in {".partial", ".tmp"}]
    return found


@pytest.mark.slow
def test_batch_of_20_killed_at_random_points_then_rerun_completes_each_case_exactly_once(tmp_path, batch):
    """Killed 4 times, each after a random number of documents and a random fraction of a
    second more (so inside reading, detection, rendering, verification or the log writing),
    then run to the end. The seed is printed with any failure; SFO_CRASH_SEED replays one."""
    cases, inputs = batch
    seed = int(os.environ.get("SFO_CRASH_SEED", random.SystemRandom().randrange(10**6)))
    rng = random.Random(seed)
    needles = gold_needles(cases)
    out, home = tmp_path / "out", tmp_path / "home"
    ref_out, ref_home = tmp_path / "ref-out", tmp_path / "ref-home"
    reference = start(inputs, ref_out, ref_home, tmp_path / "reference.txt")
    kills = []
    for round_ in range(KILLS):
        log = tmp_path / f"killed-{round_}.txt"
        after, extra = rng.randrange(len(inputs)), rng.uniform(0.0, 1.5)
        proc = start(inputs, out, home, log)
        try:
            deadline = time.monotonic() + 300
            while proc.poll() is None and len(PROGRESS.findall(log.read_text())) < after:
                assert time.monotonic() < deadline, f"seed {seed}: round {round_} made no progress"
                time.sleep(0.01)
            time.sleep(extra)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                assert proc.wait(30) == -signal.SIGKILL
                kills.append((after, round(extra, 2), len(PROGRESS.findall(log.read_text()))))
            else:
                assert proc.returncode == 0, f"seed {seed}: " + log.read_text()[-2000:]
        finally:
            if proc.poll() is None:
                proc.kill()
        if out.is_dir():
            assert_nothing_partial(out, needles)
        for mapping in (home / "cases").glob("*.mapping"):
            CaseMapping.load(mapping.stem, base64.urlsafe_b64decode(KEY))  # whole and readable
    assert len(kills) >= KILLS - 1, f"seed {seed}: the runs ended before they could be killed ({kills})"

    final = subprocess.run(command(inputs, out), check=False, cwd=REPO, env=environment(home), capture_output=True, text=True, timeout=900)
    assert final.returncode == 0, f"seed {seed}, kills {kills}: " + final.stderr[-2000:]
    assert reference.wait(900) == 0, (tmp_path / "reference.txt").read_text()[-2000:]

    # Each input was completed exactly once by the final run, into exactly one set of outputs.
    done = [name for _k, _n, name in PROGRESS.findall(final.stdout)]
    assert sorted(done) == sorted(p.name for p in inputs), f"seed {seed}, kills {kills}"
    assert not temporary_files(out, home), f"seed {seed}, kills {kills}: {temporary_files(out, home)}"
    names = {p.name for p in out.iterdir()}
    expected = {f"{c.case_id}-review.{what}.pdf" for c in cases for what in ("redacted", "review")}
    expected |= {f"{c.case_id}.redaction-log.xlsx" for c in cases}
    previous = {f"{c.case_id}.redaction-log.previous.xlsx" for c in cases}
    assert expected <= names and names - expected <= previous, f"seed {seed}, kills {kills}: {sorted(names ^ expected)}"
    assert_nothing_partial(out, needles)
    assert {p.name for p in (home / "cases").iterdir()} == {p.name for p in (ref_home / "cases").iterdir()}
    # The labels are those an uninterrupted run gives (no mapping was lost or doubled).
    resumed, uninterrupted = log_labels(out), log_labels(ref_out)
    assert set(resumed) == {c.case_id for c in cases}
    for case_id, pairs in uninterrupted.items():
        assert resumed[case_id] == pairs, f"seed {seed}, kills {kills}: {case_id}: {len(resumed[case_id] ^ pairs)} log rows differ"
