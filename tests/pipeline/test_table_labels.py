import docx

from pipeline.detect.layout import labelled_cells
from pipeline.read.docx import read_docx


def make(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=4)
    for i, h in enumerate(["Name of supervised individual", "CRN", "Date of birth", "Reviewing manager"]):
        t.cell(0, i).text = h
    for i, v in enumerate(["Zeb Quarrington", "X123456", "19/02/1978", "Ffion Barrowclough"]):
        t.cell(1, i).text = v
    kv = d.add_table(rows=3, cols=2)
    for r, (k, v) in enumerate([("DOB", "2 April 1990"), ("Victim", "Hollie Brent"), ("Date", "12 March 2023")]):
        kv.cell(r, 0).text = k
        kv.cell(r, 1).text = v
    chron = d.add_table(rows=2, cols=3)
    for i, h in enumerate(["Date", "Event / contact", "Analysis"]):
        chron.cell(0, i).text = h  # a heading row: "Analysis" is not the contact's name
    chron.cell(1, 0).text = "03/05/2023"
    chron.cell(1, 1).text = "Home visit"
    chron.cell(1, 2).text = "Sound"
    path = tmp_path / "t.docx"
    d.save(path)
    return read_docx(path)


def test_values_are_found_by_their_labels(tmp_path):
    doc = make(tmp_path)
    found = {(d.entity, d.text, d.explanation) for d in labelled_cells(doc)}
    assert found == {
        ("PERSON", "Zeb Quarrington", "table label: name; role cue: supervised individual"),
        ("DATE_OF_BIRTH", "19/02/1978", "table label: date of birth"),
        ("PERSON", "Ffion Barrowclough", "table label: name; role cue: reviewing manager"),
        ("DATE_OF_BIRTH", "2 April 1990", "table label: date of birth"),
        ("PERSON", "Hollie Brent", "table label: name; role cue: victim"),
    }
    # chronology dates stay: "Date" is not "Date of birth"
