"""Labels that stand in for people: random initials, A/B, PP1/SPO1, Partner 1.

A person already in the case's mapping keeps their label (matched by name); a new person
gets the next label for their role. The supervised individual's initials come from the key
(HMAC), so they look random, are the same on every run, are never the person's real
initials, and never equal another label or an acronym the document uses.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import string

from pipeline.keystore import CaseMapping
from pipeline.model import Person, Role
from pipeline.vocabulary import TITLES
from recognizers.vocabulary import VOCABULARY

# Both from the one table of staff role codes (recognizers/data/vocabulary.yaml).
STAFF_LABEL_PREFIX = {code: entry["label"] for code, entry in VOCABULARY.staff_role_codes.items()}
STAFF_GIST = {code: entry["gist"] for code, entry in VOCABULARY.staff_role_codes.items()}
# Letters that read badly as initials or collide with common review acronyms.
_SKIP_INITIALS = {"SI", "PP", "RM", "CM", "PO", "OM", "DA", "AP", "UK", "GP", "NI", "ID", "OK", "SO", "DV", "AM", "PM", "TV", "IT", "NA", "NB", "MH", "SW", "LA", "AA", "DC", "DS", "PC", "DI"}

_TITLE_WORDS = {t.lower() for t in TITLES}


def _tokens(name: str) -> list[str]:
    return [t.lower().strip(".") for t in name.split() if t.lower().strip(".") not in _TITLE_WORDS]


def real_initials(person: Person) -> set[str]:
    """Every plausible real set of initials (first+last, all words), to avoid."""
    out = set()
    for name in {person.canonical, *person.variants}:
        toks = _tokens(name)
        if len(toks) >= 2:
            out.add((toks[0][0] + toks[-1][0]).upper())
            out.add("".join(t[0] for t in toks).upper())
    return out


def document_acronyms(texts: list[str]) -> set[str]:
    """Upper-case words of two or three letters the document uses (PP, SPO, DA, ...)."""
    found: set[str] = set()
    for t in texts:
        found.update(re.findall(r"\b[A-Z]{2,3}\b", t))
    return found


class Labeller:
    """Assigns and remembers the labels of a case."""

    def __init__(self, mapping: CaseMapping, key: bytes) -> None:
        """Labels are kept in, and read back from, the case's mapping."""
        self.mapping = mapping
        self._key = key

    def _find(self, person: Person) -> dict | None:
        names = {" ".join(_tokens(n)) for n in {person.canonical, *person.variants}}
        toks = set(_tokens(person.canonical))
        for entry in self.mapping.people:
            if names & set(entry["names"]):
                return entry
        # "Jenkins" alone in the action plan, "Sarah Jenkins" in the review.
        for entry in self.mapping.people:
            for n in entry["names"]:
                if toks and toks <= set(n.split()) and (entry["role"] == person.role.value or person.role is Role.THIRD_PARTY):
                    return entry
        return None

    def assign(self, people: list[Person], acronyms: set[str]) -> dict[str, str]:
        """Labels for `people` (in order of first appearance); updates the mapping."""
        return self.assign_with_roles(people, acronyms)[0]

    def assign_with_roles(self, people: list[Person], acronyms: set[str]) -> tuple[dict[str, str], dict[str, Person]]:
        """Labels for `people`, and each person as labelled: resolve's Person objects are
        never changed (issue 11); a person an earlier document of the case gave another role
        comes back as a copy with that role.
        """
        labels: dict[str, str] = {}
        as_labelled: dict[str, Person] = {}
        for person in sorted(people, key=lambda p: p.first_seen):
            as_labelled[person.key] = person
            entry = self._find(person)
            if entry is None:
                entry = {
                    "names": sorted({" ".join(_tokens(n)) for n in {person.canonical, *person.variants}}),
                    "role": person.role.value,
                    "staff_role": person.staff_role,
                    "relationship": person.relationship,
                    "label": self._new_label(person, acronyms),
                }
                self.mapping.people.append(entry)
            else:
                names = set(entry["names"]) | {" ".join(_tokens(n)) for n in {person.canonical, *person.variants}}
                entry["names"] = sorted(names)
                if person.role_source != "case file" and entry["role"] != person.role.value:
                    # Known from an earlier document of the case: keep the role the label says.
                    as_labelled[person.key] = dataclasses.replace(
                        person,
                        variants=set(person.variants),
                        role=Role(entry["role"]),
                        staff_role=entry.get("staff_role"),
                        relationship=entry.get("relationship"),
                        role_source="earlier document of this case",
                    )
            labels[person.key] = entry["label"]
        return labels, as_labelled

    def thing(self, prefix: str, text: str) -> str:
        """A numbered label for a named thing (a prison): 'Prison 1', the same for each spelling."""
        name = _thing_key(text)
        for entry in self.mapping.people:
            if entry["role"] == prefix and name in entry["names"]:
                return entry["label"]
        label = f"{prefix} {self.mapping.next_number(prefix)}"
        self.mapping.people.append({"names": [name], "role": prefix, "label": label})
        return label

    def used(self) -> set[str]:
        """The labels already given to people in this case."""
        return {e["label"] for e in self.mapping.people}

    def _new_label(self, person: Person, acronyms: set[str]) -> str:
        role = person.role
        if role is Role.SUPERVISED_INDIVIDUAL:
            return self._random_initials(person, acronyms)
        if role is Role.VICTIM:
            n = self.mapping.next_number("victim")
            return _letters(n)
        if role is Role.STAFF:
            code = person.staff_role if person.staff_role in STAFF_LABEL_PREFIX else "other"
            prefix = STAFF_LABEL_PREFIX[code]
            n = self.mapping.next_number(prefix)
            return f"{prefix}{n}"
        rel = (person.relationship or "third party").strip()
        prefix = rel[:1].upper() + rel[1:]
        n = self.mapping.next_number(prefix)
        return f"{prefix} {n}"

    def _random_initials(self, person: Person, acronyms: set[str]) -> str:
        avoid = real_initials(person) | acronyms | _SKIP_INITIALS | self.used()
        for attempt in range(1000):
            digest = hmac.new(self._key, f"{self.mapping.case_id}:si:{attempt}".encode(), hashlib.sha256).digest()
            label = string.ascii_uppercase[digest[0] % 26] + string.ascii_uppercase[digest[1] % 26]
            if label not in avoid and label[0] != label[1]:
                return label
        raise RuntimeError("no free initials")  # 650 pairs; unreachable in practice


def _letters(n: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def _thing_key(text: str) -> str:
    """'HMP Wandsworth', 'Wandsworth prison' and 'HMP WANDSWORTH' are one prison."""
    words = re.findall(r"[A-Za-z']+", text.lower())
    core = [w for w in words if w not in {"hmp", "hmyoi", "yoi", "hm", "prison", "and", "young", "offender", "institution", "the"}]
    return " ".join(core) or " ".join(words)
