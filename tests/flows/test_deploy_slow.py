"""Slow: the README's "Run it on a server", from a fresh PREFECT_HOME: a server on loopback,
`make deploy` (work pool created, then the deployments), a worker picking up a scheduled run."""

from __future__ import annotations

import json
import subprocess
import urllib.request

import pytest

from flows.local_server import LocalServer
from tests.flows.test_serve_slow import BIN, ROOT, serve_env

pytestmark = pytest.mark.slow


def api(url: str, path: str, body: dict) -> list | dict:
    req = urllib.request.Request(f"{url}{path}", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def test_make_deploy_then_a_worker_runs_a_scheduled_nightly_run(tmp_path):
    (tmp_path / "inbox").mkdir()
    server = LocalServer(home=tmp_path / "prefect-server")
    env = serve_env(tmp_path, 0, every=None)
    try:
        env["PREFECT_API_URL"] = url = server.start()
        venv = BIN.parent
        deploy = subprocess.run(
            # -o: the shared venv is installed; never reinstall it from this checkout's pyproject.
            ["make", "-o", f"{venv}/.installed", "deploy", f"VENV={venv}",
             f"SFO_REDACT_INBOX={tmp_path / 'inbox'}", f"SFO_REDACT_OUTBOX={tmp_path / 'outbox'}",
             f"SFO_REDACT_QUARANTINE={tmp_path / 'quarantine'}"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
        )
        assert deploy.returncode == 0, deploy.stdout[-3000:] + deploy.stderr[-3000:]
        assert "Deployment 'nightly-batch/nightly' successfully created" in deploy.stdout
        pools = api(url, "/work_pools/filter", {})
        assert [(p["name"], p["type"], p["concurrency_limit"]) for p in pools] == [("sfo-redact", "process", 1)]
        run = subprocess.run([str(BIN / "prefect"), "deployment", "run", "nightly-batch/nightly"],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True)
        assert "Scheduled start time" in run.stdout
        worker = subprocess.run([str(BIN / "prefect"), "worker", "start", "--pool", "sfo-redact", "--run-once"],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert worker.returncode == 0, worker.stdout[-3000:] + worker.stderr[-3000:]
        runs = api(url, "/flow_runs/filter", {"flows": {"name": {"any_": ["nightly-batch"]}},
                                               "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}})
        assert len(runs) == 1 and runs[0]["parameters"]["inbox"] == str(tmp_path / "inbox")
    finally:
        server.stop()
