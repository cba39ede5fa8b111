"""PRISON: prisons and YOIs in England and Wales."""

from __future__ import annotations

import pytest

from recognizers.gazetteer import load_terms
from recognizers.prison_name import PRISON_LIST, PrisonNameRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return PrisonNameRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ('He was at HMP Wandsworth', 1, [(10, 24)]),
        ('HMYOI Feltham and HMP/YOI Doncaster', 2, [(0, 13), (18, 35)]),
        ('HMP & YOI Parc', 1, [(0, 14)]),
        ('HM Prison Berwyn', 1, [(0, 16)]),
        ('Wandsworth prison', 1, [(0, 17)]),
        ('Prison Berwyn', 1, [(0, 13)]),
        ('transferred to Wormwood Scrubs', 1, [(15, 30)]),
        ('released from The Mount', 1, [(14, 23)]),
        ('HMP Newtown', 1, [(0, 11)]),
        ('HMPPS', 0, []),
        ('HM Prison and Probation Service', 0, []),
        ('the prison and prison staff', 0, []),
        ('he wanted to send a letter', 0, []),
        ('MAPPA and OASys', 0, []),
        ('sentenced at Manchester Crown Court', 0, []),
        ('he was recalled to Leeds City Centre', 0, []),
        # colloquial names: distinctive ones alone, district names only after a custody cue
        ('He served two years in Strangeways.', 1, [(23, 34)]),
        ('a cell-mate from the Scrubs', 1, [(17, 27)]),
        ('transferred to Armley on remand', 1, [(15, 21)]),
        ('recalled to Armley', 1, [(12, 18)]),
        # movement cues need a word of custody in the sentence: people move to towns
        ('he moved to Armley with his aunt', 0, []),
        ('He moved to Leeds in 2019.', 0, []),
        ('The case was transferred to Durham in May.', 0, []),
        ('He was transferred to Durham to serve the rest of his sentence.', 1, [(22, 28)]),
        ('On remand he was moved to Leeds.', 1, [(26, 31)]),
        ('He said Leeds jail was rough.', 1, [(8, 18)]),
        ('He was moved to the Parc on a Cat C transfer.', 1, [(20, 24)]),
        ('he grew up in Armley and Walton', 0, []),
        ('he walked across the moor', 0, []),
        ('Strangeways Road', 0, []),
        # establishments outside the list, named by their kind with capitals
        ('He spent a year in Ravensmoor Prison.', 1, [(19, 36)]),
        ('held at Oakhill Secure Training Centre', 1, [(8, 38)]),
        ("detained at Yarl's Wood", 1, [(12, 23)]),
        ('HM Prison Ravensmoor', 1, [(0, 20)]),
        ('He was moved to an Open Prison.', 0, []),
        ('Release From Prison', 0, []),
        ('the Probation and Prison Service', 0, []),
        ('a Category B Prison', 0, []),
        # closed, Scottish and Northern Irish establishments: towns among them need a cue
        ('his time at Barlinnie', 1, [(12, 21)]),
        ('HMP Perth', 1, [(0, 9)]),
        ('He moved to Perth with his sister.', 0, []),
        ('He was released from HMP Shepton Mallet in 2012.', 1, [(21, 39)]),
        # names of several words that read as no person are the prison anywhere
        ('He was at Long Lartin from 2015.', 1, [(10, 21)]),
        ('While at Low Newton she completed a course.', 1, [(9, 19)]),
        ('his years in the Verne', 1, [(13, 22)]),
        ('Warren Hill said he would help.', 0, []),
        ('They walked along the Fosse Way to Leicester.', 0, []),
        # at / of / in before a listed name that is no town, in a sentence about prison life
        ('He spent three months at the Mount before moving to an open prison.', 1, [(25, 34)]),
        ('The OMU at Hewell completed the handover.', 1, [(11, 17)]),
        ('He had been a prisoner at High Down for four years.', 1, [(26, 35)]),
        ('He visited the Mount with his PP.', 0, []),
        ('He lived in Wandsworth before his sentence.', 0, []),
        ('He had a meeting at Leeds before his sentence.', 0, []),
        ('The Governor of Durham Probation Service met him on release.', 0, []),
        ('He was seen at Thames Valley Police station on licence.', 0, []),
        ('during his time in the Mount', 1, [(19, 28)]),
        ('He was at Parc Eirin at the time.', 0, []),
        ('He spent six months at Armley on remand.', 1, [(23, 29)]),
        ('He grew up in Armley before his first custodial sentence.', 0, []),
        ('He was at Walton Hall Park at the time.', 0, []),
        ('He was at the Wolds on remand.', 1, [(14, 19)]),
        ('He lived in the Wolds as a child.', 0, []),
        ('He spent a year in Forest Bank.', 1, [(19, 30)]),
        ('He walked the high down path.', 0, []),
        # nicknames of two words and of closed establishments
        ('He called Wakefield Monster Mansion.', 1, [(20, 35)]),
        ('He spent ten years in Long Kesh.', 1, [(22, 31)]),
        ('He was released from the Maze in 1998.', 1, [(21, 29)]),
        ('He got lost in the maze.', 0, []),
        ('He lived on Crumlin Road.', 0, []),
        # more custody and movement cues
        ('He was sent to Durham to serve his sentence.', 1, [(15, 21)]),
        ('He was sent to Durham to live with his aunt.', 0, []),
        ('He was sent down to Leeds in 2019.', 1, [(20, 25)]),
        # capitals of tables and headings; Welsh prefixes
        ('ESTABLISHMENT: HMP LEEDS', 1, [(15, 24)]),
        ('released from WORMWOOD SCRUBS', 1, [(14, 29)]),
        ('THE PROBATION SERVICE IN LEEDS', 0, []),
        ('HMPPS WALES', 0, []),
        ('CEF Caerdydd', 1, [(0, 12)]),
        ('Carchar Abertawe', 1, [(0, 16)]),
        ('He lives in Caerdydd.', 0, []),
        ('He was moved to the Mount in May.', 1, [(16, 25)]),
        ('He moved to the Moorlands estate.', 0, []),
        ('He was held at Feltham Young Offenders Institution.', 1, [(15, 50)]),
        ("He was in Oakhill Young Offenders' Institute.", 1, [(10, 44)]),
        ('a Young Offenders Institution', 0, []),
        # the kind of prison between the name and "prison"
        ('then to Ford open prison', 1, [(8, 24)]),
        ('He drove a Ford van for work.', 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)


