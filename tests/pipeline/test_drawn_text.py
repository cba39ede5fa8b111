"""pikepdf's view of what a content stream draws: where one show operator's string meets the next.

Two strings shown one after another with no positioning between them are drawn touching:
one word ("Cooper" and "ative" read as "Cooper ative" made a reference-list surname of
"Cooperative"). A Td, Tm, T* or a new text object may start a new word, so it is a space.
"""
from __future__ import annotations

import pikepdf
import pytest

from pipeline.verify.qpdf import _drawn_text


def _ops(source: bytes):
    pdf = pikepdf.new()
    return pikepdf.parse_content_stream(pdf.make_stream(source))


@pytest.mark.parametrize(
    ("stream", "words"),
    [
        (b"BT /F1 10 Tf 72 700 Td (Cooper) Tj (ative) Tj ET", "Cooperative"),
        (b"BT /F1 10 Tf 72 700 Td (Cooper) Tj /F2 10 Tf (ative) Tj ET", "Cooperative"),  # a font change only
        (b"BT /F1 10 Tf 72 700 Td (Cooper) Tj 40 0 Td (said) Tj ET", "Cooper said"),
        (b"BT /F1 10 Tf 72 700 Td (Cooper) Tj ET BT 72 690 Td (said) Tj ET", "Cooper said"),
        (b"BT /F1 10 Tf 72 700 Td [(Coo) -20 (per) -250 (said)] TJ ET", "Cooper said"),
        (b"BT /F1 10 Tf 72 700 Td (Cooper) Tj (said) ' ET", "Cooper said"),  # ' moves to the next line
    ],
)
def test_strings_meet_as_drawn(stream, words):
    assert _drawn_text(_ops(stream)).split("\n")[0].strip() == words
