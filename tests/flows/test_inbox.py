"""The inbox layout, change detection and quarantine (no Prefect, no engine)."""

from __future__ import annotations

from pathlib import Path

from flows.inbox import (
    default_quarantine,
    inputs_digest,
    is_unchanged,
    quarantine,
    scan_inbox,
    scrub_reason,
    write_state,
)


def _touch(path: Path, data: bytes = b"x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folders_and_loose_files_become_cases(tmp_path):
    inbox = tmp_path / "inbox"
    _touch(inbox / "case one" / "SFO60001parkerRReview.docx")
    _touch(inbox / "case one" / "SFO60001parkerRActionPlan.pdf")
    (inbox / "case one" / "case.yaml").write_text("case_id: SFO60001\n", encoding="utf-8")
    _touch(inbox / "SFO60002bellDReview.docx")
    _touch(inbox / "SFO60002bellDActionPlan.docx")
    (inbox / "SFO60002.case.yaml").write_text("case_id: SFO60002\n", encoding="utf-8")
    _touch(inbox / "SFO60001parkerRExtra.pdf")  # loose file of a case that has a folder
    _touch(inbox / "~$O60002bellDReview.docx")  # Word's lock file
    _touch(inbox / "notes about hughes.docx")
    _touch(inbox / "empty case" / "readme.txt")
    _touch(inbox / "README.md")  # not an input: ignored
    found = scan_inbox(inbox)
    assert list(found.cases) == ["SFO60001", "SFO60002"]
    one = found.cases["SFO60001"]
    assert {p.name for p in one.documents} == {"SFO60001parkerRReview.docx", "SFO60001parkerRActionPlan.pdf", "SFO60001parkerRExtra.pdf"}
    assert one.case_file.name == "case.yaml"
    two = found.cases["SFO60002"]
    assert len(two.documents) == 2 and two.case_file.name == "SFO60002.case.yaml" and two.folder is None
    reasons = sorted(r.reason for r in found.rejected)
    assert len(reasons) == 2 and any("no SFO reference" in r for r in reasons)
    # A rejected entry is labelled by a hash, never by its (possibly personal) name.
    assert all("hughes" not in r.case_id for r in found.rejected)


def test_a_loose_case_yaml_joins_the_case_it_names(tmp_path):
    inbox = tmp_path / "inbox"
    _touch(inbox / "SFO65961oneillEReview.docx")
    (inbox / "case.yaml").write_text("case_id: SFO65961\n", encoding="utf-8")
    found = scan_inbox(inbox)
    assert found.cases["SFO65961"].case_file.name == "case.yaml" and not found.rejected


def test_case_id_from_case_file_then_folder_then_files(tmp_path):
    inbox = tmp_path / "inbox"
    _touch(inbox / "a" / "review.docx")
    (inbox / "a" / "case.yaml").write_text("case_id: SFO61111\n", encoding="utf-8")
    _touch(inbox / "SFO62222 folder" / "review.docx")
    _touch(inbox / "b" / "SFO63333smithJReview.docx")
    _touch(inbox / "c" / "review.docx")
    ids = set(scan_inbox(inbox).cases)
    assert {"SFO61111", "SFO62222", "SFO63333"} <= ids
    assert any(i.startswith("unreferenced-") for i in ids)


def test_digest_changes_with_content_names_and_case_file(tmp_path):
    inbox = tmp_path / "inbox"
    doc = _touch(inbox / "c" / "SFO60001xReview.docx", b"one")
    case = scan_inbox(inbox).cases["SFO60001"]
    first = inputs_digest(case)
    assert inputs_digest(scan_inbox(inbox).cases["SFO60001"]) == first
    doc.write_bytes(b"two")
    assert inputs_digest(scan_inbox(inbox).cases["SFO60001"]) != first
    doc.write_bytes(b"one")
    (inbox / "c" / "case.yaml").write_text("case_id: SFO60001\n", encoding="utf-8")
    assert inputs_digest(scan_inbox(inbox).cases["SFO60001"]) != first


def test_state_marks_unchanged_only_after_success(tmp_path):
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    _touch(inbox / "c" / "SFO60001xReview.docx")
    case = scan_inbox(inbox).cases["SFO60001"]
    assert not is_unchanged(outbox, case)
    write_state(outbox, "SFO60001", inputs_digest(case), documents=1, pages=3)
    assert is_unchanged(outbox, case)
    _touch(inbox / "c" / "SFO60001xActionPlan.docx")
    assert not is_unchanged(outbox, scan_inbox(inbox).cases["SFO60001"])


def test_quarantine_copies_and_leaves_the_inbox_alone(tmp_path):
    src = _touch(tmp_path / "inbox" / "SFO60001jonesKReview.docx", b"broken")
    q = default_quarantine(tmp_path / "outbox")
    copy = quarantine(q, "SFO60001", src, kind="review", reason="not a readable DOCX")
    assert src.read_bytes() == b"broken" and copy.read_bytes() == b"broken"
    note = (q / "SFO60001" / "SFO60001jonesKReview.docx.reason.txt").read_text(encoding="utf-8")
    assert "not a readable DOCX" in note and "jones" not in note


def test_scrub_reason_removes_file_names():
    p = Path("/in/SFO60001jonesKReview.docx")
    assert scrub_reason("SFO60001jonesKReview.docx: cannot be read", [p]) == "<document>: cannot be read"


def test_find_case_reads_the_case_afresh(tmp_path):
    from flows.inbox import find_case

    inbox = tmp_path / "inbox"
    _touch(inbox / "one" / "SFO60001xReview.docx")
    _touch(inbox / "SFO60002yReview.docx")
    assert [p.name for p in find_case(inbox, "SFO60001").documents] == ["SFO60001xReview.docx"]
    # A document added inside a case folder does not change the inbox's listing; it is still seen.
    _touch(inbox / "one" / "SFO60001xActionPlan.docx")
    _touch(inbox / "SFO60001xExtra.pdf")
    assert len(find_case(inbox, "SFO60001").documents) == 3
    assert find_case(inbox, "SFO60002").folder is None
    assert find_case(inbox, "SFO69999") is None
