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
    r"user|called|named|under|as|of|was|is|being|the|with)(?![\w])){0,4}+[ \t]*+"
)
# A plain word is a handle only when the sentence names it as one: "a TikTok account called
# smokeyj", "his Snapchat handle was bigmanting". Words that describe an account are not.
_NAMING = (
    r"(?:[ \t]+(?:by|from|with|a|an|the|his|her|their)){0,2}(?:[ \t]+(?:account|profile|page|user))?[ \t]+(?:called|named|(?:handle|user[ \t]?name|username|gamertag"
    r"|name)[ \t]*+(?::|was|is|being))[ \t]*+"
)
_NOT_A_HANDLE = (
    r"(?!(?:the|a|an|his|her|their|its|it|also|still|not|never|now|then|deleted|changed|blocked|removed"
    r"|unknown|private|public|hidden|reported|shared|visible|active|suspended|different|similar|used|given"
    r"|found|same|new|fake|false|real|out|up|off|on|in|by|after|because|and|or|but|well|taken|closed|set"
    r"|created|made|traced|linked|seized|checked|viewed|monitored|known|listed|recorded|unclear)(?![\w]|\.[A-Za-z0-9]))"
)
_PLAIN = r"(?P<entity>" + _NOT_A_HANDLE + r"[a-z][a-z0-9]{2,29})(?![\w@]|\.[A-Za-z0-9])"
# The platform may stand apart from the handle, before or after it in the sentence: "from
# the account jaybird_99 on Instagram", "she blocked the account lil_shadz; it was on
# Instagram". Only the strict shape (a digit, "_" or "." inside) is taken this way.
_ACCOUNT_FIRST = r"(?i:account|profile|user[ \t]?name|username|handle|user)[ \t]+"
_ANY_PLATFORM = r"(?<![\w])" + _PLATFORM.replace("(?P<cue>", "(?:") + r"(?![\w])"
_PLATFORM_IN_SENTENCE_AFTER = r"(?=[^.!?\n]{0,80}?" + _ANY_PLATFORM + r")"
# A handle straight before "on"/"via" + platform needs no account word: "messaged her as
# kaz_x2 on Snapchat"; a plain word only after "as": "added him as tinyb on Snapchat".
_ON_PLATFORM = r"(?=[ \t]+(?i:on|via|through)[ \t]+" + _ANY_PLATFORM + r")"
# "@" + a name is a handle wherever it stands (not the "@" of an e-mail address, with a word
# character before it, nor "@ 10am").
_AT_HANDLE = r"(?<![\w.@])(?P<entity>@[A-Za-z_][A-Za-z0-9._]{1,29}(?<![.]))(?![\w@]|\.[A-Za-z0-9])"
# An agency's own account ("@NorthWalesPolice", "@HMPPS") is the agency, which stays.
_AGENCY_ACCOUNT = re.compile(r"police|probation|council|nhs|hmpps|gov|court|prison|constabulary", re.IGNORECASE)
_PLATFORM_IN_SENTENCE_BEFORE = r"(?<=" + _ANY_PLATFORM + r"[^.!?\n]{0,80}?)"
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
    # Every platform word (one list, vocabulary.PLATFORMS), the other cues, and "@".
    REQUIRES = "@|x\\.com|gamertag|name|handle|" + "|".join(
        re.escape(p.split()[0].lower()) for p in sorted(PLATFORMS, key=len, reverse=True)
    )
    PATTERNS = [
        Pattern("handle after platform word", r"(?<![\w])" + _PLATFORM + r"(?![\w])" + _BRIDGE + _HANDLE + r"(?![\w@])", 0.75),
        Pattern("quoted handle after platform word", r"(?<![\w])" + _PLATFORM + r"(?![\w])" + _BRIDGE + _QUOTED, 0.75),
        Pattern("plain word named as a handle", r"(?<![\w])" + _PLATFORM + r"(?![\w])" + _NAMING + _PLAIN, 0.75),
        Pattern("handle before on + platform", r"(?<![\w@.])" + _HANDLE + r"(?![\w@])" + _ON_PLATFORM, 0.75),
        Pattern("plain word after 'as', before on + platform", r"(?<=(?<![\w])as[ \t]+)" + _PLAIN + _ON_PLATFORM, 0.75),
        Pattern("@handle", _AT_HANDLE, 0.6),
        Pattern(
            "account + handle, platform later in the sentence",
            r"(?<![\w])" + _ACCOUNT_FIRST + _HANDLE + r"(?![\w@])" + _PLATFORM_IN_SENTENCE_AFTER,
            0.75,
        ),
        Pattern(
            "account + handle, platform earlier in the sentence",
            # The cheap look-ahead first, so the long look-behind runs only where a cue starts.
            r"(?<![\w])(?=" + _ACCOUNT_FIRST + r")" + _PLATFORM_IN_SENTENCE_BEFORE + _ACCOUNT_FIRST + _HANDLE + r"(?![\w@])",
            0.75,
        ),
    ]

    def invalidate_result(self, pattern_text: str) -> bool:
        """An agency's account names the agency, which stays."""
        return _AGENCY_ACCOUNT.search(pattern_text) is not None

    def describe(self, match: re.Match, pattern: Pattern) -> str | None:
        """The reason added to the explanation, from a fixed vocabulary (never document text)."""
        return "platform cue: user name on a social media or messaging service"
