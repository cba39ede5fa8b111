"""Generated documents for the re-identification check: planted combinations and spread details.

Each document names five invented people (Faker en_GB, seeded) in ordinary review sentences.
One of them, the planted person, is given three details of different kinds (an age, a street,
a school, ...) over two or three sentences, through pronouns too; three other people get one
detail each of the same kinds (spread: no one of them can be singled out). The check should
flag the planted person and no one else. Used by tests/pipeline/test_reidentify*.py and
benchmarks/reidentification.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from faker import Faker

from pipeline.model import Action, Category, Decision, Document, DocumentKind, Paragraph, Provenance, Source, TextUnit
from pipeline.reidentify import CaseDocument, reidentify

_STREETS = ("Road", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent", "Grove")
_OCCUPATIONS = ("scaffolder", "care assistant", "delivery driver", "plasterer", "barmaid", "warehouse operative", "electrician")
_BRANDS = ("Tesco", "Asda", "Morrisons", "Aldi", "Greggs")
_NUMBERS = ("two", "three", "four", "five")
_MONTHS = ("March", "June", "September", "November")
# (label, gist, he/she) of the people in every generated document.
_CAST = (
    ("KT", "name of the supervised individual", "m"),
    ("A", "name of a victim", "f"),
    ("PP1", "name of probation practitioner", "f"),
    ("Partner 1", "name of third party (partner)", "f"),
    ("Brother 1", "name of third party (brother)", "m"),
)
_BACKGROUND = (
    "{0} was supervised by {2} from the start of the licence period.",
    "{2} recorded that {0} attended his appointments and engaged well.",
    "{1} had known {0} for several years before the offence.",
    "{3} told {2} that she had concerns about {0} and his drinking.",
    "{4} was present when the police were called to the address.",
    "The review found that the risk assessment was not updated after the arrest.",
    "{2} discussed the case with the senior probation officer in supervision.",
)


@dataclass(frozen=True)
class PlantedDocument:
    """A generated document with the labels that must be flagged and the ones that must not."""

    document: CaseDocument
    planted: str  # the label whose details combine
    others: tuple[str, ...]  # labels holding one detail each (spread)
    names: dict[str, str]  # label -> the invented name written in the text


def _details(fake: Faker, rng: random.Random) -> dict[str, list[str]]:
    """For each kind, sentence templates ({p}: the person, {he}: their pronoun) with the detail filled in."""
    street = f"{fake.last_name()} {rng.choice(_STREETS)}"
    return {
        "age": [f"{{p}}, aged {rng.randint(15, 62)}, was living alone at the time.", f"{{p}} was {rng.randint(15, 62)} years old when this happened."],
        "small_place": [f"{{p}} lived on {street}.", f"{{p}} had moved to the {fake.last_name()} Estate the year before."],
        "school": [f"{{p}} attended {fake.last_name()} Academy.", f"{{p}} was a pupil at {fake.last_name()} High School."],
        "workplace": [f"{{p}} worked at the {rng.choice(_BRANDS)} on {fake.last_name()} {rng.choice(_STREETS)}.", f"{{p}} was employed by {fake.last_name()} Logistics Ltd.", f"{{p}} drank most evenings at the {fake.last_name()} Arms."],
        "occupation": [f"{{p}} works as a {rng.choice(_OCCUPATIONS)} in the town.", f"{{p}} had worked as an {rng.choice(('electrician', 'apprentice joiner'))} for two years."],
        "family": [f"{{p}} is a mother of {rng.choice(_NUMBERS)}." if rng.random() < 0.5 else f"{{p}} has {rng.choice(_NUMBERS)} children.", f"{{p}} is the youngest of {rng.choice(_NUMBERS)} children."],
        "date": [f"{{p}} married on {rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(2005, 2022)}."],
        "event": [f"{{p}} won a regional boxing championship in {rng.randint(2010, 2020)}."],
    }


def planted_document(seed: int, name: str = "review") -> PlantedDocument:
    """One generated document: a planted combination for one person, single details for three others."""
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    names = [f"{fake.first_name_male()} {fake.last_name()}" if g == "m" else f"{fake.first_name_female()} {fake.last_name()}" for _, _, g in _CAST]
    details = _details(fake, rng)
    kinds = rng.sample(sorted(details), 3)
    order = list(range(len(_CAST)))
    rng.shuffle(order)
    planted, spread = order[0], order[1:4]
    paragraphs: list[list[tuple[str, int | None]]] = []  # pieces: (text, person index or None)

    def sentence(template: str, who: int, pronoun: bool = False) -> list[tuple[str, int | None]]:
        he = "He" if _CAST[who][2] == "m" else "She"
        if pronoun:
            return [(template.replace("{p}", he), None)]
        head, _, tail = template.partition("{p}")
        return [(head, None), (names[who], who), (tail, None)]

    def background() -> list[tuple[str, int | None]]:
        template = rng.choice(_BACKGROUND)
        pieces: list[tuple[str, int | None]] = []
        rest = template
        while "{" in rest:
            head, _, tail = rest.partition("{")
            index, _, rest = tail.partition("}")
            pieces += [(head, None), (names[int(index)], int(index))]
        return pieces + [(rest, None)]

    for _ in range(rng.randint(2, 4)):
        paragraphs.append(background() + [(" ", None)] + background())
    # The planted person: named, then their details, the later ones through a pronoun.
    # Half the time the later details follow in the next paragraph, which opens with a pronoun.
    pieces = background() + [(" ", None)]
    split = rng.random() < 0.5
    follow: list[tuple[str, int | None]] = []
    for n, kind in enumerate(kinds):
        target = follow if split and n > 0 else pieces
        target += sentence(rng.choice(details[kind]), planted, pronoun=n > 0 and (split or rng.random() < 0.6)) + [(" ", None)]
    planted_paragraphs = [pieces, follow] if follow else [pieces]
    # The same kinds of detail, one for each of three other people, each named in their sentence.
    fresh = _details(fake, rng)
    spread_pieces: list[tuple[str, int | None]] = []
    for who, kind in zip(spread, kinds, strict=True):
        spread_pieces += sentence(rng.choice(fresh[kind]), who) + [(" ", None)]
    paragraphs.insert(rng.randint(0, len(paragraphs)), spread_pieces)
    for _ in range(rng.randint(1, 3)):
        paragraphs.insert(rng.randint(0, len(paragraphs)), background())
    # Inserted last, so a paragraph opening with a pronoun follows the one naming its person.
    at = rng.randint(0, len(paragraphs))
    paragraphs[at:at] = planted_paragraphs
    document, decisions = _build(paragraphs, names, name)
    return PlantedDocument(
        CaseDocument(name, document, decisions), _CAST[planted][0], tuple(_CAST[i][0] for i in spread),
        {label: names[i] for i, (label, _, _) in enumerate(_CAST)},
    )


def _build(paragraphs: list[list[tuple[str, int | None]]], names: list[str], name: str) -> tuple[Document, list[Decision]]:
    units, decisions = {}, []
    for i, pieces in enumerate(paragraphs):
        uid = f"u{i + 1:04d}"
        text = ""
        for piece, who in pieces:
            if who is not None:
                label, gist, _ = _CAST[who]
                decisions.append(
                    Decision(uid, len(text), len(text) + len(piece), piece, Category.NAME, Action.ANONYMISE, label, gist,
                             "generator", 1.0, "generated", person=f"p{who}", entity="PERSON")
                )
            text += piece
        units[uid] = TextUnit(uid, text.strip(), Provenance(Source.BODY, paragraph=i))
    return Document(Path(f"{name}.docx"), DocumentKind.DOCX, units, blocks=[Paragraph(u) for u in units]), decisions


@dataclass(frozen=True)
class Measured:
    """Planted combinations flagged, and false flags, over `documents` generated documents."""

    documents: int
    planted_flagged: int
    false_flags: int
    max_false_in_one: int
    # Through the whole draft only: documents whose planted details the draft left all in place
    # (detection may remove one as a name: "Watson Drive" taken for a person), and of those, flagged.
    intact: int | None = None
    intact_flagged: int | None = None

    @property
    def flag_rate(self) -> float:
        """The share of planted combinations flagged."""
        return self.planted_flagged / self.documents if self.documents else 0.0

    @property
    def false_per_document(self) -> float:
        """False flags per document."""
        return self.false_flags / self.documents if self.documents else 0.0


def measure(n: int, seed: int = 16_300) -> Measured:
    """Run the check on `n` generated documents (seeds `seed` to `seed + n - 1`)."""
    flagged = false = worst = 0
    for s in range(seed, seed + n):
        planted = planted_document(s)
        labels = {f.person for f in reidentify([planted.document])}
        flagged += planted.planted in labels
        wrong = len(labels - {planted.planted})
        false += wrong
        worst = max(worst, wrong)
    return Measured(n, flagged, false, worst)


def write_case(planted: PlantedDocument, folder: Path, case_id: str) -> tuple[Path, Path]:
    """The generated document as a DOCX review and its case file (the cast with their roles)."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    d.add_heading("Serious Further Offence Review", 0)
    d.add_paragraph(f"Case reference: {case_id}")
    for unit in planted.document.document.units.values():
        d.add_paragraph(unit.text)
    review = folder / f"{case_id}review_Review.docx"
    d.save(review)
    n = planted.names
    case = folder / "case.yaml"
    case.write_text(
        f"case_id: {case_id}\n"
        f"supervised_individual:\n  name: {n['KT']}\n"
        f"victims:\n  - name: {n['A']}\n"
        f"staff:\n  - name: {n['PP1']}\n    role: PP\n"
        f"third_parties:\n  - name: {n['Partner 1']}\n    relationship: partner\n"
        f"  - name: {n['Brother 1']}\n    relationship: brother\n",
        encoding="utf-8",
    )
    return review, case


