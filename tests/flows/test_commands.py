"""The flow commands reach the CLI through the entry-point group, not through an import in pipeline/."""

from __future__ import annotations

from pipeline import cli


def test_the_group_names_the_flow_commands():
    assert cli.command_entry_points() == {
        "batch": "flows.commands.batch",
        "finalise-all": "flows.commands.finalise_all",
        "serve": "flows.commands.serve",
        "notify-setup": "flows.commands.notify_setup",
    }


def test_the_parser_offers_the_flow_commands_and_the_core_ones():
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == {"redact", "eval", "finalise", "verify", "batch", "finalise-all", "serve", "notify-setup"}


def test_a_command_whose_module_cannot_be_imported_is_left_out(monkeypatch):
    monkeypatch.setattr(cli, "command_entry_points", lambda: {"batch": "flows.commands.batch", "ghost": "no_such_module_xyz"})
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    assert "ghost" not in sub.choices and "batch" in sub.choices


def test_progress_is_plain_lines_once_per_case_when_redirected():
    import io

    from flows.commands.batch import _progress
    from flows.progress import emit

    out = io.StringIO()
    with _progress(out):
        emit("planned", {"to_run": 2, "others": []})
        emit("case", {"case_id": "SFO60001", "status": "done", "documents": 1, "pages": 3})
        emit("case", {"case_id": "SFO60002", "status": "failed", "failures": [("review", "unreadable")]})
        emit("finished", {})
    text = out.getvalue()
    assert text.splitlines() == [
        "SFO60001 done: 1 document(s), 3 page(s)",
        "SFO60002 failed: 0 document(s), 0 page(s), 1 failure(s)",
    ]
    assert "\x1b" not in text and "\r" not in text


def test_progress_on_a_terminal_prints_each_case_above_a_bar():
    import io

    from flows.commands.batch import _progress
    from flows.progress import emit

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    with _progress(out) as p:
        emit("planned", {"to_run": 1, "others": []})
        assert p.progress is not None
        emit("case", {"case_id": "SFO60001", "status": "done", "documents": 1, "pages": 3})
    assert out.getvalue().count("SFO60001 done") == 1
