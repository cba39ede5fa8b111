"""Invented people for generated reviews: name pools from many origins and the cast of a case.

First names and surnames come from Faker's locale data (read directly, so drawing a name
costs a `random.Random` call and never depends on Faker's global state) and from lists kept
here for origins Faker does not cover. Every person is invented; any likeness is chance.
"""

from __future__ import annotations

import importlib
import random
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from pipeline.evaluation.corpus.places import PLACE_WORDS

# Names that are also ordinary English words: a recogniser has to use context for these.
WORD_FIRST_NAMES_M = ("Will", "Mark", "Frank", "Jack", "Bill", "Rob", "Sonny", "Guy", "Drew", "Cliff")
WORD_FIRST_NAMES_F = ("Grace", "Hope", "Rose", "Summer", "Joy", "Faith", "Dawn", "Amber", "Holly", "May")
WORD_SURNAMES = (
    "Bishop", "Brown", "Hunter", "Young", "May", "White", "Green", "Cook", "Baker", "Mason", "Bell",
    "Hill", "Stone", "Marsh", "Best", "Wise", "Little", "Sharp", "Rose", "Hope", "Frank", "Church",
    "King", "Knight", "Lamb", "Fox", "Page", "Price", "Short", "Long", "Moody", "Swift",
)  # fmt: skip

_OWN_POOLS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # origin: (male first names, female first names, surnames)
    "irish": (
        ("Ciaran", "Declan", "Padraig", "Eoin", "Cormac", "Sean", "Niall", "Darragh", "Liam", "Conor"),
        ("Siobhan", "Aoife", "Niamh", "Roisin", "Orla", "Caoimhe", "Sinead", "Grainne", "Maeve", "Clodagh"),
        ("O'Connor", "O'Brien", "O'Neill", "O'Sullivan", "O'Reilly", "McCarthy", "Byrne", "Doyle", "Quinn",
         "Gallagher", "Murphy", "Kavanagh", "McDonagh", "O'Donnell", "Ni Bhriain", "Mac Giolla"),
    ),
    "south_asian": (
        ("Imran", "Bilal", "Usman", "Zain", "Hamza", "Rajesh", "Sanjay", "Gurpreet", "Harjit", "Mohammed",
         "Shahid", "Tariq", "Arjun", "Vikram", "Abdul"),
        ("Ayesha", "Sana", "Nadia", "Saima", "Farah", "Priya", "Anjali", "Harpreet", "Shabnam", "Rukhsana",
         "Nasreen", "Jaspreet", "Kiran", "Meena", "Rubina"),
        ("Hussain", "Akhtar", "Khan", "Ahmed", "Iqbal", "Patel", "D'Souza", "Fernandes", "Chaudhry",
         "Rahman", "Uddin", "Miah", "Sandhu", "Gill", "Bains", "Choudhury", "Mahmood", "Shah", "Begum"),
    ),
    "caribbean": (
        ("Marlon", "Delroy", "Kemar", "Tyrone", "Devon", "Leroy", "Winston", "Jermaine", "Dwayne", "Courtney"),
        ("Shanice", "Marcia", "Beverley", "Jodian", "Keisha", "Paulette", "Tanisha", "Monique", "Simone", "Nadine"),
        ("Campbell", "Thompson", "Clarke", "Francis", "Henry", "Bailey", "McKenzie", "Reid", "Grant",
         "Samuels", "Johnson", "Forbes", "Gayle", "Beckford", "Ellis"),
    ),
    "eastern_european": (
        ("Łukasz", "Piotr", "Tomasz", "Krzysztof", "Marek", "Ionuț", "Andrei", "Mihai", "Tomas", "Darius"),
        ("Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Ewa", "Ioana", "Andreea", "Elena", "Ruta", "Justyna"),
        ("Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
         "Szymański", "Woźniak", "Popescu", "Ionescu", "Stoica", "Kazlauskas", "Petrauskas", "Horváth"),
    ),
    "chinese": (
        ("Wei", "Jun", "Hao", "Ming", "Jian", "Kai", "Chen", "Tao", "Bo", "Long"),
        ("Mei", "Li", "Xiu", "Ying", "Lan", "Hui", "Yan", "Jing", "Xin", "Fang"),
        ("Zhang", "Wang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Lam", "Wong", "Cheung"),
    ),
    "arabic": (
        ("Yusuf", "Omar", "Khalid", "Tariq", "Samir", "Karim", "Walid", "Nabil", "Hassan", "Ibrahim"),
        ("Fatima", "Layla", "Mariam", "Huda", "Noor", "Amira", "Salma", "Yasmin", "Rania", "Leila"),
        ("Al-Hassan", "El-Amin", "Abdullah", "Haddad", "Mansour", "Nasser", "Al-Sayed", "Khalil", "Saleh",
         "Bakr", "El-Masri", "Aziz"),
    ),
    "east_african": (
        ("Abdirahman", "Abdi", "Mahad", "Liban", "Bashir", "Kofi", "Tesfaye", "Dawit", "Otieno", "Mwangi"),
        ("Hodan", "Ayaan", "Sagal", "Fadumo", "Ifrah", "Amina", "Hawa", "Selam", "Wanjiru", "Akinyi"),
        ("Warsame", "Farah", "Osman", "Hassan", "Jama", "Ali", "Abdi", "Tesfaye", "Odhiambo", "Kamau", "Mohamed"),
    ),
}  # fmt: skip

