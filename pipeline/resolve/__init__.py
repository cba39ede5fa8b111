"""Resolution: group name mentions into people, give each a role, and find every variant.

Once a person is found anywhere, every occurrence of every variant of their name is
treated: full name, first name, surname, "J. Smith", capitals, possessives, initials
("SJ"). Roles come from the case file when one is given, else from the cues beside the
names (see roles.py), else the most-mentioned unassigned person is taken to be the
supervised individual and the rest third parties.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline import vocabulary
from pipeline.case import Case, CasePerson
from pipeline.detect import CASE_FILE
from pipeline.model import Detection, Document, Person, Role
from pipeline.resolve.places import first_and_surnames, is_place, stands_for_a_place
from pipeline.resolve.pronouns import PRONOUN_GENDER
from pipeline.resolve.roles import (
    CONDUCT,
    HARM,
    PRACTICE,
    SUPERVISION,
    Cue,
    classify,
    cue_from_explanation,
    cues_around,
    harmed_relations,
    last_role_word,
    list_cues,
    pronoun_harms,
    row_cues,
)
from pipeline.vocabulary import alternation

# Every title, lower-cased: a word that is a title is never a name.
TITLES = {t.lower() for t in vocabulary.TITLES + vocabulary.MALE_TITLES + vocabulary.FEMALE_TITLES + vocabulary.FORMAL_TITLES}
_TITLE_RE = re.compile(r"^(?:(?:" + alternation(vocabulary.TITLES + vocabulary.FORMAL_TITLES) + "|" + alternation(vocabulary.TITLES, upper=True) + r")\.?\s+)+")
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$", re.IGNORECASE)
# A role acronym before the name ("PP Sarah Jenkins"): the role stays, the name is what follows.
_ROLE_PREFIX_RE = re.compile(r"^" + alternation(vocabulary.ROLE_ACRONYMS) + r"\s+")

# Words that the statistical model tags as people but that are roles, agencies or places
# named in every review; a candidate made only of these is not a person.
NOT_NAMES = {
    "probation", "officer", "practitioner", "service", "services", "police", "court", "crown",
    "magistrates", "mappa", "oasys", "nsd", "hmpps", "hmp", "hmyoi", "yoi", "prison", "parole",
    "board", "council", "manager", "senior", "head", "pdu", "unit", "team", "review", "sfo",
    "victim", "liaison", "supervised", "individual", "the", "his", "her", "they", "mental",
    "health", "children", "childrens", "children's", "social", "care", "nhs", "gp", "delius",
    "ndelius", "nomis", "marac", "iom", "approved", "premises", "ap", "licence", "recall",
    "section", "annex", "appendix", "chronology", "summary", "background", "pp", "spo",
    "pom", "com", "vlo", "rm", "si", "cm", "homd", "hopdu", "band", "official", "sensitive",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "england", "wales", "uk", "national", "security", "division", "risk",
} | {m.lower() for m in vocabulary.MONTHS if m != "May"} | {  # May is a first name too
    # A service is not a person; "Messenger" is also a surname ("Mr Messenger").
    p.lower() for p in vocabulary.PLATFORMS if " " not in p and p != "Messenger"
}
# The last word of a named body: "Avon and Somerset Police", "Leeds Crown Court".
INSTITUTION_WORDS = {
    "police", "constabulary", "court", "council", "service", "services", "prison", "hospital",
    "trust", "team", "unit", "centre", "center", "school", "college", "university", "board",
    "authority", "partnership", "agency", "office", "department", "house", "hostel", "premises",
    "clinic", "surgery", "practice", "foundation", "charity", "association", "group", "ltd",
}
MONTHS = {m.lower() for m in vocabulary.MONTHS}
# Upper-case tokens that are never someone's initials in a review.
ACRONYMS = {a.upper() for a in vocabulary.ACRONYMS}


@dataclass(frozen=True)
class Mention:
    """One occurrence of a person's name in a unit."""

    unit_id: str
    start: int
    end: int
    text: str
    person: str  # Person.key
    recognizer: str
    explanation: str
    score: float


@dataclass
class Resolution:
    """What `resolve` found in a document: people, their mentions, and the detections that are not names."""

    people: dict[str, Person]
    mentions: list[Mention]
    others: list[Detection]  # detections that are not names
    rejected: int = 0  # name candidates dropped as not names (counts only)
    cues: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Candidate:
    unit_id: str
    start: int
    end: int
    tokens: tuple[str, ...]
    detection: Detection
    order: tuple[int, int]
    titled: bool = False  # written after a title: "Mrs May" is a person, whatever "may" is


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


@functools.cache
def _fold_char(c: str) -> str:
    """One character without its diacritic ("é" -> "e"), or unchanged; always one character."""
    base = unicodedata.normalize("NFKD", c)
    kept = "".join(b for b in base if not unicodedata.combining(b))
    return kept if len(kept) == 1 else c


def fold(text: str) -> str:
    """`text` with diacritics and apostrophe forms folded, for comparison only.

    Length-preserving (one character for one), so a span found in the folded text is the same
    span of the original: "Siobhán O’Brien" and "Siobhan O'Brien" are one name.
    """
    return "".join(_fold_char(c) for c in text.translate(_APOSTROPHES))


def _norm(token: str) -> str:
    return fold(token.lower()).strip(".")


# A name never runs across these: a span "Gerald Marsh • Noor Stone" is two names.
_SEPARATOR = re.compile(r"\s*(?:[•·|;:()\[\]/\\\n\t]|,|\s{2,}|\s[-–]\s)\s*")


def _split(det: Detection) -> list[Detection]:
    """The pieces of a detection between separators, each a candidate name of its own."""
    if not _SEPARATOR.search(det.text):
        return [det]
    out, pos = [], 0
    for m in _SEPARATOR.finditer(det.text):
        if m.start() > pos:
            piece = det.text[pos : m.start()]
            out.append(Detection(det.unit_id, det.start + pos, det.start + m.start(), det.entity, det.score, det.recognizer, det.explanation, piece))
        pos = m.end()
    if pos < len(det.text):
        out.append(Detection(det.unit_id, det.start + pos, det.end, det.entity, det.score, det.recognizer, det.explanation, det.text[pos:]))
    return out


