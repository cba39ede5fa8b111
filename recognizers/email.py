"""E-mail addresses: Presidio's EmailRecognizer, skipped on text with no "@"."""

from __future__ import annotations

from presidio_analyzer.predefined_recognizers import EmailRecognizer as _PresidioEmail


class EmailRecognizer(_PresidioEmail):
    """Presidio's e-mail recognizer that skips texts without an at sign.

    Presidio's recognizer (its regex and tldextract's bundled suffix list), unchanged,
    except that a text without "@" (or its full-width form) is not searched: every address
    its regex matches has one. Its long regex was a fifth of all pattern time.
    """

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        """Presidio's analysis, skipped when the text has no at sign."""
        if "@" not in text and "\uff20" not in text:
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)
