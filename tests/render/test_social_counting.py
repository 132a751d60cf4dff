"""Post lengths: checked against the libraries (twitter-text-parser, `regex`'s \\X), never against
a second copy of our own rules, and on texts where `len()` is wrong."""

from __future__ import annotations

import re
import unicodedata

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import parse_tweet

from pipeline.render.social import counting, twitter
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


def _emoji_alternatives() -> tuple[list[str], list[tuple[int, int]]]:
    """twitter-text's emoji regex, read from its pattern: the sequences, then the class ranges."""
    from twitter_text.regexp.emoji import emoji

    def chars(escaped: str) -> list[int]:
        return [int(code, 16) for code in re.findall(r"\\U([0-9A-Fa-f]{8})", escaped)]

    head, single = emoji.pattern.rsplit("|[", 1)
    assert single.endswith("]")
    sequences = ["".join(map(chr, chars(alternative))) for alternative in head.split("|")]
    assert all(sequences) and len(sequences) > 1000
    ranges = []
    for part in re.findall(r"\\U[0-9A-Fa-f]{8}(?:-\\U[0-9A-Fa-f]{8})?", single[:-1]):
        ends = chars(part)
        ranges.append((ends[0], ends[-1]))
    assert "".join(
        f"\\U{a:08x}" + (f"-\\U{b:08x}" if b != a else "") for a, b in ranges
    ).lower() == (single[:-1].lower())
    return sequences, ranges


def test_every_emoji_twitter_text_matches_holds_a_character_that_sends_it_to_the_library():
    # Without one of these characters, weighted_length never runs the emoji regex: it must then
    # be unable to match. No emoji holds a space or a newline (the sure-URL split relies on it).
    sequences, ranges = _emoji_alternatives()
    for sequence in sequences:
        assert twitter._MAYBE_EMOJI.search(sequence) is not None, ascii(sequence)
        assert not any(c in sequence for c in " \n\r")
    for low, high in ranges:
        assert all(twitter._MAYBE_EMOJI.match(chr(c)) for c in range(low, high + 1)), hex(low)


def test_weights_are_twitter_texts_config():
    from twitter_text.config import config

    options = config["defaults"]
    assert options["scale"] == 100 and options["default_weight"] == 200
    assert options["emoji_parsing_enabled"] and options["transformed_url_length"] == 23
    assert all(r["weight"] == 100 for r in options["ranges"])
    assert tuple((r["start"], r["end"]) for r in options["ranges"]) == twitter.WEIGHT_RANGES


def test_invalid_characters_are_twitter_texts():
    from twitter_text.has_invalid_characters import has_invalid_characters as library

    for code in (*range(0x10000), *range(0x1F000, 0x1F100), 0x10FFFF):
        char = chr(code)
        assert twitter.has_invalid_characters(char) == library(char), hex(code)


SURE = [
    "https://vcdnp.org/",
    "https://vcdnp.org",
    "http://www.vcdnp.org/a-b/c_d/",
    "https://sub-1.example.co.uk/2021/01/x.html/",
    "https://vcdnp.github.io/pipeline/will-biden-build/",
    "https://EXAMPLE.com/Path/To/Page-1",
    "https://a.b.c.d.de/~user/x.y_z",
    "https://" + "a" * 63 + ".org/x",
]


@pytest.mark.parametrize("tld", twitter.SURE_TLDS)
def test_each_sure_top_level_domain_is_twitter_texts(tld):
    from twitter_text import extract_urls_with_indices as library

    url = f"https://vcdnp-example.{tld}/a-b/"
    assert twitter.is_sure_url(url)
    assert library(f"See {url}\n#tag") == [{"url": url, "indices": [4, 4 + len(url)]}]


@pytest.mark.parametrize("url", SURE)
@pytest.mark.parametrize(
    "before", ["", "Read ", "日本語 ", "👍🏽\n\n", "e\u0301 ", "a.b.c ", "@x\n"]
)
@pytest.mark.parametrize(
    "after", ["", "\n#NorthKorea @VCDNP", " 👩🏾‍🔬", " \u0301x", "\n\r\nz", " example.com"]
)
def test_a_sure_url_is_counted_apart_as_twitter_text_counts_the_whole(url, before, after):
    from twitter_text import extract_urls_with_indices as library

    text = before + url + after
    assert twitter.is_sure_url(url)
    assert {"url": url, "indices": [len(before), len(before) + len(url)]} in library(text)
    assert twitter.split_at_sure_urls(text) == ([before, after], 1)
    assert counting.x_length(text) == parse_tweet(text).weightedLength
    assert counting.mastodon_length(text) == mastodon_with_library(text)