def _clean(det: Detection, order: tuple[int, int]) -> _Candidate | None:
    """Strip titles, role prefixes, possessives and punctuation; None if no name is left."""
    text = det.text
    start, end = det.start, det.end
    titled = bool(_TITLE_RE.match(text))
    m = _TITLE_RE.match(text) or _ROLE_PREFIX_RE.match(text)
    while m:
        start += m.end()
        text = text[m.end() :]
        m = _TITLE_RE.match(text) or _ROLE_PREFIX_RE.match(text)
    stripped = text.rstrip(" \t\n,.;:)(\"-–")
    end -= len(text) - len(stripped)
    text = stripped
    m = _POSSESSIVE_RE.search(text)
    if m and len(text) > 2:
        end -= len(m.group(0))
        text = text[: m.start()]
    lead = len(text) - len(text.lstrip(" \t\n(\"'"))
    start += lead
    text = text[lead:]
    tokens = tuple(t for t in re.split(r"[\s\u00a0]+", text) if t)
    if not tokens or any(any(c.isdigit() for c in t) for t in tokens):
        return None
    if not any(c.isalpha() for c in text):
        return None
    if not (tokens[0][0].isupper() or det.recognizer == CASE_FILE):
        return None
    if all(_norm(t) in NOT_NAMES or _norm(t) in TITLES for t in tokens):
        return None
    if len(tokens) > 1 and _norm(tokens[-1]) in INSTITUTION_WORDS:
        return None  # "Somerset Police", "Leeds Crown Court": a body, not a person
    return _Candidate(det.unit_id, start, end, tokens, det, order, titled)


