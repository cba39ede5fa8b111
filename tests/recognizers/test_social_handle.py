"""SOCIAL_HANDLE: user names next to a platform word."""

from __future__ import annotations

import pytest

from recognizers.social_handle import SocialHandleRecognizer
from tests.recognizers.spans import assert_table_row


@pytest.fixture(scope="module")
def recognizer():
    return SocialHandleRecognizer()


@pytest.mark.parametrize(
    "text, expected_len, expected_positions",
    [
        ("He messaged her on Snapchat as jaybird_99 most nights.", 1, [(31, 41)]),
        ("His Instagram account (@tiny.b) was public.", 1, [(23, 30)]),
        ("TikTok user name kaz_x2.", 1, [(17, 23)]),
        ('She knew him on Snapchat as "tiny".', 1, [(29, 33)]),
        ("user name: ghost.rider", 1, [(11, 22)]),
        # near misses: ordinary words after a platform, years, an agency, a town, a role
        ("She was on Snapchat as well.", 0, []),
        ("He used Facebook daily.", 0, []),
        ("He joined Facebook 2019 or so.", 0, []),
        ("The PP checked Facebook with the Police.", 0, []),
        ("Community Mental Health Team in Neath", 0, []),
        # a plain word the sentence names as a handle
        ("threats from a TikTok account called smokeyj.", 1, [(37, 44)]),
        ("His Snapchat handle was bigmanting.", 1, [(24, 34)]),
        ("the Instagram user kxng.ty posted it", 1, [(19, 26)]),
        ("On TikTok his user name is cheekychops.", 1, [(27, 38)]),
        ("He was added on Snapchat by a user called drillboy.", 1, [(42, 50)]),
        ("His Snapchat name was unknown.", 0, []),
        # "@" + name anywhere; a handle right before "on" + platform
        ("He messaged her as @lil.kayz from a new phone.", 1, [(19, 28)]),
        ("e-mail j.bloggs@example.co.uk", 0, []),
        ("meet @ 10am at the PDU", 0, []),
        ("as posted by @NorthWalesPolice.", 0, []),
        ("The team's Twitter account @HMPPS was not involved.", 0, []),
        ("messaged her as kaz_x2 on Snapchat", 1, [(16, 22)]),
        ("added him as tinyb on Snapchat.", 1, [(13, 18)]),
        ("as well on Snapchat", 0, []),
        ("He used Signal, account k.z_99, to message.", 1, [(24, 30)]),
        ("His Snapchat name was changed in May.", 0, []),
        ("Her Facebook account called the Police.", 0, []),
        ("His Instagram handle was deleted by Thames Valley Police.", 0, []),
        # the platform apart from the handle, in the same sentence
        ("He messaged her from the account jaybird_99 on Instagram.", 1, [(33, 43)]),
        ("She blocked the account lil_shadz; it was on Instagram.", 1, [(24, 33)]),
        ("The PP checked the account X123456 on nDelius.", 0, []),
        ("His bank account 12345678 was frozen. He used Instagram.", 0, []),
    ],
)
def test_table(recognizer, text, expected_len, expected_positions):
    assert_table_row(recognizer, text, expected_len, expected_positions)
