"""The flows under Prefect's test harness: outputs, quarantine, skipping, and nothing personal kept."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.evaluation.corpus import generate_case
from tests.flows.conftest import (
    assert_nothing_personal,
    db_rows,
    personal_needles,
    prefect_files,
)

PAGES = 2  # short reviews keep the batch fast; length is not what is tested here


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture()
def inbox(tmp_path):
    """Four cases: two folders, one as loose files, one with a corrupt action plan; and a stray file."""
    root = tmp_path / "inbox"
    golds, docs = [], []
    a = generate_case(101, root / "first case", formats=("docx",), with_action_plan=True, pages=PAGES)
    b = generate_case(102, root / "second", formats=("docx",), pages=PAGES)
    b.case_file.unlink()  # no case file: people and roles from context alone
    c = generate_case(103, tmp_path / "loose", formats=("docx",), pages=PAGES)
    for p in c.documents:
        shutil.copy2(p, root / p.name)
    shutil.copy2(c.case_file, root / f"{c.case_id}.case.yaml")
    d = generate_case(104, root / "fourth", formats=("docx",), with_action_plan=True, pages=PAGES)
    d.action_plans["docx"].write_bytes(b"PK\x03\x04 this is not a Word document")
    (root / "stray.pdf").write_bytes(b"%PDF-1.4 nothing")
    for g in (a, b, c, d):
        golds.append(g.gold_file)
        docs += g.documents
    return root, {"a": a, "b": b, "c": c, "d": d}, golds, docs


def test_nightly_batch_drafts_quarantines_skips_and_keeps_nothing_personal(harness, inbox, tmp_path):
    from flows.errors import BatchFailedError
    from flows.nightly import nightly_batch

    root, cases, golds, docs = inbox
    a, b, c, d = (cases[k] for k in "abcd")
    outbox, quarantine = tmp_path / "outbox", tmp_path / "quarantine"
    before = _snapshot(root)

    with pytest.raises(BatchFailedError, match=r"2 of 5 case\(s\) failed") as failed:
        nightly_batch(str(root), str(outbox), str(quarantine))
    totals = failed.value.totals

    assert (totals["done"], totals["partial"], totals["failed"], totals["skipped"]) == (3, 1, 1, 0)
    for case, kinds in ((a, ["review", "action-plan"]), (b, ["review"]), (c, ["review"])):
        folder = outbox / case.case_id
        for kind in kinds:
            assert (folder / f"{case.case_id}-{kind}.redacted.pdf").is_file()
            assert (folder / f"{case.case_id}-{kind}.review.pdf").is_file()
        assert (folder / f"{case.case_id}.redaction-log.xlsx").is_file()
        assert json.loads((folder / ".sfo-redact-state.json").read_text())["status"] == "done"
    # The bad document failed its own case only: the review of that case was drafted.
    assert (outbox / d.case_id / f"{d.case_id}-review.redacted.pdf").is_file()
    assert not (outbox / d.case_id / ".sfo-redact-state.json").exists()
    plan = d.action_plans["docx"]
    assert (quarantine / d.case_id / plan.name).read_bytes() == plan.read_bytes()
    reason = (quarantine / d.case_id / f"{plan.name}.reason.txt").read_text(encoding="utf-8")
    assert "action-plan" in reason
    assert [f[:2] for f in totals["failures"] if f[0] == d.case_id] == [(d.case_id, "action-plan")]
    stray = [f for f in totals["failures"] if f[0].startswith("unreferenced-")]
    assert len(stray) == 1 and (quarantine / stray[0][0] / "stray.pdf").is_file()
    assert sum(totals["redactions"].values()) > 0 and totals["pages"] > 0

    # Second run: unchanged cases are skipped; the failed inputs, unchanged, are held in the
    # quarantine (reported once, above), so this run has no failure and is not Failed.
    again = nightly_batch(str(root), str(outbox), str(quarantine))
    assert (again["skipped"], again["quarantined"], again["partial"], again["failed"], again["done"]) == (3, 2, 0, 0, 0)

    # A changed case is redone, keeping the previous log (and the reviewer's decisions in it).
    generate_case(102, root / "second", formats=("docx",), pages=PAGES + 1)
    (root / "second" / "case.yaml").unlink()
    third = nightly_batch(str(root), str(outbox), str(quarantine))
    assert (third["skipped"], third["done"]) == (2, 1)
    assert (outbox / b.case_id / f"{b.case_id}.redaction-log.previous.xlsx").is_file()

    # The inbox is only read (the changed case is the test's own edit).
    after = _snapshot(root)
    assert {k: v for k, v in after.items() if not k.startswith("second")} == {
        k: v for k, v in before.items() if not k.startswith("second")
    }

    # What Prefect kept: run names from case references, an artifact per run, no personal data.
    db = harness
    task_names = {r[0] for r in db_rows(db, "select name from task_run")}
    assert {f"redact-{x.case_id}" for x in (a, b, c, d)} <= task_names
    artifacts = db_rows(db, "select key, type, data from artifact where key = 'nightly-batch'")
    assert len(artifacts) >= 3 and artifacts[0][1] == "table"
    assert any(a.case_id in row[2] for row in artifacts)
    assert_nothing_personal(prefect_files(db), personal_needles(golds, docs))


def test_the_scan_finds_a_name_that_reached_prefect(harness):
    """Negative control: a name logged on purpose is found in the database the scan reads."""
    from prefect import flow, get_run_logger

    @flow(name="leak-control", persist_result=False)
    def leaky() -> None:
        get_run_logger().info("Quentin Abernethy-Voss")

    leaky()
    files = prefect_files(harness)
    assert any(p.suffix == ".db" for p in files)
    with pytest.raises(AssertionError, match="personal data found"):
        assert_nothing_personal(files, {"Quentin Abernethy-Voss"})


def test_redact_case_flow_and_finalise_packs(harness, tmp_path):
    import datetime as dt

    import openpyxl

    from flows.finalise_packs import finalise_packs
    from flows.redact_case import redact_case_flow

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    signed = generate_case(111, root / "x", formats=("docx",), pages=PAGES)
    waiting = generate_case(112, root / "y", formats=("docx",), pages=PAGES)
    for case in (signed, waiting):
        assert redact_case_flow(str(root), case.case_id, str(outbox))["done"] == 1
    log = outbox / signed.case_id / f"{signed.case_id}.redaction-log.xlsx"
    wb = openpyxl.load_workbook(log)
    s = wb["Sign-off"]
    s["B4"], s["B5"], s["B6"], s["B7"] = "Jo Bloggs", "Head of PDU", dt.date.today(), "Yes"
    wb.save(log)

    totals = finalise_packs(str(outbox))
    assert (totals["packed"], totals["waiting"], totals["failed"]) == (1, 1, 0)
    assert (outbox / signed.case_id / f"{signed.case_id}-VLU-pack").is_dir()
    # Waiting is a named state (Completed, "Waiting for sign-off"), not a failure.
    states = dict(db_rows(harness, "select name, state_name from task_run where name like 'finalise-%'"))
    assert states[f"finalise-{waiting.case_id}"] == "Waiting for sign-off"
    assert states[f"finalise-{signed.case_id}"] == "Completed"
    # Packed logs are not finalised again; the waiting one still waits.
    assert finalise_packs(str(outbox))["cases"] == 1
    assert_nothing_personal(prefect_files(harness), personal_needles([signed.gold_file, waiting.gold_file], signed.documents + waiting.documents))


def test_nightly_batch_on_a_local_dask_cluster(harness, tmp_path):
    from flows.nightly import nightly_batch
    from flows.runners import RunnerConfig, build_task_runner

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    cases = [generate_case(121 + i, root / f"c{i}", formats=("docx",), pages=PAGES) for i in range(2)]
    runner = build_task_runner(RunnerConfig(workers=2, local_dask=True, processes=False))
    assert type(runner).__name__ == "DaskTaskRunner"
    totals = nightly_batch.with_options(task_runner=runner)(str(root), str(outbox))
    assert totals["done"] == 2 and not totals["failures"]
    for case in cases:
        assert (outbox / case.case_id / f"{case.case_id}-review.redacted.pdf").is_file()


def test_cli_batch_then_finalise_all(harness, tmp_path, capsys):
    from pipeline.cli import main

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    case = generate_case(131, root / "z", formats=("docx",), pages=PAGES)
    assert main(["batch", "--inbox", str(root), "--outbox", str(outbox), "--workers", "2"]) == 0
    out = capsys.readouterr()
    assert "1 drafted" in out.out and f"{case.case_id} done: 1 document(s)" in out.out
    assert main(["batch", "--inbox", str(root), "--outbox", str(outbox)]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    # Not signed off: waiting, which is not a failure.
    assert main(["finalise-all", "--outbox", str(outbox)]) == 0
    assert "1 log(s) waiting for sign-off" in capsys.readouterr().out


def test_a_failed_case_is_a_failed_task_run_and_a_failed_flow_run_in_prefect(harness, tmp_path):
    """Through the Prefect API: the corrupt case's task run is Failed, the good one Completed."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from flows.errors import BatchFailedError
    from flows.nightly import nightly_batch

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    good = generate_case(141, root / "good", formats=("docx",), pages=PAGES)
    bad = generate_case(142, root / "bad", formats=("docx",), pages=PAGES)
    bad.documents[0].write_bytes(b"PK\x03\x04 not a Word document")
    state = nightly_batch(str(root), str(outbox), return_state=True)
    assert state.is_failed() and "1 of 2 case(s) failed" in state.message
    with pytest.raises(BatchFailedError):
        state.result()
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(state.state_details.flow_run_id)
        assert flow_run.state.is_failed()
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run.id])))
    by_name = {r.name: r.state for r in runs}
    assert by_name[f"redact-{good.case_id}"].is_completed()
    failed = by_name[f"redact-{bad.case_id}"]
    assert failed.is_failed() and "CaseFailedError" in failed.message and bad.case_id in failed.message
    assert bad.documents[0].name not in failed.message and bad.documents[0].stem not in failed.message


