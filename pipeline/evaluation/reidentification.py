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
    return PlantedDocument(CaseDocument(name, document, decisions), _CAST[planted][0], tuple(_CAST[i][0] for i in spread))


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