@functools.cache
def _places() -> frozenset[str]:
    """Towns and counties that the name lists also hold (recognizers/data/uk_places.txt)."""
    from recognizers.name_list import DATA

    lines = (DATA / "uk_places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def _listed_names() -> frozenset[str]:
    """Every first name and surname the name lists hold, lower case."""
    first, surnames = first_and_surnames()
    return first | surnames


def _is_place_here(cand: _Candidate, text: str) -> bool:
    """A candidate that the words around it make a place or a body (places.py)."""
    if cand.detection.recognizer == CASE_FILE or cand.titled:
        return False
    return stands_for_a_place(text, cand.start, cand.end)


def _is_word_not_name(cand: _Candidate, lower_words: set[str]) -> bool:
    """A lone capitalised word the model called a name, used elsewhere as an ordinary word."""
    if len(cand.tokens) != 1 or cand.detection.recognizer == CASE_FILE or cand.titled:
        return False
    tok = cand.tokens[0]
    if tok.isupper() and len(tok) <= 4:
        return True  # an acronym
    cued = cand.detection.recognizer.startswith(("Titled", "RoleName", "Relationship"))
    if tok.lower() in _places() and not cued:
        return True  # "Norwich": the model tags towns as people
    if is_place(tok) and not cued and tok.lower() not in _listed_names():
        return True  # "Neath", "Hyde": a town that no name list holds
    return tok.lower() in lower_words and cand.detection.recognizer.lower().startswith("spacy")


def resolve(document: Document, detections: list[Detection], case: Case | None = None) -> Resolution:
    """People, their roles, and every mention of each (see module docstring)."""
    unit_order = {uid: i for i, uid in enumerate(document.units)}
    name_dets = [d for d in detections if d.entity == "PERSON"]
    others = [d for d in detections if d.entity != "PERSON"]
    blocked = _blocked_spans(others)

    lower_words: set[str] = set()
    for unit in document.units.values():
        lower_words.update(w for w in re.findall(r"\b[a-z][a-z'\-]+\b", unit.text))

    candidates: list[_Candidate] = []
    rejected = 0
    pieces = [p for d in name_dets for p in _split(d)]
    for det in sorted(pieces, key=lambda d: (unit_order.get(d.unit_id, 0), d.start)):
        if det.recognizer != CASE_FILE and _overlaps(blocked.get(det.unit_id, ()), det.start, det.end):
            rejected += 1
            continue
        cand = _clean(det, (unit_order.get(det.unit_id, 0), det.start))
        if cand is None or _is_word_not_name(cand, lower_words) or _is_place_here(cand, document.units[det.unit_id].text):
            rejected += 1
            continue
        candidates.append(cand)

    people: dict[str, Person] = {}
    name_index: dict[str, list[str]] = defaultdict(list)  # normalised token/full name -> person keys
    if case is not None:
        _seed_from_case(case, people, name_index)

    # Pass 1: names of two or more words make people; pass 2: single words join them.
    assigned: list[tuple[_Candidate, str]] = []
    placed = _Placed()
    singles: list[_Candidate] = []
    for cand in candidates:
        if len(cand.tokens) >= 2:
            key = _match_full(cand.tokens, people, name_index)
            if key is None:
                key = _new_person(cand.tokens, people, name_index)
            assigned.append((cand, key))
            placed.add(cand.order, key)
        else:
            singles.append(cand)
    # Aliases first, so that an alias used before its introduction still finds its person.
    aliases = [c for c in candidates if _is_alias(c)]
    orphans: list[_Candidate] = []  # aliases whose owner the words around them do not give
    for cand in aliases + [c for c in singles if not _is_alias(c)]:
        if _is_alias(cand):
            # An alias someone already has (the case file's aliases) stays theirs: reviewers
            # write 'a neighbour, Lee Carter, said he was known locally as "Tiny"', where the
            # person named before the cue is the witness. Otherwise see _alias_subject.
            owner = _known_alias_owner(cand, people) or _alias_subject(cand, assigned, people, document)
            if owner is not None:
                people[owner].variants.add(" ".join(cand.tokens))
                _index(owner, [" ".join(cand.tokens)], name_index)
                for c, k in assigned:
                    if c is cand:
                        placed.remove(c.order, k)
                assigned = [(c, k) for c, k in assigned if c is not cand]
                assigned.append((cand, owner))
                placed.add(cand.order, owner)
                continue
            orphans.append(cand)
        if len(cand.tokens) >= 2:
            continue
        keys = name_index.get(_norm(cand.tokens[0]), [])
        if keys and cand.titled and _relative_cue(document.units[cand.unit_id].text, cand.start, cand.end):
            # "his mother, Mrs Doyle": a relative who shares the surname, not its first bearer.
            key = _new_relative(cand.tokens, _title_before(document.units[cand.unit_id].text, cand.start), people, name_index)
            assigned.append((cand, key))
            placed.add(cand.order, key)
            continue
        if len(keys) > 1:
            keys = _same_gender(keys, _title_before(document.units[cand.unit_id].text, cand.start), people) or keys
        if not keys and _norm(cand.tokens[0]).endswith("s") and _norm(cand.tokens[0]) not in _listed_names():
            # a possessive written without its apostrophe, as typed by hand: "Mr Varleys licence"
            keys = [k for k, p in people.items() if len(p.canonical.split()) >= 2 and _norm(p.canonical.split()[-1]) == _norm(cand.tokens[0])[:-1]][:2]
            keys = keys if len(keys) == 1 else []
        if not keys and cand.titled and _INITIALS_TOKEN.fullmatch(cand.tokens[0]):
            # "Mr JV": the initials of the one person they fit, not a new person named "Jv"
            keys = [k for k, p in people.items() if initials(p) == cand.tokens[0]][:2]
            keys = keys if len(keys) == 1 else []
        key = placed.choose(keys, cand.order) if keys else _new_person(cand.tokens, people, name_index)
        assigned.append((cand, key))
        placed.add(cand.order, key)

    used = {key for _, key in assigned}
    for key in [k for k, p in people.items() if k not in used and p.role_source != "case file"]:
        del people[key]  # a multi-word alias made a person of its own before it was attached
    mentions = [
        Mention(c.unit_id, c.start, c.end, document.units[c.unit_id].text[c.start : c.end], key, c.detection.recognizer, c.detection.explanation, c.detection.score)
        for c, key in assigned
    ]
    _first_seen(people, assigned)
    _introduced_initials(document, people, mentions)
    mentions += _variant_mentions(document, people, mentions, unit_order, blocked)
    mentions = _dedupe(mentions, unit_order)
    cues = _assign_roles(document, people, mentions, case)
    mentions = _adopt_orphan_aliases(people, mentions, {key for c, key in assigned if any(c is o for o in orphans)}, cues)
    mentions = _initials_by_cue(document, people, mentions)
    others = _confirm_staff_subjects(document, people, mentions, others, unit_order)
    return Resolution(people=people, mentions=mentions, others=others, rejected=rejected, cues=cues)


# The role of a person nothing in the document placed: a third party by default.
NO_ROLE_GIVEN = "context: no role given beside the name"
# People the text placed only weakly: by default, or as "the person mentioned most".
_WEAK_SOURCES = {NO_ROLE_GIVEN, "context: the person the review mentions most"}


def share_roles(resolutions: list[Resolution]) -> None:
    """Roles across the documents of one case: a person one document placed by default takes
    the role another document's words give the same name ("Staff interviewed:" lists a name
    the action plan gives no role). Resolve's Person objects are replaced, never changed.
    """
    known: dict[str, Person] = {}
    for res in resolutions:
        for person in res.people.values():
            if person.role_source in _WEAK_SOURCES:
                continue
            for name in {person.canonical, *person.variants}:
                if len(name.split()) >= 2:
                    known.setdefault(_person_key(tuple(name.split())), person)
    for res in resolutions:
        for key, person in list(res.people.items()):
            if person.role_source not in _WEAK_SOURCES:
                continue
            other = next((known[k] for k in (_person_key(tuple(n.split())) for n in {person.canonical, *person.variants}) if k in known), None)
            if other is not None and other.role is not person.role:
                res.people[key] = dataclasses.replace(
                    person,
                    variants=set(person.variants),
                    role=other.role,
                    staff_role=other.staff_role,
                    relationship=other.relationship,
                    role_source=f"{other.role_source} (another document of this case)",
                )


# A circumstance told of a pronoun (recognizers.staff_circumstances): kept only for staff.
IF_STAFF = "STAFF_CIRCUMSTANCE_IF_STAFF"
_LAST_PRONOUN = re.compile(r"\b(she|he|they|her|his|their)\b(?!.*\b(?:she|he|they|her|his|their)\b)", re.IGNORECASE | re.DOTALL)


def _confirm_staff_subjects(
    document: Document, people: dict[str, Person], mentions: list[Mention], others: list[Detection], unit_order: dict[str, int]
) -> list[Detection]:
    """Each pronoun-told circumstance becomes a staff circumstance when the pronoun is staff.

    The pronoun stands for the nearest person named before it, in its unit or the one before,
    whose gender (title, then first name) does not contradict it. Anyone else's is dropped.
    """
    if not any(d.entity == IF_STAFF for d in others):
        return others
    units = list(document.units)
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_unit[m.unit_id].append(m)
    out: list[Detection] = []
    for d in others:
        if d.entity != IF_STAFF:
            out.append(d)
            continue
        text = document.units[d.unit_id].text
        # the pronoun before the circumstance, or the possessive opening it ("Her father died")
        opening = re.match(r"(?:her|his|their)\b", text[d.start : d.start + 6], re.IGNORECASE)
        pronoun = _LAST_PRONOUN.search(text[max(0, d.start - 120) : d.start + (opening.end() if opening else 0)])
        want = PRONOUN_GENDER.get(pronoun.group(1).lower()) if pronoun else None
        here = sorted((m for m in by_unit.get(d.unit_id, ()) if m.end <= d.start), key=lambda m: m.end, reverse=True)
        i = unit_order.get(d.unit_id, 0)
        before = sorted(by_unit.get(units[i - 1], ()), key=lambda m: m.end, reverse=True) if i > 0 else []
        # A title says the gender; a first name only suggests it ("Sam"), so a name's gender
        # rules a person out only while someone else in reach fits.
        subject: Role | None = None
        named: Mention | None = None
        for by_name in (True, False):
            for m in here + before:
                title = _title_before(document.units[m.unit_id].text, m.start)
                gender = ("m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else None) if title else (_gender(people[m.person]) if by_name else None)
                if want is None or gender in (want, None):
                    named = m
                    break
            if named is not None:
                break
        if named is not None:
            subject = people[named.person].role
        # A role word nearer than any name is the antecedent: "The PP ... She was ...". After
        # a name only a sentence's subject counts ("Sam Price saw the SI. She ..." is Sam).
        pronoun_at = max(0, d.start - 120) + pronoun.start() if pronoun else d.start
        window_start = named.end if named is not None and named.unit_id == d.unit_id else 0
        word = last_role_word(text[window_start:pronoun_at], subject_only=named is not None)
        if word is not None:
            subject = word[1].role
            # "The PP spoke to the SI; he said he was unwell": another role after the subject
            # may be whom the pronoun means
            later = last_role_word(text[window_start + word[0] : pronoun_at])
            if later is not None and later[1].role is not subject:
                subject = None
        elif named is not None:
            # another role named after the name, even as an object, may be whom the pronoun
            # means ("JH spoke to the supervised individual; he said he was unwell"): unsure
            other = last_role_word(text[window_start:pronoun_at])
            if other is not None and other[1].role is not subject:
                subject = None
        if subject is Role.STAFF:
            out.append(dataclasses.replace(d, entity="STAFF_CIRCUMSTANCE", explanation=d.explanation + "; the pronoun stands for a member of staff named before it"))
    return out


# ---------------------------------------------------------------- people


def _person_key(tokens: tuple[str, ...]) -> str:
    return " ".join(_norm(t) for t in tokens)


def _index(key: str, names: list[str], name_index: dict[str, list[str]]) -> None:
    for name in names:
        toks = [t for t in re.split(r"[\s\u00a0]+", name) if t and _norm(t) not in TITLES]
        for t in toks:
            n = _norm(t)
            if len(n) > 1 and key not in name_index[n]:
                name_index[n].append(key)
        full = " ".join(_norm(t) for t in toks)
        if key not in name_index[full]:
            name_index[full].append(key)


def _seed_from_case(case: Case, people: dict[str, Person], name_index: dict[str, list[str]]) -> None:
    entries: list[tuple[CasePerson, Role]] = []
    if case.supervised_individual is not None:
        entries.append((case.supervised_individual, Role.SUPERVISED_INDIVIDUAL))
    entries += [(p, Role.VICTIM) for p in case.victims]
    entries += [(p, Role.STAFF) for p in case.staff]
    entries += [(p, Role.THIRD_PARTY) for p in case.third_parties]
    for cp, role in entries:
        tokens = tuple(cp.name.split())
        key = _person_key(tokens)
        people[key] = Person(
            key=key,
            canonical=cp.name,
            variants={cp.name, *cp.aliases},
            role=role,
            staff_role=cp.role if role is Role.STAFF else None,
            relationship=cp.relationship if role is Role.THIRD_PARTY else None,
            role_source="case file",
        )
        _index(key, [cp.name, *cp.aliases], name_index)


_INITIALS_TOKEN = re.compile(r"[A-Z]{2,3}")


def _match_full(tokens: tuple[str, ...], people: dict[str, Person], name_index: dict[str, list[str]]) -> str | None:
    key = _person_key(tokens)
    if key in people:
        return key
    exact = name_index.get(key)
    if exact:
        return exact[0]
    first, last = _norm(tokens[0]), _norm(tokens[-1])
    for pkey, person in people.items():
        ptoks = [_norm(t) for t in person.canonical.split() if _norm(t) not in TITLES]
        if len(ptoks) < 2:
            continue
        same_last = ptoks[-1] == last
        # "J. Smith" / "J Smith" against "John Smith"; "JP Smith" against "John Paul Smith"
        if same_last and len(first) == 1 and ptoks[0].startswith(first):
            return pkey
        if same_last and _INITIALS_TOKEN.fullmatch(tokens[0]) and ptoks[0].startswith(first[0]):
            return pkey
        # the surname first, as police and court lists write it: "SMITH John", "Smith J";
        # and a surname cut to its initial: "John S"
        if len(tokens) == 2 and first == ptoks[-1] and (last == ptoks[0] or (len(last) == 1 and ptoks[0].startswith(last))):
            return pkey
        if len(tokens) == 2 and len(last) == 1 and first == ptoks[0] and ptoks[-1].startswith(last):
            return pkey
        # "Sarah Jane Jenkins" against "Sarah Jenkins", and the reverse
        if same_last and ptoks[0] == first:
            return pkey
        # "Emma Butler" against "Emma Butler-O'Sullivan" (a reader or recognizer stopped at
        # the hyphen), and the reverse: the longer is the name.
        # The same for a hyphenated first name: "Jason-Lee Varley" against "Jason Varley".
        if (ptoks[0] == first and (ptoks[-1].startswith(last + "-") or last.startswith(ptoks[-1] + "-"))) or (
            same_last and (ptoks[0].startswith(first + "-") or first.startswith(ptoks[0] + "-"))
        ):
            if len(first) + len(last) > len(ptoks[0]) + len(ptoks[-1]) and person.role_source != "case file":
                person.canonical = " ".join(tokens)
            person.variants.add(" ".join(tokens))
            _index(pkey, [" ".join(tokens)], name_index)
            return pkey
    # A single-word person found earlier ("Kyle") whose surname is now given ("Kyle Brown").
    for pkey, person in list(people.items()):
        if len(person.canonical.split()) == 1 and _norm(person.canonical) == first and person.role_source != "case file":
            person.canonical = " ".join(tokens)
            _index(pkey, [person.canonical], name_index)
            return pkey
    return None


def _new_person(tokens: tuple[str, ...], people: dict[str, Person], name_index: dict[str, list[str]]) -> str:
    canonical = " ".join(t.title() if t.isupper() and len(t) > 1 else t for t in tokens)
    if len(tokens) >= 2 and len(_norm(tokens[0])) == 1:
        canonical = " ".join(tokens)
    key = _person_key(tokens)
    people[key] = Person(key=key, canonical=canonical, variants={canonical})
    _index(key, [canonical], name_index)
    return key


def _relative_cue(text: str, start: int, end: int) -> bool:
    """A relationship word written just before the (titled) name: "his mother, Mrs X"."""
    return any(cue.role is Role.THIRD_PARTY and weight >= 3 for cue, weight in cues_around(text, start, end))


def _new_relative(tokens: tuple[str, ...], title: str | None, people: dict[str, Person], name_index: dict[str, list[str]]) -> str:
    """A person known only by a surname another person has (one per surname and title).

    The title stays in the canonical name ("Mrs Doyle"), so that a later "Mr Doyle" is not
    taken for her (see _gender).
    """
    name = " ".join(tokens)
    canonical = f"{title.title()} {name}" if title else name
    key = "relative " + _person_key(tuple(canonical.split()))
    if key not in people:
        people[key] = Person(key=key, canonical=canonical, variants={name})
        _index(key, [" ".join(tokens)], name_index)
    return key


class _Placed:
    """Where each person has been named so far: counts, and orders for "named last before".

    `choose` was a scan of every mention so far for each bare name, quadratic in mentions:
    on a 480-page review it took 9 of resolve's 14 seconds.
    """

    def __init__(self, items: Iterable[tuple[tuple[int, int], str]] = ()) -> None:
        self.count: Counter[str] = Counter()
        self.orders: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for order, key in items:
            self.add(order, key)

    def add(self, order: tuple[int, int], key: str) -> None:
        self.count[key] += 1
        bisect.insort(self.orders[key], order)

    def remove(self, order: tuple[int, int], key: str) -> None:
        orders = self.orders[key]
        i = bisect.bisect_left(orders, order)
        if i < len(orders) and orders[i] == order:
            del orders[i]
            self.count[key] -= 1

    def choose(self, keys: list[str], order: tuple[int, int]) -> str:
        """The one the document names most (ties: the one named last before `order`).

        Reviews call their subject by surname and relatives by first name, so a bare "Newman"
        is the most-named Newman even just after "his brother, Geoffrey Newman" (measured on
        generated reviews: the nearest-mention rule gave the wrong person there). A title
        ("Mr", "Ms") narrows the choice before this (see _same_gender).
        """
        if len(keys) == 1:
            return keys[0]
        best: tuple[tuple[int, int], str] | None = None
        for k in keys:
            orders = self.orders.get(k, [])
            i = bisect.bisect_right(orders, order)
            if i and (best is None or orders[i - 1] > best[0]):
                best = (orders[i - 1], k)
        return max(keys, key=lambda k: (self.count[k], best is not None and best[1] == k))


_MALE_TITLES = {t.lower() for t in vocabulary.MALE_TITLES}
_FEMALE_TITLES = {t.lower() for t in vocabulary.FEMALE_TITLES}
# Capitals only for the short titles: "MR SMITH" in a form, never "MASTER" as a heading word.
_GENDERED = (
    alternation(vocabulary.MALE_TITLES + vocabulary.FEMALE_TITLES)
    + "|"
    + alternation([t for t in vocabulary.MALE_TITLES + vocabulary.FEMALE_TITLES if t in vocabulary.TITLES], upper=True)
)


def _title_before(text: str, start: int) -> str | None:
    m = re.search(r"\b(" + _GENDERED + r")\.?\s+$", text[max(0, start - 10) : start])
    return m.group(1).lower() if m else None


@functools.cache
def _gendered_first_names() -> tuple[frozenset[str], frozenset[str]]:
    """First names that are only men's or only women's (recognizers/data/gendered_first_names.tsv)."""
    from recognizers.name_list import load_gendered_first_names

    return load_gendered_first_names()


def _gender(person: Person) -> str | None:
    first = _norm(person.canonical.split()[0]) if person.canonical.split() else ""
    if first in _MALE_TITLES or first in _FEMALE_TITLES:
        return "m" if first in _MALE_TITLES else "f"
    male, female = _gendered_first_names()
    return "m" if first in male else "f" if first in female else None


def _same_gender(keys: list[str], title: str | None, people: dict[str, Person]) -> list[str]:
    """Of people sharing a surname, those a title ("Mr", "Ms") can refer to."""
    if title is None:
        return []
    want = "m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else None
    if want is None:
        return []
    return [k for k in keys if _gender(people[k]) in (want, None)]


def _is_alias(cand: _Candidate) -> bool:
    return "alias cue" in cand.detection.explanation


def _known_alias_owner(cand: _Candidate, people: dict[str, Person]) -> str | None:
    """The one person who already has this alias among their variants (from the case file)."""
    alias = _person_key(cand.tokens)
    owners = [k for k, p in people.items() if any(_person_key(tuple(v.split())) == alias for v in p.variants)]
    return owners[0] if len(owners) == 1 else None


def _preceding_in_unit(cand: _Candidate, assigned: list[tuple[_Candidate, str]]) -> tuple[int, str] | None:
    """(end, person) of the person mentioned last before `cand`, within 120 characters of its unit."""
    best: tuple[int, str] | None = None
    for other, key in assigned:
        if other is cand or other.unit_id != cand.unit_id or _is_alias(other):
            continue
        if other.end <= cand.start and cand.start - other.end <= 120 and (best is None or other.end > best[0]):
            best = (other.end, key)
    return best


# Between a name and an alias cue, a sentence end or a pronoun means the name is not the
# subject the alias describes: 'Lee Carter told the PP that he was known as "Tiny"'.
_NOT_THE_SUBJECT = re.compile(r"[.!?][\s\"'”’)]|\b(?:he|she|they|him|them|his|their)\b", re.IGNORECASE)


def _alias_subject(
    cand: _Candidate, assigned: list[tuple[_Candidate, str]], people: dict[str, Person], document: Document
) -> str | None:
    """Whose alias this is when no one has it yet.

    'Darren Quilliam (known as "Smudge")', 'Darren Quilliam, known locally as Smudge,': the
    person named just before the cue, in the same sentence with nothing between but the
    cue's own words. When a pronoun or a sentence end comes between, the alias describes the
    person the review is about: the case file's supervised individual, or else the one the
    words of the whole document make so (_adopt_orphan_aliases, after roles). People check it
    in the log; the explanation says it is an alias.
    """
    before = _preceding_in_unit(cand, assigned)
    if before is not None:
        end, key = before
        if not _NOT_THE_SUBJECT.search(document.units[cand.unit_id].text[end : cand.start]):
            return key
    si = [k for k, p in people.items() if p.role_source == "case file" and p.role is Role.SUPERVISED_INDIVIDUAL]
    if len(si) == 1:
        return si[0]
    return None  # the supervised individual, once roles are known (_adopt_orphan_aliases)


def _adopt_orphan_aliases(people: dict[str, Person], mentions: list[Mention], orphan_keys: set[str], cues: dict) -> list[Mention]:
    """An alias nobody could be found for belongs to the supervised individual.

    'He was known locally as "Tiny"': when a pronoun stands before the cue, or no one is named
    more than the rest at that point, the alias made a person of its own, who would be shown
    as a third party. Reviews give aliases for the person they are about; once roles are
    known, an orphan alias with no role word of its own joins the supervised individual.
    """
    si = [k for k, p in people.items() if p.role is Role.SUPERVISED_INDIVIDUAL]
    if len(si) != 1:
        return mentions
    target = people[si[0]]
    moved = {k for k in orphan_keys if k in people and k != si[0] and people[k].role is Role.THIRD_PARTY and k not in cues}
    for key in moved:
        target.variants |= people[key].variants | {people[key].canonical}
        del people[key]
    if not moved:
        return mentions
    return [dataclasses.replace(m, person=si[0]) if m.person in moved else m for m in mentions]


def _first_seen(people: dict[str, Person], assigned: list[tuple[_Candidate, str]]) -> None:
    seen: dict[str, tuple[int, int]] = {}
    for cand, key in assigned:
        if key not in seen or cand.order < seen[key]:
            seen[key] = cand.order
    ordered = sorted(people, key=lambda k: seen.get(k, (10**9, 0)))
    for i, key in enumerate(ordered):
        people[key].first_seen = i


# ---------------------------------------------------------------- variants


def name_variants(person: Person) -> set[str]:
    """Every form of a person's name to look for, apart from initials."""
    out: set[str] = set()
    names = {person.canonical, *(v for v in person.variants if not (v.isupper() and len(v) <= 4 and " " not in v))}
    for name in names:
        toks = [t for t in name.split() if _norm(t) not in TITLES]
        if not toks:
            continue
        out.add(" ".join(toks))
        if len(toks) >= 2:
            out.add(f"{toks[0]} {toks[-1]}")
            out.add(f"{toks[0][0]}. {toks[-1]}")
            out.add(f"{toks[0][0]} {toks[-1]}")
        for t in toks:
            if len(t.strip(".")) > 1:
                out.add(t)
    return {v for v in out if _norm(v) not in NOT_NAMES}


_INTRODUCED = re.compile(r"^['’]?s?\s*\(([A-Z]{2,4})\)")


def _introduced_initials(document: Document, people: dict[str, Person], mentions: list[Mention]) -> None:
    """Initials given in brackets after a name ("Noor Stone (NBS)") become one of its forms.

    Only initials that begin with the first name's letter and end with the surname's are
    taken, so "(PP)" or "(SPO)" after a name is not mistaken for them.
    """
    for m in mentions:
        person = people[m.person]
        toks = [t for t in person.canonical.split() if _norm(t) not in TITLES]
        if len(toks) < 2:
            continue
        found = _INTRODUCED.match(document.units[m.unit_id].text[m.end : m.end + 12])
        if found:
            ini = found.group(1)
            if ini[0] == toks[0][0].upper() and ini[-1] == toks[-1][0].upper():
                person.variants.add(ini)


def initials(person: Person) -> str | None:
    """A person's initials (titles left out), or None when the name has one word."""
    toks = [t for t in person.canonical.split() if _norm(t) not in TITLES]
    if len(toks) < 2:
        return None
    letters = "".join(t[0] for t in toks if t[0].isalpha())
    letters = letters.upper()
    return letters if 2 <= len(letters) <= 3 else None


def _variant_mentions(
    document: Document,
    people: dict[str, Person],
    mentions: list[Mention],
    unit_order: dict[str, int],
    blocked: dict[str, list[tuple[int, int]]],
) -> list[Mention]:
    by_variant: dict[str, list[str]] = defaultdict(list)
    for key, person in people.items():
        for v in name_variants(person):
            if key not in by_variant[fold(v.lower())]:
                by_variant[fold(v.lower())].append(key)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, person in people.items():
        for ini in {initials(person), *(v for v in person.variants if v.isupper() and 2 <= len(v) <= 4 and " " not in v)}:
            if ini and key not in by_initials[ini]:
                by_initials[ini].append(key)
    if not by_variant and not by_initials:
        return []
    alts = sorted(by_variant, key=len, reverse=True)
    body = "|".join(r"[\s\u00a0]+".join(re.escape(w) for w in v.split()) for v in alts)
    pattern = re.compile(rf"(?<![\w\-])(?:{body})(?![\w\-])", re.IGNORECASE) if alts else None
    ini_pattern = re.compile(rf"(?<![\w\-/])(?:{'|'.join(map(re.escape, by_initials))})(?![\w\-/])") if by_initials else None

    placed = _Placed(((unit_order[m.unit_id], m.start), m.person) for m in mentions)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, person in people.items():
        ini = initials(person)
        if ini:
            by_ends[(ini[0], ini[-1])].append(key)

    def nearest(keys: list[str], order: tuple[int, int]) -> str:
        return placed.choose(keys, order)

    out: list[Mention] = []
    for uid, unit in document.units.items():
        spans = blocked.get(uid, ())
        if pattern is not None:
            # Matched in the folded text (one character for one), so accents and apostrophe
            # forms do not split a person; the mention keeps the original characters.
            for m in pattern.finditer(fold(unit.text)):
                text = unit.text[m.start() : m.end()]
                if not _looks_like_name(text, unit.text, m.start(), m.end()):
                    continue
                if _overlaps(spans, m.start(), m.end()):
                    continue
                if stands_for_a_place(unit.text, m.start(), m.end()):
                    continue  # "in Lancaster", "Lancaster Team 2": the city, not the SPO called Lancaster
                keys = by_variant[" ".join(fold(text.lower()).split())]
                if len(keys) > 1:
                    keys = _same_gender(keys, _title_before(unit.text, m.start()), people) or keys
                key = nearest(keys, (unit_order[uid], m.start()))
                out.append(Mention(uid, m.start(), m.end(), text, key, "NameVariant", "another form of a name found elsewhere in the document", 0.9))
        if ini_pattern is not None:
            for m in ini_pattern.finditer(unit.text):
                if _overlaps(spans, m.start(), m.end()):
                    continue
                if m.group(0) in ACRONYMS and not _initials_context(unit.text, m.start(), m.end()):
                    continue  # "GP" the doctor, unless written where a person's initials go
                keys = by_initials[m.group(0)]
                # Two people with the same initials: the one the document introduced them
                # for ("Josephine Greely (JG)") is meant.
                introduced = [k for k in keys if m.group(0) in people[k].variants]
                key = nearest(introduced or keys, (unit_order[uid], m.start()))
                out.append(Mention(uid, m.start(), m.end(), m.group(0), key, "NameInitials", "initials of a person named in the document", 0.7))
        # Three initials with a middle name the document never gives ("SRH" for Salma
        # Haddad): first and last letters match one person, and it stands where initials go.
        for m in _THREE_CAPS.finditer(unit.text):
            ini = m.group(0)
            if ini in by_initials or ini in ACRONYMS or _overlaps(spans, m.start(), m.end()):
                continue
            keys = by_ends.get((ini[0], ini[-1]), [])
            if len(keys) == 1 and _initials_context(unit.text, m.start(), m.end()):
                out.append(Mention(uid, m.start(), m.end(), ini, keys[0], "NameInitials", "initials (with a middle initial) of a person named in the document", 0.6))
    return out


_THREE_CAPS = re.compile(r"(?<![\w\-/])[A-Z]{3}(?![\w\-/])")


_BY = re.compile(r"(?:\bby|\bwith|\bto|\band|,)\s*$", re.IGNORECASE)
_SAID = re.compile(
    r"^\s*(?:said|told|noted|recorded|reported|stated|visited|met|completed|explained|agreed|confirmed|"
    r"discussed|spoke|wrote|emailed|e-mailed|phoned|telephoned|contacted|attended|saw|checked|reviewed|"
    r"decided|felt|considered|assessed|made|sent|asked|referred|countersigned|signed)\b",
    re.IGNORECASE,
)


# Acronyms of things that take a possessive themselves ("the GP's letter", "the SI's licence").
_POSSESSIVE_ACRONYMS = {"GP", "SI", "PP", "RM", "PO", "SPO", "POM", "COM", "VLO", "CM", "DS", "DC", "PC", "DI", "AP", "NHS", "CPS", "PSO", "FLO"}


def _initials_context(text: str, start: int, end: int) -> bool:
    """Initials that are also an acronym count only where a person is meant: '(GP)', 'by GP'."""
    before, after = text[max(0, start - 12) : start], text[end : end + 14]
    if before.endswith("(") and after.startswith(")"):
        return True
    if re.match(r"['’]s\b", after) and text[start:end] not in _POSSESSIVE_ACRONYMS:
        return True  # "OK's supervision notes"
    return bool(_BY.search(before) or _SAID.match(after))


# A month, not a person: "3 May", "3rd of May", "in May", "mid-May" before it; "May 2023",
# "May 3", "May, 2023", "May of 2023", "May to June" after it. "Telephone contact with May on 07700..."
# is May the person: a number further on is not a date.
_MONTH_BEFORE = re.compile(r"(?:\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?|\b(?:[Ii]n|[Dd]uring|[Uu]ntil|[Tt]ill|[Ss]ince|[Ee]arly|[Mm]id|[Ll]ate|[Ll]ast|[Nn]ext|[Tt]his|[Ee]nd[ \t]+of|[Bb]eginning[ \t]+of)[ \t-]+)$")
_MONTH_AFTER = re.compile(
    r"(?:,?[ \t]+\d{1,4}\b|[ \t]+of[ \t]+\d|[ \t]+(?:to|and|or|until)[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
)


def _looks_like_name(found: str, text: str, start: int, end: int) -> bool:
    """Case guards: 'will' the verb is not Will the person, 'May 2023' is not May."""
    first = found[0]
    if not (first.isupper() or (found[:2].lower() in {"de", "da", "di", "va", "le", "la", "d'", "o'", "ma", "mc"} and any(c.isupper() for c in found))):
        return False
    if found.lower() in MONTHS and (_MONTH_BEFORE.search(text[max(0, start - 20) : start]) or _MONTH_AFTER.match(text[end : end + 16])):
        return False
    # "Page 3", "Mark 2", "Bishop 4": a surname that is an English word, then a number.
    if found.lower() in english_word_names() and re.match(r"[ \t]+\d", text[end : end + 3]):
        return False
    return True


@functools.cache
def english_word_names() -> frozenset[str]:
    """Names in the name lists that are also English words (marked `*`), lower-cased."""
    from recognizers.name_list import DATA, load_name_list

    words: set[str] = set()
    for name in ("first_names.txt", "surnames.txt"):
        words |= load_name_list(DATA / name)[1]
    return frozenset(words)


def _dedupe(mentions: list[Mention], unit_order: dict[str, int]) -> list[Mention]:
    """Keep the longest of overlapping mentions (the full name over its parts)."""
    out: list[Mention] = []
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_unit[m.unit_id].append(m)
    for uid in sorted(by_unit, key=lambda u: unit_order.get(u, 0)):
        # Same span found by several recognizers: the best-scored first, then by name, so the
        # one kept never depends on the order results arrived in (which varied from run to
        # run); the others' explanations are kept with it, so a role cue one of them saw
        # ("the victim was ...") still counts.
        ms = sorted(by_unit[uid], key=lambda m: (m.start, -(m.end - m.start), -m.score, m.recognizer, m.person))
        kept: list[Mention] = []
        for m in ms:
            if kept and m.start < kept[-1].end:
                last = kept[-1]
                if (m.end - m.start) > (last.end - last.start):
                    kept[-1] = m
                elif (m.start, m.end, m.person) == (last.start, last.end, last.person) and m.explanation not in last.explanation:
                    kept[-1] = dataclasses.replace(last, explanation=f"{last.explanation}; {m.explanation}")
                continue
            kept.append(m)
        out.extend(kept)
    return out


# ---------------------------------------------------------------- roles


def _assign_roles(document: Document, people: dict[str, Person], mentions: list[Mention], case: Case | None) -> dict[str, list[str]]:
    votes: dict[str, Counter] = defaultdict(Counter)
    cue_of: dict[tuple[str, Role, str | None], Cue] = {}
    in_rows = row_cues(document)
    in_lists = list_cues(document)
    for m in mentions:
        person = people[m.person]
        if person.role_source == "case file":
            continue
        text = document.units[m.unit_id].text
        found = cues_around(text, m.start, m.end)
        if m.unit_id in in_rows:
            found.append((in_rows[m.unit_id], 3))  # the role in another cell of the name's table row
        elif m.unit_id in in_lists:
            found.append((in_lists[m.unit_id], 2))  # a line of a list under a staff heading
        ex = cue_from_explanation(m.explanation)
        if ex is not None:
            found.append((ex, 3))
        for cue, weight in found:
            votes[m.person][(cue.role, cue.code)] += weight
            cue_of[(m.person, cue.role, cue.code)] = cue
    _pronoun_harm_votes(document, people, mentions, votes, cue_of)
    counts = Counter(m.person for m in mentions)
    conduct_winner = _conduct_winner(people, votes, counts)
    harmed = harmed_relations(u.text for u in document.units.values())
    for key in votes:
        if key != conduct_winner:
            votes[key].pop((Role.SUPERVISED_INDIVIDUAL, CONDUCT), None)
            votes[key].pop((Role.SUPERVISED_INDIVIDUAL, SUPERVISION), None)
            if not votes[key]:
                cue_of = {k: c for k, c in cue_of.items() if k[0] != key}
    cues: dict[str, list[str]] = {}
    for key, person in people.items():
        if person.role_source == "case file" or not votes[key]:
            continue
        role, code = _vote(votes[key])
        cue = cue_of.get((key, role, code)) or next(c for (k, r, _), c in cue_of.items() if k == key and r is role)
        if role is Role.THIRD_PARTY and code in harmed:
            role, code = Role.VICTIM, None
            cue = Cue(Role.VICTIM, None, f"the {cue.word} was harmed")
        person.role = role
        person.role_source = f"context: '{cue.word}' beside the name"
        if role is Role.STAFF:
            person.staff_role = code
        elif role is Role.THIRD_PARTY:
            person.relationship = code
        cues[key] = [c.word for (k, r, c2), c in cue_of.items() if k == key]
    if not any(p.role is Role.SUPERVISED_INDIVIDUAL for p in people.values()):
        pool = [k for k, p in people.items() if p.role is Role.UNKNOWN and len(p.canonical.split()) >= 2]
        if pool:
            si = max(pool, key=lambda k: (counts[k], -people[k].first_seen))
            if counts[si] >= 3:
                people[si].role = Role.SUPERVISED_INDIVIDUAL
                people[si].role_source = "context: the person the review mentions most"
    for person in people.values():
        if person.role is Role.UNKNOWN:
            person.role = Role.THIRD_PARTY
            person.role_source = NO_ROLE_GIVEN
    return cues


_HARMED_BY_PRONOUN = Cue(Role.VICTIM, HARM, "harm done to the person (her or him after the name)")


def _pronoun_harm_votes(document: Document, people: dict[str, Person], mentions: list[Mention], votes: dict, cue_of: dict) -> None:
    """"His partner, Jane Smith ... He strangled her": the object pronoun of a verb of harm
    stands for the nearest person named before it in its paragraph (then in the paragraph
    before) whose gender is known and fits, and who is not the verb's
    subject (the name right before the verb). One vote: a role word beside
    the name outweighs it; it turns a relative or an unplaced name into the victim.
    """
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_unit[m.unit_id].append(m)
    units = [u for u in document.units if document.units[u].text.strip()]
    previous = {u: units[i - 1] for i, u in enumerate(units) if i}

    def gender_of(m: Mention) -> str | None:
        title = _title_before(document.units[m.unit_id].text, m.start)
        return ("m" if title in _MALE_TITLES else "f" if title in _FEMALE_TITLES else None) if title else _gender(people[m.person])

    for uid in units:
        ms = by_unit.get(uid, [])
        text = document.units[uid].text
        for at, want in pronoun_harms(text):
            here = sorted((m for m in ms if m.end <= at and at - m.end <= 300), key=lambda m: m.end, reverse=True)
            before = here
            if before and not text[before[0].end : at].strip(" \t,'’s"):
                before = before[1:]  # "Mr Doyle hit her": Mr Doyle is who hit, not who was hit
            # then the paragraph before, when this one names nobody of that gender: "His
            # girlfriend, Amy Lister, moved in." then "Mr Hart went to the flat and punched her."
            if uid in previous and not any(gender_of(m) == want for m in here):
                before = before + sorted(by_unit.get(previous[uid], []), key=lambda m: m.end, reverse=True)
            for m in before:
                person = people[m.person]
                if person.role_source == "case file":
                    break
                gender = gender_of(m)
                # the gender must be known and fit: a name of unknown gender may be the
                # subject named a sentence before ("Sam Reece went home. He hit her.")
                if gender == want:
                    votes[m.person][(_HARMED_BY_PRONOUN.role, _HARMED_BY_PRONOUN.code)] += 1
                    cue_of.setdefault((m.person, _HARMED_BY_PRONOUN.role, _HARMED_BY_PRONOUN.code), _HARMED_BY_PRONOUN)
                    break


def _conduct_winner(people: dict[str, Person], votes: dict[str, Counter], counts: Counter) -> str | None:
    """The one person what-was-done-to-the-subject cues may make the supervised individual.

    Being sentenced, recalled or charged says "the supervised individual" only of the person
    the review is about: a co-defendant or a relative may be arrested too. So these cues count
    for one person, the one they name most (then the one named most), and only when no role
    word or case file already names the supervised individual.
    """
    if any(p.role is Role.SUPERVISED_INDIVIDUAL for p in people.values()):
        return None
    if any(r is Role.SUPERVISED_INDIVIDUAL and c not in (CONDUCT, SUPERVISION) for tally in votes.values() for r, c in tally):
        return None
    # What only supervision is (on licence, recalled, missed appointments) counts first: a
    # friend charged and remanded three times is not the subject of a review about a licence.
    weights = {
        k: (t.get((Role.SUPERVISED_INDIVIDUAL, SUPERVISION), 0), t.get((Role.SUPERVISED_INDIVIDUAL, SUPERVISION), 0) + t.get((Role.SUPERVISED_INDIVIDUAL, CONDUCT), 0))
        for k, t in votes.items()
    }
    weights = {k: w for k, w in weights.items() if w[1]}
    if not weights:
        return None
    return max(weights, key=lambda k: (weights[k], counts[k], -people[k].first_seen))


def _vote(tally: Counter) -> tuple[Role, str | None]:
    """The role every mention's cues vote for (weighted), then its most-voted code.

    The role is decided on the total of all its cues, not by the single strongest cue and not
    by the first mention. A person any staff cue names is never made a third party (a PP
    named once beside "his mother" is still the PP), nor is one with victim cues.
    """
    by_role: Counter = Counter()
    for (role, _code), weight in tally.items():
        by_role[role] += weight
    order = [Role.SUPERVISED_INDIVIDUAL, Role.VICTIM, Role.STAFF, Role.THIRD_PARTY]
    role = max(by_role, key=lambda r: (by_role[r], -order.index(r) if r in order else -9))
    if role is Role.THIRD_PARTY:
        # A victim cue (a role word, or harm done to the person: the further offence's
        # victim is often the partner) overrides a relationship; a verb of practice does
        # not ("his mother made a referral" is still his mother).
        if by_role.get(Role.VICTIM):
            role = Role.VICTIM
        elif any(r is Role.STAFF and c != PRACTICE for r, c in tally):
            role = Role.STAFF
        elif tally.get((Role.SUPERVISED_INDIVIDUAL, CONDUCT), 0) + tally.get((Role.SUPERVISED_INDIVIDUAL, SUPERVISION), 0) >= 2:
            # "his mother's son", "Kerry's partner, Daniel": a relationship describes the
            # subject too; what happened to him over the review says who he is.
            role = Role.SUPERVISED_INDIVIDUAL
    codes = Counter({code: w for (r, code), w in tally.items() if r is role})
    best = max(codes, key=lambda c: (codes[c], c not in ("other", PRACTICE, HARM, CONDUCT, SUPERVISION), str(c)))
    if best == PRACTICE:
        best = "other"  # a verb of practice says staff, not which role: "Professional N"
    elif best in (HARM, CONDUCT, SUPERVISION):
        best = None
    return role, best


def _initials_by_cue(document: Document, people: dict[str, Person], mentions: list[Mention]) -> list[Mention]:
    """Initials two people share ("KM" for the SI and for an SPO) go to the one the words
    beside them name: "SPO KM" is the SPO, "KM (the supervised individual)" the SI. Without
    such a word the earlier choice (the person named most) stands.
    """
    sharing: dict[str, list[str]] = defaultdict(list)
    for key, person in people.items():
        for ini in {initials(person), *(v for v in person.variants if v.isupper() and 2 <= len(v) <= 4 and " " not in v)}:
            if ini and key not in sharing[ini]:
                sharing[ini].append(key)
    out = []
    for m in mentions:
        keys = sharing.get(m.text, []) if m.recognizer == "NameInitials" else []
        if len(keys) > 1:
            found = cues_around(document.units[m.unit_id].text, m.start, m.end)
            for cue, _weight in sorted(found, key=lambda cw: -cw[1]):
                fits = [
                    k for k in keys
                    if people[k].role is cue.role
                    and (cue.role is not Role.STAFF or cue.code in (None, "other") or people[k].staff_role == cue.code)
                ]
                if len(fits) == 1:
                    m = dataclasses.replace(m, person=fits[0])
                    break
        out.append(m)
    return out


# ---------------------------------------------------------------- helpers

# Names inside these are part of another finding (a prison, an address, an e-mail).
_BLOCKING = {"PRISON", "UK_ADDRESS", "EMAIL_ADDRESS", "UK_POSTCODE", "SFO_REFERENCE"}


def _blocked_spans(others: list[Detection]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d in others:
        if d.entity in _BLOCKING:
            out[d.unit_id].append((d.start, d.end))
    return out


def _overlaps(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


__all__ = ["Mention", "Resolution", "resolve", "share_roles", "name_variants", "initials", "classify"]
