"""The region on a review's running header (issue 13 item 1): a header holds several items
on one line, and the region is one of them."""

from __future__ import annotations

import docx

from pipeline.read.docx import read_docx
from pipeline.resolve.places import region_in


def _review(path, header: str) -> None:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = header
    d.add_paragraph("The review was completed by the SFO team.")
    d.save(path)


def test_a_region_between_separators_of_the_running_header(tmp_path):
    for header, region in (
        ("OFFICIAL-SENSITIVE | Probation Service \u2013 North West Region | SFO60013", "North West"),
        ("OFFICIAL-SENSITIVE \u2013 Kent, Surrey and Sussex \u2013 SFO review", "Kent, Surrey and Sussex"),
        ("OFFICIAL-SENSITIVE\tWales", "Wales"),
    ):
        path = tmp_path / "r.docx"
        _review(path, header)
        assert region_in(read_docx(path)) == region, header


def test_a_town_or_a_team_in_the_header_is_not_a_region(tmp_path):
    path = tmp_path / "r.docx"
    _review(path, "OFFICIAL-SENSITIVE | Croydon PDU | North team | SFO60013")
    assert region_in(read_docx(path)) == ""
