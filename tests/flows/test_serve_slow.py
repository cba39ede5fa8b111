"""Slow: `sfo-redact serve` with nothing installed starts its own Prefect server, whose
scheduler fires the nightly schedule; SIGTERM and SIGINT stop it leaving no process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest

from flows.local_server import free_port

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def serve_env(tmp_path: Path, port: int, every: int | None = 5) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PYTHONPATH": str(ROOT),
        "SFO_REDACT_HOME": str(tmp_path / "sfo-home"),
        "SFO_REDACT_PREFECT_HOME": str(tmp_path / "prefect-server"),
        "PREFECT_HOME": str(tmp_path / "prefect-client"),
        "SFO_REDACT_SERVER_PORT": str(port),
        "PREFECT_UI_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    })
    if every:
        env["SFO_REDACT_TEST_NIGHTLY_EVERY_SECONDS"] = str(every)
    return env


def start_serve(tmp_path: Path, env: dict) -> subprocess.Popen:
    (tmp_path / "inbox").mkdir(exist_ok=True)
    return subprocess.Popen(
        [str(BIN / "sfo-redact"), "serve", "--inbox", str(tmp_path / "inbox"), "--outbox", str(tmp_path / "outbox")],
        cwd=ROOT, env=env, stdout=open(tmp_path / "serve.log", "ab"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )


def flow_runs(port: int, flow: str = "nightly-batch", states: list[str] | None = None) -> list[dict]:
    body: dict = {"flows": {"name": {"any_": [flow]}}}
    if states:
        body["flow_runs"] = {"state": {"type": {"any_": states}}}
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/flow_runs/filter", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)
    except OSError:
        return []


def wait_for(predicate, timeout: float, proc: subprocess.Popen, log: Path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
        result = predicate()
        if result:
            return result
        time.sleep(2)
    raise AssertionError(f"timed out; serve log: {log.read_text()[-2000:]}")


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def alive(procs: list[psutil.Process]) -> list[psutil.Process]:
    left = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                left.append(p)
        except psutil.NoSuchProcess:
            pass
    return left


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_fires_the_schedule_with_its_own_server_and_stops_cleanly(tmp_path, stop_signal):
    port = free_port()
    proc = start_serve(tmp_path, serve_env(tmp_path, port))
    seen: set[int] = set()
    try:
        def two_runs():
            seen.update(p.pid for p in descendants(proc.pid))
            return len(flow_runs(port, states=["COMPLETED"])) >= 2

        wait_for(two_runs, 300, proc, tmp_path / "serve.log")
        seen.update(p.pid for p in descendants(proc.pid))
        children = [psutil.Process(pid) for pid in seen if psutil.pid_exists(pid)]
        assert any("server" in " ".join(c.cmdline()) for c in alive(children))
        proc.send_signal(stop_signal)
        assert proc.wait(timeout=90) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    time.sleep(1)
    assert alive(children) == [], [c.cmdline() for c in alive(children)]
    # The server bound to loopback only: nothing answers on the port any more either.
    assert flow_runs(port) == []
