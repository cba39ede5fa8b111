"""What each kind of finding becomes: category, label, gist, proposed action, legal reason.

One table, so the renderers, the log and the evaluation all agree. Reasons cite the Data
Protection Act 2018 Part 3 and the SFO operational guidance (section 3.4.4 and 7.2).
"""

from __future__ import annotations

from pipeline.model import Action, Category, Role, Treatment
from pipeline.reasons import ARGUMENTS, HIDDEN_CATEGORY, REASONS, hidden_category  # noqa: F401 (re-exported)
from recognizers.registry import load_policies

# Each entity's treatment and priority are declared once, in the YAML entry of the recognizer
# that reports it (recognizers/recognizers.yaml, key `policy`); these are views of it.
_POLICIES = load_policies()
PRIORITY: dict[str, int] = {entity: t.priority for entity, t in _POLICIES.items()}
# People are labelled by role in decide; every other entity is treated as declared.
ENTITY_TREATMENT: dict[str, Treatment] = {e: t for e, t in _POLICIES.items() if e != "PERSON"}

# The legal reasons, the arguments and the category of hidden content live in the kernel
# (pipeline/reasons.py), so the redaction log reads them without importing the pipeline.


def name_gist(role: Role, staff_gist: str | None = None, relationship: str | None = None) -> str:
    """'name of probation practitioner', 'name of the victim', "name of the partner"."""
    if role is Role.SUPERVISED_INDIVIDUAL:
        return "name of the supervised individual"
    if role is Role.VICTIM:
        return "name of a victim"
    if role is Role.STAFF:
        return f"name of {staff_gist or 'a member of staff'}"
    if relationship:
        return f"name of third party ({relationship})"
    return "name of a third party"


def name_action(role: Role) -> Action:
    """The proposed action for a person's name: always Anonymise (a consistent label)."""
    return Action.ANONYMISE


# What a withheld span shows: the kind of information, never who or which. Entities other
# than names and prisons already carry their category as their label ("[CRN]", "[medical
# information]"); a person's or a prison's label ("PP1", "Prison A") is what Anonymise shows.
WITHHELD_TEXT: dict[Category, tuple[str, str]] = {  # category: (box text, cover-sheet key)
    Category.NAME: ("[name removed]", "a name removed"),
    Category.PRISON: ("[prison name removed]", "the name of a prison removed"),
    Category.REIDENTIFICATION: ("[detail removed]", "a detail that, with others, could identify someone, removed"),
}


def shown_text(category: Category, action: Action, label: str) -> str:
    """The text in the box: the category for Withhold, the person's or thing's label for Anonymise."""
    if action is Action.WITHHOLD and category in WITHHELD_TEXT:
        return WITHHELD_TEXT[category][0]
    return label
