"""The review page (`dist/review/index.html`): what it shows, its checks, and its golden file."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from bench.synthetic import SYNTHETIC_NOW, write_content
from pipeline.build import _renderers, manifest_entry, render_all, write_tree
from pipeline.content import load_content
from pipeline.ledger import Ledger
from pipeline.outputs import Output
from pipeline.render.review import KIND, PAGE_PATH, render_review_page
from pipeline.render.review.email import issue_views
from pipeline.render.review.links import email_links, image_alts, parse_html, text_urls
from pipeline.render.review.qa import MAX_CONTENT_NOTES, Status, content_items
from pipeline.render.review.social import facet_segments, segments
from pipeline.render.social import render_social
from pipeline.renderer import BuildContext
from tests.conftest import GOLDEN, SAMPLE_CONTENT, SAMPLE_NOW, TEMPLATES, make_article

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")

SLUG = "will-biden-build-back-better-relations-with-north-korea"
ISSUE = f"2021-01-27-{SLUG}"


def renderers():
    """The build's renderers, with the social drafts until build.py registers them."""
    found = _renderers()
    names = {getattr(r, "__name__", "") for r in found}
    return found if "render_social" in names else [*found, render_social]


def render_build(content_dir: Path, ledger: Ledger | None = None):
    """(ctx, other outputs, review page output) for a content folder, as the build makes them."""
    ctx = BuildContext(load_content(content_dir), ledger or Ledger(), TEMPLATES)
    outputs = render_all(ctx, renderers())
    outputs = [o for o in outputs if o.path != PAGE_PATH]  # once build.py renders it itself
    (page,) = render_review_page(ctx, outputs)
    return ctx, outputs, page


def write_dist(content_dir: Path, dist: Path) -> Path:
    """dist/ with every output, the review page and a manifest (what `pipeline build` writes)."""
    _ctx, outputs, page = render_build(content_dir)
    everything = sorted([*outputs, page], key=lambda o: o.path)
    write_tree(dist, everything, {"outputs": [manifest_entry(o) for o in everything]})
    return dist


@pytest.fixture(scope="module")
def sample():
    with pytest.MonkeyPatch.context() as patch:  # module scope: sample_clock cannot reach here
        patch.setenv("SOURCE_DATE_EPOCH", SAMPLE_NOW)
        return render_build(SAMPLE_CONTENT)


@pytest.fixture(scope="module")
def sample_doc(sample):
    return lxml.html.document_fromstring(sample[2].data.decode("utf-8"))


def statuses(page: Output) -> list[tuple[Status, str, str]]:
    doc = lxml.html.document_fromstring(page.data.decode("utf-8"))
    return [
        (li.get("data-status"), li.xpath("string(.//strong)"), li.xpath("string(.)"))
        for li in doc.xpath("//li[contains(@class, 'qa-item')]")
    ]


# --- the sample -------------------------------------------------------------------------------


def test_sample_page_matches_golden(sample, update_golden):
    golden = GOLDEN / "review" / "index.html"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(sample[2].data)
    assert sample[2].data.decode("utf-8") == golden.read_text(encoding="utf-8")


def test_page_is_an_output_with_a_manifest_entry(sample):
    page = sample[2]
    assert (page.path, page.kind) == ("review/index.html", KIND)
    assert page.meta["issues"] == [ISSUE]
    assert page.meta["social_shown"] == [SLUG]
    assert page.meta["social_total"] == 1
    assert page.meta["qa"] == {"fail": 0, "warn": 1, "pass": 7}
    entry = manifest_entry(page)
    assert entry["kind"] == "review/html" and entry["bytes"] == len(page.data)


def test_page_is_deterministic():
    assert render_build(SAMPLE_CONTENT)[2].data == render_build(SAMPLE_CONTENT)[2].data


def test_issue_shows_subject_preheader_size_and_frames(sample, sample_doc):
    email = next(o for o in sample[1] if o.kind == "email/html")
    section = sample_doc.get_element_by_id(f"issue-{ISSUE}")
    text = section.text_content()
    assert email.meta["subject"] in text
    assert email.meta["preheader"] in text
    gauge = section.xpath(".//*[contains(@class, 'gauge')]")[0]
    assert gauge.get("data-value") == str(len(email.data))
    assert gauge.get("data-limit") == "90000"
    assert f"{len(email.data):,}" in gauge.text_content()
    frames = section.xpath(".//iframe")
    assert [f.get("src") for f in frames] == [f"../email/{ISSUE}/email.html"] * 2
    assert [f.get("width") for f in frames] == ["680", "375"]
    assert all(
        f.get("sandbox") is not None and "allow-scripts" not in f.get("sandbox") for f in frames
    )
    assert all(f.get("title") for f in frames)
    plain = next(o for o in sample[1] if o.kind == "email/text").data.decode()
    assert section.xpath("string(.//pre)") == plain