NOT_SURE = [
    "https://t.co/abc",  # the library cuts t.co links after the slug
    "https://vcdnp.org/a?b=c",  # a query
    "https://vcdnp.org/a.",  # a path may not end with "."
    "https://vcdnp.org:8080/",  # a port
    "https://localhost/",  # no top-level domain
    "https://vcdnp.example/",  # not in SURE_TLDS
    "https://vcdnp.org/(a)",
    "https://-a.org/",
    "https://a-.org/",
    "HTTPS://vcdnp.org/",
    "https://" + "a" * 64 + ".org/x",  # a label too long for IDNA
    "https://vcdnp.org/@user/",
    "https://vcdnp.org/a#b",
    "https://пример.рф/",
]


@pytest.mark.parametrize("url", NOT_SURE)
def test_other_urls_are_left_to_twitter_text(url):
    assert not twitter.is_sure_url(url)
    text = f"Read {url}\nmore"
    assert twitter.split_at_sure_urls(text) == ([text], 0)
    assert counting.x_length(text) == parse_tweet(text).weightedLength
    assert counting.mastodon_length(text) == mastodon_with_library(text)


def test_a_url_next_to_anything_but_a_space_or_a_newline_is_not_split_off():
    for text in [
        "(https://vcdnp.org/)",
        "https://vcdnp.org/.",
        "a\thttps://vcdnp.org/",
        "x:https://vcdnp.org/",
        "https://vcdnp.org/\r\n",
    ]:
        assert twitter.split_at_sure_urls(text) == ([text], 0)
        assert counting.x_length(text) == parse_tweet(text).weightedLength


def mastodon_with_library(text: str) -> int:
    """Mastodon's count with every URL found by twitter-text itself (no shortcut of ours)."""
    from twitter_text import extract_urls_with_indices as library

    parts, last = [], 0
    for url in library(text, False):
        start, end = url["indices"]
        parts += [text[last:start], "x" * 23]
        last = end
    parts.append(text[last:])
    user = regex.compile(
        r"(?<![=/\w])@((?P<user>[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@[\w.-]+\w+)?)", regex.I
    )
    return graphemes(user.sub(lambda m: "@" + m.group("user"), "".join(parts)))


MIXED = st.lists(
    st.one_of(
        st.text(max_size=5),
        st.sampled_from(
            [
                *SURE,
                *NOT_SURE,
                " ",
                "\n",
                "\n\n",
                "\r\n",
                "日本語",
                "한국어",
                "…",
                "€",
                "👍🏽",
                "👩🏾‍🔬",
                "#\ufe0f\u20e3",
                "1\u20e3",
                "©",
                "\u2122",
                "🇦🇹",
                "\u0301",
                "\u1100\u1161",
                "example.com",
                "vcdnp.org/a-b/",
                "@aplnofficial@mastodon.social",
                "x.みんな",
                "\ufeff",
            ]
        ),
    ),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(MIXED)
def test_x_and_mastodon_lengths_agree_with_twitter_text_on_mixed_text(text):
    assert counting.x_length(text) == parse_tweet(text).weightedLength
    assert counting.mastodon_length(text) == mastodon_with_library(text)
    assert counting.fits("x", text) == (
        parse_tweet(text).weightedLength <= 280 and "\ufeff" not in text
    )


DRAFT_WITHOUT_LIBRARY = """
import sys
from pipeline.render.social.counting import NETWORKS, length
from pipeline.render.social.facets import url_facets
networks, texts = sys.argv[1].split(","), sys.argv[2:]
for network in networks:
    for text in texts:
        length(network, text)
        if network == "bluesky":
            url_facets(text, full_only=True)
print("twitter_text" in sys.modules)
"""
POST = "Headline\n\nBy A\n\nhttps://vcdnp.org/slug/\n#Tag"


@pytest.mark.parametrize(
    ("networks", "texts", "imported"),
    [
        ("x,mastodon,linkedin", [POST, "2/3 U.S. and e.g. 日本 (Ms. Kane) …"], False),
        ("bluesky", ["Headline\n\nvcdnp.org/slug-is-shown…\n#Tag"], False),  # the shown link
        ("x", [POST, "2/3 👍🏽"], True),  # an emoji: the library counts it
        ("x", ["Register: https://forms.example/x\n\n" + POST], True),
        ("mastodon", ["See example.com for more"], False),  # Mastodon: only http(s)://
        ("x", ["See example.com for more"], True),
    ],
)
def test_twitter_text_is_imported_only_for_a_url_the_composer_did_not_place(
    networks, texts, imported
):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", DRAFT_WITHOUT_LIBRARY, networks, *texts],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert done.stdout.strip() == str(imported)


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
