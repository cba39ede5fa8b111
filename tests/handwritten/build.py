"""Build the hand-written evaluation set: DOCX/PDF documents, gold.json and case.yaml per case.

Source: src/<case>/people.yaml (case id, people) and one *.txt per document, written by hand.
Markup inside the text (stripped from the built documents):

  [text|tag]        must go. tag = a person id (category "name", for that person), or
                    id | contact | addr | dob | med | staff | prison | hidden, optionally
                    followed by ":person" (e.g. [olanzapine|med:si]).
  {text|kind}       must stay. kind = town | agency | role | date | finding | offence | team | word
                    | place (an ordinary word or phrase that a word-name detector might take).

Line directives in a document file:

  @file NAME            output file stem;  @format docx|pdf
  @meta author=..;title=..
  @header TEXT / @footer TEXT     (running header/footer, markup allowed)
  # / ## / ###  headings; "- " list items; any other non-blank line is a paragraph
  @comment TEXT         a Word comment anchored on the next paragraph (DOCX only; hidden content)
  @table [nfd=N] [header]   rows follow, cells separated by " || ", until @end.
                        nfd=N: column N (0-based) is the not-for-disclosure column: each of its
                        body cells is gold "removed column" as a whole.

Run:  /work/main/.venv/bin/python tests/handwritten/build.py [case ...]
PDFs are written directly with PyMuPDF (an HTML story); the LibreOffice here has no Writer.
Nothing here imports or copies the project's corpus generator.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
OUT = HERE / "cases"

GO = re.compile(r"\[([^\[\]|]+)\|([a-z_0-9:]+)\]")
STAY = re.compile(r"\{([^{}|]+)\|([a-z]+)\}")
CATS = {
    "id": "identifier", "contact": "contact", "addr": "address", "dob": "date of birth",
    "med": "medical", "staff": "staff circumstances", "prison": "prison", "hidden": "hidden content",
}
KINDS = {
    "town": "town", "agency": "agency", "role": "role word", "date": "chronology date",
    "finding": "practice finding", "offence": "offence", "team": "team", "word": "ordinary word",
    "place": "ordinary word",
}


class Gold:
    def __init__(self, people: dict):
        self.people = people
        self.must_go: dict[tuple, dict] = {}
        self.must_stay: dict[tuple, dict] = {}
        self.mentions: dict[str, dict[str, None]] = {pid: {} for pid in people}

    def go(self, text, category, person, document):
        text = " ".join(text.split())
        if text:
            self.must_go.setdefault((document, category, text, person),
                                    {"text": text, "category": category, "person": person, "document": document})


def parse(text: str, gold: Gold, document: str | None) -> str:
    """Strip markup, recording gold (document None: do not record)."""
    def go(m):
        body, tag = m.group(1), m.group(2)
        head, _, who = tag.partition(":")
        if head in CATS:
            cat, person = CATS[head], (who or None)
        else:
            cat, person = "name", head
            if head not in gold.people:
                sys.exit(f"unknown person id {head!r} in {document}")
            if document is not None:
                gold.mentions[head][" ".join(body.split())] = None
        if person is not None and person not in gold.people:
            sys.exit(f"unknown person id {person!r} in {document}")
        if document is not None:
            gold.go(body, cat, person, document)
        return body

    def stay(m):
        body, kind = m.group(1), m.group(2)
        if kind not in KINDS:
            sys.exit(f"unknown must-stay kind {kind!r} in {document}")
        if document is not None:
            t = " ".join(body.split())
            gold.must_stay.setdefault((KINDS[kind], t), {"text": t, "kind": KINDS[kind]})
        return body

    return STAY.sub(stay, GO.sub(go, text))


def blocks(lines: list[str], gold: Gold, name: str, hidden_parts: bool):
    """Walk a source document: (meta, header, footer, blocks) with markup stripped, gold recorded.

    Blocks: ("h1"|"h2"|"h3"|"p"|"li", text, comment or None) and ("table", rows, header flag).
    """
    meta: dict[str, str] = {}
    header = footer = None
    out: list[tuple] = []
    pending_comment = None
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if not s or s.startswith("%%") or s.startswith("@file") or s.startswith("@format"):
            continue
        if s.startswith("@meta"):
            for kv in s[5:].split(";"):
                k, _, v = kv.strip().partition("=")
                meta[k.strip()] = v.strip()
            continue
        if s.startswith("@header"):
            header = parse(s[7:].strip(), gold, name)
            continue
        if s.startswith("@footer"):
            footer = parse(s[7:].strip(), gold, name)
            continue
        if s.startswith("@comment"):
            pending_comment = s[8:].strip()
            continue
        if s.startswith("@table"):
            opts = s[6:].split()
            nfd = next((int(o[4:]) for o in opts if o.startswith("nfd=")), None)
            has_header = "header" in opts
            rows = []
            while lines[i].strip() != "@end":
                if lines[i].strip():
                    rows.append([c.strip() for c in lines[i].strip().split(" || ")])
                i += 1
            i += 1
            width = max(len(r) for r in rows)
            built = []
            for r, row in enumerate(rows):
                cells = []
                for c in range(width):
                    text = parse(row[c] if c < len(row) else "", gold, name)
                    if nfd is not None and c == nfd and not (has_header and r == 0) and text.strip():
                        gold.go(text.replace(" // ", " "), "removed column", None, name)
                    cells.append(text.split(" // "))
                built.append(cells)
            out.append(("table", built, has_header))
            continue
        for prefix, kind in (("### ", "h3"), ("## ", "h2"), ("# ", "h1"), ("- ", "li")):
            if s.startswith(prefix):
                text = parse(s[len(prefix):], gold, name)
                break
        else:
            kind, text = "p", parse(s, gold, name)
        comment = None
        if pending_comment is not None:
            if hidden_parts:
                comment = parse(pending_comment, gold, None)
                gold.go(comment, "hidden content", None, name)
            pending_comment = None
        out.append((kind, text, comment))
    return meta, header, footer, out


def build_docx(lines: list[str], gold: Gold, name: str, path: Path) -> None:
    meta, header, footer, content = blocks(lines, gold, name, hidden_parts=True)
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(11)
    section = doc.sections[0]
    if header:
        section.header.paragraphs[0].text = header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if footer:
        section.footer.paragraphs[0].text = footer
    for block in content:
        if block[0] == "table":
            rows, has_header = block[1], block[2]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, parts in enumerate(row):
                    cell = table.cell(r, c)
                    cell.paragraphs[0].text = parts[0]
                    for extra in parts[1:]:
                        cell.add_paragraph(extra)
                    if has_header and r == 0:
                        for p in cell.paragraphs:
                            for run in p.runs:
                                run.bold = True
            doc.add_paragraph()
            continue
        kind, text, comment = block
        if kind.startswith("h"):
            p = doc.add_heading(text, level=int(kind[1]))
        elif kind == "li":
            p = doc.add_paragraph(text, style="List Bullet")
        else:
            p = doc.add_paragraph(text)
        if comment:
            doc.add_comment(p.runs, text=comment, author=meta.get("author", "Reviewer"), initials="RM")
    if "author" in meta:
        doc.core_properties.author = meta["author"]
    if "title" in meta:
        doc.core_properties.title = meta["title"]
    doc.save(path)


CSS = (
    "body{font-family:sans-serif;font-size:10pt;line-height:1.3} p{margin:0 0 6pt 0} li{margin:0 0 3pt 0}"
    " h1{font-size:15pt;margin:10pt 0 6pt 0} h2{font-size:12.5pt;margin:9pt 0 5pt 0} h3{font-size:11pt;margin:8pt 0 4pt 0}"
    " table{border-collapse:collapse;margin:4pt 0 10pt 0} td,th{border:1px solid #000;padding:3pt;vertical-align:top;text-align:left}"
)
SMALL = "*{font-family:sans-serif;font-size:8.5pt}"


def build_pdf(lines: list[str], gold: Gold, name: str, path: Path) -> None:
    """A PDF written directly with PyMuPDF (HTML story), running header and footer on every page."""
    import html as h
    import io

    import pymupdf

    meta, header, footer, content = blocks(lines, gold, name, hidden_parts=False)
    parts = []
    list_open = False
    for block in content:
        if block[0] == "li":
            if not list_open:
                parts.append("<ul>")
                list_open = True
            parts.append(f"<li>{h.escape(block[1])}</li>")
            continue
        if list_open:
            parts.append("</ul>")
            list_open = False
        if block[0] == "table":
            rows, has_header = block[1], block[2]
            parts.append("<table>")
            for r, row in enumerate(rows):
                tag = "th" if has_header and r == 0 else "td"
                parts.append("<tr>" + "".join(f"<{tag}>" + "<br/>".join(h.escape(x) for x in cell) + f"</{tag}>" for cell in row) + "</tr>")
            parts.append("</table>")
        elif block[0].startswith("h"):
            parts.append(f"<{block[0]}>{h.escape(block[1])}</{block[0]}>")
        else:
            parts.append(f"<p>{h.escape(block[1])}</p>")
    if list_open:
        parts.append("</ul>")
    story = pymupdf.Story(html="".join(parts), user_css=CSS)
    buf = io.BytesIO()
    writer = pymupdf.DocumentWriter(buf)
    page_rect = pymupdf.paper_rect("a4")
    where = page_rect + (62, 72, -62, -72)
    more = 1
    while more:
        dev = writer.begin_page(page_rect)
        more, _ = story.place(where)
        story.draw(dev)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buf.getvalue())
    n = doc.page_count
    for i, page in enumerate(doc, start=1):
        if header:
            page.insert_htmlbox(pymupdf.Rect(62, 30, page_rect.width - 62, 60),
                                f"<p style='text-align:center'>{h.escape(header)}</p>", css=SMALL)
        foot = (footer + " – " if footer else "") + f"Page {i} of {n}"
        page.insert_htmlbox(pymupdf.Rect(62, page_rect.height - 55, page_rect.width - 62, page_rect.height - 25),
                            f"<p>{h.escape(foot)}</p>", css=SMALL)
    doc.set_metadata({"author": meta.get("author", ""), "title": meta.get("title", ""), "creator": "Microsoft Word"})
    doc.save(path, garbage=3, deflate=True)


def build_case(src: Path) -> None:
    spec = yaml.safe_load((src / "people.yaml").read_text(encoding="utf-8"))
    people = {p["id"]: p for p in spec["people"]}
    gold = Gold(people)
    out = OUT / src.name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    documents = []
    for txt in sorted(src.glob("*.txt")):
        lines = txt.read_text(encoding="utf-8").splitlines()
        stem = next(l.split(None, 1)[1].strip() for l in lines if l.startswith("@file"))
        fmt = next((l.split(None, 1)[1].strip() for l in lines if l.startswith("@format")), "docx")
        name = f"{stem}.{fmt}"
        (build_docx if fmt == "docx" else build_pdf)(lines, gold, name, out / name)
        documents.append(name)
    gone = {g["text"] for g in gold.must_go.values()}
    kept = []
    for item in gold.must_stay.values():
        clash = [g for g in gone if re.search(rf"(?<!\w){re.escape(g)}(?!\w)", item["text"])]
        if clash:
            print(f"  {src.name}: must-stay {item['text'][:40]!r} holds a must-go string; dropped", file=sys.stderr)
            continue
        kept.append(item)
    gold_people = []
    for pid, p in people.items():
        gold_people.append({
            "id": pid, "name": p["name"], "role": p["role"], "staff_role": p.get("staff_role"),
            "relationship": p.get("relationship"),
            "initials": p.get("initials") or "".join(w[0] for w in p["name"].split() if w[0].isupper()),
            "mentions": list(gold.mentions[pid]),
        })
    data = {"case_id": spec["case_id"], "seed": 0, "documents": documents, "people": gold_people,
            "must_go": list(gold.must_go.values()), "must_stay": kept}
    (out / "gold.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # The case file a disclosure lead would write: names (and staff roles, relationships) only.
    case = {"case_id": spec["case_id"]}
    listed = [p for p in spec["people"] if p.get("in_case_file", True)]
    si = [p for p in listed if p["role"] == "supervised individual"]
    if si:
        case["supervised_individual"] = {"name": si[0]["name"]}
    case["victims"] = [{"name": p["name"]} for p in listed if p["role"] == "victim"]
    case["staff"] = [{"name": p["name"], "role": p.get("case_role", p.get("staff_role") or "other")}
                     for p in listed if p["role"] == "staff"]
    case["third_parties"] = [{"name": p["name"], "relationship": p.get("relationship") or "other"}
                             for p in listed if p["role"] == "third party"]
    (out / "case.yaml").write_text(yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    words = 0
    for txt in sorted(src.glob("*.txt")):
        plain = parse("\n".join(l for l in txt.read_text(encoding="utf-8").splitlines() if not l.startswith(("@file", "@format", "@meta", "@table", "@end", "%%"))), gold, None)
        words += len(plain.replace(" || ", " ").split())
    print(f"{src.name}: {', '.join(documents)}; {words} words; {len(gold.must_go)} must-go, {len(kept)} must-stay")


def main(argv: list[str]) -> None:
    cases = [SRC / a for a in argv] if argv else sorted(p for p in SRC.iterdir() if (p / "people.yaml").exists())
    for src in cases:
        build_case(src)




def check() -> None:
    """Every must-go string and every must-stay string is in the document it is scored on."""
    import unicodedata
    import zipfile

    import pymupdf

    bad = 0
    for case in sorted(p for p in OUT.iterdir() if (p / "gold.json").exists()):
        gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
        texts = {}
        for name in gold["documents"]:
            path = case / name
            if name.endswith(".docx"):
                with zipfile.ZipFile(path) as z:
                    xml = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
                raw = " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
                import html
                raw = html.unescape(raw)
            else:
                raw = " ".join(page.get_text() for page in pymupdf.open(path))
            texts[name] = " ".join(unicodedata.normalize("NFKC", raw).split())
        for item in gold["must_go"]:
            if " ".join(unicodedata.normalize("NFKC", item["text"]).split()) not in texts[item["document"]]:
                bad += 1
                print(f"  {case.name}/{item['document']}: must-go not found ({item['category']})", file=sys.stderr)
        for item in gold["must_stay"]:
            if not any(item["text"] in t for t in texts.values()):
                bad += 1
                print(f"  {case.name}: must-stay not found ({item['kind']})", file=sys.stderr)
    print(f"check: {bad} problem(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
    check()
