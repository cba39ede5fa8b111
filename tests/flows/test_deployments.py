"""`sfo-redact serve` builds its deployments (serving itself blocks, so it is not run here)."""

from __future__ import annotations

from pathlib import Path

import yaml

from flows.deployments import build_deployments
from pipeline.cli import build_parser


def test_deployments_schedule_the_nightly_batch_at_one_in_london(tmp_path):
    deployments = {d.name: d for d in build_deployments(tmp_path / "in", tmp_path / "out")}
    assert set(deployments) == {"serve-nightly", "serve-hourly", "serve-on-demand"}
    nightly = deployments["serve-nightly"]
    [schedule] = nightly.schedules
    assert schedule.schedule.cron == "0 1 * * *" and schedule.schedule.timezone == "Europe/London"
    # Parameters are folders only.
    assert set(nightly.parameters) == {"inbox", "outbox", "quarantine_dir"}
    assert nightly.parameters["inbox"] == str((tmp_path / "in").resolve())
    assert not deployments["serve-on-demand"].schedules


def test_prefect_yaml_matches_the_served_deployments():
    spec = yaml.safe_load((Path(__file__).parents[2] / "flows" / "prefect.yaml").read_text(encoding="utf-8"))
    by_name = {d["name"]: d for d in spec["deployments"]}
    # Never the same names as serve's: serving would take over the worker's deployments.
    served = {d.name for d in build_deployments(Path("/in"), Path("/out"))}
    assert set(by_name) == {name.removeprefix("serve-") for name in served} and not set(by_name) & served
    assert by_name["nightly"]["schedules"][0] == {"cron": "0 1 * * *", "timezone": "Europe/London", "active": True}
    assert by_name["nightly"]["entrypoint"] == "flows/nightly.py:nightly_batch"
    root = Path(__file__).parents[2]
    for d in spec["deployments"]:
        module, _, func = d["entrypoint"].partition(":")
        assert func in (root / module).read_text(encoding="utf-8")


def test_cli_commands_are_registered():
    parser = build_parser()
    args = parser.parse_args(["batch", "--inbox", "i", "--outbox", "o", "--workers", "2", "--dask", "tcp://h:8786"])
    assert args.workers == 2 and args.dask == "tcp://h:8786"
    assert parser.parse_args(["finalise-all", "--outbox", "o"]).command == "finalise-all"
    assert parser.parse_args(["serve", "--inbox", "i", "--outbox", "o"]).command == "serve"


def test_settings_turn_off_persistence_and_telemetry(monkeypatch):
    import os

    from flows.settings import configure

    monkeypatch.setenv("PREFECT_RESULTS_PERSIST_BY_DEFAULT", "true")
    monkeypatch.delenv("DO_NOT_TRACK", raising=False)
    configure()
    assert os.environ["PREFECT_RESULTS_PERSIST_BY_DEFAULT"] == "false"
    assert os.environ["DO_NOT_TRACK"] == "1" and os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
