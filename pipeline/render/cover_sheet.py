"""The SFO Review Disclosure Cover Sheet (Annex K) that goes on top of the VLU pack.

It names the case by reference only, the region, the senior manager who signed the
redaction log off, the documents in the pack, a plain-English note on what was removed and
why, and a key to the labels that stand in the documents. Laid out with PyMuPDF's Story and
saved by sanitize.save_clean (Story writes a /Producer entry).
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from pipeline.categories import ENTITY_TREATMENT, WITHHELD_TEXT
from pipeline.decide.labels import STAFF_GIST
from pipeline.errors import RenderError
from pipeline.model import long_date
from pipeline.mupdf_lock import with_mupdf
from pipeline.render.sanitize import save_clean

ADDED_LABEL = "[redacted]"
REGION_LABEL = "[not for disclosure: removed]"
_PAGE = pymupdf.paper_rect("a4")
_BODY = pymupdf.Rect(57, 64, _PAGE.width - 57, _PAGE.height - 60)
_CSS = """
* { font-family: sans-serif; }
body { font-size: 10.5pt; line-height: 1.3; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
h2 { font-size: 12pt; margin: 12pt 0 4pt 0; }
p { margin: 0 0 6pt 0; }
table { border-collapse: collapse; width: 100%; margin: 2pt 0 6pt 0; }
td, th { border: 0.6pt solid #404040; vertical-align: top; text-align: left; padding: 0; }
td p, th p { margin: 3pt 5pt 3pt 5pt; }
th { background-color: #d9d9d9; }
.mark { font-weight: bold; text-align: center; }
.lbl { font-weight: bold; }
"""
_ROLE_ORDER = {"supervised individual": 0, "victim": 1, "staff": 2, "third party": 3, "Prison": 4}


@dataclass(frozen=True)
class PackDocument:
    """One document of the pack as the cover sheet lists it."""

    file: str
    description: str
    pages: int


@dataclass
class CoverInfo:
    """What the cover sheet shows."""

    case_id: str
    region: str
    signed_by: str
    signed_role: str
    signed_on: dt.date
    documents: list[PackDocument]
    label_key: list[tuple[str, str]] = field(default_factory=list)
    prepared_on: dt.date = field(default_factory=dt.date.today)
    reidentification: str = ""  # what the re-identification check found and what was decided


def describe_labels(labels: Iterable[str], people: Sequence[dict]) -> list[tuple[str, str]]:
    """(label, plain description) for each label used, people first, in a stable order."""
    by_label = {e["label"]: e for e in people}
    victims = sum(1 for e in people if e.get("role") == "victim")
    treatment = {t.label: t.gist for t in ENTITY_TREATMENT.values()}
    withheld = dict(WITHHELD_TEXT.values())
    out: list[tuple[int, str, str]] = []
    for label in sorted(set(labels)):
        entry = by_label.get(label)
        if entry is not None:
            role = entry.get("role")
            if role == "supervised individual":
                text = "the supervised individual (random initials, not their real ones)"
            elif role == "victim":
                text = "the victim" if victims == 1 else "a victim"
            elif role == "staff":
                text = STAFF_GIST.get(entry.get("staff_role") or "other", "a member of staff")
            elif role == "third party":
                rel = entry.get("relationship")
                text = f"a third party ({rel})" if rel else "a third party"
            elif role == "Prison":
                text = "a prison"
            else:
                text = "a person or place named in the review"
            out.append((_ROLE_ORDER.get(str(role), 5), label, text))
        elif label in treatment:
            out.append((6, label, f"{treatment[label]} removed"))
        elif label in withheld:
            out.append((6, label, withheld[label]))
        elif label == ADDED_LABEL:
            out.append((7, label, "information removed at the senior manager's review"))
        elif label == REGION_LABEL:
            out.append((7, label, "a column of the review table that is not for disclosure"))
        else:
            out.append((8, label, "information removed"))
    return [(label, text) for _, label, text in sorted(out, key=lambda t: (t[0], _natural(t[1])))]


def _natural(label: str) -> tuple:
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", label))


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def cover_html(info: CoverInfo) -> str:
    """The cover sheet as HTML."""
    docs = "".join(
        f"<tr><td><p>{_e(d.file)}</p></td><td><p>{_e(d.description)}</p></td><td><p>{d.pages}</p></td></tr>"
        for d in info.documents
    )
    key = "".join(f'<tr><td><p class="lbl">{_e(label)}</p></td><td><p>{_e(text)}</p></td></tr>' for label, text in info.label_key)
    key_table = (
        f"<table><tr><th><p>Label</p></th><th><p>Stands for</p></th></tr>{key}</table>"
        if key
        else "<p>No labels are used in these documents.</p>"
    )
    return f"""<body>
<p class="mark">OFFICIAL-SENSITIVE</p>
<h1>SFO Review Disclosure Cover Sheet</h1>
<p>Annex K</p>
<table>
<tr><td><p><b>Case reference</b></p></td><td><p>{_e(info.case_id)}</p></td></tr>
<tr><td><p><b>Region</b></p></td><td><p>{_e(info.region or 'not recorded')}</p></td></tr>
<tr><td><p><b>Date prepared</b></p></td><td><p>{long_date(info.prepared_on)}</p></td></tr>
<tr><td><p><b>Redactions signed off by</b></p></td><td><p>{_e(info.signed_by)}, {_e(info.signed_role)}, on {long_date(info.signed_on)}</p></td></tr>
</table>
<h2>Documents in this pack</h2>
<table><tr><th><p>File</p></th><th><p>Document</p></th><th><p>Pages</p></th></tr>{docs}</table>
<h2>About the information removed</h2>
<p>Some personal information has been removed from these documents, or replaced with a label,
under the Data Protection Act 2018. This protects the privacy and safety of the people named
in the review, including staff and other people who are not part of the case, and removes
details such as addresses, dates of birth, reference numbers and health information that are
not needed to understand the review. Nothing about how the case was managed, or what the
review found, has been removed for that reason.</p>
<p>Where something was removed you will see a black box. The words in the box tell you what
kind of information it was, or which person it refers to. The same person has the same label
everywhere in the pack.</p>
{f"<p>{_e(info.reidentification)}</p>" if info.reidentification else ""}
<h2>Key to the labels used</h2>
{key_table}
<p>Every redaction and the reason for it is recorded in a redaction log kept by the Probation
Service and signed off by a senior manager.</p>
<p class="mark">OFFICIAL-SENSITIVE - please do not copy or share this pack electronically</p>
</body>"""


@with_mupdf
def write_cover_sheet(info: CoverInfo, out_path: Path) -> int:
    """Write the cover sheet PDF; returns its page count."""
    story = pymupdf.Story(html=cover_html(info), user_css=_CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    more, pages = 1, 0
    while more:
        pages += 1
        if pages > 50:
            writer.close()
            raise RenderError("the cover sheet layout did not finish", out_path)
        device = writer.begin_page(_PAGE)
        more, _ = story.place(_BODY)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buf.getvalue())
    try:
        total = doc.page_count
        if total > 1:
            for n, page in enumerate(doc, start=1):
                page.insert_text((_PAGE.width / 2 - 30, _PAGE.height - 30), f"page {n} of {total}", fontname="helv", fontsize=8)  # lower case: a withheld surname may be "Page"
        save_clean(doc, Path(out_path))
    finally:
        doc.close()
    return total
