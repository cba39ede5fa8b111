"""Slow: after `notify-setup --webhook`, a failed nightly batch reaches a local HTTP receiver."""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from flows.local_server import LocalServer, free_port
from pipeline.evaluation.corpus import generate_case
from tests.flows.conftest import personal_needles
from tests.flows.test_serve_slow import BIN, ROOT, serve_env

pytestmark = pytest.mark.slow


def receiver():
    got: queue.Queue = queue.Queue()

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            got.put((self.path, self.rfile.read(int(self.headers.get("Content-Length") or 0))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, got


def test_a_failed_nightly_run_notifies_the_webhook(tmp_path):
    httpd, got = receiver()
    env = serve_env(tmp_path, free_port(), every=None)
    server = LocalServer(home=tmp_path / "prefect-server")
    try:
        env["PREFECT_API_URL"] = server.start()
        hook = f"http://127.0.0.1:{httpd.server_address[1]}/sfo-hook"
        setup = subprocess.run([str(BIN / "sfo-redact"), "notify-setup", "--webhook", hook],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert setup.returncode == 0, setup.stderr[-2000:]
        assert "Automation 'sfo-redact: nightly run failed'" in setup.stdout
        bad = generate_case(181, tmp_path / "inbox" / "bad", formats=("docx",), pages=1)
        bad.documents[0].write_bytes(b"PK\x03\x04 not a Word document")
        run = subprocess.run([str(BIN / "sfo-redact"), "batch", "--inbox", str(tmp_path / "inbox"),
                              "--outbox", str(tmp_path / "outbox")],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode == 1, run.stdout[-2000:]
        path, body = got.get(timeout=120)
    finally:
        server.stop()
        httpd.shutdown()
    message = json.loads(body)
    assert path == "/sfo-hook" and message["source"] == "sfo-redact"
    assert "nightly-batch" in message["subject"] and "Failed" in message["subject"]
    assert "1 of 1 case(s) failed" in message["body"]
    text = body.decode()
    assert bad.documents[0].stem not in text
    assert not [n for n in personal_needles([bad.gold_file], bad.documents) if n.lower() in text.lower()]
