"""Every draft of every commentary of the corpus (tests/corpus) is postable as it stands."""

from __future__ import annotations

import json
import re

import pytest

from pipeline.content import load_content
from pipeline.render.social import build_drafts
from pipeline.render.social.counting import LIMITS, fits, length
from pipeline.render.social.structure import body_structure
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
CONTENT = load_content(CORPUS)
SITE = CONTENT.site
# Written here, apart from the renderer's own lists: words that make a sentence lean on the
# one before it, per language.
DEPENDENT = {
    "en": r"(he|she|it|they|this|that|these|those|such|each|both|still|however|also|but|and|"
    r"so|then|thus|moreover|furthermore|nevertheless|instead|meanwhile|asked|none|neither)\b",
    "de": r"(er|sie|es|dies\w*|solche\w*|jede\w*|dabei|daher|deshalb|dennoch|jedoch|auch|aber|"
    r"außerdem|zudem|allerdings)\b",
    "fr": r"(il|elle|ils|elles|ce|cet|cette|ces|cela|chacun\w*|cependant|toutefois|pourtant|"
    r"aussi|mais|donc|ainsi|néanmoins)\b",
    "es": r"(él|ella|ellos|ellas|esto|eso|est[ae]s?|es[ae]s?|sin embargo|no obstante|también|"
    r"pero|además|asimismo|por (lo )?tanto|así)\b",
}
CHROME = re.compile(r"you may also like|see tweets|share this|read more\b|subscribe", re.I)
WHOLE = re.compile(r"[.!?。！？؟]['\"”’)]*$")


def ids(article) -> str:
    return article.slug


def test_the_corpus_is_varied():
    articles = CONTENT.articles
    assert len(articles) >= 20
    kinds = {a.kind for a in articles}
    assert {
        "analysis",
        "op-ed",
        "interview",
        "event",
        "report",
        "call",
        "job",
        "statement",
    } <= kinds
    assert {a.language for a in articles} >= {None, "de", "fr", "es", "ru", "ar", "zh-Hans"}
    assert any(len(a.authors) >= 2 for a in articles)
    words = [len(a.body_markdown.split()) for a in articles]
    assert min(words) < 80 and max(words) > 2000
    bodies = [a.body_markdown for a in articles]
    assert any("\n> " in b for b in bodies) and any(re.search(r"^1\. ", b, re.M) for b in bodies)
    assert any("[^" in b for b in bodies) and any("\n|---" in b for b in bodies)  # notes, tables


def _posts_by_slot(drafts):
    return {
        "x single": drafts.slot("x"),
        "x thread": drafts.slot("x", "thread"),
        "bluesky": drafts.slot("bluesky"),
        "bluesky thread": drafts.slot("bluesky", "thread"),
        "mastodon": drafts.slot("mastodon"),
        "mastodon thread": drafts.slot("mastodon", "thread"),
        "linkedin": drafts.slot("linkedin"),
    }


def _first_sentence(text: str) -> str:
    return re.sub(r"^\d+/\d+ ", "", text).lstrip("“\"'")


def _paragraph_openers(text: str, first_post: bool) -> list[str]:
    """Every paragraph's start, but a first post's hook (the article's own title or question)."""
    paragraphs = text.split("\n\n")
    if first_post:
        paragraphs = paragraphs[1:]
    return [_first_sentence(p) for p in paragraphs]


