"""Social drafts of the sample commentary: golden files, limits, the argument, overrides."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import regex
from twitter_text import parse_tweet

from pipeline.cache import Cache
from pipeline.content import load_content
from pipeline.errors import ContentError
from pipeline.ledger import Ledger
from pipeline.render.social import (
    build_drafts,
    postable,
    prefetch_drafts,
    render_social,
    render_social_outputs,
)
from pipeline.render.social.keypoints import clean
from pipeline.renderer import BuildContext
from tests.conftest import (
    GOLDEN,
    SAMPLE_CONTENT,
    SAMPLE_MOMENT,
    TEMPLATES,
    make_article,
    make_site,
)

SLUG = "will-biden-build-back-better-relations-with-north-korea"
URL = f"https://vcdnp.org/{SLUG}/"


def graphemes(text: str) -> int:
    return len(regex.findall(r"\X", text))


def mastodon_count(text: str) -> int:
    return graphemes(re.sub(r"https?://\S+", "x" * 23, text))


@pytest.fixture(scope="module")
def sample() -> dict[str, bytes]:
    content = load_content(SAMPLE_CONTENT, now=SAMPLE_MOMENT)
    ctx = BuildContext(content, Ledger(), TEMPLATES)
    return {o.path: o.data for o in render_social(ctx)}


@pytest.fixture(scope="module")
def doc(sample) -> dict:
    return json.loads(sample[f"social/{SLUG}.json"])


def posts(doc: dict, network: str, kind: str = "single") -> list[dict]:
    return [p for p in doc["posts"] if p["network"] == network and p["kind"] == kind]


@pytest.mark.parametrize("suffix", ["json", "md"])
def test_sample_drafts_match_golden(sample, suffix, update_golden):
    golden = GOLDEN / "social" / f"{SLUG}.{suffix}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(sample[f"social/{SLUG}.{suffix}"])
    assert sample[f"social/{SLUG}.{suffix}"] == golden.read_bytes(), f"differs from {golden}"


def test_one_json_and_one_review_per_ready_article(sample):
    assert sorted(sample) == [f"social/{SLUG}.json", f"social/{SLUG}.md"]


def test_every_sample_post_is_within_its_limit_as_the_libraries_count(doc):
    assert {p["network"] for p in doc["posts"]} == {"x", "bluesky", "mastodon", "linkedin"}
    for post in doc["posts"]:
        text = post["text"]
        counted = {
            "x": lambda t: parse_tweet(t).weightedLength,
            "bluesky": graphemes,
            "mastodon": mastodon_count,
            "linkedin": lambda t: len(t.encode("utf-16-le")) // 2,
        }[post["network"]](text)
        assert post["length"] == counted
        assert (
            0
            < counted
            <= post["limit"]
            == {"x": 280, "bluesky": 300, "mastodon": 500, "linkedin": 3000}[post["network"]]
        )
        if post["network"] == "x":
            assert parse_tweet(text).valid


def test_x_single_post_carries_the_link_and_the_argument(doc):
    (single,) = posts(doc, "x")
    assert URL in single["text"]
    assert "biggest obstacle" in single["text"] and "time" in single["text"]
    assert "economic aid" in single["text"]
    assert single["create_tweet"] == {"text": single["text"]}


def test_x_thread_opens_with_the_question_and_link_then_numbered_points(doc):
    thread = posts(doc, "x", "thread")
    assert 2 <= len(thread) <= 5
    opener = thread[0]["text"]
    assert opener.startswith("What are newly inaugurated US President Joe Biden's chances")
    assert URL in opener
    assert thread[0]["create_tweet"] == {"text": opener}
    rest = thread[1:]
    for number, post in enumerate(rest, start=2):  # numbered in the whole thread: 2/n … n/n
        assert post["text"].startswith(f"{number}/{len(thread)} ")
        assert post["create_tweet"] == {
            "text": post["text"],
            "in_reply_to_tweet_id": {"previous_post": True},
        }
        assert post["index"] == number - 1
        assert post["text"].endswith((".", "?", "!", '"', "”"))  # whole sentences
    body = " ".join(p["text"] for p in rest)
    # The argument an editor recognises: time is the obstacle; economic aid with confidence-building.
    assert re.search(r"The biggest obstacle, said (Angela|Ms\.) Kane, is time\.", body)
    assert "economic aid" in body and "confidence-building measures" in body
    # ... and the choice of Secretary of State as a positive sign.
    assert "Antony Blinken, is a positive development" in body


def test_people_are_introduced_by_full_name_and_back_references_dropped(doc):
    thread_text = "\n".join(p["text"] for p in posts(doc, "x", "thread"))
    assert thread_text.index("Angela Kane") < thread_text.index("Ms. Kane")
    for post in doc["posts"]:
        assert "in this regard" not in post["text"].lower()


def test_mentions_and_hashtags_from_site_settings(doc):
    (single,) = posts(doc, "x")
    assert "@APLNofficial" in single["text"]  # the Asia-Pacific Leadership Network's X handle
    for post in doc["posts"]:
        assert len(re.findall(r"(?<!\S)#\w+", post["text"])) <= 2
        if post["network"] != "x":
            assert "@APLNofficial" not in post["text"]  # no handle configured for the others
    assert "#NorthKorea #NuclearDiplomacy" in single["text"]


def test_bluesky_link_facet_has_utf8_byte_offsets_of_the_shown_link(doc):
    (post,) = posts(doc, "bluesky")
    data = post["text"].encode("utf-8")
    links = [
        f for f in post["facets"] if f["features"][0]["$type"] == "app.bsky.richtext.facet#link"
    ]
    assert len(links) == 1
    index = links[0]["index"]
    assert (
        data[index["byteStart"] : index["byteEnd"]].decode("utf-8")
        == "vcdnp.org/will-biden-build-back…"
    )
    assert links[0]["features"] == [{"$type": "app.bsky.richtext.facet#link", "uri": URL}]
    tags = [f for f in post["facets"] if f["features"][0]["$type"] == "app.bsky.richtext.facet#tag"]
    for facet in tags:
        shown = data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]].decode("utf-8")
        assert shown == "#" + facet["features"][0]["tag"]


def test_linkedin_is_longer_with_paragraph_breaks(doc):
    (post,) = posts(doc, "linkedin")
    assert post["text"].count("\n\n") >= 3
    assert len(post["text"]) > 2 * len(posts(doc, "x")[0]["text"])
    assert f"Read the full commentary: {URL}" in post["text"]


def test_drafts_hash_is_sha256_of_canonical_posts_and_detects_staleness(doc):
    canonical = json.dumps(doc["posts"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert doc["drafts_hash"] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    content = load_content(SAMPLE_CONTENT, now=SAMPLE_MOMENT)
    article = content.articles[0]
    assert build_drafts(article, content.site).drafts_hash == doc["drafts_hash"]
    paragraphs = (*article.paragraphs[:-1], "The biggest obstacle is money.")
    edited = article.model_copy(
        update={"paragraphs": paragraphs, "body_markdown": "\n\n".join(paragraphs) + "\n"}
    )
    assert build_drafts(edited, content.site).drafts_hash != doc["drafts_hash"]
    assert doc["content_hash"] == article.content_hash and doc["slug"] == SLUG and doc["url"] == URL


def test_review_shows_each_text_verbatim_with_its_count(sample, doc):
    review = sample[f"social/{SLUG}.md"].decode("utf-8")
    for post in doc["posts"]:
        assert f"\n{post['text']}\n" in review
        assert f"{post['length']} / {post['limit']}" in review


def test_manifest_meta_names_hashes_and_lengths():
    content = load_content(SAMPLE_CONTENT, now=SAMPLE_MOMENT)
    json_output = next(
        o
        for o in render_social_outputs(content.articles, content.site, now=content.now)
        if o.path.endswith(".json")
    )
    assert json_output.kind == "social/json" and json_output.slug == SLUG
    assert json_output.meta["content_hash"] == content.articles[0].content_hash
    assert all(p["length"] <= p["limit"] for p in json_output.meta["posts"])


def test_clean_drops_dangling_connectives():
    assert clean("In this regard, Ms. Kane recommended aid.") == "Ms. Kane recommended aid."
    assert (
        clean("By acknowledging difficulties in this regard, she argues.")
        == "By acknowledging difficulties, she argues."
    )
    assert clean("Moreover, however, it works.") == "It works."


def test_drafts_are_deterministic():
    content = load_content(SAMPLE_CONTENT, now=SAMPLE_MOMENT)
    first = render_social_outputs(content.articles, content.site, now=content.now)
    again = render_social_outputs(content.articles, content.site, now=content.now)
    assert [o.data for o in first] == [o.data for o in again]


# Overrides -------------------------------------------------------------------------------


def _site():
    return make_site(social={"hashtags": {"North Korea": "#NorthKorea"}, "thread_max_posts": 3})


def test_an_override_replaces_the_generated_text():
    article = make_article(
        social={
            "x": "Our own words: https://example.org/a-commentary/",
            "bluesky": "Read https://example.org/x 日本",
        }
    )
    drafts = build_drafts(article, _site())
    (x,) = drafts.slot("x")
    assert x.text == "Our own words: https://example.org/a-commentary/" and x.source == "override"
    assert x.length == parse_tweet(x.text).weightedLength
    (bluesky,) = drafts.slot("bluesky")
    assert bluesky.source == "override"
    (facet,) = bluesky.facets
    data = bluesky.text.encode("utf-8")
    assert data[facet["index"]["byteStart"] : facet["index"]["byteEnd"]] == b"https://example.org/x"
    assert drafts.slot("mastodon")[0].source == "generated"


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("en", "By Angela Kane and Elena K. Sokova"),
        ("de-AT", "Von Angela Kane und Elena K. Sokova"),
        ("ar", "Angela Kane, Elena K. Sokova"),  # no word lists for Arabic: no English "By"
        ("zh", "Angela Kane, Elena K. Sokova"),
    ],
)
def test_the_credit_is_in_the_articles_language_or_names_alone(language, credit):
    article = make_article(language=language, authors=("Angela Kane", "Elena K. Sokova"))
    drafts = build_drafts(article, _site())
    for network in ("x", "bluesky", "mastodon", "linkedin"):
        (post,) = drafts.slot(network)
        assert f"\n\n{credit}\n\n" in post.text, (network, post.text)


SEVEN = ("Elena K. Sokova", "Noah Mayhew", "Laura Rockwood", "Angela Kane", "Nikolai Sokov",
         "Hanna Notte", "Mara Zarka")  # fmt: skip
REPORT_BODY = (
    "The report draws on ten years of joint verification exercises between nuclear-weapon "
    "states and states without nuclear weapons.\n\nThe authors recommend that the next NPT "
    "Review Conference ask states to fund a standing group of technical experts on "
    "disarmament verification.\n"
)


@pytest.mark.parametrize(
    ("language", "short"),
    [
        ("en", "By Elena K. Sokova, Noah Mayhew and 5 others"),
        ("de", "Von Elena K. Sokova, Noah Mayhew und 5 weiteren"),
        ("fr", "Par Elena K. Sokova, Noah Mayhew et 5 autres"),
        ("ru", "Elena K. Sokova, Noah Mayhew +5"),
    ],
)
def test_many_authors_are_shortened_where_naming_all_leaves_no_point(language, short):
    article = make_article(
        language=language, authors=SEVEN, body=REPORT_BODY,
        title="Verifying Nuclear Disarmament: Lessons from a Decade of Joint Exercises",
    )  # fmt: skip
    drafts = build_drafts(article, _site())
    (x,) = drafts.slot("x")
    assert f"\n\n{short}\n\n" in x.text and "Mara Zarka" not in x.text, x.text
    assert "recommend" in x.text or "verification exercises" in x.text, x.text
    # Where every name fits with the points, every author is named.
    (linkedin,) = drafts.slot("linkedin")
    assert "Mara Zarka" in linkedin.text and "others" not in linkedin.text
    thread = drafts.slot("x", "thread")
    assert "Mara Zarka" in thread[0].text


def test_three_authors_are_always_named():
    article = make_article(authors=SEVEN[:3], body=REPORT_BODY, title="A " + "Long Title " * 15)
    (x,) = build_drafts(article, _site()).slot("x")
    assert "Laura Rockwood" in x.text and "others" not in x.text, x.text


def test_over_long_overrides_are_content_errors_naming_file_network_and_length():
    too_long_x = "日本語" * 50  # 150 characters, 300 as X counts them
    bad = make_article(slug="bad-one", social={"x": too_long_x, "mastodon": "m" * 501})
    worse = make_article(
        slug="bad-two", social={"x_thread": ["ok", "a " * 200, "b", "c"], "linkedin": "l" * 3001}
    )
    fine = make_article(slug="fine", social={"x": "Fine."})
    with pytest.raises(ContentError) as caught:
        render_social_outputs([bad, fine, worse], _site(), now=None)
    lines = caught.value.lines()
    assert len(lines) == 5, lines  # every bad override of every article, at once
    text = "\n".join(lines)
    assert "content/commentary/bad-one.md: social.x: the X post is 300 long" in text
    assert "20 over the limit of 280" in text
    assert "content/commentary/bad-one.md: social.mastodon: the Mastodon post is 501 long" in text
    assert "content/commentary/bad-two.md: social.linkedin: the LinkedIn post is 3001 long" in text
    assert (
        "content/commentary/bad-two.md: social.x_thread[1]: the X thread post 2 is 400 long" in text
    )
    assert (
        "content/commentary/bad-two.md: social.x_thread: the X thread has 4 posts, more than"
        in text
    )


def test_an_override_of_exactly_the_limit_passes():
    article = make_article(
        social={
            "x": "日" * 140,
            "bluesky": "👍🏽" * 300,
            "mastodon": "m" * 476 + " https://example.org/" + "p" * 300,
        }
    )
    outputs = render_social_outputs([article], _site(), now=None)
    doc = json.loads(next(o.data for o in outputs if o.path.endswith(".json")))
    lengths = {p["network"]: p["length"] for p in doc["posts"] if p["kind"] == "single"}
    assert lengths["x"] == 280 and lengths["bluesky"] == 300 and lengths["mastodon"] == 500


def test_an_override_read_from_front_matter_is_checked(content_tree):
    content_tree.add(
        "overridden",
        'title: "Why now?"\ndate: 2024-05-01\nsocial:\n  x: "Too long ' + "word " * 60 + '"',
    )
    content = load_content(content_tree.root)
    with pytest.raises(ContentError, match=r"overridden\.md: social\.x: the X post is 309 long"):
        render_social_outputs(content.articles, content.site, now=content.now)


def test_the_renderer_plugs_into_the_build(tmp_path):
    from pipeline.build import manifest_entry, render_all

    content = load_content(SAMPLE_CONTENT, now=SAMPLE_MOMENT)
    outputs = render_all(BuildContext(content, Ledger(), TEMPLATES), [render_social])
    entries = {e["path"]: e for e in map(manifest_entry, outputs)}
    entry = entries[f"social/{SLUG}.json"]
    assert entry["kind"] == "social/json" and len(entry["drafts_hash"]) == 64
    assert entries[f"social/{SLUG}.md"]["kind"] == "social/review"


# Which articles get drafts -----------------------------------------------------------------


def _dated(slug: str, day: int, **more):
    when = datetime(2021, 1, day, 12, tzinfo=ZoneInfo("Europe/Vienna"))
    return make_article(slug=slug, date=when, **more)


def test_only_pieces_the_publisher_may_still_post_get_drafts():
    """Dated within the window (7 days) before the clock; the back catalogue gets none."""
    now = datetime(2021, 1, 28, 9, tzinfo=UTC)
    articles = [_dated("fresh", 27), _dated("last-week", 21, status="ready"), _dated("old", 20)]
    slugs = {o.slug for o in render_social_outputs(articles, _site(), now=now)}
    assert slugs == {"fresh", "last-week"}
    wider = make_site(publish={"window_days": 30})
    assert {o.slug for o in render_social_outputs(articles, wider, now=now)} == {
        "fresh", "last-week", "old",
    }  # fmt: skip
    assert len(render_social_outputs(articles, _site(), now=None)) == 2 * 3  # the whole archive
    assert postable(articles, _site(), now) == articles[:2]


def test_an_override_of_the_back_catalogue_is_still_checked():
    """A bad override is an error in the content, whether or not the piece is posted."""
    old = _dated("old", 1, social={"mastodon": "m" * 501})
    with pytest.raises(ContentError, match=r"old\.md: social\.mastodon"):
        render_social_outputs([old], _site(), now=datetime(2021, 1, 28, 9, tzinfo=UTC))


def test_the_reader_drafts_only_what_the_build_will_ask_for():
    now = datetime(2021, 1, 28, 9, tzinfo=UTC)
    cache = Cache(None)
    assert prefetch_drafts(_dated("old", 20), _site(), cache, now) == []
    ((namespace, _key, data),) = prefetch_drafts(_dated("fresh", 27), _site(), cache, now)
    assert namespace == "social" and data


def test_drafts_leave_dist_with_the_build_after_the_piece_leaves_the_window(tmp_path):
    from pipeline.build import build

    ledger = tmp_path / "ledger.jsonl"
    args = (SAMPLE_CONTENT, tmp_path / "dist", TEMPLATES, ledger)
    drafts = tmp_path / "dist" / "social" / f"{SLUG}.json"
    first = build(*args, cache=Cache(None), now=SAMPLE_MOMENT)
    assert drafts.is_file()
    # the manifest says when: the moment the piece is 7 days old, and out of the window
    left = datetime.fromisoformat(json.loads((tmp_path / "dist/manifest.json").read_bytes())
                                  ["rebuild_after"])  # fmt: skip
    assert not first.up_to_date and left > SAMPLE_MOMENT
    just_before = build(*args, cache=Cache(None), now=left - timedelta(microseconds=1))
    assert just_before.up_to_date and drafts.is_file()  # its last instant in the window
    at = build(*args, cache=Cache(None), now=left)
    assert not at.up_to_date and not drafts.exists()
    assert not [e for e in at.outputs if str(e["path"]).startswith("social/")]
    # built again at that same moment (a fixed SOURCE_DATE_EPOCH): nothing left to do
    assert build(*args, cache=Cache(None), now=left).up_to_date


def test_a_piece_dated_after_its_event_or_deadline_is_no_notice():
    vienna = ZoneInfo("Europe/Vienna")
    held = make_article(
        kind="event",
        event={"start": datetime(2021, 1, 20, 10, 0, tzinfo=vienna), "place": "Vienna"},
    )  # dated 2021-01-27: a recording of the seminar, not an invitation
    closed = make_article(kind="call", call={"deadline": datetime(2021, 1, 26, tzinfo=vienna)})
    ahead = make_article(kind="call", call={"deadline": datetime(2021, 2, 26, tzinfo=vienna)})
    assert build_drafts(held, _site()).to_json()["notice"] is None
    assert build_drafts(closed, _site()).to_json()["notice"] is None
    assert build_drafts(ahead, _site()).to_json()["notice"]["when"].startswith("Deadline: ")
    assert "January 20" not in build_drafts(held, _site()).slot("x")[0].text


def test_an_event_later_on_the_day_a_piece_is_dated_is_announced(content_tree):
    content_tree.add(
        "seminar",
        "title: Seminar\ndate: 2021-01-27\nkind: event\n"
        "event: {start: 2021-01-27T10:00, end: 2021-01-27T11:30, place: Vienna}",
    )
    (article,) = load_content(content_tree.root).articles  # a date alone: due from 00:00
    drafts = build_drafts(article, make_site())
    assert drafts.to_json()["notice"]["when"].startswith("Wednesday, January 27, 2021, 10:00")


def test_a_recording_of_a_past_event_links_no_registration():
    vienna = ZoneInfo("Europe/Vienna")
    recording = make_article(
        kind="event",
        title="Recording: Seminar on Nuclear Forensics",
        event={"start": datetime(2021, 1, 19, 10, 0, tzinfo=vienna)},
        body="The recording of the seminar is online. Experts explained how seized material is "
        "traced.\n\nYou could [register here](https://example.org/register/) until 19 January.\n",
    )
    drafts = build_drafts(recording, _site())
    assert drafts.to_json()["notice"] is None
    for post in drafts.to_json()["posts"]:
        assert "https://example.org/register/" not in post["text"], post["text"]


def test_a_conversation_between_the_authors_alone_still_gives_key_points():
    body = (
        "**Angela Kane:** The Board must act on the report this month.\n\n"
        "**Laura Rockwood:** States should also fund the inspectorate fully.\n\n"
        "**Angela Kane:** Without inspectors, no safeguards agreement means much.\n\n"
        "**Laura Rockwood:** The Agency must be able to return to every site.\n"
    )
    article = make_article(authors=("Angela Kane", "Laura Rockwood"), body=body)
    drafts = build_drafts(article, _site())
    assert drafts.to_json()["key_points"], "every line skipped as the interviewer's"
