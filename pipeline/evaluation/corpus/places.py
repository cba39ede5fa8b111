"""Places for generated reviews: towns with their postcode areas, streets, and prisons.

Towns, regions, police forces and prisons are real public places of England and Wales;
house numbers, streets and postcodes are combined at random and so are invented.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    """A generated case's town and the details that go with it."""

    name: str
    postcode_area: str
    region: str
    police: str
    dialling: str  # an Ofcom drama-range prefix for the area: "0113 496 0"


TOWNS = (
    Town("Leeds", "LS", "Yorkshire and the Humber", "West Yorkshire Police", "0113 496 0"),
    Town("Bradford", "BD", "Yorkshire and the Humber", "West Yorkshire Police", "0113 496 0"),
    Town("Sheffield", "S", "Yorkshire and the Humber", "South Yorkshire Police", "0114 496 0"),
    Town("Hull", "HU", "Yorkshire and the Humber", "Humberside Police", "01632 960"),
    Town("Manchester", "M", "Greater Manchester", "Greater Manchester Police", "0161 496 0"),
    Town("Salford", "M", "Greater Manchester", "Greater Manchester Police", "0161 496 0"),
    Town("Liverpool", "L", "North West", "Merseyside Police", "0151 496 0"),
    Town("Preston", "PR", "North West", "Lancashire Constabulary", "01632 960"),
    Town("Newcastle upon Tyne", "NE", "North East", "Northumbria Police", "0191 498 0"),
    Town("Sunderland", "SR", "North East", "Northumbria Police", "0191 498 0"),
    Town("Birmingham", "B", "West Midlands", "West Midlands Police", "0121 496 0"),
    Town("Coventry", "CV", "West Midlands", "West Midlands Police", "01632 960"),
    Town("Nottingham", "NG", "East Midlands", "Nottinghamshire Police", "0115 496 0"),
    Town("Leicester", "LE", "East Midlands", "Leicestershire Police", "0116 496 0"),
    Town("Bristol", "BS", "South West", "Avon and Somerset Police", "0117 496 0"),
    Town("Plymouth", "PL", "South West", "Devon and Cornwall Police", "01632 960"),
    Town("Reading", "RG", "South Central", "Thames Valley Police", "0118 496 0"),
    Town("Southampton", "SO", "South Central", "Hampshire and Isle of Wight Constabulary", "01632 960"),
    Town("Norwich", "NR", "East of England", "Norfolk Constabulary", "01632 960"),
    Town("Luton", "LU", "East of England", "Bedfordshire Police", "01632 960"),
    Town("Croydon", "CR", "London", "Metropolitan Police", "020 7946 0"),
    Town("Lewisham", "SE", "London", "Metropolitan Police", "020 7946 0"),
    Town("Brighton", "BN", "Kent, Surrey and Sussex", "Sussex Police", "01632 960"),
    Town("Maidstone", "ME", "Kent, Surrey and Sussex", "Kent Police", "01632 960"),
    Town("Cardiff", "CF", "Wales", "South Wales Police", "029 2018 0"),
    Town("Swansea", "SA", "Wales", "South Wales Police", "01632 960"),
    Town("Wrexham", "LL", "Wales", "North Wales Police", "01632 960"),
)

STREETS = (
    "Elm Grove", "Victoria Road", "Church Lane", "Station Road", "Park Avenue", "Mill Street",
    "Queen's Drive", "Windsor Terrace", "Orchard Close", "Beech Crescent", "Albert Street",
    "Chapel Walk", "Hawthorn Way", "Canal Side", "Meadow View", "St John's Road", "Priory Court",
    "Ashfield Gardens", "Railway Cottages", "Highfield Rise", "Woodland Drive", "Market Place",
    "Sycamore Close", "Brook Street", "Lime Tree Avenue", "Hollins Lane", "Nelson Street",
)  # fmt: skip

# (name as written after HMP/HMYOI, prefix). Real public institutions of England and Wales.
PRISONS = (
    ("Wandsworth", "HMP"), ("Berwyn", "HMP"), ("Feltham", "HMYOI"), ("Leeds", "HMP"),
    ("Manchester", "HMP"), ("Liverpool", "HMP"), ("Birmingham", "HMP"), ("Bristol", "HMP"),
    ("Durham", "HMP"), ("Hull", "HMP"), ("Doncaster", "HMP"), ("Nottingham", "HMP"),
    ("Pentonville", "HMP"), ("Brixton", "HMP"), ("Belmarsh", "HMP"), ("Thameside", "HMP"),
    ("Wormwood Scrubs", "HMP"), ("Cardiff", "HMP"), ("Swansea", "HMP"), ("Parc", "HMP"),
    ("Altcourse", "HMP"), ("Forest Bank", "HMP"), ("Risley", "HMP"), ("Lindholme", "HMP"),
    ("Humber", "HMP"), ("Wakefield", "HMP"), ("Frankland", "HMP"), ("Styal", "HMP"),
    ("Bronzefield", "HMP"), ("New Hall", "HMP"), ("Eastwood Park", "HMP"), ("Peterborough", "HMP"),
    ("Isis", "HMYOI"), ("Aylesbury", "HMYOI"), ("Exeter", "HMP"), ("Winchester", "HMP"),
    ("Lewes", "HMP"), ("Elmley", "HMP"), ("Chelmsford", "HMP"), ("Norwich", "HMP"),
    ("Leicester", "HMP"), ("Lincoln", "HMP"), ("Ranby", "HMP"), ("Oakwood", "HMP"),
    ("Hewell", "HMP"), ("Preston", "HMP"), ("Haverigg", "HMP"), ("Northumberland", "HMP"),
)  # fmt: skip

# Words a surname must not be, so that a kept town is never also a withheld name.
PLACE_WORDS = frozenset({t.name for t in TOWNS} | {p for p, _ in PRISONS} | {"Tyne", "Wales", "London"})
