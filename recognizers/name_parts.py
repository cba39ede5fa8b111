"""Regex pieces for personal names, shared by the titled, role and relationship recognizers.

Compiled without IGNORECASE: a name is recognised by its capitals. Cue words use
scoped `(?i:...)` groups where case does not matter.
"""

from __future__ import annotations

from pipeline.vocabulary import ACRONYMS, MONTHS

# Capitalised words that follow a cue but are not names: sentence starters, pronouns,
# months and days, and agency or process words kept for transparency (DOMAIN.md).
STOP_WORDS: tuple[str, ...] = (
    "A", "An", "And", "As", "At", "But", "By", "For", "From", "He", "Her", "His", "How",
    "I", "If", "In", "Into", "Is", "It", "Its", "Of", "On", "Or", "She", "So", "That",
    "The", "Their", "Then", "There", "These", "They", "This", "To", "Was", "We", "Were",
    "What", "When", "Where", "Which", "While", "Who", "With", "Had", "Has", "Have",
    "After", "Before", "During", "Following", "Although", "Also", "However", "Not", "No",
    *MONTHS,
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "Probation", "Police", "Prison", "Service", "Services", "Unit", "Team", "Liaison",
    "Support", "Contact", "Statement", "Personal", "Impact", "Care", "Protection",
    "Officer", "Manager", "Court", "Crown", "Magistrates", "Council", "Scheme", "Code",
    "Practitioner", "Senior", "Head", "Victim", "Witness", "Partner", "Detective",
    "Constable", "Sergeant", "Inspector", "Offender", "Community", "Reviewing",
    # Form, template and document words that follow a cue in headings and letters
    # ("[Insert Victim Name]", "Victim Summary Report", "Child Practice Review").
    "Name", "Names", "Address", "Details", "Number", "Date", "Age", "Summary", "Report",
    "Reports", "Review", "Reviews", "Practice", "Regional", "Region", "Director",
    "Directorate", "Division", "Area", "Board", "Panel", "Meeting", "Conference", "Plan",
    "Policy", "Guidance", "Framework", "Annex", "Appendix", "Section", "Sheet", "Form",
    "Template", "Letter", "Log", "Information", "Disclosure", "Assessment", "Surname",
    "Forename", "Insert", "Engagement", "Safeguarding", "Agency", "Agencies",
    # Sentences and requirements ("Community Order", "Suspended Sentence Order").
    "Order", "Orders", "Sentence", "Suspended", "Requirement", "Licence", "Programme",
    "Accredited", "Curfew", "Recall",
)

# Agency and role acronyms (pipeline/vocabulary.py): stopped only in capitals.
STOP_ACRONYMS: tuple[str, ...] = ACRONYMS

_STOP = (
    r"(?:(?i:" + "|".join(sorted(set(STOP_WORDS), key=len, reverse=True)) + r")|"
    + "|".join(sorted(set(STOP_ACRONYMS), key=len, reverse=True)) + r")"
)

# One name word: Jenkins, O'Connor, D'Souza, McDonald, MacLeod, Smith-Jones, O'CONNOR,
# DANIEL. At least two letters, so anonymised labels ("Victim A") are not names.
# The trailing lookahead stops before a possessive 's and inside no longer word.
# Months that are also first names (April, May, June, July, August) count as a name word
# only before another name word: "PP April Leland-Wall", never "PP in April" or "April 2023".
_MONTH_NAMES = ("April", "May", "June", "July", "August")
_STOP_BUT_MONTH_NAMES = (
    r"(?:(?i:" + "|".join(sorted(set(STOP_WORDS) - set(_MONTH_NAMES), key=len, reverse=True)) + r")|"
    + "|".join(sorted(set(STOP_ACRONYMS), key=len, reverse=True)) + r")"
)
_MONTH_NAME_ALONE = (
    r"(?:" + "|".join(_MONTH_NAMES) + r")(?![\w'’])(?![ \t]++(?!" + _STOP + r"(?![\w'’]))[A-Z][a-z])"
)
NAME_TOKEN = (
    r"(?!" + _STOP_BUT_MONTH_NAMES + r"(?![\w'’]))(?!" + _MONTH_NAME_ALONE + r")"
    r"(?:[A-Z]['’])?[A-Z](?:[a-z]+|[A-Z]+)(?:[A-Z][a-z]+)?(?:-[A-Z](?:[a-z]+|[A-Z]+))?"
    r"(?![\w])"
)

# An initial inside a name: "J Smith", "J. Smith" (never the last word).
_INITIAL = r"(?:[A-Z]\.?[ \t]++)"

# One to three name words separated by spaces or tabs only (never a newline, never
# punctuation, so a name does not run over a sentence end). Blank runs are possessive
# (`++`): a name word never starts with a blank, so giving blanks back cannot help.
NAME_SEQUENCE = (
    r"(?:" + _INITIAL + r"{0,2}" + NAME_TOKEN + r"(?:[ \t]++" + NAME_TOKEN + r"){0,2})"
)