@pytest.mark.parametrize("article", CONTENT.articles, ids=ids)
def test_every_draft_of_every_corpus_article_is_postable(article):
    drafts = build_drafts(article, SITE)
    language = (article.language or SITE.language).split("-")[0]
    # (no list for a language the renderer has none for either: Arabic, Chinese, Russian...)
    dependent = re.compile(DEPENDENT.get(language, r"(?!)"), re.I)
    chrome = body_structure(article.body_markdown, language).boilerplate
    data = drafts.to_json()
    tags = set(SITE.social.hashtags.values())
    question = drafts_question(article)
    for slot, posts in _posts_by_slot(drafts).items():
        assert posts, slot
        for post in posts:
            text = post.text
            where = f"{article.slug} {slot} {post.index}: {text!r}"
            # Within the limit, as the network counts.
            assert post.length == length(post.network, text) and fits(post.network, text), where
            assert post.length <= LIMITS[post.network]
            # A standalone opener, and no paragraph that leans on one the post does not show.
            assert not dependent.match(_first_sentence(text)), where
            for opener in _paragraph_openers(text, post.index == 0):
                assert not dependent.match(opener), f"{where}: {opener!r}"
            # Whole sentences: nothing cut, no ellipsis of ours (Bluesky's shown link aside).
            shown = re.sub(r"\S+…(?=\n|$)", "", text) if post.network == "bluesky" else text
            assert "…" not in shown, where
            # No page chrome, no interview layout ("A: ").
            assert not CHROME.search(text), where
            assert not re.search(r"(^|\n|\d/\d+ )[QA]: ", text), where
            assert not any(c in text for c in chrome), where
            # Hashtags: only mapped ones, at most max_hashtags.
            found = re.findall(r"(?<!\S)#\w+", text)
            assert set(found) <= tags and len(found) <= SITE.social.max_hashtags, where
            if slot.endswith("thread") and post.index > 0:
                line = re.sub(r"\s+https://\S+$", "", text)
                assert WHOLE.search(line), where
        head = posts[0].text
        where = f"{article.slug} {slot}: {head!r}"
        # The headline (or the body's opening question) and the link, in the first post.
        assert article.title in head or (question and question in head), where
        if slot.startswith("bluesky"):
            assert any(f["features"][0].get("uri") == article.url for f in posts[0].facets), where
        else:
            assert article.url in head, where
        # Authors credited by name, and by handle where site.toml has one; four or more on a
        # single post may be the first two and how many others.
        credited = list(article.authors)
        if len(credited) >= 4 and "thread" not in slot and credited[-1] not in head:
            assert f" and {len(credited) - 2} others\n" in head, where
            credited = credited[:2]
        for author in credited:
            assert author in head, where
            person = SITE.social.handles.get(author)
            handle = getattr(person, posts[0].network) if person else None
            if handle:
                assert handle.lstrip("@") in head, where
    # The link card on the Bluesky single post and on the first post of the Bluesky thread only.
    for bluesky in (p for p in data["posts"] if p["network"] == "bluesky"):
        if bluesky["index"] > 0:
            assert "embed" not in bluesky and bluesky["in_reply_to"] == {"previous_post": True}
            continue
        external = bluesky["embed"]["external"]
        assert bluesky["embed"]["$type"] == "app.bsky.embed.external"
        assert (external["uri"], external["title"]) == (article.url, article.title)
        assert external["description"] == article.summary
        assert external.get("thumb") == (article.image.src if article.image else None)
    image = article.image if article.image and article.image.src else None
    assert data["image"] == ({"url": image.src, "alt": image.alt} if image else None)
    # The editorial checks find nothing to fix in a generated draft.
    from pipeline.render.social.checks import draft_findings

    assert draft_findings(data) == [], article.slug
    # The file's text is what json.dumps writes (pipeline/jsontext.py: orjson writes it faster).
    from pipeline.jsontext import dumps_indented

    assert dumps_indented(data) == json.dumps(data, ensure_ascii=False, indent=2)
    # Threads of the three networks: 0..n-1.
    for network in ("x", "bluesky", "mastodon"):
        thread = [p for p in data["posts"] if p["network"] == network and p["kind"] == "thread"]
        assert [p["index"] for p in thread] == list(range(len(thread))) and thread, network


def drafts_question(article) -> str | None:
    from pipeline.render.social.keypoints import key_points

    return key_points(article, article.language or SITE.language, 4).question


NOTICES = [a for a in CONTENT.articles if a.is_notice]


@pytest.mark.parametrize("article", NOTICES, ids=ids)
def test_a_notice_says_what_when_where_and_links_the_form_in_every_first_post(article):
    form = re.search(r"\]\((https://[^)]+)\)", article.body_markdown)
    assert form, "every corpus notice links its form"
    drafts = build_drafts(article, SITE)
    notice = drafts.to_json()["notice"]
    expected_form = (article.event.form if article.event else None) or (
        article.call.form if article.call else None
    )
    assert notice["form"] == (expected_form or form.group(1))
    firsts = [p for p in drafts.posts if p.index == 0]
    assert len(firsts) == 7  # x, bluesky, mastodon (single and thread) and linkedin
    for post in firsts:
        where = f"{post.network} {post.kind}: {post.text!r}"
        assert article.title in post.text, where
        assert notice["when"] and notice["when"] in post.text, where
        assert notice["form"] in post.text, where
        moment = (
            article.event.start
            if article.event
            else article.call.deadline
            if article.call
            else None
        )
        if moment is not None:  # the front matter's date, as the site's language writes it
            local = moment.astimezone(SITE.tz)
            assert str(local.year) in post.text and re.search(rf"\b{local.day}\b", post.text)
        if article.event and article.event.place:
            assert article.event.place in post.text, where
        if not (article.event or article.call):
            assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
                             r"September|October|November|December)\b", post.text), where  # fmt: skip


