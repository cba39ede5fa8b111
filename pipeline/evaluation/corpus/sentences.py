"""Turning sentence templates into tagged spans, with people referred to in every way reviews do.

Template syntax (see `templates.py`):

- `{pp}` a person slot, written in a random form; `{pp.title}`, `{pp.first}`, `{pp.full}`,
  `{pp.last}`, `{pp.initials}`, `{pp.role}`, `{pp.intro}`, `{pp.upper}`, `{pp.poss}` (any form
  plus 's), `{si.he}` / `{si.His}` (pronouns), `{si.crn}` / `{victim.address}` (their details);
- `{date}`, `{month}`, `{prison}`, `{offence}`, `{town}`, ... case facts;
- `{a|b|c}` one of the alternatives (plain text, may hold `[kind:...]`);
- `[agency:Children's Services]` text that must stay, of that kind.

A template naming someone the case does not have (no `{mother}`) raises `MissingSlot` and the
caller picks another.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.evaluation.corpus.model import Inline, Span
from pipeline.evaluation.corpus.people import Cast, Person
from pipeline.evaluation.corpus.places import Town

NAME = "name"
_DETAIL_CATEGORY = {
    "crn": "identifier", "pnc": "identifier", "pnc_short": "identifier", "prison_no": "identifier",
    "cro": "identifier", "nhs": "identifier", "ni": "identifier",
    "dob": "date of birth", "address": "address", "phone": "contact", "email": "contact",
    "diagnosis": "medical", "medication": "medical", "admission": "medical", "pregnancy": "medical",
    "health": "medical", "condition": "medical",
}  # fmt: skip
KEEP_KINDS = {
    "finding": "practice finding", "agency": "agency", "role": "role word", "date": "chronology date",
    "town": "town", "offence": "offence",
}  # fmt: skip
ROLE_LABELS = {
    "PP": "PP", "SPO": "SPO", "POM": "POM", "COM": "COM", "HoPDU": "Head of PDU", "VLO": "VLO",
    "RM": "reviewing manager", "other": "psychologist",
}  # fmt: skip

_TOKEN = re.compile(r"(\{[^{}]+\}|\[[a-z]+:[^\[\]]+\])")
_SLOT = re.compile(r"^(\w+)(?:\.(\w+))?$")


class MissingSlot(LookupError):  # noqa: N818 -- a signal that skips a template, not a failure; named by what is missing
    """A template refers to someone or something this case does not have."""


@dataclass
class Facts:
    """Case facts templates refer to that are not people."""

    town: Town
    offence: str
    prev_offence: str
    prev_year: int
    prisons: tuple[tuple[str, str], ...]  # (name, HMP/HMYOI)
    sentence_date: dt.date
    release_date: dt.date
    sfo_date: dt.date
    mappa_level: int
    case_id: str


def long_date(day: dt.date) -> str:
    """12 March 2023."""
    return f"{day.day} {day:%B %Y}"


class Renderer:
    """Renders templates for one document; remembers who has been introduced in it."""

    def __init__(self, rng: random.Random, cast: Cast, facts: Facts) -> None:
        """Fill templates with `cast` and `facts`, drawing choices from `rng`."""
        self.rng = rng
        self.cast = cast
        self.facts = facts
        self.introduced: set[str] = set()
        self._window = (facts.release_date, facts.sfo_date)
        self._cursor = facts.release_date

    # ------------------------------------------------------------------ public

    def set_window(self, start: dt.date, end: dt.date) -> None:
        """Dates drawn by `{date}` from now on fall in [start, end], in order."""
        self._window = (start, end)
        self._cursor = start

    def next_date(self) -> dt.date:
        """The next date in the window (wrapping round when it runs out)."""
        start, end = self._window
        step = self.rng.randrange(2, 12)
        day = self._cursor + dt.timedelta(days=step)
        if day >= end:
            day = start + dt.timedelta(days=self.rng.randrange(0, max(1, (end - start).days)))
        self._cursor = day
        return day

    def sentence(self, template: str) -> Inline:
        """One template rendered, the first letter of each of its sentences capitalised."""
        return capitalise(self.inline(template))

    def inline(self, template: str) -> Inline:
        """A template rendered as is (for table cells, headings and fragments)."""
        spans: Inline = []
        for part in _TOKEN.split(template):
            if not part:
                continue
            if part.startswith("{") and "|" in part:
                spans += self.inline(self.rng.choice(part[1:-1].split("|")))
            elif part.startswith("{"):
                spans += self._slot(part[1:-1])
            elif part.startswith("[") and ":" in part:
                kind, text = part[1:-1].split(":", 1)
                spans.append(Span(text, keep=KEEP_KINDS[kind]))
            else:
                spans.append(Span(part))
        return merge(spans)

    def pick(self, templates: Sequence[str], *, sentence: bool = True) -> Inline:
        """A random template that this case can fill."""
        order = list(templates)
        self.rng.shuffle(order)
        for template in order:
            saved = set(self.introduced)
            try:
                return self.sentence(template) if sentence else self.inline(template)
            except MissingSlot:
                self.introduced = saved
        return []

    def paragraph(self, templates: Sequence[str], count: int, used: set[str] | None = None) -> Inline:
        """`count` distinct sentences drawn from `templates`, joined with spaces.

        Templates in `used` are drawn only once the others run out; those drawn are added to it.
        """
        order = list(templates)
        self.rng.shuffle(order)
        if used is not None:
            order.sort(key=lambda t: t in used)
        out: Inline = []
        for template in order:
            if count == 0:
                break
            saved = set(self.introduced)
            try:
                spans = self.sentence(template)
            except MissingSlot:
                self.introduced = saved
                continue
            if used is not None:
                used.add(template)
            if out:
                out.append(Span(" "))
            out += spans
            count -= 1
        return merge(out)

    # ------------------------------------------------------------------ slots

    def _slot(self, key: str) -> Inline:
        match = _SLOT.match(key)
        if not match:
            raise ValueError(f"bad template slot {{{key}}}")
        name, form = match.group(1), match.group(2)
        person = self.cast.get(name)
        if person is not None:
            return self.person(person, form or "any")
        if name in ("mother", "father", "brother", "sister", "partner", "friend", "neighbour", "victim",
                    "prev_victim", "pp", "pp2", "spo", "pom", "com", "hopdu", "vlo", "rm"):  # fmt: skip
            raise MissingSlot(name)
        return self._fact(name, form)

    def _fact(self, name: str, form: str | None) -> Inline:
        f = self.facts
        rng = self.rng
        if name == "date":
            return [Span(long_date(self.next_date()), keep=KEEP_KINDS["date"])]
        if name == "month":
            return [Span(f"{self.next_date():%B %Y}", keep=KEEP_KINDS["date"])]
        if name in ("sfo_date", "release_date", "sentence_date"):
            return [Span(long_date(getattr(f, name)), keep=KEEP_KINDS["date"])]
        if name in ("prison", "prison2"):
            place, prefix = f.prisons[0 if name == "prison" else -1]
            if form == "formal" or rng.random() < 0.7:
                text = f"{prefix} {place}"
            else:
                text = f"{place} {'prison' if prefix == 'HMP' else 'YOI'}"
            return [Span(text, category="prison")]
        if name == "offence":
            return [Span(f.offence, keep=KEEP_KINDS["offence"])]
        if name == "prev_offence":
            return [Span(f.prev_offence, keep=KEEP_KINDS["offence"])]
        if name == "town":
            return [Span(f.town.name, keep=KEEP_KINDS["town"])]
        if name == "police":
            return [Span(f.town.police, keep=KEEP_KINDS["agency"])]
        if name == "region":
            return [Span(f.town.region)]
        if name == "mappa":
            return [Span(str(f.mappa_level))]
        if name == "year":
            return [Span(str(f.prev_year))]
        if name == "weeks":
            return [Span(str(rng.randrange(2, 9)))]
        if name == "case_id":
            return [Span(f.case_id)]
        raise ValueError(f"unknown template slot {{{name}}}")

    # ------------------------------------------------------------------ people

    def person(self, p: Person, form: str) -> Inline:
        """A reference to `p` in the given form ('any' picks one the way reviews vary)."""
        if form in _DETAIL_CATEGORY:
            variants = p.details.get(form)
            if not variants:
                raise MissingSlot(f"{p.id}.{form}")
            text = variants[0] if len(variants) == 1 or self.rng.random() < 0.6 else self.rng.choice(variants[1:])
            return [Span(text, category=_DETAIL_CATEGORY[form], person=p.id)]
        if form in _PRONOUNS:
            word = _PRONOUNS[form][0 if p.gender == "m" else 1]
            return [Span(word)]
        if form.endswith("poss"):
            base = self.person(p, form[: -len("poss")] or "any")
            last = base[-1].text
            return base + [Span("'" if last.endswith("s") and self.rng.random() < 0.3 else "'s")]
        if form == "any":
            form = "intro" if p.id not in self.introduced else self._any_form(p)
        elif form in _SHORT_FORMS and p.id not in self.introduced:
            # The first time a document names someone it gives the full name, as reviews do;
            # "Dominic" and "Mr Peters" alone, never joined, name nobody a reader could tell.
            form = "upperfull" if form == "upper" else "full"
        self.introduced.add(p.id)
        return self._named(p, form)

    def _any_form(self, p: Person) -> str:
        if p.role == "staff":
            forms, weights = ("role", "title", "first", "initials", "full", "intro"), (30, 24, 10, 16, 10, 10)
        elif p.role == "supervised individual":
            forms, weights = ("title", "full", "first", "role", "alias", "last"), (45, 10, 10, 20, 8, 7)
        elif p.role == "victim":
            forms, weights = ("title", "full", "first", "role"), (40, 25, 25, 10)
        else:
            forms, weights = ("title", "first", "full", "role"), (35, 35, 15, 15)
        return self.rng.choices(forms, weights=weights)[0]

    def _named(self, p: Person, form: str) -> Inline:
        def name(text: str) -> Span:
            return Span(text, category=NAME, person=p.id)

        label = ROLE_LABELS.get(p.staff_role or "", "")
        if form == "full":
            return [name(p.full)]
        if form == "title":
            return [name(p.title_name)]
        if form == "first":
            return [name(p.first)]
        if form == "last":
            return [name(p.last)]
        if form == "upper":
            return [name(p.title_name.upper())]
        if form == "upperfull":
            return [name(p.full.upper())]
        if form == "alias":
            # A nickname is used only once the document has introduced it ("known as"): a
            # reader could not otherwise know whom it means, and neither could the gold.
            return [name(p.alias)] if p.alias and f"{p.id}:alias" in self.introduced else [name(p.title_name)]
        if form == "initials":
            return [name(p.initials)] if p.role == "staff" else [name(p.title_name)]
        if form == "role":
            return self._role(p)
        if form == "intro":
            return self._intro(p, name, label)
        raise ValueError(f"unknown person form {form}")

    def _role(self, p: Person) -> Inline:
        if p.role == "staff":
            label = ROLE_LABELS.get(p.staff_role or "", "practitioner")
            lead = "the second " if p.id == "pp2" else "the "
            return [Span(lead), Span(label, keep=KEEP_KINDS["role"])]
        if p.role == "supervised individual":
            return (
                [Span("the "), Span("SI", keep=KEEP_KINDS["role"])]
                if self.rng.random() < 0.7
                else [Span("the supervised individual")]
            )
        if p.id == "victim":
            return [Span("the victim")]
        if p.id == "prev_victim":
            return [Span("the previous victim")]
        si = self.cast.get("si")
        his = _PRONOUNS["his"][0 if si is None or si.gender == "m" else 1]
        return [Span(f"{his} {p.relationship}")]

    def _intro(self, p: Person, name, label: str) -> Inline:
        rng = self.rng
        if p.role == "staff":
            choice = rng.randrange(5)
            if choice == 0:
                return [Span(f"{label} "), name(p.full), Span(f" (Band {p.band})")]
            if choice == 1:
                return [name(p.full), Span(", "), Span(label, keep=KEEP_KINDS["role"])]
            if choice == 2:
                return [Span(f"{label} "), name(p.full)]
            if choice == 3:
                return [name(p.full), Span(" ("), name(p.initials), Span(")")]
            return [Span("the "), Span(label, keep=KEEP_KINDS["role"]), Span(", "), name(p.full)]
        if p.role == "supervised individual":
            if p.alias and rng.random() < 0.5:
                self.introduced.add(f"{p.id}:alias")
                return [name(p.full), Span(' (known as "'), name(p.alias), Span('")')]
            return [name(p.full)]
        if p.role == "third party":
            return self._role(p) + [Span(", "), name(p.full)]
        return [name(p.full)]


# Forms that name a person without the full name.
_SHORT_FORMS = frozenset({"title", "first", "last", "upper", "alias", "initials"})

_PRONOUNS = {
    "he": ("he", "she"), "He": ("He", "She"), "his": ("his", "her"), "His": ("His", "Her"),
    "him": ("him", "her"), "himself": ("himself", "herself"), "hers": ("his", "hers"),
}  # fmt: skip


def merge(spans: Inline) -> Inline:
    """Join neighbouring untagged spans (fewer DOCX runs, same text)."""
    out: Inline = []
    for span in spans:
        if not span.text:
            continue
        if out and span.category is None and span.keep is None and out[-1].category is None and out[-1].keep is None:
            out[-1] = Span(out[-1].text + span.text)
        else:
            out.append(span)
    return out


def capitalise(spans: Inline) -> Inline:
    """Capitalise the start of the text and of each sentence.

    Upper-case the first letter of the text and of any span that starts a new sentence
    ("... released. the SI said" -> "The SI"); tagged names are already capitalised.
    """
    out: Inline = []
    at_start = True
    for span in spans:
        text = span.text
        if span.category is None:
            if at_start and text[:1].islower():
                text = text[0].upper() + text[1:]
            text = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
            span = Span(text, keep=span.keep)
        out.append(span)
        at_start = text.endswith((". ", ".", "? ")) if text.strip() else at_start
    return out


_SENTENCE_START = re.compile(r"([.?!] )([a-z])")
