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

Run:  /work/main/.venv/bin/python tests/handwritten/build.py   (needs LibreOffice for PDFs)
Nothing here imports or copies the project's corpus generator.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
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


def build_docx(lines: list[str], gold: Gold, name: str, path: Path, hidden_parts: bool) -> dict:
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(11)
    meta: dict[str, str] = {}
    pending_comment = None
    i = 0
    section = doc.sections[0]
    while i < len(lines):
        line = lines[i].rstrip("\n")
        i += 1
        s = line.strip()
        if not s or s.startswith("%%"):
            continue
        if s.startswith("@file") or s.startswith("@format"):
            continue
        if s.startswith("@meta"):
            for kv in s[5:].split(";"):
                k, _, v = kv.strip().partition("=")
                meta[k.strip()] = v.strip()
            continue
        if s.startswith("@header") or s.startswith("@footer"):
            part = section.header if s.startswith("@header") else section.footer
            p = part.paragraphs[0]
            p.text = parse(s[7:].strip(), gold, name)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if s.startswith("@header") else WD_ALIGN_PARAGRAPH.LEFT
            continue
        if s.startswith("@comment"):
            pending_comment = s[8:].strip()
            continue
        if s.startswith("@table"):
            opts = s[6:].split()
            nfd = None
            header = "header" in opts
            for o in opts:
                if o.startswith("nfd="):
                    nfd = int(o[4:])
            rows = []
            while lines[i].strip() != "@end":
                if lines[i].strip():
                    rows.append([c.strip() for c in lines[i].strip().split(" || ")])
                i += 1
            i += 1
            width = max(len(r) for r in rows)
            table = doc.add_table(rows=len(rows), cols=width)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c in range(width):
                    raw = row[c] if c < len(row) else ""
                    text = parse(raw, gold, name)
                    cell = table.cell(r, c)
                    parts = text.split(" // ")
                    cell.paragraphs[0].text = parts[0]
                    for extra in parts[1:]:
                        cell.add_paragraph(extra)
                    if header and r == 0:
                        for p in cell.paragraphs:
                            for run in p.runs:
                                run.bold = True
                    if nfd is not None and c == nfd and not (header and r == 0) and text.strip():
                        gold.go(text.replace(" // ", " "), "removed column", None, name)
            doc.add_paragraph()
            continue
        if s.startswith("### "):
            p = doc.add_heading(parse(s[4:], gold, name), level=3)
        elif s.startswith("## "):
            p = doc.add_heading(parse(s[3:], gold, name), level=2)
        elif s.startswith("# "):
            p = doc.add_heading(parse(s[2:], gold, name), level=1)
        elif s.startswith("- "):
            p = doc.add_paragraph(parse(s[2:], gold, name), style="List Bullet")
        else:
            p = doc.add_paragraph(parse(s, gold, name))
        if pending_comment is not None:
            if hidden_parts:
                ctext = parse(pending_comment, gold, None)
                doc.add_comment(p.runs, text=ctext, author=meta.get("author", "Reviewer"), initials="RM")
                gold.go(ctext, "hidden content", None, name)
            pending_comment = None
    if "author" in meta:
        doc.core_properties.author = meta["author"]
    if "title" in meta:
        doc.core_properties.title = meta["title"]
    doc.save(path)
    return meta


def to_pdf(docx: Path, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="hw-lo-") as prof:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), str(docx)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=240,
        )
    return outdir / (docx.stem + ".pdf")


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
        if fmt == "docx":
            build_docx(lines, gold, name, out / name, hidden_parts=True)
        else:
            with tempfile.TemporaryDirectory(prefix="hw-pdf-") as tmp:
                d = Path(tmp) / f"{stem}.docx"
                build_docx(lines, gold, name, d, hidden_parts=False)
                pdf = to_pdf(d, Path(tmp))
                shutil.copy(pdf, out / name)
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


if __name__ == "__main__":
    main(sys.argv[1:])
