"""The flow commands reach the CLI through the entry-point group, not through an import in pipeline/."""

from __future__ import annotations

from pipeline import cli


def test_the_group_names_the_three_flow_commands():
    assert cli.command_entry_points() == {
        "batch": "flows.commands.batch",
        "finalise-all": "flows.commands.finalise_all",
        "serve": "flows.commands.serve",
    }


def test_the_parser_offers_the_flow_commands_and_the_core_ones():
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == {"redact", "eval", "finalise", "verify", "batch", "finalise-all", "serve"}


def test_a_command_whose_module_cannot_be_imported_is_left_out(monkeypatch):
    monkeypatch.setattr(cli, "command_entry_points", lambda: {"batch": "flows.commands.batch", "ghost": "no_such_module_xyz"})
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert "ghost" not in sub.choices and "batch" in sub.choices