def test_list_has_the_estate():
    names = load_terms(PRISON_LIST)
    assert len(names) >= 110
    assert len(set(names)) == len(names)
    for name in ("Wandsworth", "Berwyn", "Feltham", "Doncaster", "Wormwood Scrubs"):
        assert name in names
    assert not any(n.startswith(("HMP", "HMYOI")) for n in names)


def test_custody_cues_explain_and_towns_are_not_prisons(recognizer):
    strong, = recognizer.analyze("He was released from Leeds", ["PRISON"])
    assert "custody cue: released from" in strong.analysis_explanation.textual_explanation
    # "at"/"in" precede towns far more often than prisons: a town shared with a prison stays
    assert recognizer.analyze("He lived in Leeds and worked at Nottingham", ["PRISON"]) == []


def test_unlisted_prison_is_explained_as_such(recognizer):
    result, = recognizer.analyze("HMP Newtown", ["PRISON"])
    assert "not in the prison list" in result.analysis_explanation.textual_explanation


def test_custom_list(tmp_path):
    listing = tmp_path / "prisons.txt"
    listing.write_text("# invented\nGreyfield Moor\n", encoding="utf-8")
    recognizer = PrisonNameRecognizer(prison_list=str(listing))
    found = [(r.start, r.end) for r in recognizer.analyze("recalled to Greyfield Moor; HMP Wandsworth", ["PRISON"])]
    assert found == [(12, 26), (28, 42)]


@pytest.mark.parametrize(
    "text, found",
    [
        ("He spent two years at Belmarsh before release.", "Belmarsh"),
        ("His time in Pentonville was difficult.", "Pentonville"),
        ("The OMU at Swaleside sent the report.", "Swaleside"),
        # towns, districts and words named like establishments need a cue or HMP
        ("He moved to a flat in Leeds.", None),
        ("The Yorkshire and the Humber region reviewed it.", None),
        ("He walked on Dartmoor at weekends.", None),
        ("He lived in Wandsworth with his mother.", None),
    ],
)
def test_a_distinctive_establishment_needs_no_cue(text, found):
    results = PrisonNameRecognizer().analyze(text, ["PRISON"])
    assert [text[r.start : r.end] for r in results] == ([found] if found else [])
