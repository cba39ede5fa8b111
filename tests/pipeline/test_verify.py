import pymupdf
import pytest

from pipeline.errors import LeakDetectedError
from pipeline.render.sanitize import save_clean
from pipeline.verify import Needle, find_leaks, verify


@pytest.mark.parametrize(
    "text, needle, found",
    [
        ("met Ciaran O’Dowd today", Needle("Ciaran O'Dowd", "name", True), True),  # curly apostrophe
        ("met Ciaran\nO'Dowd today", Needle("Ciaran O'Dowd", "name", True), True),  # line break
        ("he will go", Needle("Will", "name", True), False),  # the verb is not the name
        ("WILL HOPE", Needle("WILL", "name", True), True),
        ("CRN X 123 456", Needle("X123456", "identifier"), True),  # spaced out
        ("943 476 5919", Needle("943 476 5919", "identifier"), True),
        ("Leedsbury", Needle("Leeds", "name", True), False),  # inside a longer word
        ("O", Needle("O", "name", True), False),  # too short to check
    ],
)
def test_find_leaks(text, needle, found):
    assert bool(find_leaks([text], [needle])) is found


def make_pdf(path, text, metadata=None, incremental=False):
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), text)
    if metadata:
        doc.save(path)
        doc = pymupdf.open(path)
        doc.set_metadata(metadata)
        doc.saveIncr() if incremental else None
        if not incremental:
            doc.save(path.with_name("m.pdf"))
            return path.with_name("m.pdf")
        return path
    save_clean(doc, path)
    return path


def test_clean_pdf_passes(tmp_path):
    report = verify(make_pdf(tmp_path / "a.pdf", "Contact with PP1 on 3 May 2023."), [Needle("Zebedee Quarrington", "name", True)])
    assert report.ok and report.pages == 1


def test_leak_is_refused_without_quoting_it(tmp_path):
    path = make_pdf(tmp_path / "a.pdf", "Contact with Zebedee Quarrington.")
    with pytest.raises(LeakDetectedError) as info:
        verify(path, [Needle("Zebedee Quarrington", "name", True)])
    msg = str(info.value)
    assert "pypdf" in msg and "pdfminer.six" in msg and "name" in msg
    assert "Quarrington" not in msg


def test_metadata_and_incremental_saves_are_refused(tmp_path):
    path = make_pdf(tmp_path / "a.pdf", "Nothing personal.", metadata={"author": "Zebedee Quarrington"}, incremental=True)
    with pytest.raises(LeakDetectedError) as info:
        verify(path, [])
    assert "metadata" in str(info.value) and "revision" in str(info.value)
    assert "Quarrington" not in str(info.value)


def test_unreadable_output_fails(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    with pytest.raises(LeakDetectedError, match="cannot be re-read"):
        verify(bad, [])


def test_a_word_surname_before_a_number_is_not_a_leak_but_elsewhere_it_is():
    from pipeline.verify.needles import name_needle

    needle = name_needle("Page")
    assert needle.number_may_follow and not name_needle("Quarrington").number_may_follow
    assert find_leaks(["Footer: Page 1 of 3"], [needle]) == []
    assert find_leaks(["Contact with Ms Page was weekly."], [needle]) == [(needle, 1)]
    assert find_leaks(["PAGE reported it."], [name_needle("PAGE")]) != []


def test_a_refusal_names_the_log_rows_to_act_on_never_the_text(tmp_path):
    import dataclasses

    import pymupdf

    from pipeline.errors import LeakDetectedError
    from pipeline.verify import Needle, verify
    from pipeline.verify.needles import name_needle

    path = tmp_path / "final.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "The report by Jenkins was late; see X654321.", fontname="helv", fontsize=11)
    doc.save(path)
    needles = [
        dataclasses.replace(name_needle("Jenkins"), ref="log row R012"),
        Needle("X654321", "identifier", ref="'Add redactions' A3"),
    ]
    with pytest.raises(LeakDetectedError) as err:
        verify(path, needles)
    message = str(err.value)
    assert "log row R012" in message and "'Add redactions' A3" in message
    assert "Jenkins" not in message and "X654321" not in message
