"""SFO reference: the case number HMPPS gives each Serious Further Offence notification."""

from __future__ import annotations

from presidio_analyzer import Pattern

from recognizers.base import SfoPatternRecognizer


class SfoReferenceRecognizer(SfoPatternRecognizer):
    """Recognise SFO references: SFO + five digits, also inside protocol file names.

    The file protocol glues the reference to the surname and document type
    (SFO60001bloggsJOutcome): only the SFO60001 part is reported.
    """

    ENTITY = "SFO_REFERENCE"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # Letters may follow (file protocol) but not a sixth digit.
        Pattern("SFO reference (SFO + 5 digits)", r"(?<![A-Za-z0-9])SFO[ -]?[0-9]{5}(?![0-9])", 0.7),
    ]
    CONTEXT = ["sfo", "reference", "case", "notification"]
