"""Slow: while `serve` (with its own server) and a `--local-dask` batch run, `ss -ltnp` shows no
listening socket of theirs on anything but 127.0.0.1 or ::1 (issue 15: the Dask dashboard
listened on 0.0.0.0:8787)."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import psutil
import pytest

from flows.local_server import free_port
from pipeline.evaluation.corpus import generate_case
from tests.flows.test_serve_slow import BIN, ROOT, flow_runs, serve_env, start_serve, wait_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("ss") is None, reason="needs ss (apt-get install -y iproute2)"),
]
LOOPBACK = {"127.0.0.1", "::1", "[::1]"}


def listening() -> list[tuple[str, int]]:
    """(local address, pid) of every listening TCP socket, from `ss -ltnpH`."""
    out = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True, check=True).stdout
    found = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        host = fields[3].rpartition(":")[0]
        for pid in re.findall(r"pid=(\d+)", line):
            found.append((host, int(pid)))
    return found


def family(*pids: int) -> set[int]:
    ours = set()
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            ours |= {pid} | {c.pid for c in proc.children(recursive=True)}
        except psutil.NoSuchProcess:
            pass
    return ours


def test_serve_and_a_local_dask_batch_listen_on_loopback_only(tmp_path):
    port = free_port()
    env = serve_env(tmp_path, port, every=None)
    serve = start_serve(tmp_path, env)
    batch = None
    seen: list[tuple[str, int]] = []
    try:
        wait_for(lambda: (tmp_path / "prefect-server" / "api-url").exists(), 300, serve, tmp_path / "serve.log")
        batch_in = tmp_path / "batch-inbox"
        for i in range(3):
            generate_case(191 + i, batch_in / f"c{i}", formats=("docx",), pages=2)
        batch = subprocess.Popen(
            [str(BIN / "sfo-redact"), "batch", "--inbox", str(batch_in), "--outbox", str(tmp_path / "outbox"),
             "--local-dask", "--workers", "2"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        sampled_during_run = False
        while batch.poll() is None:
            ours = family(serve.pid, batch.pid)
            seen += [(host, pid) for host, pid in listening() if pid in ours]
            sampled_during_run |= bool(flow_runs(port, states=["RUNNING"]))
            time.sleep(0.5)
        out = batch.stdout.read()
        assert batch.returncode == 0, out[-2000:]
        assert "3 drafted" in out
        assert sampled_during_run
    finally:
        for proc in (batch, serve):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=90)
    assert seen, "the server's own socket should have been seen"
    assert {host for host, _ in seen} <= LOOPBACK, sorted(set(seen))
