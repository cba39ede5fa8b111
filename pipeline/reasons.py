"""The legal reason and the arguments for and against each category, and the category of
hidden content: the text a redaction-log row carries (DPA 2018 Part 3; guidance 3.4.4, 7.2).

Part of the kernel: it imports only pipeline.model, so redaction_logs/ may read it.
"""

from __future__ import annotations

from pipeline.model import Category, HiddenKind

REASONS: dict[Category, str] = {
    Category.NAME: (
        "Personal data (DPA 2018 Part 3, s.35(2) and s.37): the person's identity is not necessary "
        "to understand the review; anonymised with a consistent label (operational guidance 3.4.4, 7.2)."
    ),
    Category.IDENTIFIER: (
        "Personal identifier (DPA 2018 Part 3, s.37): not relevant to the review's findings and "
        "excessive for disclosure."
    ),
    Category.CONTACT: "Contact details (DPA 2018 Part 3, s.37): not relevant to the review's findings.",
    Category.ADDRESS: (
        "Address (DPA 2018 Part 3, s.37): could locate a person; not necessary and proportionate to share."
    ),
    Category.DATE_OF_BIRTH: "Date of birth (DPA 2018 Part 3, s.37): identifying and not needed to understand the review.",
    Category.MEDICAL: (
        "Health data, a sensitive category (DPA 2018 s.35(8)); disclosure is not necessary and "
        "proportionate under s.35(5) and Schedule 8 (operational guidance 7.2)."
    ),
    Category.STAFF_CIRCUMSTANCES: (
        "Personal circumstances of a member of staff (health, bereavement, leave and its reason, family "
        "events, protected characteristics): not necessary to understand the review; where sensitive "
        "(DPA 2018 s.35(8)) not proportionate under s.35(5) (operational guidance 3.4.4, 7.2)."
    ),
    Category.PRISON: (
        "Prisons are referred to generically unless there is a specific reason to name one "
        "(operational guidance 7.2)."
    ),
    Category.HIDDEN: (
        "Not part of the finished review (comments, deleted tracked changes, document properties); "
        "removed before sharing (operational guidance 7.2)."
    ),
    Category.REMOVED_COLUMN: (
        "Recorded by the reviewing manager as not for disclosure; the column is removed in its "
        "entirety (operational guidance 3.4.4, 7.2)."
    ),
    Category.REIDENTIFICATION: (
        "Together with other details left in the review, this detail could let a reasonably competent "
        "person identify someone (the ICO's motivated-intruder test; DPA 2018 Part 3, s.37): generalised or "
        "removed by the senior manager's decision on the Re-identification sheet."
    ),
    Category.GENDERED_STAFF: (
        "A member of staff could be identified through their gender (e.g. the only male PP in the "
        "team): gender-neutral language is used, the pronoun or title becoming the staff label "
        "(operational guidance 3.4.4)."
    ),
}

# Default arguments for and against disclosure, for a person to edit (Annex I).
ARGUMENTS: dict[Category, tuple[str, str]] = {
    Category.NAME: (
        "Transparency: the family may wish to know who was involved.",
        "Privacy of the individual; the role label keeps the account understandable.",
    ),
    Category.IDENTIFIER: ("None identified.", "Identifier adds nothing to understanding the review."),
    Category.CONTACT: ("None identified.", "Could enable contact; adds nothing to understanding."),
    Category.ADDRESS: ("Location may be relevant to risk findings.", "Could locate a person; town-level detail is kept."),
    Category.DATE_OF_BIRTH: ("Age may be relevant.", "Identifying; age can be given without it."),
    Category.MEDICAL: (
        "May explain risk decisions discussed in the review.",
        "Sensitive health data of a person who has not consented.",
    ),
    Category.STAFF_CIRCUMSTANCES: (
        "None identified: professional practice, not private life, is what the review examines.",
        "Private life of a member of staff; professional failings stay in the review.",
    ),
    Category.PRISON: ("Naming the prison may matter if practice there is a finding.", "Not needed to understand the review."),
    Category.HIDDEN: ("None: not part of the review.", "Drafting material, not the review's content."),
    Category.REMOVED_COLUMN: ("None: the reviewing manager marked it not for disclosure.", "Marked not for disclosure."),
    Category.REIDENTIFICATION: (
        "The detail may help the family understand the circumstances of the review.",
        "Combined with the other details left, it could single the person out.",
    ),
    Category.GENDERED_STAFF: (
        "The team is large enough that gender does not identify the member of staff.",
        "Gender could identify the member of staff; the label reads as well as the pronoun.",
    ),
}

# Categories whose rows rewrite words instead of removing personal data: the original
# ("she", "Ms") recurs in every review about other people, so it is never looked for in an
# output, and its label ("PP1's") is not a label of the cover sheet.
REWRITES: frozenset[Category] = frozenset({Category.GENDERED_STAFF})

HIDDEN_CATEGORY: dict[HiddenKind, Category] = {
    HiddenKind.NOT_FOR_DISCLOSURE: Category.REMOVED_COLUMN,
}


def hidden_category(kind: HiddenKind) -> Category:
    """The log category of a piece of hidden content (comment, removed column...)."""
    return HIDDEN_CATEGORY.get(kind, Category.HIDDEN)
