"""NHS number, the patient identifier of the NHS in England and Wales."""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, Pattern

from recognizers.base import SfoPatternRecognizer


class NhsNumberRecognizer(SfoPatternRecognizer):
    """Recognise NHS numbers: ten digits, plain or 3-3-4, with a modulus-11 check digit."""

    ENTITY = "UK_NHS"
    REQUIRES = r"\d"  # every form has digits
    PATTERNS = [
        # The same delimiter (space, hyphen or none) between all three groups.
        Pattern(
            "NHS number (3-3-4)",
            r"(?<![\w/.-])[0-9]{3}([- ]?)[0-9]{3}\1[0-9]{4}(?![\w/]|[.-][0-9])",
            0.5,
        ),
    ]
    CONTEXT = ["nhs", "national", "health", "patient"]

    def validate_result(self, pattern_text: str) -> bool:
        """Check the modulus-11 digit (NHS Data Dictionary, "NHS Number").

        The first nine digits are weighted 10 down to 2; 11 minus the remainder of the
        sum mod 11 is the check digit (11 means 0, 10 means the number is invalid).
        """
        digits = EntityRecognizer.sanitize_value(pattern_text, [("-", ""), (" ", "")])
        if len(digits) != 10 or not digits.isdigit():
            return False
        total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        return check != 10 and check == int(digits[9])
