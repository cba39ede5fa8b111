"""Slow: a real `prefect server start` on loopback and a process-based local Dask cluster.

This is the multi-machine set-up squeezed onto one machine: Dask worker processes report
to the Prefect server named by PREFECT_API_URL (they cannot share the embedded server).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from pipeline.evaluation.corpus import generate_case
from tests.flows.conftest import assert_nothing_personal, personal_needles

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"prefect server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise AssertionError(f"prefect server not healthy after {timeout:.0f}s")


def test_batch_on_dask_worker_processes_with_a_prefect_server(tmp_path):
    home = tmp_path / "prefect-home"
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    }
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        _wait_healthy(api, server, 120)
        root, outbox = tmp_path / "inbox", tmp_path / "outbox"
        cases = [generate_case(141 + i, root / f"c{i}", formats=("docx",), pages=2) for i in range(2)]
        run = subprocess.run(
            [str(BIN / "sfo-redact"), "batch", "--inbox", str(root), "--outbox", str(outbox),
             "--local-dask", "--processes", "--workers", "2"],
            env={**env, "PREFECT_API_URL": api}, capture_output=True, text=True, timeout=400, check=False,
        )
        assert run.returncode == 0, run.stderr[-2000:]
        assert "2 drafted" in run.stdout
        for case in cases:
            assert (outbox / case.case_id / f"{case.case_id}-review.redacted.pdf").is_file()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name.startswith("prefect.db") for p in files)
    assert_nothing_personal(files, personal_needles([c.gold_file for c in cases], [d for c in cases for d in c.documents]))