# Faker locales whose person data is in Latin script: origin -> locales.
_FAKER_POOLS = {
    "english": ("en_GB",),
    "irish": ("en_IE",),
    "south_asian": ("en_IN",),
    "west_african": ("yo_NG", "ig_NG", "tw_GH", "en_NG"),
    "eastern_european": ("ro_RO",),
}

# Rough shares of origins; the corpus should exercise far more than Anglo names.
_ORIGIN_WEIGHTS = {
    "english": 30, "irish": 10, "south_asian": 13, "west_african": 10, "caribbean": 8,
    "eastern_european": 10, "chinese": 5, "arabic": 8, "east_african": 6,
}  # fmt: skip

# Two-letter strings that occur inside acronyms the review must keep (MAPPA, OASys, HMP...):
# staff initials that collide get a middle initial instead.
_ACRONYM_TEXT = "MAPPA MARAC OASYS NHS HMP HMYOI PDU SPO POM COM VLO RM PP SI SFO DA CRN PNC ROSH RMP PSR HDC ROTL AP IOM NSD HMIP ICO DPA OGRS AOR CPS"


@dataclass(frozen=True)
class NamePools:
    """The first names and surnames generated people are drawn from."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]


@cache
def name_pools(origin: str) -> NamePools:
    """First names and surnames for one origin, from Faker's locale data and the lists above."""
    male: list[str] = []
    female: list[str] = []
    surnames: list[str] = []
    for locale in _FAKER_POOLS.get(origin, ()):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        male += list(getattr(provider, "first_names_male", ()))
        female += list(getattr(provider, "first_names_female", ()))
        surnames += list(getattr(provider, "last_names", ()))
    own = _OWN_POOLS.get(origin)
    if own:
        male += own[0]
        female += own[1]
        surnames += own[2]

    def usable(name: str) -> bool:
        latin = all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in name)
        return latin and name.isprintable() and " " not in name and len(name) > 1 and name not in PLACE_WORDS

    return NamePools(
        male=tuple(dict.fromkeys(n for n in male if usable(n))),
        female=tuple(dict.fromkeys(n for n in female if usable(n))),
        surnames=tuple(dict.fromkeys(n for n in surnames if usable(n))),
    )


@dataclass
class Person:
    """One invented person in a case; `details` holds their identifiers and facts as variants."""

    id: str
    first: str
    last: str
    gender: str  # "m" or "f"
    title: str
    role: str  # gold role: supervised individual, victim, staff, third party
    staff_role: str | None = None  # PP, SPO, POM, COM, HoPDU, VLO, RM, other
    relationship: str | None = None  # third parties: partner, mother, ...
    band: int | None = None
    alias: str | None = None
    middle_initial: str | None = None
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def full(self) -> str:
        """First name and surname."""
        return f"{self.first} {self.last}"

    @property
    def title_name(self) -> str:
        """Title and surname."""
        return f"{self.title} {self.last}"

    @property
    def initials(self) -> str:
        """Initials as reviews write them: first letters of first name, middle initial and surname."""
        middle = self.middle_initial or ""
        return f"{self.first[0]}{middle}{self.last[0]}".upper()


@dataclass
class Cast:
    """Everyone in one case, keyed by the slot templates refer to (si, victim, pp, partner, ...)."""

    people: dict[str, Person]

    def get(self, slot: str) -> Person | None:
        """The person in `slot`, or None when the case has nobody there."""
        return self.people.get(slot)

    def all(self) -> list[Person]:
        """Every person in the cast."""
        return list(self.people.values())


def draw_name(
    rng: random.Random, gender: str, *, surname: str | None = None, origin: str | None = None
) -> tuple[str, str, str]:
    """(first name, surname, origin) of a random origin, sometimes an English-word or hyphenated name."""
    if origin is None:
        origins = list(_ORIGIN_WEIGHTS)
        origin = rng.choices(origins, weights=[_ORIGIN_WEIGHTS[o] for o in origins])[0]
    pools = name_pools(origin)
    first = rng.choice(pools.male if gender == "m" else pools.female)
    last = surname or rng.choice(pools.surnames)
    roll = rng.random()
    if roll < 0.10:
        first = rng.choice(WORD_FIRST_NAMES_M if gender == "m" else WORD_FIRST_NAMES_F)
    elif roll < 0.20 and surname is None:
        last = rng.choice(WORD_SURNAMES)
    elif roll < 0.26 and surname is None and "-" not in last:
        last = f"{last}-{rng.choice(name_pools('english').surnames)}"
    return first, last, origin


