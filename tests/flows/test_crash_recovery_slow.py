"""Slow: a `kill -9` of a batch or of serve leaves no server process behind, and the next
start marks the killed batch's run Crashed, so no run stays RUNNING."""

from __future__ import annotations

import signal
import subprocess
import time

import pytest

from flows.local_server import LocalServer, free_port
from pipeline.evaluation.corpus import generate_case
from tests.flows.test_serve_slow import BIN, ROOT, alive, descendants, flow_runs, serve_env, start_serve, wait_for

pytestmark = pytest.mark.slow


def batch_cmd(tmp_path):
    return [str(BIN / "sfo-redact"), "batch", "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / "outbox")]


def gone_within(procs, seconds: float) -> list:
    deadline = time.monotonic() + seconds
    while alive(procs) and time.monotonic() < deadline:
        time.sleep(0.5)
    return alive(procs)


def test_kill_9_of_a_batch_then_the_next_batch_marks_its_run_crashed(tmp_path):
    for i in range(4):
        generate_case(171 + i, tmp_path / "inbox" / f"c{i}", formats=("docx",), pages=3)
    port = free_port()
    env = serve_env(tmp_path, port, every=None)
    log = tmp_path / "batch.log"
    proc = subprocess.Popen(batch_cmd(tmp_path), cwd=ROOT, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)  # noqa: SIM115
    try:
        wait_for(lambda: flow_runs(port, states=["RUNNING"]), 300, proc, log)
        children = descendants(proc.pid)
        assert children, "the batch started no local server"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    # The server child got SIGTERM from the kernel when its parent died.
    assert gone_within(children, 30) == []

    again = subprocess.run(batch_cmd(tmp_path), cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0, again.stdout[-2000:] + again.stderr[-2000:]

    server = LocalServer(home=tmp_path / "prefect-server", port=free_port())
    server.start()
    try:
        runs = flow_runs(server.port)
        states = sorted(r["state_type"] for r in runs)
        assert "RUNNING" not in states, states
        assert states.count("CRASHED") == 1 and "COMPLETED" in states, states
    finally:
        server.stop()


def test_kill_9_of_serve_leaves_no_server(tmp_path):
    port = free_port()
    proc = start_serve(tmp_path, serve_env(tmp_path, port, every=None))
    try:
        wait_for(lambda: flow_runs(port, flow="redact-case") == [] and (tmp_path / "prefect-server" / "api-url").exists(),
                 300, proc, tmp_path / "serve.log")
        children = descendants(proc.pid)
        assert children
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert gone_within(children, 30) == [], [c.cmdline() for c in alive(children)]


def test_two_batches_at_once_each_get_a_server_and_leave_none(tmp_path):
    """The first owns the shared database; the second, refused the lock, runs on a private one."""
    port = free_port()
    env = serve_env(tmp_path, port, every=None)
    env.pop("SFO_REDACT_SERVER_PORT")
    procs = []
    for name in ("a", "b"):
        generate_case(175 if name == "a" else 176, tmp_path / f"inbox-{name}" / "c", formats=("docx",), pages=2)
        cmd = [str(BIN / "sfo-redact"), "batch", "--inbox", str(tmp_path / f"inbox-{name}"),
               "--outbox", str(tmp_path / "outbox")]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
        time.sleep(1)
    children = []
    for _ in range(20):
        children = [c for p in procs for c in descendants(p.pid)]
        if len(children) >= 2:
            break
        time.sleep(0.5)
    outs = [p.communicate(timeout=600)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[-1500:] for o in outs]
    assert all("1 drafted" in o for o in outs)
    assert gone_within(children, 30) == []
    # The private database is removed; the shared one stays.
    home = tmp_path / "prefect-server"
    assert (home / "prefect.db").exists() and not list(home.glob("run-*"))
