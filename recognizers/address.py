"""Street address: house number, street name and type, optional town and postcode."""

from __future__ import annotations

from presidio_analyzer import Pattern

from pipeline.vocabulary import MONTH_PATTERN, TITLES, alternation
from recognizers.base import SfoPatternRecognizer
from recognizers.postcode import POSTCODE

STREET_TYPES: tuple[str, ...] = (
    "Road", "Street", "Lane", "Avenue", "Grove", "Close", "Drive",
    "Way", "Court", "Crescent", "Place", "Gardens", "Terrace", "Walk", "Row", "Hill",
    "Mews", "Square", "Rise", "View", "Park", "Parade", "Green", "Vale", "Gate", "Croft",
    "Fold", "Lea", "Boulevard", "Hall", "Heights", "Wharf", "Yard", "Approach", "Chase",
    "Embankment", "Esplanade", "Wynd", "Brow", "Bank", "Meadow", "Meadows", "Field",
    "Fields", "Quay", "Circus", "Broadway", "Side", "Causeway", "Common", "Cottages",
    "Market", "Passage", "Path", "Ridge",
)
# Abbreviated types may carry a full stop ("Rd."); full words never take the sentence's.
ABBREVIATED_TYPES: tuple[str, ...] = ("Rd", "St", "Ave", "Ln")

_MONTHS = MONTH_PATTERN
# A street-name word: capitalised, may carry an apostrophe or hyphen (St Mary's,
# Ashby-de-la-Zouch). Not a month, so "12 March Court" (a date) is not an address.
# Nor a title: "On 16 February 2023 Mr Green said" holds no address (Green is a street type).
# Nor the first word of a court ("3 Magistrates Court hearings" is a count).
_COURT = r"(?:Magistrates['’]?|Crown|County|Family|Youth|Coroners['’]?|Combined)[ \t]+Court\b"
_WORD = (
    r"(?!" + _MONTHS + r"\b|" + alternation(TITLES) + r"\b|" + _COURT + r")[A-Z][a-z]+(?:['’][a-z]+|-[A-Za-z]+)*"
)
_TYPE = (
    r"(?:" + "|".join(sorted(STREET_TYPES, key=len, reverse=True))
    + r"|(?:" + "|".join(ABBREVIATED_TYPES) + r")\.?)"
)
# House number: 12, 12a, 12-14.
_NUMBER = r"[0-9]{1,4}[A-Za-z]?(?:[-–][0-9]{1,4}[A-Za-z]?)?,?"
# A flat or unit, then a house number or straight the street: "Flat 3, 12 Elm Grove",
# "Flat 57, Taylor Road"; or a house number alone: "12 Elm Grove".
_FLAT = r"(?:Flat|Apartment|Apt\.?|Unit|Room|Studio)[ \t]+[0-9]{1,4}[A-Za-z]?,?"
_START = r"(?:" + _FLAT + r"[ \t]+(?:" + _NUMBER + r"[ \t]+)?|" + _NUMBER + r"[ \t]+)"
# ", Town" is taken only when the address clearly ends there (punctuation, line end or a
# postcode), so ", Tom visited" after a street is not swallowed as a town.
# Welsh street words come before the name: "14 Heol y Nant", "2 Ffordd yr Orsaf", "47
# Rhodfa'r Môr", "3 Clos Llyswen". The name may hold the article (y, yr, 'r) and Welsh
# letters (â, ô, ŵ, ŷ).
WELSH_STREET_TYPES: tuple[str, ...] = (
    "Heol", "Hewl", "Lon", "Lôn", "Ffordd", "Stryd", "Rhodfa", "Cilgant", "Maes", "Clos", "Bryn",
    "Cwrt", "Llwyn", "Rhes", "Teras", "Parc", "Cae", "Gerddi", "Sgwâr", "Sgwar", "Allt", "Ffos",
)
_WELSH_WORD = r"[A-ZÂÊÎÔÛŴŶ][a-zâêîôûŵŷ]+(?:-[A-Za-zâêîôûŵŷ]+)*"
_WELSH_ARTICLE = r"(?:y|yr|'r|’r|a|ar|o)"
_WELSH_STREET = (
    r"(?:" + "|".join(sorted(WELSH_STREET_TYPES, key=len, reverse=True)) + r")(?:['’]r)?"
    r"(?:[ \t]+" + _WELSH_ARTICLE + r")?[ \t]+" + _WELSH_WORD
    + r"(?:[ \t]+(?:" + _WELSH_ARTICLE + r"[ \t]+)?" + _WELSH_WORD + r"){0,2}"
)
# A building after a flat: "Flat 12, Beacon House", "Apartment 4, Mill Lodge".
BUILDING_TYPES: tuple[str, ...] = (
    "House", "Lodge", "Tower", "Towers", "Mansions", "Buildings", "Building", "Point", "Apartments",
    "Block", "Chambers", "Cottages", "Works", "Mill",
)
_BUILDING = r"(?:" + "|".join(sorted(BUILDING_TYPES, key=len, reverse=True)) + r")"
# A street named with "The" and no type ("4 The Paddocks", "9 The Maltings") straight after
# "at", "to", "into" or "address", where a count would not stand.
_THE_STREET = r"The[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?"
_ADDRESS_CUE = r"(?<=(?i:\b(?:at|to|into|from|address|address[ \t]+(?:is|was|as)))[ \t]+)"
_TOWN = r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2}(?=[ \t]*(?:[.;:)\n]|$|,?[ \t]*" + POSTCODE + r")))"
_POSTCODE_TAIL = r"(?:,?[ \t]+" + POSTCODE + r"(?![\w/]))"


class AddressRecognizer(SfoPatternRecognizer):
    """Recognise street addresses: [Flat N,] number + 1-3 capitalised words + street type.

    Named houses without a number are out of scope. Counts ("12 months", "3 sessions"),
    sections ("Section 2") and dates do not have a capitalised street name and type.
    """

    ENTITY = "UK_ADDRESS"
    FLAGS = 0
    PATTERNS = [
        Pattern(
            "street address",
            # Not the year of a date ("5 May 2023 Park Lane ..." is a date, then a place).
            r"(?<![\w/.,-])(?<!\b" + _MONTHS + r"\.?,?[ \t]{1,3})" + _START + r"(?:" + _WORD + r"[ \t]+){1,3}"
            + _TYPE + r"(?![\w])" + _TOWN + r"?" + _POSTCODE_TAIL + r"?",
            0.6,
        ),
        Pattern(
            "Welsh street address",
            r"(?<![\w/.,-])(?<!\b" + _MONTHS + r"\.?,?[ \t]{1,3})" + _START + _WELSH_STREET
            + r"(?![\w'’])" + _TOWN + r"?" + _POSTCODE_TAIL + r"?",
            0.6,
        ),
        Pattern(
            "flat in a named building",
            r"(?<![\w/.,-])" + _FLAT + r"[ \t]+(?:" + _WORD + r"[ \t]+){1,3}" + _BUILDING + r"(?![\w])"
            + _TOWN + r"?" + _POSTCODE_TAIL + r"?",
            0.6,
        ),
        Pattern(
            "number + The street",
            _ADDRESS_CUE + _NUMBER + r"[ \t]+" + _THE_STREET + r"(?![\w])" + _TOWN + r"?" + _POSTCODE_TAIL + r"?",
            0.6,
        ),
    ]
    CONTEXT = ["address", "lives", "living", "resides", "residing", "property", "flat", "home"]
