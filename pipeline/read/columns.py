"""Recognising the table column whose content is never shared ("not for disclosure")."""

from __future__ import annotations

import re

# Headings vary between reviews: "Not for disclosure", "Information not for disclosure",
# "NOT FOR DISCLOSURE (removed before sharing)", "Not-for-disclosure", "Not to be disclosed".
_NFD = re.compile(
    r"\bnot[\s\-_]*(?:for|to[\s\-_]*be)[\s\-_]*disclos(?:ure|ed)\b|\bnon[\s\-_]*disclos(?:ure|able)\b",
    re.IGNORECASE,
)


def is_not_for_disclosure(heading: str) -> bool:
    """True when a table heading names the column that is removed whole before sharing."""
    return bool(_NFD.search(" ".join(heading.split())))
