"""Where a personal circumstance ends and the practice finding after it begins.

Guidance 7.2: a member of staff's personal matters are removed, their practice is not. A
review runs the two together ("PP1 was off sick with stress for six weeks and had reduced
capacity to oversee the team"), so a circumstance span stops at the first clause boundary:

- a conjunction opening a new clause: "and"/"but"/"so"/"yet"/"or" before a verb, an
  auxiliary, a negation or a new subject ("and had", "but did not", "and the case was");
  "off sick with stress and anxiety" goes on, a noun after "and" is still the circumstance;
- a word that always opens a consequence or a new clause: "which", "meaning", "resulting",
  "so that", "as a result", "leaving", "during which", "whereby", "who";
- the review period: "during/for/throughout/over (most of) the period under review", "the
  review period", "the period of supervision", "at the time of the assessment";
- a preposition before a practice noun: "shortly before the MAPPA meeting", "when the case
  was transferred"; or before a capitalised word: a town or a month ("in Belfast", "in May"),
  which stay;
- a comma, semicolon, full stop or line end (the patterns exclude these characters).

`rest(n)` is the tail a circumstance may have after its lead words: at most `n` characters,
never across a boundary, ending at the end of a word. Every circumstance pattern of
`staff_circumstances.py` and the reason of `sickness_absence.py` use it, so the rule lives
here only.
"""

from __future__ import annotations

# Words that open a clause after a conjunction: an auxiliary or common finite verb (the
# irregular past tenses a review uses), a negation, a determiner or pronoun starting a new
# subject, a staff label, or any word in -ed (a past-tense verb: "and missed", "but completed").
_OPENER = (
    r"(?:had|has|have|having|was|were|is|are|did|does|do|could|would|should|might|may|must|can|will|"
    r"held|kept|made|took|saw|met|went|gave|left|told|wrote|found|got|put|ran|sent|began|became|spent|brought|"
    r"knew|chose|led|read|paid|said|sought|thought|undertook|oversaw|"
    r"not|never|then|therefore|also|still|no|none|the|this|that|these|those|there|it|he|she|they|"
    r"his|her|their|its|as|so|(?-i:[A-Z]{2,}[0-9]*)|[a-z]+ed)\b"
)
# A practice noun: what the review is about, never a personal matter.
_PRACTICE = (
    r"(?:MAPPA|MARAC|OASys|SI|supervised|case|caseload|assessment|review|meeting|visit|appointment|allocation|"
    r"transfer|offence|SFO|release|licence|recall|hearing|court|sentence|referral|report|interview|"
    r"supervision|risk|plan|home[ \t]+visit|police|team|record|contact)s?\b"
)
_PERIOD = (
    r"(?:(?:most|much|all|part|some|the[ \t]+rest|the[ \t]+end|the[ \t]+start)[ \t]+of[ \t]+)?the[ \t]+"
    r"(?:(?:whole|entire|relevant)[ \t]+)?(?:period[ \t]+(?:under[ \t]+review|of[ \t]+(?:the[ \t]+)?(?:review|supervision|the[ \t]+order|the[ \t]+licence))"
    r"|review[ \t]+period|time[ \t]+of[ \t]+the[ \t]+(?:assessment|offence|SFO|review))"
)
BOUNDARY = (
    r"[ \t]+(?:"
    r"(?:and|but|so|yet|or)[ \t]+" + _OPENER
    + r"|(?:which|meaning|resulting|whereby|leaving|who|whom|consequently|subsequently)\b"
    r"|so[ \t]+that\b|as[ \t]+a[ \t]+(?:result|consequence)\b|with[ \t]+the[ \t]+(?:result|effect)\b|during[ \t]+which\b"
    r"|(?:during|for|throughout|over|in|across|at)[ \t]+" + _PERIOD
    + r"|(?:(?:shortly|just|immediately|soon|long|some[ \t]+time)[ \t]+)?(?:before|after|following|during|when|while|until|at|for|on|in)[ \t]+"
    r"(?:the|a|an|this|that|her|his|their)[ \t]+" + _PRACTICE
    # a place or a month: towns, regions and chronology dates stay ("funeral in Belfast")
    + r"|(?:in|at|to|from|near|around|outside)[ \t]+(?-i:[A-Z][a-z])"
    + r")"
)


def rest(n: int) -> str:
    """A circumstance's tail: up to `n` characters of its clause, ending at a word's end."""
    if n < 2:
        raise ValueError("a circumstance's tail needs room for at least two characters")
    return r"(?:(?:(?!" + BOUNDARY + r")[^.;,\n]){0," + str(n - 1) + r"}[\w)'’](?![\w'’-]))?"