def test_issue_lists_every_link_marked(sample, sample_doc):
    rows = sample_doc.xpath(f"//*[@id='issue-{ISSUE}']//ul[@class='links']/li")
    urls = [row.xpath("string(p[@class='url'])").strip() for row in rows]
    assert "https://x.com/VCDNP" in urls
    assert "https://vcdnp.org/newsletter/unsubscribe/" in urls
    assert any("utm_campaign=" in url for url in urls)
    assert {row.get("data-verdict") for row in rows} == {"ok"}
    assert all("absolute, https" in row.text_content() for row in rows)


def test_every_social_post_is_shown_with_its_counter(sample, sample_doc):
    doc = json.loads(next(o for o in sample[1] if o.kind == "social/json").data)
    section = sample_doc.get_element_by_id(f"social-{SLUG}")
    posts = section.xpath(".//li[contains(@class, 'post ')]")
    assert len(posts) == len(doc["posts"])
    for post in doc["posts"]:
        (card,) = section.xpath(
            f".//li[@data-network='{post['network']}'][@data-kind='{post['kind']}']"
            f"[@data-index='{post['index']}']"
        )
        assert card.xpath("string(.//p[@class='post-text'])") == post["text"]
        assert f"{post['length']:,} / {post['limit']:,}" in " ".join(card.text_content().split())
        (gauge,) = card.xpath(".//*[@data-limit]")
        assert (gauge.get("data-value"), gauge.get("data-limit")) == (
            str(post["length"]),
            str(post["limit"]),
        )
    for network in ("x", "bluesky", "mastodon"):
        path = f".//li[@data-kind='thread'][@data-network='{network}']"
        thread = [p.get("data-index") for p in section.xpath(path)]
        assert thread and thread == sorted(thread, key=int)
    assert "of 1 with drafts in this build" in " ".join(sample_doc.text_content().split())


def test_feed_entries_are_shown(sample, sample_doc):
    entries = sample_doc.xpath("//ol[@class='entries']/li")
    assert len(entries) == 1
    text = entries[0].text_content()
    assert "January 27, 2021" in text
    assert "What are newly inaugurated" in text
    link = entries[0].xpath(".//h3/a")[0]
    assert link.get("href") == f"https://vcdnp.org/{SLUG}/"


def test_sample_checks(sample):
    found = statuses(sample[2])
    assert found[0][:2] == ("warn", "Image")  # the caption-only hero image, listed first
    checks = {(status, check) for status, check, _ in found}
    assert {("pass", "HTML size"), ("pass", "Alt text"), ("pass", "Links"),
            ("pass", "Post length"), ("pass", "Feed")} <= checks  # fmt: skip
    assert not any(status == "fail" for status, _, _ in found)


def test_page_is_static_and_self_contained(sample_doc):
    assert not sample_doc.xpath("//script | //link | //img | //object | //embed")
    assert not sample_doc.xpath("//@*[starts-with(name(), 'on')]")
    for element in sample_doc.xpath("//iframe"):
        assert not re.match(r"^[a-z]+:", element.get("src"))
    csp = sample_doc.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    assert "@import" not in sample_doc.xpath("string(//style)")
    assert "url(" not in sample_doc.xpath("string(//style)")


