"""The refused-character check against its definition by Unicode category."""

from __future__ import annotations

import functools
import sys
import unicodedata

import pytest

from pipeline.textcheck import bad_character


@functools.cache
def _by_definition() -> tuple[str, str]:
    """Every code point refused by its Unicode category (or as an XML noncharacter), and all
    the others as one string."""
    refused, accepted = [], []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        bad = unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or (
            0xFDD0 <= code <= 0xFDEF or code in {0xFFFE, 0xFFFF}
        )
        (refused if bad else accepted).append(char)
    return "".join(refused), "".join(accepted)


@pytest.mark.parametrize("allow", ["", "\t\n\r", "\t\r"])
def test_every_code_point_is_judged_by_its_category(allow):
    refused, accepted = _by_definition()
    assert len(refused) == 65 + 2048 + 2 + 34
    still_refused = [c for c in refused if c not in allow]
    assert [f"U+{ord(c):04X}" for c in still_refused if bad_character(c, allow) is None] == []
    assert bad_character(accepted + allow, allow) is None


def test_the_first_refused_character_is_named_with_its_position():
    assert bad_character("ok\tthen\x00 and \u2028") == (
        "control or non-text character U+0009 at position 3"
    )
    assert bad_character("ok\tthen\x00 and \u2028", allow="\t") == (
        "control or non-text character U+0000 at position 8"
    )
    assert bad_character("caf\u00e9 \U0001f600 \ufdd0", allow="\t") == (
        "control or non-text character U+FDD0 at position 8"
    )
    assert bad_character("plain text, é and 日本") is None