def test_only_transient_io_is_retried():
    from prefect.states import Failed

    from flows.errors import CaseFailedError, TransientIOError
    from flows.tasks import retry_transient_io, transient_io

    assert isinstance(transient_io(OSError(5, "Input/output error", "/srv/SFO60001smithJ.docx")), TransientIOError)
    assert "smith" not in transient_io(TimeoutError(110, "timed out", "/srv/SFO60001smithJ.docx")).reason
    assert transient_io(FileNotFoundError(2, "No such file")) is None
    assert transient_io(ValueError("bad")) is None
    assert retry_transient_io(None, None, Failed(data=TransientIOError("transient I/O error (EIO)")))
    assert not retry_transient_io(None, None, Failed(data=CaseFailedError("case SFO60001 failed", {})))
    assert not retry_transient_io(None, None, Failed(data=ValueError("bad")))


def test_the_flow_errors_survive_pickling_with_their_counts():
    import pickle

    from flows.errors import BatchFailedError, CaseFailedError

    e = pickle.loads(pickle.dumps(CaseFailedError("case SFO60001 failed", {"case_id": "SFO60001"})))
    assert e.summary == {"case_id": "SFO60001"} and str(e) == "case SFO60001 failed"
    assert pickle.loads(pickle.dumps(BatchFailedError("1 failed", {"failed": 1}))).totals == {"failed": 1}


