"""A real Prefect server on 127.0.0.1, started as a child process when no PREFECT_API_URL is set.

Prefect's embedded ("ephemeral") server runs no scheduler service, so the schedules of
`sfo-redact serve` never fired with it (issue 15: 0 runs in 4 minutes with an every-minute
cron). `prefect server start` does run the scheduler; its cold start measured 10.8 s on this
2-core machine, about what the embedded server costs, so serve starts one of its own:

- bound to 127.0.0.1 on a free port (or SFO_REDACT_SERVER_PORT), nothing off loopback;
- its database and logs under `server_home()`: $SFO_REDACT_PREFECT_HOME, else
  <sfo-redact home>/prefect-server (the same folder as the key store's, never the repository);
- in its own process group, with PR_SET_PDEATHSIG on Linux: if its parent dies, even by
  `kill -9`, the kernel sends it SIGTERM, so no server outlives the command that started it.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from pipeline import keystore

HOME_ENV = "SFO_REDACT_PREFECT_HOME"
PORT_ENV = "SFO_REDACT_SERVER_PORT"
STARTUP_TIMEOUT_SECONDS = float(os.environ.get("SFO_REDACT_SERVER_STARTUP_TIMEOUT", "180"))
STOP_TIMEOUT_SECONDS = 20.0
_PR_SET_PDEATHSIG = 1
URL_FILE = "api-url"  # the running server's API URL, so a batch started beside serve shares it
LOCK_FILE = "server.lock"  # held by the one process whose server uses this home's database


class ServerStartError(RuntimeError):
    """The local Prefect server did not become healthy (its log is under server_home())."""


class ServerBusyError(RuntimeError):
    """Another process owns the local server's database, and this command needs that one."""


def server_home() -> Path:
    """Where the local server keeps its database and log."""
    chosen = os.environ.get(HOME_ENV)
    return Path(chosen).expanduser() if chosen else keystore.home() / "prefect-server"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def healthy(api_url: str) -> bool:
    """True when the Prefect API at `api_url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:
            return resp.status == 200
    except (OSError, ValueError):
        return False


def running_server(home: Path | None = None) -> str | None:
    """The API URL of a healthy local server already running on `home` (serve's), if any."""
    try:
        url = ((home or server_home()) / URL_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return url if url.startswith("http://127.0.0.1:") and healthy(url) else None


def _prefect_executable() -> str:
    beside = Path(sys.executable).parent / "prefect"
    return str(beside) if beside.exists() else "prefect"


class LocalServer:
    """A `prefect server start` child process; `api_url` once started."""

    def __init__(self, home: Path | None = None, port: int | None = None, publish: bool = True) -> None:
        self.home = home or server_home()
        self.publish = publish  # write URL_FILE, so batches started meanwhile use this server
        self.port = port or int(os.environ.get(PORT_ENV) or 0) or free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> str:
        """Start the server and wait for /api/health; returns the API URL."""
        self.home.mkdir(parents=True, exist_ok=True, mode=0o700)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_")}
        env.update({
            "PREFECT_HOME": str(self.home),
            "DO_NOT_TRACK": "1",
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
            # The UI in a browser calls this API; left unset it calls 127.0.0.1:4200 and shows
            # "Can't connect to Server API" (seen on a screenshot of serve's UI).
            "PREFECT_SERVER_UI_API_URL": self.api_url,
        })
        log = open(self.home / "server.log", "ab")  # noqa: SIM115 - handed to the child
        try:
            self.proc = subprocess.Popen(
                [_prefect_executable(), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, preexec_fn=_die_with_parent,
            )
        finally:
            log.close()
        self._wait_healthy(timeout)
        if self.publish:
            (self.home / URL_FILE).write_text(self.api_url, encoding="utf-8")
        return self.api_url

    def _wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerStartError(
                    f"the local Prefect server exited with code {self.proc.returncode}; see {self.home / 'server.log'}"
                )
            if healthy(self.api_url):
                return
            time.sleep(0.5)
        self.stop()
        raise ServerStartError(f"the local Prefect server was not healthy after {timeout:.0f} s")

    def stop(self) -> None:
        """SIGTERM to the server's process group, SIGKILL if it has not gone within 20 s."""
        if self.proc is None or self.proc.poll() is not None:
            return
        if self.publish:
            (self.home / URL_FILE).unlink(missing_ok=True)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


def _recover() -> None:
    from flows.recovery import mark_crashed_runs

    try:
        mark_crashed_runs()
    except Exception as exc:  # noqa: BLE001 - recovery is best effort; the run itself goes on
        logging.getLogger("sfo_redact").warning("could not check for crashed runs (%s)", type(exc).__name__)


def _drain() -> None:
    """Send the logs and events still queued to the server before it is stopped (otherwise
    Prefect prints "Error logging to API ... All connection attempts failed" at exit).
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for service in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):
            service.drain_all(timeout=5)


def _own_database(home: Path):
    """An exclusive lock on `home`'s database (one server per SQLite file), or None if taken.

    Held by the process that owns the server; the kernel releases it if that process dies.
    """
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def _start_server(publish: bool, private_ok: bool) -> tuple[LocalServer, int | None, Path | None]:
    """A server on the shared database when free, else on a private one removed afterwards."""
    home = server_home()
    fd = _own_database(home)
    if fd is None and not private_ok:
        raise ServerBusyError("the local Prefect server's database is in use by a batch; run this again when it ends")
    if fd is not None:
        server = LocalServer(home, publish=publish)
        private = None
    else:
        # Another batch (or serve) owns the shared database: two servers on one SQLite file
        # would fight over it, and that batch stops its server when it ends.
        private = Path(tempfile.mkdtemp(prefix="run-", dir=home))
        logging.getLogger("sfo_redact").warning("the local Prefect server is busy with another run; this run uses a private one")
        server = LocalServer(private, publish=False)
    try:
        server.start()
    except BaseException:
        _release(fd, private)
        raise
    return server, fd, private


def _release(fd: int | None, private: Path | None) -> None:
    if fd is not None:
        os.close(fd)
    if private is not None:
        shutil.rmtree(private, ignore_errors=True)


@contextlib.contextmanager
def prefect_api(publish: bool = False, private_ok: bool = True) -> Iterator[str]:
    """The API to use: PREFECT_API_URL when set, else the local server `serve` already runs on
    server_home(), else a local server started for the block (and stopped on leaving).

    `publish` (serve): other commands started meanwhile use this server; a batch's server
    is never shared, since it stops when the batch ends. When another batch owns the shared
    database, a run gets a private one (`private_ok`) or ServerBusyError.

    Sets PREFECT_API_URL in the environment (flow-run subprocesses inherit it) and in Prefect's
    settings for this process, and first marks Crashed the runs a killed process left RUNNING.
    """
    from prefect.settings import PREFECT_API_URL

    given = os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()
    if given:
        _recover()
        yield given
        return
    server, fd, private = None, None, None
    url = running_server()
    try:
        if url is None:
            server, fd, private = _start_server(publish, private_ok)
            url = server.api_url
        os.environ["PREFECT_API_URL"] = url
        from prefect.settings import temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: url}):
            _recover()
            try:
                yield url
            finally:
                if server is not None:
                    _drain()
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if server is not None:
            server.stop()
            _release(fd, private)
