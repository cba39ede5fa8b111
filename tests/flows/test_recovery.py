"""Which recorded processes count as gone (the rule that marks killed runs Crashed), and loopback binding."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from flows.recovery import process_gone, process_tag


def test_a_live_process_of_this_host_is_not_gone():
    assert process_tag() == f"{socket.gethostname()}:{os.getpid()}"
    assert not process_gone(process_tag())


def test_an_ended_process_of_this_host_is_gone():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert process_gone(f"{socket.gethostname()}:{child.pid}")


def test_unknown_or_other_hosts_are_left_alone():
    assert not process_gone(None) and not process_gone("") and not process_gone("12345")
    assert not process_gone("some-other-host:1")
    assert not process_gone(f"{socket.gethostname()}:not-a-pid")


def test_the_local_dask_cluster_binds_its_http_servers_to_loopback():
    from flows.runners import RunnerConfig, build_task_runner

    for processes in (False, True):
        runner = build_task_runner(RunnerConfig(workers=2, local_dask=True, processes=processes))
        kwargs = runner.cluster_kwargs
        assert kwargs["dashboard_address"].startswith("127.0.0.1:")
        assert kwargs["worker_dashboard_address"].startswith("127.0.0.1:")


def test_one_process_owns_the_local_servers_database(tmp_path, monkeypatch):
    import pytest

    from flows import local_server

    monkeypatch.setenv(local_server.HOME_ENV, str(tmp_path))
    monkeypatch.setattr(local_server, "running_server", lambda home=None: None)
    first = local_server._own_database(tmp_path)
    assert first is not None
    assert local_server._own_database(tmp_path) is None  # a second owner is refused
    with pytest.raises(local_server.ServerBusyError):
        local_server._start_server(publish=False, private_ok=False)
    local_server._release(first, None)
    again = local_server._own_database(tmp_path)
    assert again is not None
    local_server._release(again, None)
