"""Post lengths: checked against the libraries (twitter-text-parser, `regex`'s \\X), never against
a second copy of our own rules, and on texts where `len()` is wrong."""

from __future__ import annotations

import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from pipeline.render.social import counting
from pipeline.render.social.facets import byte_range, display_link

URL_200 = "https://vcdnp.org/" + "a-very-long-path/" * 10 + "x" * 12
assert len(URL_200) == 200


def graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


@pytest.mark.parametrize(
    ("text", "x_expected", "graphemes_expected"),
    [
        ("日本語のテキスト", 16, 8),  # CJK counts 2 on X; len() says 8
        ("👍🏽", 2, 1),  # emoji with a skin tone: two code points, one emoji
        ("👩🏾‍🔬 at work", 10, 9),  # ZWJ sequence: four code points, one emoji, counts 2
        ("Cafe\u0301 re\u0301sume\u0301", 11, 11),  # combining accents: NFC makes 11 characters
        (f"Read {URL_200}", 28, 205),  # any URL counts 23 on X, however long
        ("🇦🇹 Austria", 10, 9),  # a flag: two regional indicators, one emoji
    ],
)
def test_lengths_where_len_is_wrong(text, x_expected, graphemes_expected):
    assert counting.x_length(text) == parse_tweet(text).weightedLength == x_expected
    assert counting.bluesky_length(text) == graphemes(text) == graphemes_expected
    assert len(text) != x_expected or len(text) != graphemes_expected


def test_a_200_character_url_fits_x_and_mastodon_but_not_as_characters():
    text = "word " * 50 + URL_200
    assert len(text) > 280
    assert counting.x_length(text) == parse_tweet(text).weightedLength == 250 + 23
    assert counting.fits("x", text)
    assert counting.mastodon_length(text) == 250 + 23
    assert not counting.fits("bluesky", text)  # Bluesky counts the URL as written


def test_mastodon_counts_remote_mentions_as_local_and_urls_as_23():
    assert counting.mastodon_length("Hi @aplnofficial@mastodon.social") == len("Hi @aplnofficial")
    assert counting.mastodon_length("See https://example.org/" + "p" * 100) == 4 + 23
    assert counting.mastodon_length("👍🏽") == 1


def test_linkedin_counts_utf16_units_never_less_than_graphemes():
    text = "👍🏽 日本"
    assert counting.linkedin_length(text) == len(text.encode("utf-16-le")) // 2 == 7
    assert counting.linkedin_length(text) >= graphemes(text)


def test_x_refuses_characters_twitter_refuses():
    assert not counting.fits("x", "a\ufeffb")
    assert counting.fits("x", "ab")


# The fast path of x_length covers most Latin text: it must agree with parse_tweet exactly.
LIGHT = st.sampled_from([*"abc XYZ.,:;!?'\"-/@#_\n0123456789éàüß—–“”’…·€©®", "  "])
WORDISH = st.lists(
    st.one_of(LIGHT, st.sampled_from(["example.com", "https://vcdnp.org/a-b/", "U.S.", "e.g."])),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(WORDISH)
def test_x_length_agrees_with_parse_tweet_on_latin_text(text):
    assert counting.x_length(text) == parse_tweet(text).weightedLength


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_x_length_agrees_with_parse_tweet_on_any_text(text):
    assert counting.x_length(text) == parse_tweet(text).weightedLength


def test_the_fast_path_characters_start_no_emoji():
    # If twitter-text's emoji pattern ever matched inside the fast-path set, x_length would be wrong.
    from twitter_text.regexp.emoji import emoji

    light = [chr(c) for c in range(0x1100) if chr(c) not in "\r©®"]
    light += [
        chr(c) for c in (*range(0x2000, 0x200E), *range(0x2010, 0x2020), *range(0x2032, 0x2038))
    ]
    sample = "".join(light)
    assert emoji.search(sample) is None
    assert all(counting._NOT_LIGHT.search(c) is None for c in light)


@pytest.mark.parametrize("text", ["ascii only", "Café 日本 👍🏽 done", "e\u0301 x"])
def test_byte_range_is_utf8_offsets(text):
    start = text.index(" ") + 1
    end = len(text)
    index = byte_range(text, start, end)
    assert (
        text.encode("utf-8")[index["byteStart"] : index["byteEnd"]].decode("utf-8")
        == text[start:end]
    )


def test_display_link_is_short_and_cut_after_a_separator():
    shown = display_link(
        "https://vcdnp.org/will-biden-build-back-better-relations-with-north-korea/"
    )
    assert shown == "vcdnp.org/will-biden-build-back…"
    assert display_link("https://vcdnp.org/") == "vcdnp.org"
    assert display_link("https://vcdnp.org/a-b/") == "vcdnp.org/a-b/"
    assert len(display_link(URL_200)) < 45


def test_nfc_is_what_x_counts():
    decomposed = unicodedata.normalize("NFD", "é" * 10)
    assert len(decomposed) == 20
    assert counting.x_length(decomposed) == parse_tweet(decomposed).weightedLength == 10


URLISH = st.lists(
    st.one_of(
        st.text(max_size=6),
        st.sampled_from(
            [
                "example.com",
                "https://vcdnp.org/a-b/",
                "U.S.",
                "e.g.",
                "http://localhost/",
                "http://127.0.0.1/",
                "a.xn--p1ai",
                "пример.рф",
                "t.co/abc",
                "x.みんな",
                ". Org",
                "ftp://a.b",
                "www.",
                "vcdnp.org…",
            ]
        ),
    ),
    max_size=20,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(URLISH, st.booleans())
def test_the_url_precheck_agrees_with_twitter_text(text, without_protocol):
    from twitter_text import extract_urls_with_indices as library

    from pipeline.render.social.twitter import extract_urls_with_indices

    assert extract_urls_with_indices(text, without_protocol) == library(text, without_protocol)


SIMPLE_AND_NOT = st.text(
    alphabet=st.one_of(
        st.characters(max_codepoint=0x2FF),
        st.characters(min_codepoint=0x2010, max_codepoint=0x205E),
        st.sampled_from(["\r", "\n", "\u0301", "\u200d", "\ufe0f", "🇦", "👍", "\u1100", "\u1161"]),
    ),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(SIMPLE_AND_NOT)
def test_graphemes_agree_with_regex_grapheme_clusters(text):
    assert counting.graphemes(text) == graphemes(text)