def test_page_structure_is_accessible(sample_doc):
    assert sample_doc.get("lang") == "en"
    assert sample_doc.xpath("//meta[@name='viewport']")
    headings = [int(h.tag[1]) for h in sample_doc.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert headings.count(1) == 1 and headings[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings
    assert all(th.get("scope") for th in sample_doc.xpath("//th"))
    for scroller in sample_doc.xpath("//*[@tabindex='0']"):
        assert scroller.get("aria-label"), "a scrolling region needs a name"
    for link in sample_doc.xpath("//a"):
        assert link.text_content().strip()


# --- the parts --------------------------------------------------------------------------------


def test_links_are_classified():
    html = (
        '<html><body><a href="https://a.example/x">a</a><a href="http://b.example/">b</a>'
        '<a href="/relative">c</a><a href="mailto:x@example.org">d</a>'
        '<a href="https://a.example/x">again</a><img src="//cdn.example/i.png" alt="i"></body></html>'
    )
    text = "Read: https://a.example/x.\n[1] http://c.example/page)\nwww.d.example/path"
    links = {link.url: link for link in email_links(parse_html(html), text)}
    assert links["https://a.example/x"].verdict == "ok"
    assert links["https://a.example/x"].where == ("HTML link ×2", "plain text")
    assert links["http://b.example/"].label == "absolute, NOT https"
    assert links["/relative"].verdict == "bad"
    assert links["/relative"].label == "NOT absolute (relative)"
    assert links["mailto:x@example.org"].verdict == "mailto"
    assert links["//cdn.example/i.png"].where == ("HTML image",)
    assert links["//cdn.example/i.png"].verdict == "bad"  # scheme-relative is not https
    assert links["http://c.example/page"].verdict == "bad"
    assert links["www.d.example/path"].verdict == "bad"


def test_text_urls_leave_sentence_punctuation_out():
    assert text_urls("See https://e.org/a, and (https://e.org/b).") == [
        "https://e.org/a",
        "https://e.org/b",
    ]


def test_image_alts():
    root = parse_html(
        '<html><body><img src="a.png"><img src="b.png" alt="B">'
        '<a href="https://x"><img src="c.png" alt=""></a><img src="d.png" alt=""></body></html>'
    )
    alts = image_alts(root)
    assert (alts.images, alts.missing, alts.empty_in_link) == (4, ("a.png",), ("c.png",))


def test_post_segments():
    found = segments("Hi @VCDNP and @a@b.social: https://e.org/x. #Tag!")
    assert [(s.kind, s.text) for s in found if s.kind != "text"] == [
        ("mention", "@VCDNP"), ("mention", "@a@b.social"), ("link", "https://e.org/x"), ("tag", "#Tag"),
    ]  # fmt: skip
    assert "".join(s.text for s in found) == "Hi @VCDNP and @a@b.social: https://e.org/x. #Tag!"


def test_bluesky_segments_follow_the_facets():
    text = "Née: e.org/short… #Tag"
    data = text.encode()
    start = data.index(b"e.org")
    end = data.index(b" #")
    post = {
        "facets": [
            {"index": {"byteStart": data.index(b"#"), "byteEnd": len(data)},
             "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "Tag"}]},
            {"index": {"byteStart": start, "byteEnd": end},
             "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://e.org/long/path"}]},
        ]
    }  # fmt: skip
    found = facet_segments(text, post)
    assert "".join(s.text for s in found) == text
    link = next(s for s in found if s.kind == "link")
    assert (link.text, link.href) == ("e.org/short…", "https://e.org/long/path")
    assert [s.kind for s in found] == ["text", "link", "text", "tag"]


def _email(
    size: int, *, sent: bool = False, alt: bool = True, href: str = "https://e.org/"
) -> list[Output]:
    img = '<img src="https://e.org/i.png" alt="Logo">' if alt else '<img src="https://e.org/i.png">'
    html = f'<html><body>{img}<a href="{href}">link</a><!--'
    html += "x" * (size - len(html) - len("--></body></html>")) + "--></body></html>"
    meta = {"issue_id": "i1", "issue_kind": "single", "subject": "S", "preheader": "P",
            "articles": ["a"], **({"sent": True} if sent else {})}  # fmt: skip
    outputs = [Output("email/i1/email.html", html.encode(), "email/html", "a", meta)]
    if not sent:
        outputs.append(
            Output("email/i1/email.txt", b"Text https://e.org/\n", "email/text", "a", meta)
        )
    return outputs


@pytest.mark.parametrize(
    ("size", "status"), [(80_000, "pass"), (81_001, "warn"), (90_000, "warn"), (90_001, "fail")]
)
def test_html_size_against_budget(size, status):
    from pipeline.render.review.email import issue_items

    (issue,), _ = issue_views(_email(size), 90_000, {})
    assert issue.size.value == size
    item = next(i for i in issue_items(issue) if i.check == "HTML size")
    assert item.status == status


def test_missing_alt_and_bad_links_fail():
    from pipeline.render.review.email import issue_items

    (issue,), _ = issue_views(_email(20_000, alt=False, href="http://e.org/"), 90_000, {})
    items = {i.check: i for i in issue_items(issue)}
    assert items["Alt text"].status == "fail"
    assert "https://e.org/i.png" in items["Alt text"].message
    assert items["Links"].status == "fail"
    assert "http://e.org/" in items["Links"].message


def test_sent_issues_are_listed_apart_without_frames():
    pending, sent = issue_views(_email(20_000, sent=True), 90_000, {})
    assert pending == [] and [s.id for s in sent] == ["i1"]
    assert sent[0].html_href == "../email/i1/email.html"


def test_review_notes_and_unconfirmed_dates_are_warnings():
    article = make_article(
        review=("date: the source has no date; 2024-05-01 is the import day. Confirm or correct it.",
                "something else to look at"),
    )  # fmt: skip
    items = content_items((), [article], {article.source_path: "#here"})
    assert [(i.status, i.check) for i in items] == [
        ("warn", "Unconfirmed date"),
        ("warn", "Importer note"),
    ]
    assert items[0].target == "#here"
    assert article.source_path in items[0].subject


def test_content_notes_are_capped():
    many = [make_article(slug=f"a{n}", review=("note",)) for n in range(MAX_CONTENT_NOTES + 5)]
    items = content_items((), many, {})
    assert len(items) == MAX_CONTENT_NOTES + 1
    assert items[-1].subject == "5 more"


def _with_review(content_dir: Path, slug: str, notes: str) -> None:
    path = content_dir / "commentary" / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntags:", f"\nreview:\n{notes}\ntags:", 1), encoding="utf-8")


def test_review_notes_reach_the_page(sample_content):
    _with_review(sample_content, SLUG, "- 'date: the source has no date. Confirm or correct it.'")
    _ctx, _outputs, page = render_build(sample_content)
    found = statuses(page)
    assert ("warn", "Unconfirmed date") in {(s, c) for s, c, _ in found}
    assert page.meta["qa"]["warn"] == 2


def test_post_over_its_limit_fails(sample):
    ctx, outputs, _page = sample
    drafts = next(o for o in outputs if o.kind == "social/json")
    doc = json.loads(drafts.data)
    doc["posts"][0]["length"] = 281
    changed = [replace(o, data=json.dumps(doc).encode()) if o is drafts else o for o in outputs]
    (page,) = render_review_page(ctx, changed)
    assert statuses(page)[0][:2] == ("fail", "Post length")
    assert "281 / 280" in statuses(page)[0][2]
    html = page.data.decode()
    assert "1 over the limit" in html
    assert 'class="post post-fail"' in html


def test_without_social_outputs_the_page_still_renders(sample):
    ctx, outputs, _page = sample
    (page,) = render_review_page(ctx, [o for o in outputs if not o.kind.startswith("social/")])
    assert "No drafts to review" in page.data.decode()
    assert page.meta["social_total"] == 0


def _review_page(content: Path):
    ctx = BuildContext(load_content(content), Ledger(), TEMPLATES)
    (page,) = render_review_page(ctx, render_all(ctx, renderers()))
    return page


def test_a_large_archive_keeps_the_page_small(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SYNTHETIC_NOW)  # the morning after the newest piece
    # The page shows about a week of drafts whatever the archive's size: twice the archive, about
    # the same page (bench/bench_review.py measures it, and its time, for 1000 commentaries).
    small = _review_page(write_content(tmp_path / "small", 10))
    page = _review_page(write_content(tmp_path / "large", 20))
    shown = page.meta["social_shown"]
    assert 0 < len(shown) <= 8  # a week of daily commentaries
    # only pieces the publisher may still post have drafts: the back catalogue has none
    assert page.meta["social_total"] == len(shown) == small.meta["social_total"]
    text = " ".join(lxml.html.document_fromstring(page.data).text_content().split())
    assert f"of {len(shown)} with drafts in this build" in text
    assert len(page.data) < 1.2 * len(small.data), (len(small.data), len(page.data))


def test_sent_issues_are_linked_on_the_page_but_not_framed(sample):
    ctx, outputs, _page = sample
    (page,) = render_review_page(ctx, [*outputs, *_email(20_000, sent=True)])
    doc = lxml.html.document_fromstring(page.data)
    assert doc.xpath("//ul[@class='sent']/li/a/@href") == ["../email/i1/email.html"]
    assert "../email/i1/email.html" not in doc.xpath("//iframe/@src")
    assert page.meta["issues"] == [ISSUE]


def test_drafts_in_a_right_to_left_language_are_shown_so(content_tree):
    content_tree.add(
        "arabic",
        "title: التعاون ضرورة\ndate: 2021-01-27\nlanguage: ar",
        body="يجب على الدول أن تتعاون مع الوكالة. فقد أدى التعليق إلى فجوة.\n",
    )
    content_tree.add("english", "title: In English\ndate: 2021-01-27")
    _ctx, _outputs, page = render_build(content_tree.root)
    doc = lxml.html.document_fromstring(page.data.decode("utf-8"))
    arabic, english = (
        doc.get_element_by_id("social-arabic"),
        doc.get_element_by_id("social-english"),
    )
    for marked in (arabic.find("h3"), *arabic.find_class("post-text")):
        assert (marked.get("lang"), marked.get("dir")) == ("ar", "rtl")
    assert arabic.find_class("post-text") and english.find_class("post-text")
    assert not [e for e in english.iter() if e.get("lang") or e.get("dir")]
