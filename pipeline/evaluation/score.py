"""Evaluation: run the real pipeline over a generated corpus and score it against the gold.

Recall is the share of must-go strings absent from the output; keep rate the share of
must-stay strings still present; label consistency checks that each person has one label,
that different people never share one, and that the supervised individual's label is not
their real initials. Output text is extracted with pdfminer.six, not PyMuPDF, which wrote
the PDFs. Reports hold counts, categories and labels only; the examples of leaks that the
report lists are from generated (invented) documents.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline import vocabulary
from pipeline.case import Case, load_case
from pipeline.detect.engine import Engine, get_engine
from pipeline.model import Category
from pipeline.redact import redact_case
from pipeline.verify import normalise, pdfminer_pages
from recognizers.vocabulary import VOCABULARY

logger = logging.getLogger("sfo_redact")

CATEGORIES = [c.value for c in Category]
MONTHS = {m.lower() for m in vocabulary.MONTHS}
_MONTH_WORD = "(?:" + "|".join(vocabulary.MONTHS) + ")"
_DATE_WITH_MONTH = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_WORD + r"\b"
    r"|\b" + _MONTH_WORD + r"\s+\d{4}\b"
)
# A title, or the prefix of a staff label the pipeline writes ("PP1": the codes' one-word labels).
_STAFF_LABELS = [c["label"] for c in VOCABULARY.staff_role_codes.values() if " " not in c["label"]]
_TITLE = re.compile(r"^(?:" + vocabulary.alternation([*vocabulary.TITLES, *_STAFF_LABELS]) + r"\.?\s+)+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class Tally:
    """How many items were counted and how many of them were hit."""

    total: int = 0
    hit: int = 0  # removed (recall) or kept (keep rate)

    @property
    def rate(self) -> float:
        """Share hit; 1.0 when there was nothing to count."""
        return self.hit / self.total if self.total else 1.0


@dataclass
class EvalReport:
    """The totals of an evaluation run over a corpus."""

    cases: int = 0
    documents: int = 0
    failed_documents: int = 0
    pages: int = 0
    seconds: float = 0.0
    with_case_files: bool = True
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    keep: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    people: int = 0
    consistent_people: int = 0
    shared_labels: int = 0
    si_real_initials: int = 0
    # People shown with a label of another role (a PP as "Third party 2", a victim as "PP1").
    wrong_role_people: int = 0
    # (role in the gold, role the label shows) -> people, for the wrong ones
    role_confusion: Counter = field(default_factory=Counter)
    leaks: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lost: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def recall_overall(self) -> float:
        """Recall over every category together."""
        total = sum(t.total for t in self.recall.values())
        return sum(t.hit for t in self.recall.values()) / total if total else 1.0

    @property
    def keep_overall(self) -> float:
        """Keep rate over every kind together."""
        total = sum(t.total for t in self.keep.values())
        return sum(t.hit for t in self.keep.values()) / total if total else 1.0

    @property
    def consistency(self) -> float:
        """Share of people counted as consistent; 1.0 when there were none."""
        if not self.people:
            return 1.0
        return self.consistent_people / self.people

    @property
    def pages_per_second(self) -> float:
        """Pages read per second of the run."""
        return self.pages / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        """The report as a plain dict."""
        return {
            "cases": self.cases,
            "documents": self.documents,
            "failed_documents": self.failed_documents,
            "pages": self.pages,
            "seconds": round(self.seconds, 2),
            "pages_per_second": round(self.pages_per_second, 2),
            "with_case_files": self.with_case_files,
            "recall_overall": round(self.recall_overall, 4),
            "keep_overall": round(self.keep_overall, 4),
            "consistency": round(self.consistency, 4),
            "recall": {k: {**asdict(v), "rate": round(v.rate, 4)} for k, v in sorted(self.recall.items())},
            "keep": {k: {**asdict(v), "rate": round(v.rate, 4)} for k, v in sorted(self.keep.items())},
            "people": self.people,
            "consistent_people": self.consistent_people,
            "shared_labels": self.shared_labels,
            "si_label_equals_real_initials": self.si_real_initials,
            "wrong_role_people": self.wrong_role_people,
            "role_confusion": {f"{g} shown as {w}": n for (g, w), n in sorted(self.role_confusion.items())},
            "leak_examples": {k: v[:5] for k, v in sorted(self.leaks.items())},
            "lost_examples": {k: v[:5] for k, v in sorted(self.lost.items())},
        }

    def table(self) -> str:
        """The summary a person reads."""
        lines = [f"{'category':<18}{'must go':>9}{'removed':>9}{'recall':>9}"]
        for cat in CATEGORIES:
            t = self.recall.get(cat)
            if t and t.total:
                lines.append(f"{cat:<18}{t.total:>9}{t.hit:>9}{t.rate:>9.4f}")
        total = sum(t.total for t in self.recall.values())
        hit = sum(t.hit for t in self.recall.values())
        lines.append(f"{'overall':<18}{total:>9}{hit:>9}{self.recall_overall:>9.4f}")
        lines.append("")
        lines.append(f"{'must stay':<18}{'strings':>9}{'kept':>9}{'keep rate':>10}")
        for kind, t in sorted(self.keep.items()):
            lines.append(f"{kind:<18}{t.total:>9}{t.hit:>9}{t.rate:>10.4f}")
        total = sum(t.total for t in self.keep.values())
        hit = sum(t.hit for t in self.keep.values())
        lines.append(f"{'overall':<18}{total:>9}{hit:>9}{self.keep_overall:>10.4f}")
        lines.append("")
        lines.append(
            f"label consistency {self.consistency:.4f} ({self.consistent_people}/{self.people} people; "
            f"{self.shared_labels} shared labels; {self.si_real_initials} SI labels equal to real initials; "
            f"{self.wrong_role_people} people with a label of another role)"
        )
        lines.append(
            f"{self.cases} cases, {self.documents} documents ({self.failed_documents} failed), {self.pages} pages "
            f"in {self.seconds:.1f}s: {self.pages_per_second:.2f} pages/s; case files "
            f"{'used' if self.with_case_files else 'not used'}"
        )
        return "\n".join(lines)


def contains(page: str, needle: str, *, case_sensitive: bool) -> bool:
    """Whether normalised `page` holds `needle` as whole words (whitespace may differ)."""
    parts = normalise(needle).split()
    if not parts:
        return False
    body = r"\s*".join(re.escape(p) for p in parts)
    flags = 0 if case_sensitive else re.IGNORECASE
    if re.search(rf"(?<!\w){body}(?!\w)", page, flags):
        return True
    compact = "".join(parts)
    # Identifiers an extractor spaced out ("X 123 456") still count as present.
    return not case_sensitive and any(c.isdigit() for c in compact) and len(compact) >= 6 and compact.lower() in page.replace(" ", "").lower()


def _core(text: str) -> str:
    text = _TITLE.sub("", " ".join(text.split()))
    return _POSSESSIVE.sub("", text).strip().lower()


def text_views(path: Path, *, layout: bool = True) -> list[str]:
    """Three independent text readings of a PDF.

    Three readings of a PDF: pdfminer.six's layout analysis, its characters as lines sorted
    by position, and pypdf's text in drawing order (none of them PyMuPDF, which wrote it).

    Burned-in labels are drawn after the page's text, so pdfminer's layout analysis (which
    groups characters in drawing order) can split a line at a label and move the pieces; the
    other views rebuild lines from character positions and follow the drawing order. A string
    counts as present (leaked) if any view holds it. `layout=False` leaves out the first view
    (pdfminer's layout analysis is super-linear in text boxes on heavily fragmented pages).
    """
    return ["\n".join(pages) for pages in page_views(path, layout=layout)]


def reading_text(pages: Sequence[str]) -> str:
    """The pages joined as a person reads them: running headers and footers left out.

    A line that recurs (digits aside) on at least half the pages, and on two or more, is a
    running header or footer; without this, a sentence that runs over a page break reads
    "... the | OFFICIAL-SENSITIVE Page 3 of 14 | assessment ..." and a kept sentence would
    count as lost. Used for must-stay strings only: a leak counts wherever it is.
    """
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()))

    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({key(line) for line in page.splitlines() if line.strip()})
    running = {k for k, n in counts.items() if n >= 2 and n >= len(pages) / 2}
    return "\n".join(line for page in pages for line in page.splitlines() if key(line) not in running)


def page_views(path: Path, *, layout: bool = True) -> list[list[str]]:
    """`text_views`, page by page."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    layout_pages: list[str] = []
    sorted_pages: list[str] = []

    def chars(obj):
        if isinstance(obj, LTChar):
            yield obj
        elif hasattr(obj, "__iter__"):
            for child in obj:
                yield from chars(child)

    for page in extract_pages(str(path)) if layout else pdfminer_pages(path):
        if layout:
            layout_pages.append("".join(el.get_text() for el in page if isinstance(el, LTTextContainer)))
        rows: dict[int, list] = defaultdict(list)
        for ch in chars(page):
            rows[round((ch.y0 + ch.y1) / 4)].append(ch)  # 2 pt bands of character centres
        lines = []
        for key in sorted(rows, reverse=True):
            row = sorted(rows[key], key=lambda c: c.x0)
            parts, last = [], None
            for ch in row:
                if last is not None and ch.x0 - last.x1 > max(6.0, 1.5 * last.width):
                    parts.append(" | ")  # a gap wide enough to be another cell
                elif last is not None and ch.x0 - last.x1 > 0.15 * max(last.width, 1):
                    parts.append(" ")
                parts.append(ch.get_text())
                last = ch
            lines.append("".join(parts))
        sorted_pages.append("\n".join(lines))
    from pypdf import PdfReader

    # pypdf reads in drawing order, which keeps a table cell's lines together even where a
    # burned-in label beside them split pdfminer's lines.
    stream_pages = [page.extract_text() or "" for page in PdfReader(str(path)).pages]
    return ([layout_pages] if layout else []) + [sorted_pages, stream_pages]


@contextmanager
def _private_key_store() -> Iterator[None]:
    """Evaluation uses its own throw-away key store, never the user's labels."""
    old = os.environ.get("SFO_REDACT_HOME")
    old_key = os.environ.pop("SFO_REDACT_KEY", None)
    with tempfile.TemporaryDirectory(prefix="sfo-eval-home-") as home:
        os.environ["SFO_REDACT_HOME"] = home
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("SFO_REDACT_HOME", None)
            else:
                os.environ["SFO_REDACT_HOME"] = old
            if old_key is not None:
                os.environ["SFO_REDACT_KEY"] = old_key


def evaluate_case(case_dir: Path, report: EvalReport, engine: Engine, out_root: Path, *, with_case_files: bool) -> None:
    """Redact one generated case and add its scores to the report."""
    from pipeline.evaluation.corpus import load_gold

    gold = load_gold(case_dir / "gold.json")
    inputs = [case_dir / name for name in gold.documents]
    case: Case | None = load_case(case_dir / "case.yaml") if with_case_files and (case_dir / "case.yaml").exists() else None
    out = out_root / case_dir.name
    started = time.perf_counter()
    result = redact_case(inputs, out, case=case, case_id=gold.case_id, engine=engine)
    report.seconds += time.perf_counter() - started
    report.cases += 1
    report.documents += len(inputs)
    report.failed_documents += len(result.failures)
    for path, reason in result.failures:
        logger.warning("evaluation: %s failed: %s", path.name, reason)
    people = {p.id: p for p in gold.people}
    for doc in result.documents:
        report.pages += doc.pages
        name = doc.input.name
        pages = page_views(doc.pdf)
        views = [normalise("\n".join(p)) for p in pages]
        reading = views + [normalise(reading_text(p)) for p in pages]
        for item in gold.must_go_for(name):
            tally = report.recall[item.category]
            tally.total += 1
            checked = views
            if item.category == Category.NAME.value and item.text.lower() in MONTHS:
                checked = [_DATE_WITH_MONTH.sub(" ", v) for v in views]  # "May" the month is not May the person
            if any(contains(v, item.text, case_sensitive=item.category == Category.NAME.value) for v in checked):
                report.leaks[item.category].append(item.text)
            else:
                tally.hit += 1
        for item in gold.must_stay:
            # An acronym ("COM", the role) is matched in capitals: ".com" in an e-mail
            # address is not the role word, and goes with the address.
            acronym = item.text.isupper() and item.text.isalpha()
            if not _in_document(item.text, doc, case_sensitive=acronym):
                continue
            tally = report.keep[item.kind]
            tally.total += 1
            if any(contains(v, item.text, case_sensitive=acronym) for v in reading):
                tally.hit += 1
            else:
                report.lost[item.kind].append(item.text)
        _consistency(doc, people, report)


def _in_document(text: str, doc, *, case_sensitive: bool = False) -> bool:
    """Must-stay strings are scored only in documents whose source text holds them."""
    if doc.document is None:
        return False
    flat = normalise(" ".join(u.text for u in doc.document.units.values()))
    return contains(flat, text, case_sensitive=case_sensitive)


def _consistency(doc, people: dict, report: EvalReport) -> None:
    from pipeline.model import Category as Cat

    by_core: dict[str, set[str]] = defaultdict(set)
    for pid, p in people.items():
        for mention in (p.name, *p.mentions):
            by_core[_core(mention)].add(pid)
    labels: dict[str, set[str]] = defaultdict(set)
    for d in doc.decisions:
        if d.category is not Cat.NAME:
            continue
        owners = by_core.get(_core(d.text), set())
        if len(owners) == 1:
            labels[next(iter(owners))].add(d.label)
    owner_of_label: dict[str, set[str]] = defaultdict(set)
    for pid, ls in labels.items():
        for label in ls:
            owner_of_label[label].add(pid)
    shared = {pid for owners in owner_of_label.values() if len(owners) > 1 for pid in owners}
    report.shared_labels += sum(1 for owners in owner_of_label.values() if len(owners) > 1)
    for pid, ls in labels.items():
        report.people += 1
        ok = len(ls) == 1 and pid not in shared
        p = people[pid]
        if p.role == "supervised individual" and p.initials and p.initials.upper() in {label.upper() for label in ls}:
            report.si_real_initials += 1
            ok = False
        known = p.role in ("staff", "victim", "third party", "supervised individual")
        shown = {_label_role(label) for label in ls} - {None, p.role}
        if known and shown:
            report.wrong_role_people += 1
            for role in shown:
                report.role_confusion[(p.role, role)] += 1
        if ok:
            report.consistent_people += 1


@functools.cache
def _staff_label() -> re.Pattern[str]:
    from pipeline.decide.labels import STAFF_LABEL_PREFIX

    return re.compile(r"(?:" + "|".join(re.escape(p.strip()) for p in STAFF_LABEL_PREFIX.values()) + r") ?\d+")


def _label_role(label: str) -> str | None:
    """The role a person label shows (pipeline/decide/labels.py), None for a category box."""
    if _staff_label().fullmatch(label):
        return "staff"
    if re.fullmatch(r"[A-Z]", label):
        return "victim"
    if re.fullmatch(r"[A-Z]{2}", label):
        return "supervised individual"
    if re.fullmatch(r"[A-Z][\w' -]* \d+", label):
        return "third party"
    return None


def evaluate(
    corpus: Path | None = None,
    *,
    generate: int | None = None,
    seed: int = 1,
    with_case_files: bool = True,
    engine: Engine | None = None,
    pages: int | None = None,
    progress=None,
) -> EvalReport:
    """Evaluate over a corpus folder (one sub-folder per case) or a freshly generated one."""
    report = EvalReport(with_case_files=with_case_files)
    engine = engine or get_engine()
    with tempfile.TemporaryDirectory(prefix="sfo-eval-") as tmp, _private_key_store():
        root = Path(tmp)
        if corpus is None:
            from pipeline.evaluation.corpus import generate_corpus

            corpus = root / "corpus"
            generate_corpus(generate or 40, seed, corpus, pages=pages, with_action_plan=True)
        case_dirs = sorted(p for p in Path(corpus).iterdir() if (p / "gold.json").exists())
        if not case_dirs:
            from pipeline.errors import SfoRedactError

            raise SfoRedactError("no generated cases (folders with gold.json) found", corpus)
        for i, case_dir in enumerate(case_dirs, start=1):
            evaluate_case(case_dir, report, engine, root / "out", with_case_files=with_case_files)
            if progress:
                progress(i, len(case_dirs))
    return report


def write_json(report: EvalReport, path: Path, previous: Path | None = None) -> dict:
    """Write the figures; with a previous run, add the change in each headline figure."""
    data = report.to_dict()
    if previous is not None and previous.exists():
        old = json.loads(previous.read_text())
        data["change_since_previous"] = {
            k: round(data[k] - old.get(k, 0), 4) for k in ("recall_overall", "keep_overall", "consistency", "pages_per_second")
        }
    path.write_text(json.dumps(data, indent=2) + "\n")
    return data


# The bars of issue 3: what a corpus must reach before detection can be trusted.
BARS = {
    "recall_with_case_files": 0.995,
    "recall_without_case_files": 0.98,
    "recall_per_category": 0.97,
    "keep_rate": 0.98,
    "consistency": 1.0,
}


def shortfalls(report: EvalReport) -> list[str]:
    """Which bars the report misses (empty when all are met)."""
    out = []
    bar = BARS["recall_with_case_files"] if report.with_case_files else BARS["recall_without_case_files"]
    if report.recall_overall < bar:
        out.append(f"overall recall {report.recall_overall:.4f} < {bar}")
    for cat, t in sorted(report.recall.items()):
        if t.total and t.rate < BARS["recall_per_category"]:
            out.append(f"recall for {cat} {t.rate:.4f} < {BARS['recall_per_category']}")
    if report.keep_overall < BARS["keep_rate"]:
        out.append(f"keep rate {report.keep_overall:.4f} < {BARS['keep_rate']}")
    dates = report.keep.get("chronology date")
    if dates and dates.hit < dates.total:
        out.append(f"{dates.total - dates.hit} chronology date(s) removed")
    if report.consistency < BARS["consistency"]:
        out.append(f"label consistency {report.consistency:.4f} < 1.0")
    if report.failed_documents:
        out.append(f"{report.failed_documents} document(s) failed")
    return out
