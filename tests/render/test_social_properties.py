"""Property tests: random article texts never give an empty or over-limit post, nor a word cut."""

from __future__ import annotations

import re

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from twitter_text import extract_urls_with_indices, parse_tweet

from pipeline.render.social import build_drafts
from tests.conftest import make_article, make_site

_VOCABULARY = (
    "the biggest obstacle is time Ms. Kane argues U.S. i.e. recommended economic aid should "
    "日本語の 文章 👍🏽 👩🏾\u200d🔬 🇦🇹 Café résumé e\u0301 — “quoted” 'single' example.com "
    "Supercalifragilisticexpialidociousnessesandmore-and-more-and-more-hyphenated ? . , ! …"
)
WORDS = st.sampled_from(_VOCABULARY.split())
SENTENCE = st.lists(WORDS, min_size=1, max_size=40).map(" ".join).map(lambda s: s + ".")
PARAGRAPH = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=6).map(" ".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400),
)
SLUG_PATH = st.text(alphabet="abcdefghij-", min_size=1, max_size=180)

SITE = make_site(
    social={
        "mentions": {
            "Ms. Kane": {
                "x": "@kane",
                "bluesky": "kane.bsky.social",
                "mastodon": "@kane@example.social",
            }
        },
        "hashtags": {
            "North Korea": "#NorthKorea",
            "Nuclear Diplomacy": "#NuclearDiplomacy",
            "Time": "#Time",
        },
        "max_hashtags": 2,
        "thread_max_posts": 5,
    }
)
STRIP = " ,;:-–—(\"'“‘"


def counted(network: str, text: str) -> int:
    if network == "x":
        return parse_tweet(text).weightedLength
    if network == "bluesky":
        return len(regex.findall(r"\X", text))
    if network == "mastodon":  # URLs count 23 and @user@server counts as @user
        # A URL as Mastodon finds one (twitter-text's extractor, protocol required): not every
        # `http://…` ("http://0" has no host Mastodon links, and counts as its characters).
        urls = extract_urls_with_indices(text, extract_urls_without_protocol=False)
        for url in reversed(urls):
            start, end = url["indices"]
            text = text[:start] + "x" * 23 + text[end:]
        return len(regex.findall(r"\X", re.sub(r"(?<!\w)@(\w+)@[\w.-]+\w", r"@\1", text)))
    return len(text.encode("utf-16-le")) // 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.lists(WORDS, min_size=1, max_size=30).map(" ".join),
    paragraphs=st.lists(PARAGRAPH, min_size=1, max_size=5),
    path=SLUG_PATH,
    tags=st.lists(
        st.sampled_from(["North Korea", "Nuclear Diplomacy", "Time", "Other"]), max_size=4
    ),
)
@example(title="the", paragraphs=["the.", "http://0"], path="a", tags=[])  # not a URL to Mastodon
def test_random_articles_give_posts_within_limits(title, paragraphs, path, tags):
    body = "\n\n".join(paragraphs)
    url = f"https://example.org/{path}/"
    article = make_article(
        body=body, url=url, title=title, summary=paragraphs[0][:300], tags=tuple(tags)
    )
    drafts = build_drafts(article, SITE)
    source = " ".join([title, *article.paragraphs, article.summary])
    tokens = set(source.split()) | {t.rstrip(STRIP) for t in source.split()}
    for post in drafts.posts:
        assert post.text.strip(), post
        assert 0 < counted(post.network, post.text) == post.length <= post.limit, post
        if post.network == "x":
            assert parse_tweet(post.text).valid, post
        assert len(re.findall(r"(?<!\S)#(?:NorthKorea|NuclearDiplomacy|Time)\b", post.text)) <= 2
        for token in post.text.split():
            if token.endswith("…") and token[:-1] not in tokens and token not in tokens:
                # Only the shortened link (Bluesky) may end in "…" without being a whole word.
                assert post.network == "bluesky" and token.startswith("example.org/"), (token, post)