def test_every_task_has_a_timeout():
    from flows.tasks import finalise_case_task, redact_case_task

    for t in (redact_case_task, finalise_case_task):
        assert t.timeout_seconds and t.timeout_seconds > 0 and t.retry_condition_fn is not None


def test_quarantine_remembers_an_input_until_it_changes(harness, tmp_path):
    from flows.errors import BatchFailedError
    from flows.nightly import nightly_batch

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    case = generate_case(151, root / "c", formats=("docx",), pages=PAGES)
    good = case.documents[0].read_bytes()
    case.documents[0].write_bytes(b"PK\x03\x04 not a Word document")
    with pytest.raises(BatchFailedError):
        nightly_batch(str(root), str(outbox))
    reason = outbox / "_quarantine" / case.case_id / f"{case.documents[0].name}.reason.txt"
    first_note = reason.read_text(encoding="utf-8")
    # Unchanged: held, not tried again (the reason file is not rewritten), and no failure.
    for _ in range(2):
        held = nightly_batch(str(root), str(outbox))
        assert (held["quarantined"], held["failed"], held["done"]) == (1, 0, 0)
    assert reason.read_text(encoding="utf-8") == first_note
    # Replaced by a readable document: drafted.
    case.documents[0].write_bytes(good)
    assert nightly_batch(str(root), str(outbox))["done"] == 1


