"""Evaluation of gender-neutral references to staff (issue 16 part 2) on generated reviews.

Each generated review (Faker en_GB, seeded) names a probation practitioner, a senior
probation officer, the supervised individual, a victim and a third party, each of a random
gender, in paragraphs written the way reviews are: a member of staff named once and then
referred to by pronouns, the supervised individual's and the victim's pronouns after a
staff mention, two members of staff in one sentence, "X told <staff> that he...". The
generator records who every pronoun refers to; the pipeline's real stages (detect with the
spaCy engine, resolve, decide) run over the text, and the proposals are scored:

- recall: the share of staff pronouns proposed for rewrite (Anonymise) to their own label;
- precision: the share of proposed rewrites that are a staff pronoun with the right label;
- changed: proposed rewrites of a pronoun of the supervised individual, a victim or a third
  party (the bar is none);
- asked: rows that ask the manager to check the referent (kept unless they choose otherwise).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.case import Case, parse_case
from pipeline.decide import decide
from pipeline.decide.gender import referent_of
from pipeline.decide.labels import Labeller, document_acronyms
from pipeline.detect import detect
from pipeline.detect.engine import Engine
from pipeline.keystore import CaseMapping
from pipeline.model import Action, Category, Document, DocumentKind, Paragraph, Provenance, Source, TextUnit
from pipeline.resolve import resolve

_FORMS = {
    "m": {"he": "he", "him": "him", "his": "his", "himself": "himself"},
    "f": {"he": "she", "him": "her", "his": "her", "himself": "herself"},
}
# Paragraphs as reviews write them. {pp} is a full name with a title, {pp.name} without one,
# {pp.short} title and surname; {pp.he}, {pp.He}, {pp.him}, {pp.his}, {pp.himself} pronouns.
PARAGRAPHS: tuple[str, ...] = (
    "The case was allocated to {pp} in {month}. {pp.He} was new in post and {pp.his} caseload was high.",
    "{pp.short} completed the initial assessment. {pp.He} did not request information from the police, and {pp.he} accepted that {pp.his} analysis of risk was limited.",
    "When interviewed, {pp.short} said {pp.he} had been unaware of the new relationship.",
    "{spo} countersigned the sentence plan. {spo.He} accepted that {spo.he} should have asked for more detail about the victim.",
    "{spo.short} told the review that {spo.he} had {spo.himself} been covering two teams at the time.",
    "{pp.name} had worked with {si} before. {pp.He} described the relationship as good.",
    "{pp.short} visited {si.short} at home in {month}. {si.He} said {si.he} was drinking less and that {si.his} tenancy was secure.",
    "{pp.short} spoke to {victim} by phone. {victim.He} said {victim.he} felt safe and did not want contact with {si.short}.",
    "{si.short} told {pp.short} that {si.he} had moved in with {si.his} {rel}, {tp}.",
    "{tp.short} told {pp.short} that {tp.he} was worried about {si.short}.",
    "{pp.short} and {spo.short} discussed the case in supervision. {pp.He} agreed to make a referral to MAPPA.",
    "{spo.short} supervised {pp.short}. {pp.He} said {pp.he} found the supervision useful.",
    "{pp.short} made a referral to Children's Services in {month}. The referral was not followed up, and {pp.he} did not record why.",
    "The PP was on leave for two weeks in {month}. On {pp.his} return, {pp.name} did not read the police report.",
    "{si.short} missed two appointments in {month}. {pp.short} issued a warning letter, but {pp.he} did not consider recall.",
    "{victim.short} contacted the police in {month}. {victim.He} reported that {si.short} had threatened {victim.him}.",
    "{spo.name} reviewed the recall decision. {spo.He} said {spo.his} priority was the risk to the victim.",
    "{pp.short} said that {spo.short} had not been available. {spo.He} was on a course that week.",
    "{pp.short} told {spo.short} that {pp.he} was worried about the case.",
    "After the offence, {pp.name} was supported by {pp.his} manager. {pp.He} has since completed training on domestic abuse.",
    "{pp.short} checked with the police, who confirmed that {si.short} had been arrested. {pp.He} then recorded the arrest on nDelius.",
    "{pp.name} is an experienced practitioner. {pp.His} records were detailed and {pp.he} made good use of supervision.",
    "The SPO, {spo.name}, said {spo.he} had reviewed the case twice before the transfer.",
    "In {month}, {pp.short} asked the police about {si.short}'s address, but {pp.he} did not receive a reply.",
    # The supervised individual is the subject of a review: their pronouns often follow a
    # staff mention with no name of theirs near.
    "{pp.short} did not explore {si.his} relationship with the victim.",
    "{pp.short} visited the address in {month}. {si.He} was not at home.",
    "{pp.short} agreed to see {si.him} weekly after the warning.",
)
_MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True)
class Pronoun:
    """A pronoun the generator wrote: where, and whose."""

    paragraph: int
    start: int
    end: int
    owner: str  # "pp", "spo", "si", "victim", "tp"
    # Another person of the pronoun's gender is named before it in its paragraph: a reader
    # needs what the sentence means, not only its words, to tell whose it is.
    ambiguous: bool = False

    @property
    def staff(self) -> bool:
        """Whether it refers to a member of staff."""
        return self.owner in ("pp", "spo")


@dataclass
class GeneratedReview:
    """A generated review: its paragraphs, its case file, and the gold pronouns."""

    seed: int
    paragraphs: list[str]
    case: Case
    pronouns: list[Pronoun]
    surnames: dict[str, str]  # owner -> surname, to find each person's label


@dataclass
class GenderReport:
    """Counts over a set of generated reviews."""

    reviews: int = 0
    staff_pronouns: int = 0
    other_pronouns: int = 0
    correct: int = 0  # staff pronouns proposed for rewrite to their own label
    wrong_referent: int = 0  # staff pronouns proposed to another label
    changed_other: int = 0  # non-staff pronouns proposed for rewrite: the bar is 0
    asked_staff: int = 0
    asked_staff_right: int = 0  # of those, rows whose proposed label is the right one
    asked_other: int = 0
    clear_staff: int = 0  # staff pronouns with no other person of their gender named before them
    clear_correct: int = 0
    missed: list[str] = field(default_factory=list)  # "seed/paragraph" of missed staff pronouns

    @property
    def proposed(self) -> int:
        """Rewrites proposed (Anonymise) on pronouns."""
        return self.correct + self.wrong_referent + self.changed_other

    @property
    def recall(self) -> float:
        """Share of staff pronouns proposed for rewrite with the right referent."""
        return self.correct / self.staff_pronouns if self.staff_pronouns else 1.0

    @property
    def clear_recall(self) -> float:
        """Recall on the staff pronouns that are not ambiguous by gender (Pronoun.ambiguous)."""
        return self.clear_correct / self.clear_staff if self.clear_staff else 1.0

    @property
    def logged_recall(self) -> float:
        """Share of staff pronouns in the log with the right label, proposed or asked about."""
        return (self.correct + self.asked_staff_right) / self.staff_pronouns if self.staff_pronouns else 1.0

    @property
    def precision(self) -> float:
        """Share of proposed rewrites that are right."""
        return self.correct / self.proposed if self.proposed else 1.0

    def lines(self) -> list[str]:
        """The report as printed lines (counts and rates only)."""
        return [
            f"reviews {self.reviews}: staff pronouns {self.staff_pronouns}, other pronouns {self.other_pronouns}",
            f"recall {self.recall:.3f} ({self.correct}/{self.staff_pronouns}), precision {self.precision:.3f} ({self.correct}/{self.proposed})",
            f"recall where no other person of the pronoun's gender is named before it: {self.clear_recall:.3f} "
            f"({self.clear_correct}/{self.clear_staff}); where one is: "
            f"{(self.correct - self.clear_correct) / max(1, self.staff_pronouns - self.clear_staff):.3f} "
            f"({self.correct - self.clear_correct}/{self.staff_pronouns - self.clear_staff})",
            f"wrong referent {self.wrong_referent}, non-staff pronouns changed {self.changed_other}",
            f"rows asking to check the referent: {self.asked_staff} on staff pronouns ({self.asked_staff_right} with the right label), "
            f"{self.asked_other} on others (kept by default)",
            f"staff pronouns in the log with the right label (proposed or asked): {self.logged_recall:.3f}",
        ]


@dataclass
class _Person:
    first: str
    last: str
    gender: str
    title: str


def _person(fake, rng: random.Random, gender: str | None = None) -> _Person:
    gender = gender or rng.choice("mf")
    first = fake.first_name_male() if gender == "m" else fake.first_name_female()
    title = "Mr" if gender == "m" else rng.choice(("Ms", "Mrs", "Miss"))
    return _Person(first, fake.last_name(), gender, title)


_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


def generate(seed: int, paragraphs: int = 8) -> GeneratedReview:
    """One review of `paragraphs` paragraphs drawn from PARAGRAPHS, with its gold pronouns."""
    from faker import Faker

    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rel = rng.choice(("mother", "brother", "friend", "neighbour"))
    tp_gender = {"mother": "f", "brother": "m"}.get(rel)
    people: dict[str, _Person] = {}
    while len({p.last for p in people.values()}) < 5:  # five surnames: each person's label is found by it
        people = {k: _person(fake, rng, tp_gender if k == "tp" else None) for k in ("pp", "spo", "si", "victim", "tp")}
    chosen = [PARAGRAPHS[0], *rng.sample(PARAGRAPHS[1:], paragraphs - 1)]
    texts: list[str] = []
    pronouns: list[Pronoun] = []
    for index, template in enumerate(chosen):
        out, pos = [], 0
        named: set[str] = set()
        for m in _SLOT.finditer(template):
            out.append(template[pos : m.start()])
            pos = m.end()
            who, form = m.group(1), m.group(2)
            at = sum(len(s) for s in out)
            if who == "month":
                out.append(rng.choice(_MONTHS))
                continue
            if who == "rel":
                out.append(rel)
                continue
            p = people[who]
            if form in (None, "name", "short"):
                named.add(who)
            if form is None:
                out.append(f"{p.title} {p.first} {p.last}")
            elif form == "name":
                out.append(f"{p.first} {p.last}")
            elif form == "short":
                out.append(f"{p.title} {p.last}")
            else:
                word = _FORMS[p.gender][form.lower()]
                if form[0].isupper():
                    word = word.capitalize()
                out.append(word)
                ambiguous = any(people[o].gender == p.gender for o in named if o != who)
                pronouns.append(Pronoun(index, at, at + len(word), who, ambiguous))
        out.append(template[pos:])
        texts.append("".join(out))
    case = parse_case(
        {
            "case_id": f"SFO{seed % 100000:05d}",
            "supervised_individual": {"name": f"{people['si'].first} {people['si'].last}"},
            "victims": [{"name": f"{people['victim'].first} {people['victim'].last}"}],
            "staff": [
                {"name": f"{people['pp'].first} {people['pp'].last}", "role": "PP"},
                {"name": f"{people['spo'].first} {people['spo'].last}", "role": "SPO"},
            ],
            "third_parties": [{"name": f"{people['tp'].first} {people['tp'].last}", "relationship": rel}],
        }
    )
    return GeneratedReview(seed, texts, case, pronouns, {k: p.last for k, p in people.items()})


def document_of(review: GeneratedReview) -> Document:
    """The review as the readers would give it: one body unit per paragraph."""
    units = {}
    for i, text in enumerate(review.paragraphs):
        uid = f"p{i + 1:04d}"
        units[uid] = TextUnit(uid, text, Provenance(Source.BODY, paragraph=i))
    return Document(Path(f"{review.case.case_id}-review.docx"), DocumentKind.DOCX, units, blocks=[Paragraph(u) for u in units])


def evaluate(reviews: Iterable[GeneratedReview], engine: Engine, *, with_case_files: bool = True, key: bytes = b"k" * 32) -> GenderReport:
    """Run detect, resolve and decide over each review and score the rewrites."""
    report = GenderReport()
    for review in reviews:
        report.reviews += 1
        document = document_of(review)
        case = review.case if with_case_files else None
        detections = detect(document, engine, case)
        resolution = resolve(document, detections, case)
        labeller = Labeller(CaseMapping(review.case.case_id, key), key)
        decisions = decide(document, resolution, labeller, document_acronyms([u.text for u in document.units.values()]))
        label_of = _labels(decisions, review)
        uids = list(document.units)
        rows = {(d.unit_id, d.start, d.end): d for d in decisions if d.category is Category.GENDERED_STAFF}
        for p in review.pronouns:
            d = rows.get((uids[p.paragraph], p.start, p.end))
            if p.staff:
                report.staff_pronouns += 1
                report.clear_staff += not p.ambiguous
            else:
                report.other_pronouns += 1
            if d is None:
                if p.staff:
                    report.missed.append(f"{review.seed}/{p.paragraph}")
                continue
            if d.action is Action.DISCLOSE:
                if p.staff:
                    report.asked_staff += 1
                    report.asked_staff_right += _right_row(d, label_of.get(p.owner), p.owner)
                    report.missed.append(f"{review.seed}/{p.paragraph}")
                else:
                    report.asked_other += 1
                continue
            if not p.staff:
                report.changed_other += 1
            elif _right_row(d, label_of.get(p.owner), p.owner):
                report.correct += 1
                report.clear_correct += not p.ambiguous
            else:
                report.wrong_referent += 1
    return report


def _labels(decisions: Sequence, review: GeneratedReview) -> dict[str, str]:
    """Each generated person's label, from the name decisions that hold their surname."""
    out: dict[str, str] = {}
    for d in decisions:
        if d.category is Category.NAME:
            for owner, surname in review.surnames.items():
                if d.text.endswith(surname):
                    out.setdefault(owner, d.label)
    return out


def _same_label(rewrite: str, label: str | None, owner: str) -> bool:
    base = re.sub(r"['’]s$", "", rewrite)
    if label is not None and base == label:
        return True
    # A role noun standing in ("the PP") is right for the one member of staff in that role.
    return base.lower() == {"pp": "the pp", "spo": "the spo"}[owner]


def _right_row(d, label: str | None, owner: str) -> bool:
    """Whether a pronoun row stands for the owner: its rewrite, or for a reflexive
    ("themself", which names no one) the referent the row gives.
    """
    return _same_label(referent_of(d), label, owner)


__all__ = ["GenderReport", "GeneratedReview", "PARAGRAPHS", "Pronoun", "document_of", "evaluate", "generate"]
