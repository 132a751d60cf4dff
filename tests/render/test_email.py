"""The email newsletter: issues, templates, HTML checks, plain text, .eml, budget, errors.

The helpers at the top (render, context, Tags, ...) are shared with test_email_browser.py.
"""

from __future__ import annotations

import email
import html
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from pipeline.article import Article
from pipeline.content import Content, load_content
from pipeline.errors import BuildError, ContentError
from pipeline.ledger import Ledger, Record
from pipeline.render.email import mjml, plan_issue, render_newsletter
from pipeline.render.email.issue import issue_id
from pipeline.render.email.links import LinkTracker
from pipeline.render.email.render import RenderedIssue, render_issue
from pipeline.renderer import BuildContext
from pipeline.site import Site
from tests.conftest import GOLDEN, TEMPLATES, ContentTree, make_article, make_site

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")

RICH_BODY = """\
Intro with [a link](/related/) and a *quoted* “vis-à-vis” remark about the
[IAEA](https://www.iaea.org/newscenter/statements).

## What comes next

- First point, short.
- Second point with a [link](https://example.org/second/).

> A quotation from someone important, which goes on for a while so that it wraps.

1. One
2. Two

Write to [the editors](mailto:editors@example.org).
"""


def newsletter(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "from": "Zentrum für Abrüstung <news@example.org>",
        "reply_to": "info@example.org",
        "to": ["subscribers@lists.example.org"],
        "postal_address": "1 Example Street, 1010 Vienna, Austria",
        "unsubscribe_url": "https://example.org/unsubscribe",
    }
    data.update(overrides)
    return data


def rich_site(**overrides: Any) -> Site:
    settings: dict[str, Any] = {
        "newsletter": newsletter(
            logo_url="https://example.org/logo.png", utm={}, unsubscribe_mailto="leave@example.org"
        ),
        "social": {"x_handle": "@Example", "linkedin_page": "example"},
    }
    settings.update(overrides)
    return make_site(**settings)


def rich_article(**overrides: Any) -> Article:
    data: dict[str, Any] = {
        "title": "Will “Build Back Better” work vis-à-vis North Korea?",
        "body": RICH_BODY,
        "summary": "Intro with a link and a quoted remark.",
        "authors": ("Angela Kane", "Jane Doe"),
        "image": {
            "src": "https://example.org/hero.jpg",
            "alt": "The president at a lectern",
            "caption": "President Joe Biden delivers remarks.",
            "credit": "Official White House Photo",
        },
        "video": {
            "url": "https://www.youtube.com/watch?v=abc",
            "title": "Panel discussion",
            "thumbnail": "https://img.youtube.com/vi/abc/hqdefault.jpg",
        },
    }
    data.update(overrides)
    return make_article(**data)


def many_articles(count: int) -> list[Article]:
    """`count` articles on consecutive days, the newest on 2021-01-27."""
    newest = datetime(2021, 1, 27, 9, 30, tzinfo=ZoneInfo("Europe/Vienna"))
    return [
        make_article(
            slug=f"piece-{index:02d}",
            title=f"Commentary number {index} on nuclear verification and regional security",
            summary="A summary sentence of moderate length that says what the piece argues. " * 3,
            date=newest - timedelta(days=index),
            authors=(f"Author {index}",),
            content_hash=f"{index:064d}",
        )
        for index in range(count)
    ]


def render(
    articles: Sequence[Article], site: Site | None = None, templates: Path = TEMPLATES
) -> RenderedIssue:
    site = site or make_site()
    issue = plan_issue(articles, site)
    assert issue is not None
    return render_issue(issue, site, templates)


NOW = datetime(2021, 1, 28, 9, 0, tzinfo=UTC)
"""The clock of these renders: the morning after the newest test article."""


def context(
    articles: Sequence[Article], site: Site | None = None, ledger: Ledger | None = None
) -> BuildContext:
    site = site or make_site()
    content = Content(site, tuple(articles), (), (), NOW)
    return BuildContext(content, ledger or Ledger(), TEMPLATES)