def test_event_front_matter_errors_are_located(content_tree):
    content_tree.add(
        "a",
        "title: A Seminar\ndate: 2025-04-07\nkind: analysis\nevent:\n  start: 2025-04-24T10:00\n"
        "  end: 2025-04-24T09:00\n  register: http://example.org/form\n",
        body="Join us.\n",
    )
    content_tree.add(
        "b",
        "title: A Call\ndate: 2025-04-07\nkind: call\ncall:\n  deadline: 2025-02-30\n",
        body="Apply.\n",
    )
    text = content_errors(content_tree.root)
    assert "a.md:8: event.register: must be an absolute https:// URL" in text
    assert "b.md:6: call.deadline: '2025-02-30' is not a valid date" in text


def test_event_front_matter_needs_the_event_kind_and_an_end_after_the_start(content_tree):
    content_tree.add(
        "a",
        "title: A Seminar\ndate: 2025-04-07\nkind: analysis\nevent:\n  start: 2025-04-24T10:00\n"
        "  end: 2025-04-24T09:00\n",
        body="Join us.\n",
    )
    text = content_errors(content_tree.root)
    assert "a.md:5: event: only for `kind: event` (this is kind 'analysis')" in text
    assert "a.md:7: event.end: '2025-04-24T09:00' is before event.start" in text


def test_an_event_with_a_time_and_a_date_alone_is_an_error(content_tree):
    # Would "2025-04-26" end at its start (noon) or at the end of that day? Neither is said.
    content_tree.add(
        "a",
        "title: A Conference\ndate: 2025-04-07\nkind: event\nevent:\n  start: 2025-04-24T09:00\n"
        "  end: 2025-04-26\n",
        body="Join us.\n",
    )
    text = content_errors(content_tree.root)
    assert (
        "a.md:7: event.end: '2025-04-26' and event.start '2025-04-24T09:00': give both with a "
        "time of day, or both as dates" in text
    )


def test_a_sentence_that_leans_on_another_never_opens_a_thread_post():
    article = next(a for a in CONTENT.articles if a.slug == "imported-page-with-boilerplate")
    thread = build_drafts(article, SITE).slot("x", "thread")
    texts = "\n".join(p.text for p in thread)
    assert "He added" not in texts and "Still, there" not in texts
    assert "You may also like" not in texts and "See tweets" not in texts


def test_per_article_x_form_is_carried_to_the_publisher():
    article = CONTENT.articles[0].model_copy(
        update={"social": CONTENT.articles[0].social.model_copy(update={"x_form": "single"})}
    )
    assert build_drafts(article, SITE).to_json()["x_form"] == "single"
    assert build_drafts(CONTENT.articles[0], SITE).to_json()["x_form"] is None


def content_errors(root) -> str:
    """The located errors `load_content` reports for the content folder `root`."""
    from pipeline.errors import ContentError

    with pytest.raises(ContentError) as raised:
        load_content(root)
    return str(raised.value)


def test_the_fast_sentence_split_equals_pysbd_on_every_block():
    from pipeline.text import split_fast as split_block
    from tests.test_text import pysbd_split

    articles = [*CONTENT.articles, *load_content(ROOT / "content").articles]
    blocks = [
        (block.text, article.language or SITE.language)
        for article in articles
        for block in body_structure(article.body_markdown, article.language or "en").blocks
    ]
    blocks += [  # the lead paragraphs the reader splits
        (article.paragraphs[0], article.language or SITE.language)
        for article in articles
        if article.paragraphs
    ]
    blocks += [
        ("The biggest obstacle, said Ms. Kane, is time. Given the U.S. agenda, it is not.", "en"),
        ("He met Dr. Sato in Tokyo. They spoke about e.g. Iran and the N.P.T. review.", "en"),
        ("Er sagte: „Das reicht nicht.“ Die Staaten sollten z. B. Daten teilen.", "de"),
    ]
    for text, language in blocks:  # pysbd itself, past the reader's remembered splits
        assert list(split_block(text, language)) == pysbd_split(text, language.split("-")[0]), text


def test_language_kind_and_x_form_are_validated(content_tree):
    from pipeline.errors import ContentError

    content_tree.add(
        "a", "title: T\ndate: 2021-01-27\nlanguage: Deutsch\nkind: blog\nsocial: {x_form: both}"
    )
    with pytest.raises(ContentError) as caught:
        load_content(content_tree.root)
    fields = {p.field: p.message for p in caught.value.problems}
    assert "not a language tag" in fields["language"]
    assert "kind" in fields and "social.x_form" in fields