def measure_pipeline(n: int, work: Path, seed: int = 16_300, engine=None) -> Measured:
    """The same measure through the whole draft (read, detect, resolve, decide, log) on DOCX files.

    A planted person counts as flagged when the Re-identification sheet has a row for the label
    the draft gave their name (read from the Redaction log).
    """
    from openpyxl import load_workbook

    from pipeline.case import load_case
    from pipeline.redact import redact_case

    flagged = false = worst = intact = intact_flagged = 0
    for i, s in enumerate(range(seed, seed + n)):
        planted = planted_document(s)
        truth = next(f for f in reidentify([planted.document]) if f.person == planted.planted)
        case_id = f"SFO{70000 + i:05d}"
        review, case_file = write_case(planted, work / case_id, case_id)
        result = redact_case([review], work / case_id / "out", case=load_case(case_file), engine=engine)
        wb = load_workbook(result.documents[0].log)
        log = wb["Redaction log"]
        heads = {c.value: c.column for c in log[1]}
        label_of = {}
        removed = []
        for r in range(2, log.max_row + 1):
            text = log.cell(row=r, column=heads["Text removed (INTERNAL - never shared)"]).value
            label_of.setdefault(text, log.cell(row=r, column=heads["Replaced by"]).value)
            removed.append(str(text or ""))
        whole = not any(t and (t in d.text or d.text in t) for d in truth.details for t in removed)
        sheet = wb["Re-identification"]
        people = {sheet.cell(row=r, column=2).value for r in range(3, sheet.max_row + 1) if str(sheet.cell(row=r, column=1).value or "").startswith("I")}
        target = label_of.get(planted.names[planted.planted])
        flagged += target in people
        intact += whole
        intact_flagged += whole and target in people
        wrong = len(people - {target})
        false += wrong
        worst = max(worst, wrong)
    return Measured(n, flagged, false, worst, intact, intact_flagged)
