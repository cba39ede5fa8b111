"""Social media user names next to a platform word: 'on Snapchat as jaybird_99',
'his Instagram (@tiny.b)', 'TikTok user name kaz_x'.

A handle is one token of letters, digits, dots and underscores, with or without "@". Plain
lower-case words are not handles ("on Snapchat as well"): the token must hold a digit, an
underscore or a dot inside it, or start with "@", or be quoted.
"""

from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern

from pipeline.vocabulary import PLATFORMS, alternation
from recognizers.base import SfoPatternRecognizer

_PLATFORM = (
    r"(?P<cue>(?i:" + alternation(PLATFORMS).replace("\\ ", r"[ \t]") + r"|x\.com|"
    r"gamertag|user[ \t]?name|username|handle|screen[ \t]name|profile[ \t]name|account[ \t]name))"
)
# Words that may sit between the platform and the handle.
_BRIDGE = (
    r"(?:[ \t]*+(?:[:,(\-–]|account|profile|page|user[ \t]?name|username|handle|name|id|"
    r"called|named|under|as|of|was|is|being|the|with)(?![\w])){0,4}+[ \t]*+"
)
_HANDLE_CORE = r"[A-Za-z0-9][A-Za-z0-9._]{1,28}[A-Za-z0-9_]"
_HANDLE = (
    r"(?P<entity>@[A-Za-z0-9._]{2,30}[A-Za-z0-9_]"
    r"|(?![0-9]+(?![A-Za-z0-9._]))(?=[A-Za-z0-9._]*(?:[0-9]|[._][A-Za-z0-9]))" + _HANDLE_CORE + r")"
)
_QUOTED = r"[\"“‘'](?P<entity>[A-Za-z0-9._@]{3,30})[\"”’']"


class SocialHandleRecognizer(SfoPatternRecognizer):
    """Recognise a user name given beside a platform word; the span is the handle."""

    ENTITY = "SOCIAL_HANDLE"
    FLAGS = 0
    CONTEXT: list[str] = []
    REQUIRES = r"snap|insta|tik|facebook|fb|twitter|x\.com|threads|whatsapp|telegram|discord|youtube|twitch|xbox|playstation|psn|kik|reddit|onlyfans|grindr|tinder|hinge|bumble|fish|messenger|gamertag|name|handle"
    PATTERNS = [
        Pattern("handle after platform word", r"(?<![\w])" + _PLATFORM + r"(?![\w])" + _BRIDGE + _HANDLE + r"(?![\w@])", 0.75),
        Pattern("quoted handle after platform word", r"(?<![\w])" + _PLATFORM + r"(?![\w])" + _BRIDGE + _QUOTED, 0.75),
    ]

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "platform cue: user name on a social media or messaging service"