@pytest.mark.parametrize("slug", ["long-future-of-strategic-arms-control", "sample"])
def test_no_word_of_the_content_weighs_a_key_point(slug):
    """Key points come from structure: the same body with its content words replaced (the
    words the drafts once scored, "obstacle", "argues", "spoke", "webinar" …) gives the same
    sentences, at the same places."""
    from pipeline.render.social.keypoints import key_points
    from tests.conftest import SAMPLE_CONTENT

    pool = load_content(SAMPLE_CONTENT).articles if slug == "sample" else CONTENT.articles
    article = next(a for a in pool if slug in {a.slug, "sample"})
    plain = {
        "obstacle": "colour", "obstacles": "colours", "argues": "writes", "argued": "wrote",
        "crucial": "blue", "key": "green", "essential": "round", "problem": "table",
        "risk": "chair", "spoke": "sang", "webinar": "picnic", "because": "whereupon",
        "biggest": "reddest", "main": "oval", "likely": "purple", "need": "hope",
    }  # fmt: skip

    def swap(text: str) -> str:
        return re.sub(r"[A-Za-z]+", lambda m: plain.get(m.group(0), m.group(0)), text)

    body = swap(article.body_markdown)
    swapped = article.model_copy(update={"body_markdown": body, "summary": swap(article.summary)})
    language = SITE.language

    def places(a):
        return [(p.paragraph, p.position) for p in key_points(a, language, 4).points]

    assert places(swapped) == places(article)


def test_a_transcripts_interviewer_gives_no_key_point_and_no_hook():
    from pipeline.render.social.keypoints import key_points

    (article,) = [a for a in CONTENT.articles if a.slug == "interview-grossi-transcript"]
    asked = [b.text for b in body_structure(article.body_markdown, "en").blocks if b.speaker]
    assert len(asked) == 4  # the labels are read: two questions, two answers
    points = key_points(article, "en", 4)
    assert points.question is None and points.points
    for point in points.points:
        assert point.text not in " ".join(asked[0::2]), point.text  # none of the interviewer's
    drafts = build_drafts(article, SITE)
    assert drafts.slot("x", "thread")[0].text.startswith(article.title)


# Written here, apart from the renderer's table: what LinkedIn's last line must say.
READ_MORE = {
    ("en", "commentary"): "Read the full commentary: ",
    ("en", "event"): "Event details: ",
    ("en", "job"): "The full vacancy notice: ",
    ("en", "report"): "More about the report: ",
    ("de", "op-ed"): "Den ganzen Gastbeitrag lesen: ",
    ("fr", "analysis"): "Lire l'analyse complète\u00a0: ",
    ("es", "commentary"): "Lea el comentario completo: ",
    ("ru", "commentary"): "Читать комментарий полностью: ",
    ("ar", "op-ed"): "اقرأ مقال الرأي كاملاً: ",
    ("zh-Hans", "analysis"): "阅读分析全文：",
}


@pytest.mark.parametrize("article", CONTENT.articles, ids=ids)
def test_linkedin_names_what_its_link_leads_to_in_the_articles_language(article):
    (post,) = [p for p in build_drafts(article, SITE).posts if p.network == "linkedin"]
    language = article.language or SITE.language
    wanted = READ_MORE.get((language, article.kind))
    last = post.text.rstrip().split("\n")
    line = next(line for line in reversed(last) if article.url in line)
    assert line.endswith(article.url)
    if wanted is not None:
        assert line == wanted + article.url
    if language.split("-")[0] in {"de", "fr", "es", "ru", "ar", "zh"}:
        assert "Read the full" not in post.text


def test_every_read_more_expectation_is_met_by_a_piece_of_the_corpus():
    pairs = {(a.language or SITE.language, a.kind) for a in CONTENT.articles}
    assert set(READ_MORE) <= pairs, set(READ_MORE) - pairs


def test_chinese_by_script_and_unknown_languages_in_english():
    from pipeline.render.social.read_more import read_more

    assert read_more("zh-TW", "interview") == "閱讀訪談全文："
    assert read_more("zh-Hant-HK", "job") == "職位詳情："
    assert read_more("zh", "job") == "职位详情："
    assert read_more("fr-CA", "event") == "Détails de l'événement\u00a0: "
    assert read_more("sw", "analysis") == "Read the full analysis: "