def test_two_overlapping_batches_draft_each_case_once(harness, tmp_path):
    import threading

    from flows.nightly import nightly_batch
    from flows.progress import HOOKS

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    cases = [generate_case(161 + i, root / f"c{i}", formats=("docx",), pages=PAGES) for i in range(3)]
    results, errors, planned = [], [], []
    both_planned = threading.Barrier(2, timeout=120)

    def hold_until_both_planned(event, data):
        # Both batches see every case as to do before either drafts one: they truly overlap.
        if event == "planned":
            planned.append(data["to_run"])
            both_planned.wait()

    def batch():
        try:
            results.append(nightly_batch(str(root), str(outbox)))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    HOOKS.append(hold_until_both_planned)
    try:
        threads = [threading.Thread(target=batch) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(300)
    finally:
        HOOKS.remove(hold_until_both_planned)
    assert not errors and len(results) == 2 and planned == [3, 3]
    assert sum(r["done"] for r in results) == len(cases)
    assert sum(r["skipped"] for r in results) == len(cases)
    for case in cases:
        assert not (outbox / case.case_id / f"{case.case_id}.redaction-log.previous.xlsx").exists()


def test_a_task_run_again_after_its_worker_died_redrafts_nothing(harness, tmp_path):
    """Dask reruns a task whose worker died after it finished: the case is found drafted and left alone."""
    from flows.tasks import run_case

    root, outbox = tmp_path / "inbox", tmp_path / "outbox"
    case = generate_case(171, root / "c", formats=("docx",), pages=PAGES)
    log = outbox / case.case_id / f"{case.case_id}.redaction-log.xlsx"
    assert run_case(root, case.case_id, outbox, outbox / "_quarantine").status == "done"
    stamp = log.stat().st_mtime_ns
    assert run_case(root, case.case_id, outbox, outbox / "_quarantine").status == "skipped"
    assert log.stat().st_mtime_ns == stamp
    assert not (outbox / case.case_id / f"{case.case_id}.redaction-log.previous.xlsx").exists()


def test_a_held_case_lock_makes_another_run_skip_the_case(tmp_path):
    from flows.inbox import case_lock
    from flows.tasks import run_case

    with case_lock(tmp_path / "outbox", "SFO60001") as held:
        assert held
        with case_lock(tmp_path / "outbox", "SFO60001") as again:
            assert not again
        assert run_case(tmp_path / "inbox", "SFO60001", tmp_path / "outbox", tmp_path / "q").status == "skipped"
    with case_lock(tmp_path / "outbox", "SFO60001") as after:
        assert after


def test_a_batch_with_no_dask_worker_left_fails_after_a_bounded_wait():
    import time

    from flows.errors import NoDaskWorkersError
    from flows.runners import settle_all

    never = object()
    started = time.monotonic()
    with pytest.raises(NoDaskWorkersError, match="no worker for"):
        list(settle_all([never], no_worker_wait=0.3, poll=0.05, workers=lambda: 0,
                        wait_fn=lambda fs, timeout: (time.sleep(timeout) or (set(), set(fs)))))
    assert time.monotonic() - started < 5
    # With a worker the wait goes on, and finished futures come out.
    calls = iter([(set(), {never}), ({never}, set())])
    assert list(settle_all([never], no_worker_wait=0.0, poll=0.01, workers=lambda: 1, wait_fn=lambda fs, timeout: next(calls))) == [never]