def _title(rng: random.Random, gender: str, role: str) -> str:
    if role == "staff" and rng.random() < 0.06:
        return "Dr"
    if gender == "m":
        return "Mr"
    return rng.choices(("Ms", "Mrs", "Miss"), weights=(5, 3, 2))[0]


STAFF_BANDS = {"PP": (3, 4), "SPO": (5,), "POM": (4,), "COM": (4,), "HoPDU": (7,), "VLO": (3,), "RM": (5, 6)}
RELATIONSHIPS = ("partner", "mother", "father", "brother", "sister", "friend", "neighbour")
_ALIASES = {
    "Daniel": "Danny", "Michael": "Mikey", "Thomas": "Tom", "James": "Jimmy", "Robert": "Bobby",
    "Anthony": "Tony", "Christopher": "Chris", "Joseph": "Joe", "Mohammed": "Mo", "Jermaine": "Jay",
}  # fmt: skip
# Names the SI is "also known as"; some are ordinary words.
_STREET_ALIASES = ("Jay", "Smudge", "Tee", "Red", "Deano", "Bash", "Ace", "Junior", "Skinny", "Kizzy", "Bones")


def build_cast(rng: random.Random) -> Cast:
    """The people of one case: the SI, 1-2 victims, 2-5 staff and 1-4 third parties."""
    people: dict[str, Person] = {}
    origins: dict[str, str] = {}
    used_surnames: set[str] = set()

    def new(
        slot: str, role: str, gender: str, *, surname: str | None = None, origin: str | None = None, **kw: object
    ) -> Person:
        for _ in range(20):
            first, last, drawn_origin = draw_name(rng, gender, surname=surname, origin=origin)
            origins[slot] = drawn_origin
            if surname or last not in used_surnames:
                break
        used_surnames.add(last)
        person = Person(
            id=slot, first=first, last=last, gender=gender, title=_title(rng, gender, role), role=role, **kw
        )  # type: ignore[arg-type]
        people[slot] = person
        return person

    si_gender = "m" if rng.random() < 0.88 else "f"
    si = new("si", "supervised individual", si_gender)
    si.alias = _ALIASES.get(si.first) or (rng.choice(_STREET_ALIASES) if rng.random() < 0.5 else None)
    partner_gender = "f" if si_gender == "m" else "m"
    # The SFO victim is often a partner or ex-partner; either way a victim, not a third party.
    new("victim", "victim", partner_gender if rng.random() < 0.6 else rng.choice("mf"))
    if rng.random() < 0.75:
        new("prev_victim", "victim", rng.choice("mf"))

    new("pp", "staff", rng.choice("mf"), staff_role="PP")
    if rng.random() < 0.85:
        new("spo", "staff", rng.choice("mf"), staff_role="SPO")
    new("rm", "staff", rng.choice("mf"), staff_role="RM")
    extras = rng.sample(["pom", "com", "hopdu", "vlo", "pp2"], k=rng.choice((0, 1, 1, 2)))
    for slot in extras:
        role = {"pom": "POM", "com": "COM", "hopdu": "HoPDU", "vlo": "VLO", "pp2": "PP"}[slot]
        new(slot, "staff", rng.choice("mf"), staff_role=role)

    relations = rng.sample(RELATIONSHIPS, k=rng.choice((1, 2, 2, 3, 4)))
    for rel in relations:
        gender = {"mother": "f", "sister": "f", "father": "m", "brother": "m", "partner": partner_gender}.get(
            rel, rng.choice("mf")
        )
        family = rel in ("mother", "father", "brother", "sister") and rng.random() < 0.6
        kin = rel in ("mother", "father", "brother", "sister") and rng.random() < 0.8
        new(rel, "third party", gender, surname=si.last if family else None,
            origin=origins["si"] if kin else None, relationship=rel)  # fmt: skip

    for person in people.values():
        if person.staff_role:
            person.band = rng.choice(STAFF_BANDS.get(person.staff_role, (4,)))
    _distinct_initials(people, rng)
    return Cast(people)


def _distinct_initials(people: dict[str, Person], rng: random.Random) -> None:
    seen: set[str] = set()
    for person in people.values():
        if person.role != "staff":
            continue
        while person.initials in seen or person.initials in _ACRONYM_TEXT:
            person.middle_initial = rng.choice("BEHJKLNRTW")
        seen.add(person.initials)