class Tags(HTMLParser):
    """Every start tag of a document with its attributes (comments are skipped)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def all(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.tags if tag == name]

    def hrefs(self) -> list[str]:
        return [str(a["href"]) for a in self.all("a")]


SAMPLE_SLUG = "will-biden-build-back-better-relations-with-north-korea"
SAMPLE_ID = f"2021-01-27-{SAMPLE_SLUG}"
SAMPLE_TITLE = 'Will Biden "Build Back Better" Relations with North Korea?'


@pytest.fixture
def sample_issue(sample_content: Path) -> RenderedIssue:
    content = load_content(sample_content)
    return render(content.articles, content.site)


def parsed(rendered: RenderedIssue) -> email.message.EmailMessage:
    message = email.message_from_bytes(rendered.eml, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


# --- which issue -----------------------------------------------------------------------------


def test_no_new_article_makes_no_issue():
    assert plan_issue([], make_site()) is None
    sent = Record(
        "email",
        SAMPLE_ID,
        "h",
        "receipt",
        "2021-01-28T10:00:00+00:00",
        {"articles": ["a-commentary"]},
    )
    assert render_newsletter(context([make_article()], ledger=Ledger((sent,)))) == []


def test_one_new_article_is_a_single_issue_named_by_date_and_slug():
    issue = plan_issue([make_article(slug="north-korea")], make_site())
    assert issue is not None
    assert (issue.kind, issue.id) == ("single", "2021-01-27-north-korea")
    assert issue.subject == "A Commentary"
    assert issue.preheader == "First paragraph."


def test_issue_date_is_the_sites_day_not_utc():
    late = datetime(2021, 1, 27, 0, 30, tzinfo=ZoneInfo("Europe/Vienna"))  # 26 Jan in UTC
    assert issue_id([make_article(date=late)], make_site()) == "2021-01-27-a-commentary"


def test_several_new_articles_are_one_digest_newest_first_with_a_stable_id():
    articles = many_articles(3)
    site = make_site(newsletter=newsletter(subject_prefix="[EC] "))
    issue = plan_issue(list(reversed(articles)), site)
    assert issue is not None
    assert issue.kind == "digest"
    assert [a.slug for a in issue.shown] == ["piece-00", "piece-01", "piece-02"]
    assert re.fullmatch(r"digest-2021-01-27-[0-9a-f]{10}", issue.id)
    assert issue.id == issue_id(articles, site)
    assert issue.id != issue_id(articles[:2], site)
    assert issue.subject == (
        "[EC] Commentary number 0 on nuclear verification and regional security, and 2 more"
    )
    assert issue.preheader.startswith("Commentary number 0 on")


def test_same_day_pieces_come_in_slug_order_whatever_the_input_order():
    day = datetime(2021, 1, 27, tzinfo=ZoneInfo("Europe/Vienna"))
    pieces = [make_article(slug=s, title=s.title(), date=day) for s in ("beta", "alpha", "gamma")]
    for order in (pieces, list(reversed(pieces))):
        issue = plan_issue(order, make_site())
        assert issue is not None
        assert [a.slug for a in issue.shown] == ["alpha", "beta", "gamma"]


def test_featured_pieces_lead_the_digest_and_its_subject():
    articles = many_articles(4)
    flagged = [*articles[:2], articles[2].model_copy(update={"featured": True}), articles[3]]
    site = make_site(
        newsletter=newsletter(featured=["piece-03"], digest_subject="{lead} (+{more})")
    )
    issue = plan_issue(flagged, site)
    assert issue is not None
    # newsletter.featured first, then front matter `featured: true`, then newest first.
    assert [a.slug for a in issue.shown] == ["piece-03", "piece-02", "piece-00", "piece-01"]
    assert issue.subject == "Commentary number 3 on nuclear verification and regional security (+3)"
    assert issue.date == articles[0].date, "the issue's date is the newest piece's, not the lead's"


@pytest.mark.parametrize(
    "template, message",
    [("{more} new", "must contain {lead}"), ("{lead} {count}", "unknown placeholder {count}"),
     ("{lead", "")],
)  # fmt: skip
def test_a_bad_digest_subject_is_a_settings_error(template, message):
    with pytest.raises(ValueError) as caught:  # pydantic's ValidationError
        make_site(newsletter=newsletter(digest_subject=template))
    assert "digest_subject" in str(caught.value) and message in str(caught.value)


def test_digest_intro_is_shown_under_the_heading():
    site = rich_site(newsletter=newsletter(digest_intro="This week: the IAEA Board and the NPT."))
    rendered = render(many_articles(2), site)
    assert "This week: the IAEA Board and the NPT." in rendered.html
    assert "\n\nThis week: the IAEA Board and the NPT.\n" in rendered.text


def test_already_sent_articles_are_left_out_of_the_issue():
    articles = many_articles(3)
    sent = Record(
        "email", "old", "h", "receipt", "2021-01-26T10:00:00+00:00", {"articles": ["piece-01"]}
    )
    outputs = render_newsletter(context(articles, ledger=Ledger((sent,))))
    assert {o.meta["articles"] == ["piece-00", "piece-02"] for o in outputs} == {True}


def test_build_outputs_four_files_per_issue_with_manifest_facts():
    outputs = render_newsletter(context([make_article()]))
    folder = "email/2021-01-27-a-commentary/"
    assert {(o.path, o.kind) for o in outputs} == {
        (folder + "email.html", "email/html"),
        (folder + "email.txt", "email/text"),
        (folder + "message.eml", "email/eml"),
        (folder + "email.mjml", "email/mjml"),
    }
    html_output = next(o for o in outputs if o.kind == "email/html")
    for output in outputs:
        assert output.slug == "a-commentary"
        assert output.meta["issue_id"] == "2021-01-27-a-commentary"
        assert output.meta["subject"] == "A Commentary"
        assert output.meta["preheader"] == "First paragraph."
        assert output.meta["html_bytes"] == len(html_output.data)
        assert output.meta["articles"] == ["a-commentary"]


# --- golden files of the sample ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["email.html", "email.txt", "message.eml"])
def test_sample_issue_matches_golden(sample_issue, name, update_golden):
    data = {
        "email.html": sample_issue.html.encode(),
        "email.txt": sample_issue.text.encode(),
        "message.eml": sample_issue.eml,
    }[name]
    golden = GOLDEN / "email" / "sample" / name
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(data)
    assert golden.exists(), f"{golden} missing: run pytest --update-golden"
    assert data == golden.read_bytes(), f"{name} differs from {golden} (pytest --update-golden)"


def test_sample_issue_id_and_subject(sample_issue):
    assert sample_issue.issue.id == SAMPLE_ID
    assert sample_issue.issue.subject == SAMPLE_TITLE


def test_rendering_is_deterministic(monkeypatch):
    first = render([rich_article()], rich_site())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("TZ", "America/New_York")
    second = render([rich_article()], rich_site())
    assert (first.html, first.text, first.eml) == (second.html, second.text, second.eml)


# --- what mail clients need --------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: render([rich_article()], rich_site()), id="rich-single"),
        pytest.param(lambda: render(many_articles(12), rich_site()), id="digest"),
        pytest.param(lambda: render([make_article()]), id="plain-single"),
    ],
)
def test_html_is_correct_for_mail_clients(make):
    rendered = make()
    page = rendered.html
    tags = Tags(page)
    assert re.search(r'<html [^>]*lang="en"', page)
    assert 'lang="und"' not in page
    for image in tags.all("img"):
        assert image.get("alt") is not None, f"<img> without alt: {image}"
        assert str(image.get("src")).startswith("https://"), image
    for href in tags.hrefs():
        assert href.startswith("https://") or href.startswith("mailto:"), href
    for unresolved in ("{{", "}}", "{%", "%}", "%%", "*|"):
        assert unresolved not in page
    assert '<meta name="color-scheme" content="light dark"' in page
    preview = re.search(r"<body[^>]*><div style=\"display:none;[^>]*>([^<]*)</div>", page)
    assert preview is not None
    assert html.unescape(preview.group(1)) == rendered.issue.preheader


def test_preheader_is_the_summary(sample_issue):
    preview = re.search(
        r"<body[^>]*><div style=\"display:none;[^>]*>([^<]*)</div>", sample_issue.html
    )
    assert preview is not None
    assert preview.group(1).startswith("What are newly inaugurated US President Joe Biden")


def test_social_profiles_are_text_links_with_no_third_party_images():
    site = rich_site(
        social={
            "x_handle": "@Example",
            "linkedin_page": "example",
            "bluesky_handle": "example.org",
            "mastodon_handle": "@example@mastodon.social",
        }
    )
    rendered = render([make_article()], site)
    links = Tags(rendered.html).hrefs()
    for url in (
        "https://x.com/Example",
        "https://bsky.app/profile/example.org",
        "https://mastodon.social/@example",
        "https://www.linkedin.com/company/example/",
    ):
        assert url in links
        assert url in rendered.text
    assert re.search(r'title="Example Centre on X"[^>]*>X</a>', rendered.html)
    images = [str(i.get("src")) for i in Tags(rendered.html).all("img")]
    assert images == ["https://example.org/logo.png"], "only our own logo, no hotlinked icons"
    assert not any("intent/tweet" in h or "shareArticle" in h for h in links)


def test_alt_fix_uses_the_title_and_problems_report_what_is_left():
    fixed = mjml.add_missing_alt(
        '<img title="On X" src="https://a.org/x.png" /><img src="https://a.org/y.png">'
    )
    assert '<img alt="On X" title="On X"' in fixed
    found = mjml.problems(
        f'<html lang="en"><body>{fixed}<a href="http://a.org/">x</a> {{{{ name }}}} %%UNSUB%%</body></html>'
    )
    assert any("without alt" in p and "y.png" in p for p in found)
    assert any("http://a.org/" in p for p in found)
    assert any("{{" in p for p in found)
    assert any("%%UNSUB%%" in p for p in found)
    assert any("lang" in p for p in mjml.problems("<html><body></body></html>"))


def test_utm_only_on_links_to_our_own_site():
    site = rich_site()
    track = LinkTracker.for_issue(site, "2021-01-27-x")
    assert track("https://example.org/a/") == (
        "https://example.org/a/?utm_source=newsletter&utm_medium=email&utm_campaign=2021-01-27-x"
    )
    assert track("https://example.org/a/?p=1#top") == (
        "https://example.org/a/?p=1&utm_source=newsletter&utm_medium=email&utm_campaign=2021-01-27-x#top"
    )
    assert track("https://example.org/a/?utm_source=x") == (
        "https://example.org/a/?utm_source=x&utm_medium=email&utm_campaign=2021-01-27-x"
    )
    assert track("https://www.iaea.org/") == "https://www.iaea.org/"
    assert track(site.newsletter.unsubscribe_url) == site.newsletter.unsubscribe_url
    assert (
        track("https://feeds.example.org/email/x/email.html")
        == "https://feeds.example.org/email/x/email.html"
    )
    assert (
        LinkTracker.for_issue(make_site(), "x")("https://example.org/a/")
        == "https://example.org/a/"
    )

    rendered = render([rich_article()], site)
    hrefs = Tags(rendered.html).hrefs()
    assert (
        "https://example.org/related/?utm_source=newsletter&utm_medium=email&utm_campaign=2021-01-27-a-commentary"
        in hrefs
    )
    assert "https://www.iaea.org/newscenter/statements" in hrefs
    assert "https://example.org/unsubscribe" in hrefs
    assert "utm_campaign=2021-01-27-a-commentary" in rendered.text


def test_single_issue_content():
    rendered = render([rich_article()], rich_site())
    page = rendered.html
    tags = Tags(page)
    text = " ".join(" ".join(tags.text).split())
    assert "Will “Build Back Better” work vis-à-vis North Korea?" in text
    assert "By Angela Kane and Jane Doe · January 27, 2021" in text
    images = {i.get("src"): i.get("alt") for i in tags.all("img")}
    assert images["https://example.org/logo.png"] == "Example Centre"
    assert images["https://example.org/hero.jpg"] == "The president at a lectern"
    assert (
        images["https://img.youtube.com/vi/abc/hqdefault.jpg"]
        == "Watch the video: Panel discussion"
    )
    assert "President Joe Biden delivers remarks." in text and "Official White House Photo" in text
    assert "What comes next" in text and "A quotation from someone important" in text
    assert "https://www.youtube.com/watch?v=abc" in tags.hrefs()
    assert "<video" not in page and "<iframe" not in page
    # footer
    assert "1 Example Street, 1010 Vienna, Austria" in text
    assert "You are receiving this email because you subscribed to our commentary." in text
    anchors = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', page)
    assert ("https://example.org/unsubscribe", "Unsubscribe") in anchors
    assert (
        "https://feeds.example.org/email/2021-01-27-a-commentary/email.html",
        "View in browser",
    ) in anchors


def test_no_image_without_src_and_a_button_for_a_video_without_thumbnail():
    article = rich_article(
        image={"caption": "A caption", "credit": "Someone"}, video={"url": "https://vimeo.com/1"}
    )
    rendered = render([article])
    assert [i.get("src") for i in Tags(rendered.html).all("img")] == []
    assert "A caption" not in rendered.html
    anchors = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', rendered.html)
    assert ("https://vimeo.com/1", "▶ Watch the video") in anchors
    assert (
        "Watch the video (Will “Build Back Better” work vis-à-vis North Korea?): https://vimeo.com/1"
        in rendered.text
    )


def test_excerpt_mode_shows_the_summary_and_a_button():
    site = make_site(newsletter=newsletter(content="excerpt"))
    rendered = render([rich_article()], site)
    assert "What comes next" not in rendered.html
    assert "Intro with a link and a quoted remark." in rendered.html
    assert re.search(
        r'<a href="https://example.org/a-commentary/"[^>]*>Read on the website</a>', rendered.html
    )
    assert "What comes next" not in rendered.text
    assert "Read on the website: https://example.org/a-commentary/" in rendered.text


def test_date_byline_and_lang_follow_the_site_language():
    site = make_site(language="de-AT", timezone="Asia/Tokyo", newsletter=newsletter())
    late = datetime(2021, 1, 27, 20, 0, tzinfo=ZoneInfo("Europe/Vienna"))  # 28 Jan in Tokyo
    rendered = render([make_article(date=late, authors=("Angela Kane", "Jane Doe"))], site)
    assert '<html lang="de-AT"' in rendered.html
    # "By" is the template's word (templates are the site's to translate); names and date are babel's
    assert "By Angela Kane und Jane Doe · 28. Jänner 2021" in rendered.html  # Austrian German
    assert rendered.issue.id == "2021-01-28-a-commentary"


ARABIC = {"title": "التعاون ضرورة", "summary": "على الدول أن تتعاون.", "language": "ar"}


def test_a_piece_in_a_right_to_left_language_is_marked_and_aligned_in_a_digest():
    pieces = many_articles(2)
    pieces[1] = pieces[1].model_copy(update=ARABIC)
    rendered = render(pieces, make_site(newsletter=newsletter()))
    assert '<html lang="en"' in rendered.html
    marked = re.findall(r'<(\w+) lang="ar" dir="rtl"[^>]*>([^<]*)<', rendered.html)
    # the title, the summary, and the title again in the link line ("Read “…” →"), where it is
    # isolated from the English around it (an element with `dir` is a bidi isolate)
    assert marked == [("a", ARABIC["title"]), ("div", ARABIC["summary"]), ("span", ARABIC["title"])]
    assert f'Read “<span lang="ar" dir="rtl">{ARABIC["title"]}</span>” →' in rendered.html
    # Its title and summary blocks are right-aligned; the other piece's are not.
    aligned = re.findall(
        r'<div style="[^"]*text-align:right;[^"]*">\s*<(?:a|div) lang="ar"', rendered.html
    )
    assert len(aligned) == 2
    assert rendered.html.count("text-align:right") == 2


def test_a_piece_in_another_language_is_marked_whole_in_a_single_issue():
    arabic = make_article(body="على الدول أن تتعاون.\n\nثم ماذا؟\n", **ARABIC)
    rendered = render([arabic], make_site(newsletter=newsletter()))
    assert '<h1 lang="ar" dir="rtl" style="' in rendered.html
    assert re.search(r'<div lang="ar" dir="rtl"><p style="[^"]*">على الدول', rendered.html)
    german = make_article(language="de", title="Abrüstung")
    rendered = render([german], make_site(newsletter=newsletter()))
    assert '<h1 lang="de" style="' in rendered.html and "text-align:right" not in rendered.html


def test_digest_lists_title_summary_and_read_more_newest_first():
    rendered = render(many_articles(3), rich_site())
    anchors = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', rendered.html)
    titles = [t for _, t in anchors if t.startswith("Commentary number")]
    assert titles == [
        f"Commentary number {i} on nuclear verification and regional security" for i in range(3)
    ]
    reads = [t for _, t in anchors if t.startswith("Read “")]
    assert reads == [
        f"Read “Commentary number {i} on nuclear verification and regional security” →"
        for i in range(3)
    ], "each link names its piece"
    assert rendered.html.count("A summary sentence of moderate length") == 9
    assert "more on our website" not in rendered.html


# --- the size budget and the 30-article digest --------------------------------------------------


def test_thirty_article_digest_is_capped_with_a_link_to_the_website():
    site = rich_site()
    rendered = render(many_articles(30), site)
    assert len(rendered.issue.shown) == site.newsletter.max_digest_articles == 10
    assert len(rendered.issue.more) == 20
    assert rendered.html.count(">Read “Commentary number") == 10
    base = (
        "https://example.org/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign="
        + rendered.issue.id
    )
    assert re.search(f'<a href="{re.escape(base)}"[^>]*>20 more on our website</a>', rendered.html)
    assert "20 more on our website: https://example.org/?utm_source=" in rendered.text
    assert len(rendered.html.encode()) <= site.newsletter.html_budget_bytes
    wide = rich_site(publish={"window_days": 60})
    outputs = render_newsletter(context(many_articles(30), wide))
    assert len(outputs[0].meta["articles"]) == 30 and len(outputs[0].meta["shown"]) == 10


def test_thirty_article_digest_fits_the_budget_uncapped():
    site = rich_site(newsletter=newsletter(max_digest_articles=30, utm={}))
    rendered = render(many_articles(30), site)
    assert len(rendered.issue.shown) == 30
    assert len(rendered.html.encode()) <= 90_000


def test_over_budget_is_a_build_error_naming_issue_and_size():
    site = make_site(newsletter=newsletter(html_budget_bytes=10_000))
    with pytest.raises(BuildError) as caught:
        render([rich_article()], site)
    message = str(caught.value)
    assert "2021-01-27-a-commentary" in message
    assert "(content/commentary/" in message  # the content file that made it too big
    assert re.search(r"email\.html is \d{2},\d{3} bytes, over the budget of 10,000", message)
    assert "newsletter.html_budget_bytes" in message


# --- plain text --------------------------------------------------------------------------------


def test_plain_text_is_written_from_the_markdown(sample_issue):
    text = sample_issue.text
    assert text.startswith(
        "Vienna Center for Disarmament and Non-Proliferation\n\n" + SAMPLE_TITLE + "\n==="
    )
    assert "<" not in text and "&amp;" not in text
    assert "\nThe biggest obstacle, said Ms. Kane, is time." in text
    assert "vis-à-vis North Korea" in text
    assert text.rstrip().endswith("Unsubscribe: https://vcdnp.org/newsletter/unsubscribe/")
    assert max(len(line) for line in text.splitlines() if "https://" not in line) <= 72


def test_plain_text_links_are_numbered_references_listed_after_the_body():
    text = render([rich_article()], rich_site()).text
    assert "Intro with a link [1] and a _quoted_ “vis-à-vis” remark about the" in text
    assert "IAEA [2]." in text
    assert "- Second point with a link [3]." in text
    assert "> A quotation from someone important" in text
    assert "Write to the editors [4]." in text
    links = text.split("\nLinks:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert links == [
        "[1] https://example.org/related/?utm_source=newsletter&utm_medium=email&utm_campaign=2021-01-27-a-commentary",
        "[2] https://www.iaea.org/newscenter/statements",
        "[3] https://example.org/second/?utm_source=newsletter&utm_medium=email&utm_campaign=2021-01-27-a-commentary",
        "[4] mailto:editors@example.org",
    ]
    assert text.index("Links:") < text.index("Unsubscribe:")


# --- the .eml ----------------------------------------------------------------------------------


def test_eml_is_multipart_alternative_text_then_html(sample_issue):
    message = parsed(sample_issue)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert parts[0].get_content().replace("\r\n", "\n") == sample_issue.text
    assert parts[1].get_content().replace("\r\n", "\n").rstrip("\n") == sample_issue.html
    assert message["Subject"] == SAMPLE_TITLE
    assert message["From"] == "VCDNP Commentary <newsletter@vcdnp.org>"
    assert message["To"] == "commentary-subscribers@lists.vcdnp.org"
    assert message["Reply-To"] == "info@vcdnp.org"
    assert message["Date"].datetime == datetime(2021, 1, 27, 12, tzinfo=ZoneInfo("Europe/Vienna"))
    assert message["Message-ID"] == f"<{SAMPLE_ID}@vcdnp.org>"
    assert message["List-Unsubscribe"] == "<https://vcdnp.org/newsletter/unsubscribe/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_eml_headers_are_encoded_and_lines_are_smtp_safe():
    rendered = render([rich_article()], rich_site())
    raw = rendered.eml
    head = raw.split(b"\r\n\r\n", 1)[0]
    head.decode("ascii")  # non-ASCII only as RFC 2047 encoded words
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    message = parsed(rendered)
    assert message["Subject"] == "Will “Build Back Better” work vis-à-vis North Korea?"
    assert message["From"].addresses[0].display_name == "Zentrum für Abrüstung"
    # Python's SMTP policy folds right after the colon here: legal, and unfolds the same.
    assert (
        message["List-Unsubscribe"].strip()
        == "<https://example.org/unsubscribe>, <mailto:leave@example.org>"
    )
    assert (
        message.get_boundary()
        == render([rich_article()], rich_site()).eml.split(b'boundary="')[1].split(b'"')[0].decode()
    )


def test_eml_message_id_and_boundary_are_stable_per_issue():
    one = parsed(render([make_article()]))
    two = parsed(render([make_article(title="Another title", content_hash="1" * 64)]))
    other = parsed(render([make_article(slug="another")]))
    assert one["Message-ID"] == two["Message-ID"] == "<2021-01-27-a-commentary@example.org>"
    assert one.get_boundary() == two.get_boundary() != other.get_boundary()
    assert one["Message-ID"] != other["Message-ID"]


# --- bad input ---------------------------------------------------------------------------------


def write_templates(folder: Path, **files: str) -> Path:
    target = folder / "email"
    target.mkdir(parents=True)
    for source in TEMPLATES.joinpath("email").iterdir():
        (target / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in files.items():
        (target / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def test_template_syntax_error_names_file_and_line(tmp_path):
    templates = write_templates(
        tmp_path,
        single__mjml__j2='{% extends "base.mjml.j2" %}\n{% block content %}\n{% if %}\n{% endblock %}\n',
    )
    with pytest.raises(BuildError, match=r"single\.mjml\.j2:3: template syntax error"):
        render([make_article()], templates=templates)


def test_missing_variable_is_an_error_naming_file_and_line(tmp_path):
    templates = write_templates(
        tmp_path,
        single__mjml__j2='{% extends "base.mjml.j2" %}\n{% block content %}\n\n    <mj-section><mj-column><mj-text>{{ article_subtitle }}</mj-text></mj-column></mj-section>\n{% endblock %}\n',
    )
    with pytest.raises(
        BuildError, match=r"single\.mjml\.j2:4: template error: 'article_subtitle' is undefined"
    ):
        render([make_article()], templates=templates)


def test_missing_template_and_invalid_mjml_are_build_errors(tmp_path):
    with pytest.raises(BuildError, match=r"single\.mjml\.j2: template not found"):
        render([make_article()], templates=tmp_path)
    templates = write_templates(
        tmp_path / "bad", single__mjml__j2="<mjml><mj-body><mj-section></mjml>\n"
    )
    with pytest.raises(BuildError, match=r"single\.mjml\.j2: MJML does not compile"):
        render([make_article()], templates=templates)


def test_template_that_drops_alt_is_caught(tmp_path):
    broken = TEMPLATES.joinpath("email", "single.mjml.j2").read_text(encoding="utf-8")
    broken = broken.replace(' alt="{{ article.image.alt }}"', "")
    templates = write_templates(tmp_path, single__mjml__j2=broken)
    with pytest.raises(BuildError, match=r"2021-01-27-a-commentary .*<img> without alt"):
        render([rich_article()], templates=templates)


def test_http_video_in_an_article_is_a_content_error():
    # A plain http:// link in the body is kept (a warning; see tests/importers/test_sites.py).
    article = rich_article(
        body="See [this](http://insecure.example.com/).\n",
        video={"url": "http://video.example.com/1", "thumbnail": "http://video.example.com/1.jpg"},
    )
    with pytest.raises(ContentError) as caught:
        render([article])
    lines = caught.value.lines()
    assert lines == [
        "content/commentary/a-commentary.md: video.thumbnail: must be an absolute https:// URL in email",
        "content/commentary/a-commentary.md: video.url: must be an absolute https:// URL in email",
    ]


def test_image_without_alt_is_a_content_error(content_tree: ContentTree):
    content_tree.add(
        "no-alt", "title: T\ndate: '2021-01-27'\nimage:\n  src: https://example.org/a.jpg\n"
    )
    with pytest.raises(
        ContentError, match=r"no-alt\.md:4: image\.alt: required when image\.src is given"
    ):
        load_content(content_tree.root)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"postal_address": None}, "postal_address"),
        ({"unsubscribe_url": None}, "unsubscribe_url"),
        ({"unsubscribe_url": "http://example.org/unsubscribe"}, "unsubscribe_url"),
    ],
)
def test_settings_require_postal_address_and_https_unsubscribe(change, field):
    settings = newsletter(**change)
    settings = {k: v for k, v in settings.items() if v is not None}
    with pytest.raises(ValidationError) as caught:
        make_site(newsletter=settings)
    assert [e["loc"] for e in caught.value.errors()] == [("newsletter", field)]


def test_bad_sender_address_names_the_setting():
    with pytest.raises(ValidationError) as caught:
        make_site(
            newsletter=newsletter(**{"from": "Example Centre", "to": ["ok@example.org", "nobody"]})
        )
    assert [error["loc"] for error in caught.value.errors()] == [
        ("newsletter", "from"),
        ("newsletter", "to", 1),
    ]


def test_article_body_is_an_error_in_a_digest_template(tmp_path):
    digest = TEMPLATES.joinpath("email", "digest.mjml.j2").read_text(encoding="utf-8")
    summary = "{{ article.summary }}{% endif %}</mj-text>"
    assert summary in digest
    digest = digest.replace(summary, "{{ article.body_html }}{% endif %}</mj-text>")
    templates = write_templates(tmp_path, digest__mjml__j2=digest)
    with pytest.raises(BuildError, match=r"digest\.mjml\.j2:\d+: .*only in a single issue"):
        render(many_articles(2), templates=templates)


# --- wired into the build ----------------------------------------------------------------------


def test_pipeline_build_writes_the_issue_and_its_manifest_entries(
    sample_content, tmp_path, monkeypatch
):
    from pipeline import build as build_module

    monkeypatch.setattr(build_module, "_renderers", lambda: [render_newsletter])
    out = tmp_path / "dist"
    build_module.build(sample_content, out, TEMPLATES, tmp_path / "ledger.jsonl")
    folder = out / "email" / SAMPLE_ID
    assert sorted(p.name for p in folder.iterdir()) == [
        "email.html",
        "email.mjml",
        "email.txt",
        "message.eml",
    ]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["outputs"] if e["kind"] == "email/html")
    assert entry["path"] == f"email/{SAMPLE_ID}/email.html"
    assert entry["subject"] == SAMPLE_TITLE
    assert entry["preheader"].startswith("What are newly inaugurated")
    assert entry["html_bytes"] == entry["bytes"] == (folder / "email.html").stat().st_size
    assert entry["issue_id"] == SAMPLE_ID and entry["articles"] == [SAMPLE_SLUG]
    assert (folder / "email.html").read_bytes() == (
        GOLDEN / "email" / "sample" / "email.html"
    ).read_bytes()


def test_an_image_without_alt_or_over_http_is_a_content_error_at_render_time_too():
    article = make_article(
        image={"src": "http://example.org/a.jpg"},
        body="![](https://example.org/b.png)\n\n![x](http://example.org/c.png)\n",
    )
    with pytest.raises(ContentError) as caught:
        render([article])
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("body", "image 'http://example.org/c.png' must be absolute https:// in email"),
        ("image.alt", "required when image.src is given"),
        ("image.src", "must be an absolute https:// URL in email"),
    ]


def test_markup_in_titles_and_settings_is_escaped():
    site = make_site(
        name="Centre <R&D>", newsletter=newsletter(reason='Because "you" <asked> & agreed.')
    )
    rendered = render([make_article(title='A < B & "C"', summary="x < y")], site)
    text = " ".join(Tags(rendered.html).text)
    assert (
        'A < B & "C"' in text
        and "Centre <R&D>" in text
        and 'Because "you" <asked> & agreed.' in text
    )
    assert "<asked>" not in rendered.html
    assert 'A < B & "C"' in rendered.text


def test_sent_issues_keep_their_view_in_browser_page_and_nothing_else():
    articles = many_articles(3)
    site = make_site(publish={"window_days": 60})
    first = plan_issue(articles[1:], site)
    assert first is not None
    ledger = Ledger(
        (
            Record(
                "email",
                first.id,
                "h",
                "intent",
                "2021-01-26T10:00:00+00:00",
                {"articles": ["piece-01", "piece-02"]},
            ),
            Record(
                "email",
                first.id,
                "h",
                "receipt",
                "2021-01-26T10:01:00+00:00",
                {"articles": ["piece-01", "piece-02"]},
            ),
            Record(
                "email",
                "gone",
                "h",
                "receipt",
                "2021-01-20T10:00:00+00:00",
                {"articles": ["deleted-piece"]},
            ),
        )
    )
    outputs = render_newsletter(context(articles, site, ledger))
    paths = {o.path: o for o in outputs}
    assert set(paths) == {
        f"email/{first.id}/email.html",
        "email/2021-01-27-piece-00/email.html",
        "email/2021-01-27-piece-00/email.txt",
        "email/2021-01-27-piece-00/message.eml",
        "email/2021-01-27-piece-00/email.mjml",
    }
    archived = paths[f"email/{first.id}/email.html"]
    assert archived.meta["sent"] is True and archived.meta["articles"] == ["piece-01", "piece-02"]
    assert archived.data == render(articles[1:], site).html.encode()


def test_a_digest_cap_that_could_never_fit_the_budget_is_refused():
    with pytest.raises(ValidationError) as caught:
        make_site(newsletter=newsletter(max_digest_articles=100))
    assert caught.value.errors()[0]["loc"] == ("newsletter", "max_digest_articles")


def test_templates_are_compiled_once_and_kept_beside_the_cache(tmp_path, monkeypatch):
    """Jinja's compiled templates go to the cache folder: a later build that renders the issue
    again (its article edited) and the review page loads them and compiles nothing; one that
    cannot keep them (a read-only folder) still builds."""
    import shutil

    import jinja2

    from pipeline.build import build
    from pipeline.cache import Cache
    from pipeline.render.email.templates import environment
    from tests.conftest import SAMPLE_CONTENT, SAMPLE_MOMENT

    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    ledger = tmp_path / "ledger.jsonl"
    build(content, tmp_path / "one", TEMPLATES, ledger, cache=Cache(tmp_path / "c"),
          now=SAMPLE_MOMENT)  # fmt: skip
    kept = sorted(p.name for p in (tmp_path / "c" / "templates").iterdir())
    assert len(kept) >= 4  # single.mjml.j2, its base, single.txt.j2, its base, the review page

    (piece,) = (content / "commentary").glob("*.md")
    piece.write_text(piece.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    environment.cache_clear()  # as in a new process

    def compile_again(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a template was compiled again")

    with monkeypatch.context() as patched:
        patched.setattr(jinja2.Environment, "compile", compile_again)
        build(content, tmp_path / "two", TEMPLATES, ledger, cache=Cache(tmp_path / "c"),
              now=SAMPLE_MOMENT)  # fmt: skip
    assert "A correction." in next((tmp_path / "two" / "email").rglob("email.txt")).read_text()

    environment.cache_clear()
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "templates").write_text("not a folder")  # the compiled templates cannot be kept
    build(content, tmp_path / "three", TEMPLATES, ledger, cache=Cache(blocked), now=SAMPLE_MOMENT)
    assert (tmp_path / "three" / "review" / "index.html").is_file()


VIENNA = ZoneInfo("Europe/Vienna")
PANEL = {
    "start": datetime(2021, 2, 10, 14, 0, tzinfo=VIENNA),
    "end": datetime(2021, 2, 10, 15, 30, tzinfo=VIENNA),
    "place": "Vienna and online",
    "form": "https://example.org/register/",
}


def test_an_event_shows_when_where_and_registration_beside_its_summary():
    panel = make_article(slug="panel", kind="event", event=PANEL)
    call = make_article(
        slug="call",
        kind="call",
        call={"deadline": datetime(2021, 3, 1, tzinfo=VIENNA), "timed": False},
    )
    rendered = render([panel, call, *many_articles(1)], make_site(newsletter=newsletter()))
    when = "Wednesday, February 10, 2021, 2:00\u2009–\u20093:30\u202fPM CET · Vienna and online"
    assert f"<strong>{when}</strong> · " in rendered.html
    assert re.search(
        r'<a href="https://example.org/register/[^"]*"[^>]*>Register</a>', rendered.html
    )
    assert "<strong>Deadline: Monday, March 1, 2021</strong></mj-text>" in rendered.mjml
    plain = " ".join(when.split())  # the plain text is wrapped on plain spaces
    assert f"\n{plain}\nRegister: https://example.org/register/\n" in rendered.text
    assert "\nDeadline: Monday, March 1, 2021\n" in rendered.text
    (single,) = [render([panel], make_site(newsletter=newsletter()))]
    assert f"<strong>{when}</strong><br /><a href=" in single.html


def test_an_event_over_by_the_articles_date_is_reported_not_announced():
    held = {**PANEL, "start": datetime(2021, 1, 20, 14, 0, tzinfo=VIENNA), "end": None}
    recording = make_article(kind="event", event=held)  # dated 2021-01-27
    rendered = render([recording], make_site(newsletter=newsletter()))
    assert "January 20" not in rendered.html and "Register" not in rendered.text
    # A date alone lasts the whole day: an all-day event on the article's own day is ahead.
    today = {"start": datetime(2021, 1, 27, tzinfo=VIENNA), "timed": False}
    rendered = render([make_article(kind="event", event=today)], make_site(newsletter=newsletter()))
    assert "<strong>Wednesday, January 27, 2021</strong>" in rendered.html


def _briefing():
    """An event dated 27 January that ended at 17:00 that day: over by NOW (28 January)."""
    briefing = {"start": datetime(2021, 1, 27, 17, 0, tzinfo=VIENNA), "form": PANEL["form"]}
    return make_article(slug="briefing", kind="event", event=briefing, title="Briefing")


def test_an_event_over_by_the_builds_clock_is_no_longer_announced():
    # Both dated 27 January; NOW is 28 January 09:00 UTC. The briefing ended the evening before.
    over = _briefing()
    ahead = make_article(slug="panel", kind="event", event=PANEL, title="Panel")
    outputs = render_newsletter(context([over, ahead], make_site(newsletter=newsletter())))
    text = next(o for o in outputs if o.path.endswith("email.txt")).data.decode()
    assert "Wednesday, January 27, 2021, 5:00" not in text and text.count("Register: ") == 1
    assert "Wednesday, February 10, 2021" in text
    # The manifest says until when the issue announces the panel: not sent after that.
    (eml,) = [o for o in outputs if o.kind == "email/eml"]
    assert eml.meta["announces"] == {"panel": "2021-02-10T15:30:00+01:00"}
    # An issue that announces nothing says nothing of it.
    plain = render_newsletter(context([make_article()]))
    assert all("announces" not in o.meta for o in plain)


def test_a_sent_issues_page_shows_what_its_email_showed():
    """The "view in browser" page of a sent issue is the issue as of its send: an event it
    announced stays on it (though the build's clock, NOW: 28 January, is past it), and one
    over when it was sent, which its email left out, stays out."""
    over = _briefing()
    site = make_site(newsletter=newsletter())
    sent = plan_issue([over], site)
    assert sent is not None
    for at, announced in (
        ("2021-01-27T10:00:00+00:00", True),
        ("2021-01-28T08:00:00+00:00", False),
    ):
        records = tuple(
            Record("email", sent.id, "h", event, at, {"articles": ["briefing"], "date": at})
            for event in ("intent", "receipt")
        )
        (page,) = [o for o in render_newsletter(context([over], site, Ledger(records)))
                   if o.meta.get("sent")]  # fmt: skip
        assert ("Register" in page.data.decode()) == announced, at
