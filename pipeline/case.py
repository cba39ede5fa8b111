"""The optional case file: who is who in a case, and the supervised individual's identifiers.

A malformed case file is an error before any document is touched; unknown keys are errors
too (a typo such as `victim:` would otherwise silently lose a person).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import CaseFileError
from recognizers.vocabulary import VOCABULARY

# The role codes a case file may give (recognizers/data/vocabulary.yaml, staff_role_codes).
STAFF_ROLES = tuple(VOCABULARY.staff_role_codes)

_CASE_ID = re.compile(r"^SFO\d{5}$")


@dataclass(frozen=True)
class CasePerson:
    """A person named in the case file, with the names they also go by."""

    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None  # staff role
    relationship: str | None = None  # third parties


@dataclass(frozen=True)
class SupervisedIndividual(CasePerson):
    """The supervised individual, with the identifiers the case file gives for them."""

    crn: str | None = None
    pnc: str | None = None
    prison_number: str | None = None
    date_of_birth: dt.date | None = None


@dataclass(frozen=True)
class Case:
    """The case file: its reference and the people it names, by role."""

    case_id: str | None
    supervised_individual: SupervisedIndividual | None = None
    victims: tuple[CasePerson, ...] = ()
    staff: tuple[CasePerson, ...] = ()
    third_parties: tuple[CasePerson, ...] = ()
    source: Path | None = field(default=None, compare=False)
    # "Mr Friend 1" or "Friend 1": a victim's or third party's title before their label.
    titles_before_labels: str = "drop"

    def identifiers(self) -> list[str]:
        """Every identifier string the case file gives (for detection and verification)."""
        si = self.supervised_individual
        if si is None:
            return []
        out = [v for v in (si.crn, si.pnc, si.prison_number) if v]
        return out


_TOP_KEYS = {"case_id", "supervised_individual", "victims", "staff", "third_parties", "region", "titles_before_labels"}
TITLE_SETTINGS = ("drop", "keep")
_PERSON_KEYS = {"name", "aliases"}
_SI_KEYS = _PERSON_KEYS | {"crn", "pnc", "prison_number", "date_of_birth"}
_STAFF_KEYS = _PERSON_KEYS | {"role"}
_THIRD_KEYS = _PERSON_KEYS | {"relationship"}


def load_case(path: Path) -> Case:
    """Read and validate a case file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CaseFileError("case file not found", path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"case file cannot be read ({type(exc).__name__})", path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise CaseFileError(f"case file is not valid YAML{where}", path) from None
    return parse_case(raw, path)


def parse_case(raw: Any, path: Path | None = None) -> Case:
    """Validate an already-parsed case file mapping."""
    if not isinstance(raw, dict):
        raise CaseFileError("case file must be a mapping of keys to values", path)
    _check_keys(raw, _TOP_KEYS, "top level", path)
    case_id = raw.get("case_id")
    if case_id is not None:
        case_id = str(case_id).strip()
        if not _CASE_ID.match(case_id):
            raise CaseFileError("case_id must be SFO followed by 5 digits, e.g. SFO60001", path)
    si_raw = raw.get("supervised_individual")
    si = None
    if si_raw is not None:
        si = _supervised_individual(si_raw, path)
    victims = tuple(_person(p, _PERSON_KEYS, f"victims[{i}]", path) for i, p in enumerate(_list(raw, "victims", path)))
    staff = tuple(_person(p, _STAFF_KEYS, f"staff[{i}]", path) for i, p in enumerate(_list(raw, "staff", path)))
    for i, person in enumerate(staff):
        if person.role is None:
            raise CaseFileError(f"staff[{i}] needs a role (one of {', '.join(STAFF_ROLES)})", path)
        if person.role not in STAFF_ROLES:
            raise CaseFileError(f"staff[{i}] role must be one of {', '.join(STAFF_ROLES)}", path)
    third = tuple(
        _person(p, _THIRD_KEYS, f"third_parties[{i}]", path) for i, p in enumerate(_list(raw, "third_parties", path))
    )
    titles = raw.get("titles_before_labels", "drop")
    if titles not in TITLE_SETTINGS:
        raise CaseFileError("titles_before_labels must be drop or keep (titles before victim and third-party labels)", path)
    return Case(
        case_id=case_id, supervised_individual=si, victims=victims, staff=staff, third_parties=third, source=path,
        titles_before_labels=titles,
    )


def _check_keys(raw: dict, allowed: set[str], where: str, path: Path | None) -> None:
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        raise CaseFileError(
            f"unknown key(s) {', '.join(unknown)} in {where}; allowed: {', '.join(sorted(allowed))}", path
        )


def _list(raw: dict, key: str, path: Path | None) -> list:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise CaseFileError(f"{key} must be a list", path)
    return value


def _name(raw: dict, where: str, path: Path | None) -> str:
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise CaseFileError(f"{where} needs a name", path)
    if len(name.split()) < 1 or len(name) > 200:
        raise CaseFileError(f"{where} name is not a usable name", path)
    return " ".join(name.split())


def _aliases(raw: dict, where: str, path: Path | None) -> tuple[str, ...]:
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise CaseFileError(f"{where} aliases must be a list of names", path)
    return tuple(" ".join(a.split()) for a in aliases)


def _person(raw: Any, keys: set[str], where: str, path: Path | None) -> CasePerson:
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where} must be a mapping with a name", path)
    _check_keys(raw, keys, where, path)
    role = raw.get("role")
    rel = raw.get("relationship")
    if rel is not None and not isinstance(rel, str):
        raise CaseFileError(f"{where} relationship must be a word such as partner or mother", path)
    return CasePerson(
        name=_name(raw, where, path),
        aliases=_aliases(raw, where, path),
        role=str(role) if role is not None else None,
        relationship=rel.strip().lower() if isinstance(rel, str) else None,
    )


def _supervised_individual(raw: Any, path: Path | None) -> SupervisedIndividual:
    where = "supervised_individual"
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where} must be a mapping with a name", path)
    _check_keys(raw, _SI_KEYS, where, path)
    dob = raw.get("date_of_birth")
    if dob is not None and not isinstance(dob, dt.date):
        try:
            dob = dt.date.fromisoformat(str(dob))
        except ValueError:
            raise CaseFileError(f"{where} date_of_birth must be a date written YYYY-MM-DD", path) from None
    idents: dict[str, str | None] = {}
    for key, pattern, example in (
        ("crn", r"^[A-Z]\d{6}$", "X123456"),
        ("pnc", r"^(\d{2}|\d{4})/\d{1,7}[A-Z]$", "2009/0123456A"),
        ("prison_number", r"^[A-Z]\d{4}[A-Z]{2}$", "A1234BC"),
    ):
        value = raw.get(key)
        if value is None:
            idents[key] = None
            continue
        value = str(value).strip().upper()
        if not re.match(pattern, value):
            raise CaseFileError(f"{where} {key} is not in the expected form (e.g. {example})", path)
        idents[key] = value
    return SupervisedIndividual(
        name=_name(raw, where, path),
        aliases=_aliases(raw, where, path),
        crn=idents["crn"],
        pnc=idents["pnc"],
        prison_number=idents["prison_number"],
        date_of_birth=dob,
    )
