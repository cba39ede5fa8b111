"""The words more than one stage matches on: titles, months, staff roles and relatives.

Each list is written once, here, so that a detector, the resolver, verification and the
evaluator cannot drift apart. The kernel may be imported by every package, recognizers/
included, so this module imports nothing of the project. A rule that must see fewer words
than a list takes a named subset of it below, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Person titles as written before a name ("Mrs Doyle", "Dr. Khan").
TITLES: tuple[str, ...] = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")
# Titles that say the bearer's sex, for pronoun and gender inference; Mx and Dr do not.
MALE_TITLES: tuple[str, ...] = ("Mr", "Mister", "Sir", "Master")
FEMALE_TITLES: tuple[str, ...] = ("Mrs", "Ms", "Miss", "Dame")
# Formal titles the resolver strips from a canonical name as well as TITLES.
FORMAL_TITLES: tuple[str, ...] = ("Mister", "Sir", "Dame")

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# A month as written in a date: in full or abbreviated, "Sept" too ("12 Sept 2023").
MONTH_PATTERN = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

# Agency, role and identifier acronyms of a review, as written ("OASys", "RoSH"): never a
# name, never someone's initials. The name recognizers stop at them in these capitals only
# ("Si" and "Al" are names); resolve compares them upper-cased.
ACRONYMS: tuple[str, ...] = (
    "MAPPA", "MARAC", "OASys", "HMPPS", "HMP", "HMYOI", "YOI", "NPS", "CRC", "PDU",
    "VLU", "SFO", "RoSH", "RMP", "PSR", "HDC", "ROTL", "AP", "DA", "IOM", "NSD", "HMIP", "ICO",
    "DPA", "NHS", "GP", "CPS", "WCU", "SPOC", "OMU", "CAMHS", "SI", "PP", "SPO", "POM", "COM",
    "VLO", "RM", "CM", "FLO", "DC", "DS", "PC", "PSO", "HOMD", "DI", "DCI",
    "PNC", "CRN", "CRO", "NOMIS", "NINO", "DOB", "PO", "OM", "UK", "NI", "DV", "SO", "OK", "ID",
    "MH", "ETE", "ABH", "GBH", "DTTO", "ATR", "DRR", "UPW", "RAR", "AM", "PM", "TV", "SMS",
    "CCTV", "RSR", "OGRS", "OVP", "OSP", "CAS", "BAU", "NA", "NFA", "SMT", "LA", "CSC", "MASH",
    "AA", "NB", "IT", "ASB", "SW",
)

# Social media, messaging and gaming services, as a review names them ("posting on
# Instagram", "his Snapchat"). Never a person (the model tags them as people); the social
# handle recognizer takes them as the cue before a user name.
PLATFORMS: tuple[str, ...] = (
    "Snapchat", "Snap", "Instagram", "Insta", "TikTok", "Tik Tok", "Facebook", "FB", "Twitter",
    "Threads", "WhatsApp", "Telegram", "Discord", "YouTube", "Twitch", "Xbox Live", "Xbox",
    "PlayStation", "PSN", "Kik", "Reddit", "OnlyFans", "Grindr", "Tinder", "Hinge", "Bumble",
    "Plenty of Fish", "Messenger", "Signal", "Skype", "Zoom", "LinkedIn", "Pinterest", "Tumblr",
    "Viber", "WeChat", "Badoo", "Roblox", "Fortnite", "Steam", "Gmail", "Hotmail",
    "Outlook", "Google", "Yahoo",
)

# Role acronyms written before a name ("PP Sarah Jenkins", "DC Smith"), as a review writes
# them; matched in these capitals only ("pc" is not PC, "po" is not PO). Probation staff
# first, then the police. recognizers/role_name.py takes them as name cues, resolve strips
# them from a detected name, and the staff-circumstance recognizer keys on the probation ones.
PROBATION_ROLE_ACRONYMS: tuple[str, ...] = (
    "PP", "SPO", "POM", "COM", "VLO", "RM", "CM", "PSO", "PO", "OM", "HoPDU", "HOMD", "ACO", "SPOC",
)
POLICE_ROLE_ACRONYMS: tuple[str, ...] = ("FLO", "DC", "DS", "DI", "DCI", "DSI", "PC", "PCSO", "Sgt", "Insp")
ROLE_ACRONYMS: tuple[str, ...] = PROBATION_ROLE_ACRONYMS + POLICE_ROLE_ACRONYMS


def alternation(words: Iterable[str], *, upper: bool = False) -> str:
    """A regex group matching any of `words`, longest first; `upper` adds each in capitals.

    Longest first so that an alternative is never cut short by its own prefix ("Mr" in
    "Mrs") where nothing after the group forces the longer one.
    """
    forms = list(dict.fromkeys(words))
    if upper:
        forms += [w.upper() for w in forms if w.upper() not in forms]
    forms.sort(key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in forms) + ")"
