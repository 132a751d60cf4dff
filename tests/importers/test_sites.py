"""Pages of many site structures, served on 127.0.0.1: the headline, the address and the tags."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from pipeline import markdown
from pipeline.content import load_content
from pipeline.importers.html_markdown import parse_html
from pipeline.importers.page import drop_lead_image, import_page, pick_title, split_tags
from tests.conftest import TEMPLATES, ContentTree
from tests.importers.conftest import FIXTURES, LocalWeb, run_import

SITES = FIXTURES / "sites"
# page -> (the headline the page shows, its tags)
EXPECTED = {
    "news-dw.html": (
        "EU unveils new initiative to curb methane leaks",  # "| DW" dropped
        ("EU", "methane", "climate policy", "energy imports"),
    ),
    "wordpress-ngo.html": ("Water access in Sahel villages improves", ("Sahel", "Water")),
    "blog-h1-differs.html": (
        "Carbon border taxes: what the EU's levy means for exporters",  # the <h1>, not og:title
        (),
    ),
    "no-canonical.html": ("Regional security forum ends with joint statement", ()),
    "site-name-title.html": ("Lagos commuters face longer waits as ferry route closes", ()),
    "opinion-section.html": ("The case for a four-day week in the civil service", ()),
    "video-figure.html": ("Inside the new fusion test hall", ()),
    "university-news.html": (
        "Researchers map ocean microplastics from orbit",  # "| News | University of …" dropped
        ("oceanography", "satellites", "microplastics"),
    ),
    "thinktank-report.html": (
        "Report launch: Nuclear risk reduction in a fragmented order",
        ("Nuclear risk", "Arms control"),
    ),
    "german.html": (
        "Bundestag beschließt Gesetz zur Wärmewende",
        ("Wärmewende", "Bundestag", "Klimaschutz", "Heizungsgesetz"),
    ),
    "french-keywords.html": (
        "Le Sahel face à une crise alimentaire sans précédent",
        ("Sahel", "sécurité alimentaire", "Niger", "Mali", "aide humanitaire"),
    ),
    "event-webinar.html": ("Webinar: The Future of the NPT Review Process", ()),
    "thinktank-commentary.html": (
        "Russia's Nuclear Signalling After Ukraine",
        ("Russia", "Nuclear doctrine"),
    ),
    "short-statement.html": ("Statement on the DPRK missile launch", ()),
    # the site's logo is an <h1 class="site-title">, and <title> is "Site | Headline"
    # its tags only in the JSON-LD `keywords` (Yoast)
    "wp-yoast-org-author.html": (
        "Op-Ed: The Fissile Material Treaty Is Not Dead Yet",
        ("Conference on Disarmament", "FMCT", "Fissile Material"),
    ),
    "university-press-office.html": (
        "Physicists develop muon scanner to check sealed waste casks",
        ("muon tomography", "spent fuel", "safeguards", "physics"),
    ),
    "ghost-blog.html": (
        "The Quiet Return of Nuclear Testing Talk",
        ("Testing", "CTBT", "Analysis"),
    ),
    "hugo-blog.html": (
        "Counting Centrifuges: What the Latest IAEA Report Does and Doesn't Tell Us",
        ("IAEA", "Iran", "safeguards", "enrichment"),
    ),
    "drupal10-footnotes.html": (
        "Four Design Choices for a European Nuclear Deterrent",
        ("Nuclear Deterrence", "Europe", "NATO", "France", "United Kingdom"),
    ),
    "event-no-jsonld.html": ("Roundtable: The Future of Nuclear Arms Control in Asia", ()),
    "news-amp.html": (
        "South Korea weighs enrichment rights as Seoul, Washington reopen nuclear pact",
        ("South Korea", "United States", "123 Agreement", "Enrichment"),
    ),
    "japanese.html": (
        "原子力発電所への攻撃と核セキュリティの空白",
        ("核セキュリティ", "原子力発電所", "ウクライナ", "IAEA"),
    ),
    "portuguese.html": (
        "O submarino nuclear brasileiro e o acordo com a AIEA",
        ("Não proliferação", "Marinha do Brasil", "AIEA"),
    ),
    "report-landing.html": (
        "Verifying Warhead Dismantlement: Lessons from a Decade of Trials",
        ("verification", "dismantlement", "warheads", "disarmament"),  # citation_keywords, ";"
    ),
    "logo-h1.html": (
        "Iraq’s Research Reactor Question, Revisited",
        ("Iraq", "research reactors", "HEU"),
    ),
    # " – Analysis" after the headline is its label (kind: analysis)
    "wordpress-yoast.html": ("Japan’s Plutonium Problem Is Back", ("Japan", "Plutonium")),
    "drupal-think-tank.html": (
        "The New START Aftermath: Three Scenarios",
        ("Arms Control", "Russia", "New START", "Nuclear Weapons"),
    ),
    "news-cms.html": ("Iran nuclear talks: Envoys meet in Oman as deadline looms", ()),
    "french-wp.html": ("Le TNP à l’épreuve de la guerre en Ukraine", ()),
    "medium-like.html": ("Arms Control Needs Its Own Moonshot", ()),
    # Headlines in scripts other than Latin ("— Центр …", "_国际…", "| مركز …" dropped).
    "russian.html": (
        "После ДСНВ: что ждёт контроль над вооружениями",
        ("ДСНВ", "контроль над вооружениями", "ядерное оружие"),
    ),
    "chinese.html": ("亚洲核能发展与保障监督的挑战", ("核能", "保障监督", "国际原子能机构")),
    "arabic.html": (
        "التعاون مع الوكالة الدولية للطاقة الذرية في الخليج",
        ("الوكالة الدولية للطاقة الذرية", "الخليج", "الطاقة النووية"),
    ),
}


def test_every_fixture_page_has_an_expectation() -> None:
    assert sorted(p.name for p in SITES.glob("*.html")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_imported_page_keeps_its_headline_and_tags(
    name: str, web: LocalWeb, content_tree: ContentTree
) -> None:
    title, tags = EXPECTED[name]
    url = web.add_fixture(f"/{name.removesuffix('.html')}/", f"sites/{name}")
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.title == title
    assert article.tags == tags
    assert len(set(t.casefold() for t in article.tags)) == len(article.tags)
    # The page's <html lang>, kept where it is not the site's (en; en-GB and en-US are too).
    assert article.language == LANGUAGES.get(name)


LANGUAGES = {"german.html": "de", "french-keywords.html": "fr", "russian.html": "ru",
             "french-wp.html": "fr-FR", "japanese.html": "ja", "portuguese.html": "pt-BR",
             "chinese.html": "zh-CN", "arabic.html": "ar"}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "slug", "authors", "kind", "first_words"),
    [
        ("russian.html", "posle-dsnv", ("Антон Хлопков",), "analysis", "Пятого февраля"),
        # <meta name="author"> of one word, which trafilatura sets aside for the byline's text;
        # the address's ".html" is no part of the slug
        ("chinese.html", "nuclear-energy-safeguards", ("李明",), "commentary", "亚洲正在成为"),
        ("arabic.html", "iaea-gulf-cooperation", (), "analysis", "تسعى دول الخليج"),
    ],
)
def test_a_page_in_another_script_keeps_its_authors_kind_and_text(
    name: str, slug: str, authors: tuple[str, ...], kind: str, first_words: str,
    web: LocalWeb, content_tree: ContentTree,
) -> None:  # fmt: skip
    url = web.add_fixture(f"/{name.removesuffix('.html')}/", f"sites/{name}")
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert (article.slug, article.authors, article.kind) == (slug, authors, kind)
    assert article.body_markdown.startswith(first_words), article.body_markdown[:80]
    assert article.title not in article.body_markdown


@pytest.mark.parametrize(
    ("declared", "tag"),
    [
        (("fr-fr",), "fr-FR"),
        (("en_US",), "en-US"),
        (("zh-hans",), "zh-Hans"),
        (("pt-XX",), "pt"),  # a region babel does not know: the language alone
        (("", "  ", "xx", "de_AT"), "de-AT"),  # the first usable one
        (("español", None), None),
        (("und", "mul", "fr"), "fr"),  # undetermined and several are no language
    ],
)
def test_a_declared_language_is_written_as_the_build_reads_it(declared, tag) -> None:
    from pipeline.importers.draft import declared_language

    assert declared_language(*declared) == tag


def test_a_page_without_lang_gives_its_og_locale() -> None:
    from pipeline.importers.page import page_language

    tree = parse_html('<html><head><meta property="og:locale" content="es_ES"></head></html>')
    assert page_language(tree) == "es-ES"


@pytest.mark.parametrize(
    ("html", "title"),
    [
        # The site's name, taken from the difference between <title> and og:title.
        (
            "<title>A plan for cleaner rivers - Auto News</title>"
            "<meta property='og:title' content='A plan for cleaner rivers'>",
            "A plan for cleaner rivers",
        ),
        # A section name (a menu entry) is not a headline; nor is the site's name.
        (
            "<title>Opinion</title><nav><a href='/opinion'>Opinion</a></nav>"
            "<article><h1>Why cities need more trees</h1></article>",
            "Why cities need more trees",
        ),
        ("<title>Opinion</title><nav><a href='/opinion'>Opinion</a></nav>", ""),
        # A short headline linked to its own page (WordPress) is still the headline.
        (
            "<title>Iran after the deal – Centre</title><header><h1><a href='/iran/'>"
            "Iran after the deal</a></h1></header><nav><a href='/iran/'>Iran</a></nav>",
            "Iran after the deal",
        ),
        (
            "<meta property='og:site_name' content='LinkNaija'><title>LinkNaija</title>"
            "<h1>LinkNaija</h1><h1>Fuel queues return to Abuja</h1>",
            "Fuel queues return to Abuja",
        ),
        # No <h1>: the element styled as the headline, over a <title> of site and section.
        (
            "<title>WiDN | News</title><nav><a href='/news'>News</a></nav>"
            "<div class='col'><h2 class='newstitle'>Survivors Take the Floor at the Review "
            "Conference</h2><p>Text.</p></div><aside><h3 class='widget-title'>Latest news "
            "from the network</h3></aside>",
            "Survivors Take the Floor at the Review Conference",
        ),
        (
            "<title>NIACS :: Commentary :: After Zapad-2026: What Nordic Early Warning Needs "
            "Now</title><div class='headline'>After Zapad-2026: What Nordic Early Warning Needs "
            "Now</div>",
            "After Zapad-2026: What Nordic Early Warning Needs Now",
        ),
        # A bilingual headline: its part in the page's language.
        (
            "<title>Tlatelolco a los 60 años | Tlatelolco at 60</title><h1><span lang='es'>"
            "Tlatelolco a los 60 años: la zona libre</span><br><span lang='en'>Tlatelolco at 60: "
            "The Free Zone</span></h1>",
            "Tlatelolco a los 60 años: la zona libre",
        ),
    ],
)
def test_pick_title(html: str, title: str) -> None:
    assert pick_title(parse_html(f"<html><head></head><body>{html}</body></html>"), []) == title


def test_a_headline_only_in_json_ld_is_still_found_but_never_a_section_name() -> None:
    page = (
        "<html><head><title>Opinion</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "headline": "Why cities need more trees"}'
        "</script></head><body><nav><a href='/opinion'>Opinion</a></nav></body></html>"
    )
    tree = parse_html(page)
    assert pick_title(tree, [], "Why cities need more trees") == "Why cities need more trees"
    assert pick_title(tree, [], "Opinion") == ""


def test_keywords_are_one_tag_each_and_each_once() -> None:
    assert split_tags(["EU, methane,climate", "Methane", " ", "EU"]) == ["EU", "methane", "climate"]


def test_a_page_without_canonical_keeps_the_fetched_address_as_guid() -> None:
    text = (SITES / "no-canonical.html").read_text(encoding="utf-8")
    fetched = "http://127.0.0.1:8000/world/forum-statement/"
    imported = import_page(
        text, source=fetched, page_url=fetched, site_name="Centre", today=date(2026, 3, 20)
    )
    assert imported.draft.url is None  # not https: the email cannot link to it
    assert imported.draft.guid == fetched
    assert any(n.startswith("url:") and fetched in n for n in imported.draft.review)


def test_feeds_of_imported_pages_follow_the_validator_rules(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    """One image is a bare media:content; entries of one date get distinct atom:updated."""
    from lxml import etree

    from pipeline.render.feeds import render_atom, render_rss

    for name in ("university-news.html", "german.html", "news-dw.html"):
        url = web.add_fixture(f"/{name.removesuffix('.html')}/", f"sites/{name}")
        assert run_import(content_tree.root, url, "--date", "2026-03-09").exit_code == 0
    content = load_content(content_tree.root)
    assert sum(1 for a in content.articles if a.image) == 1
    media = "{http://search.yahoo.com/mrss/}"
    atom = "{http://www.w3.org/2005/Atom}"
    for xml in (
        render_rss(content.articles, content.site),
        render_atom(content.articles, content.site),
    ):
        tree = etree.fromstring(xml)
        assert tree.findall(f".//{media}group") == []
        (image,) = tree.iter(f"{media}content")
        assert image.get("url", "").endswith("/ocean-map.png")
        assert image.getparent().tag in {"item", f"{atom}entry"}
    atom_tree = etree.fromstring(render_atom(content.articles, content.site))
    updated = [e.findtext(f"{atom}updated") for e in atom_tree.iter(f"{atom}entry")]
    assert len(updated) == 3 and len(set(updated)) == 3, updated
    for entry in etree.fromstring(render_rss(content.articles, content.site)).iter("item"):
        terms = [c.text for c in entry.findall("category")]
        assert len(terms) == len(set(terms)), terms


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_two_articles_with_one_title_get_two_files(
    web: LocalWeb, content_tree: ContentTree, force: list[str]
) -> None:
    html = (SITES / "no-canonical.html").read_text(encoding="utf-8")
    first = web.add("/2025/forum/", html)
    second = web.add("/2026/forum/", html.replace("two-day", "three-day"))
    assert run_import(content_tree.root, first).exit_code == 0
    result = run_import(content_tree.root, second, *force)
    assert result.exit_code == 0, result.output
    articles = {a.slug: a for a in load_content(content_tree.root).articles}
    slug = "regional-security-forum-ends-with-joint-statement"
    assert sorted(articles) == [slug, f"{slug}-2"]
    assert "two-day" in articles[slug].body_markdown  # the first one is never replaced
    assert "three-day" in articles[f"{slug}-2"].body_markdown
    assert articles[f"{slug}-2"].guid == second
    # The same article again: skipped, or replaced in its own file with --force.
    again = run_import(content_tree.root, second, *force)
    assert again.exit_code == 0, again.output
    assert len(list((content_tree.root / "commentary").glob("*.md"))) == 2


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("HTTPS://Example.ORG:443/a/?utm_source=rss&b=2&a=1#top", "https://example.org/a/?a=1&b=2"),
        ("https://example.org/story/amp/?fbclid=x", "https://example.org/story/"),
        ("https://vcdnp.org/?p=20950", "https://vcdnp.org/?p=20950"),
    ],
)
def test_canonical_urls_are_normalised(given: str, canonical: str) -> None:
    from pipeline.importers.draft import canonical_url

    assert canonical_url(given) == canonical


def test_a_scrape_without_an_address_says_the_build_will_link_to_base_url() -> None:
    from pipeline.importers.scrape import import_scrape_text

    text = (FIXTURES / "scrape.txt").read_text(encoding="utf-8")
    draft, _ = import_scrape_text(text, "scrape.txt", "VCDNP", None, None, date(2026, 1, 1))
    assert draft.url is None
    assert any(n.startswith("url:") and "base_url + slug" in n for n in draft.review)
    with_url, _ = import_scrape_text(
        text, "scrape.txt", "VCDNP", "https://vcdnp.org/x/", None, date(2026, 1, 1)
    )
    assert not any(n.startswith("url:") for n in with_url.review)


def test_an_http_link_in_a_body_is_kept_and_warned_of_but_builds(
    web: LocalWeb, content_tree: ContentTree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built the day after the page's date, so that its newsletter issue is in the window.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772269200")  # 2026-02-28 09:00 UTC
    from tests.cli import run_cli

    html = (SITES / "german.html").read_text(encoding="utf-8")
    html = html.replace(
        "Der Städtetag forderte",
        'Der <a href="http://www.staedtetag.example.de/presse">Städtetag</a> forderte',
    )
    url = web.add("/waermewende/", html)
    assert run_import(content_tree.root, url).exit_code == 0
    root = str(content_tree.root)
    build = run_cli(
        [
            "build",
            *("--content", root, "--out", str(tmp_path / "dist")),
            *("--templates", str(TEMPLATES), "--ledger", str(tmp_path / "ledger.jsonl")),
        ],
    )
    assert build.exit_code == 0, build.output
    assert "http://www.staedtetag.example.de/presse" in build.stderr
    emails = list((tmp_path / "dist").rglob("email.html"))
    assert emails and "http://www.staedtetag.example.de/presse" in emails[0].read_text("utf-8")
    strict = run_cli(["check", "--strict", "--content", root])
    assert strict.exit_code == 1
    assert "link 'http://www.staedtetag.example.de/presse' is http, not https" in strict.stderr


@pytest.mark.parametrize(
    ("name", "caption", "credit"),
    [
        (
            "video-figure.html",  # credit in its own <span class="credit">
            "Technicians inspect the vacuum vessel before the first plasma.",
            "Photo: Ana Lopes / Fusion Lab",
        ),
        (
            "wordpress-ngo.html",  # credit at the end of the caption text
            "A new borehole in Tillabéri region.",
            "Photo: Aïssa Maïga / WaterAid Partners",
        ),
    ],
)
def test_the_lead_figure_keeps_caption_and_credit_with_one_note_for_alt(
    name: str, caption: str, credit: str, web: LocalWeb, content_tree: ContentTree
) -> None:
    url = web.add_fixture(f"/{name.removesuffix('.html')}/", f"sites/{name}")
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.image is not None
    assert (article.image.caption, article.image.credit) == (caption, credit)
    assert article.image.src is None  # no alt text on the page: the editor adds both
    image_notes = [n for n in article.review if "image" in n]
    assert len(image_notes) == 1, article.review
    assert "has no alt text" in image_notes[0]
    assert not article.body_markdown.startswith("![")  # the hero is not repeated in the body


def test_an_embedded_youtube_video_becomes_video(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture("/fusion/", "sites/video-figure.html")
    assert run_import(content_tree.root, url).exit_code == 0
    (article,) = load_content(content_tree.root).articles
    assert article.video is not None
    assert article.video.url == "https://www.youtube.com/watch?v=Xy7Zq2LmN0p"
    assert article.video.title == "A tour of the fusion test hall"


def test_an_image_with_alt_keeps_src_and_alt(web: LocalWeb, content_tree: ContentTree) -> None:
    url = web.add_fixture("/oceans/", "sites/university-news.html")
    assert run_import(content_tree.root, url).exit_code == 0
    (article,) = load_content(content_tree.root).articles
    assert article.image is not None
    assert article.image.src and article.image.src.endswith("/ocean-map.png")
    assert (
        article.image.alt == "A world map with ocean regions shaded by microplastic concentration"
    )
    assert not any("image" in n for n in article.review)


def test_a_feed_media_image_is_kept_with_one_note_and_each_category_once(
    web: LocalWeb, content_tree: ContentTree
) -> None:
    url = web.add_fixture("/physics/feed", "sites/media-feed.xml", "application/rss+xml")
    result = run_import(content_tree.root, url)
    assert result.exit_code == 0, result.output
    (article,) = load_content(content_tree.root).articles
    assert article.tags == ("Physics", "Energy")
    assert article.image is not None
    # feedparser keeps <media:description> only when no content:encoded replaces it.
    assert article.image.caption is None
    assert article.image.credit == "Photo: Ana Lopes / Science Wire"
    notes = [n for n in article.review if n.startswith("image:")]
    assert len(notes) == 1 and "/media/2026/03/target-hall.jpg" in notes[0]
    assert article.body_markdown.startswith("The national nuclear regulator")


# page -> the furniture lines trafilatura keeps there, which the importer removes and lists
FURNITURE = {
    "news-dw.html": ["Climate", "Subscribe to DW's newsletters", "See tweets :"],
    "blog-h1-differs.html": ["You may also like...", "14 comments"],
    "no-canonical.html": ["Got a tip? Send it to our newsroom at tips@autonews.example."],
    "opinion-section.html": ["Share this article"],
    "french-keywords.html": ["Lire aussi : Au Niger, les éleveurs face à la sécheresse"],
    "german.html": [],
}


@pytest.mark.parametrize("name", sorted(FURNITURE))
def test_site_furniture_is_removed_and_listed(name: str) -> None:
    text = (SITES / name).read_text(encoding="utf-8")
    url = "https://example.org/x/"
    draft = import_page(
        text, source=name, page_url=url, site_name="Centre", today=date(2026, 3, 20)
    ).draft
    notes = [n for n in draft.review if n.startswith("body: removed")]
    for line in FURNITURE[name]:
        assert line not in draft.body.split("\n\n")
        assert f'"{line}"' in notes[0]
    assert len(notes) == (1 if FURNITURE[name] else 0)
    assert len(draft.body.split()) > 80  # the text itself stays


@pytest.mark.parametrize(
    "line",
    [
        "Subscribers to the newsletter of the treaty's secretariat were told on Monday.",
        "Comments from the minister were brief, and the talks went on until midnight.",
        "Share prices fell by a third after the announcement.",
        "Follow the money, the inspectors say: it leads to the enrichment halls.",
    ],
)
def test_text_that_only_resembles_furniture_is_kept(line: str) -> None:
    from pipeline.importers.page import drop_furniture

    body = f"First paragraph of the text.\n\n{line}\n\nLast paragraph."
    assert drop_furniture(body) == (body, [])


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter and get the week's analysis",
        "Subscribe: [Apple Podcasts](https://a.example/p) · [Spotify](https://s.example/p)",
        "Udostępnij",  # the scrape's furniture, in the other languages it knows
        "Temps de lecture : 6 minutes",
    ],
)
def test_a_pages_furniture_is_the_scrapes_too(line: str) -> None:
    from pipeline.importers.page import drop_furniture

    body = f"First paragraph of the text.\n\n{line}\n\nLast paragraph."
    kept, removed = drop_furniture(body)
    assert kept == "First paragraph of the text.\n\nLast paragraph." and len(removed) == 1


def _page_draft(
    name: str, html: str | None = None, *, url: str = "https://example.org/x/", site: str = "C",
    today: date = date(2026, 12, 1),
):  # fmt: skip
    """The draft of the fixture page `name` (or of `html`, a changed copy of it), imported as
    of `today` from `url` (by default one that says nothing)."""
    html = html if html is not None else (SITES / name).read_text(encoding="utf-8")
    return import_page(html, source=name, page_url=url, site_name=site, today=today).draft


def _commentary(html: str):
    return _page_draft("page.html", html, url="https://www.example-eln.org/commentary/x/",
                       site="Centre", today=date(2026, 3, 20))  # fmt: skip


def test_the_byline_names_every_author_and_the_label_and_headline_leave_the_body() -> None:
    html = (SITES / "thinktank-commentary.html").read_text(encoding="utf-8")
    draft = _commentary(html)
    # <meta name="author"> names the first; the byline "By A and B | 5 March 2026" both.
    assert draft.authors == ["Katarzyna Kubiak", "John Doe"]
    # Neither the label above the headline, nor the headline, nor the lead photo in the body.
    assert draft.body.startswith("Since February 2022, Russian officials"), draft.body[:200]
    assert draft.kind is None  # "Commentary": the default kind
    assert any('"Commentary"' in note for note in draft.review if note.startswith("body: removed"))
    op_ed = _commentary(html.replace(">Commentary</span>", ">Op-Ed</span>"))
    assert op_ed.kind == "op-ed" and op_ed.body.startswith("Since February 2022")
    # A byline naming others than the page's author metadata does not replace it.
    other = _commentary(
        html.replace("By <a", "By Jane Roe and <a").replace(
            '<a href="/people/katarzyna-kubiak">Katarzyna Kubiak</a> and ', ""
        )
    )
    assert other.authors == ["Katarzyna Kubiak"]


def test_summaries_join_paragraphs_with_a_space() -> None:
    from pipeline.importers.html_markdown import plain_text

    assert plain_text("<p>Paragraph 0.</p><p>The next one.</p>") == "Paragraph 0. The next one."


def test_a_byline_in_a_sidebar_or_footer_names_nobody_of_this_page() -> None:
    html = (SITES / "thinktank-commentary.html").read_text(encoding="utf-8")
    alone = re.sub(r'<meta name="author"[^>]*>', "", html)
    assert _commentary(alone).authors == ["Katarzyna Kubiak", "John Doe"]  # its own byline
    # the page's byline gone: a related article's in the sidebar or footer is not its own
    mine = re.search(r'<[a-z]+ class="[^"]*byline[^"]*">.*?</[a-z]+>', alone, re.S)
    assert mine is not None
    for place in ("aside", "footer"):
        other = alone.replace(mine.group(0), "").replace(
            "</main>", f'</main><{place}><p class="byline">By Jane Roe</p></{place}>'
        )
        draft = _commentary(other)
        assert draft.authors == [], place
        # trafilatura's guess from the text ("About the authors … is a Senior Fellow") is
        # left out, and said so
        assert any(n.startswith('authors: left out "About the authors') for n in draft.review)


def test_a_first_heading_that_names_a_section_stays_in_the_text() -> None:
    html = (SITES / "thinktank-commentary.html").read_text(encoding="utf-8")
    start = "<p>Since February 2022"
    assert start in html
    with_heading = html.replace(start, "<h2>Research</h2>" + start, 1)  # a menu item's name
    draft = _commentary(with_heading)
    assert draft.body.startswith("## Research\n\nSince February 2022"), draft.body[:80]


@pytest.mark.parametrize(
    ("name", "cut", "paragraphs"),
    [
        ("short-statement.html", None, 2),
        ("chinese.html", "<p>从技术层面看", 3),  # five sentences of Chinese: ~200 characters
    ],
)
def test_a_short_piece_keeps_its_paragraphs_without_headline_or_byline(
    name: str, cut: str | None, paragraphs: int
) -> None:
    """trafilatura rescues a text under 250 characters by reading the page's whole text as
    one paragraph: never for a text the size of a commentary's."""
    html = (SITES / name).read_text(encoding="utf-8")
    if cut:
        html = html[: html.index(cut)] + "</article></main></body></html>"
    draft = _page_draft(name, html)
    body = draft.body.strip().split("\n\n")
    assert len(body) == paragraphs, body
    assert draft.title not in draft.body and "By Jane Doe" not in draft.body


@pytest.mark.parametrize(
    ("name", "authors", "kind", "first_words", "absent"),
    [
        # Drupal: the authors as links in a field of their own, run together by trafilatura
        ("drupal-think-tank.html", ["Elena Davies", "Marcus Reyes", "Yuki Tanaka"], None,
         "A year after New START expired", ()),
        # a role between two names in the byline is no author
        ("news-cms.html", ["Sarah Whitcombe", "Omar Haddad"], None, "American and Iranian",
         ("312 comments",)),
        # a series line above the headline, the author and date lines under it
        ("french-wp.html", ["Benjamin Hautecouverture"], None, "La guerre en Ukraine",
         ("Note de la FRS", "Publié le", "maître de recherche", "[^1]: .")),
        # claps and responses counts
        ("medium-like.html", ["Priya Natarajan"], None, "## Why verification technology",
         ("\n\n248\n\n",)),
        ("wordpress-yoast.html", ["Henry Sokolski"], "analysis", "Japan holds about 44 tonnes", ()),
    ],
)  # fmt: skip
def test_authors_kind_and_the_top_of_the_text_on_more_sites(
    name: str, authors: list[str], kind: str | None, first_words: str, absent: tuple[str, ...]
) -> None:
    draft = _page_draft(name)
    assert draft.authors == authors and draft.kind == kind
    assert draft.body.startswith(first_words), draft.body[:120]
    for text in absent:
        assert text not in draft.body, text
    assert "%40" not in (draft.url or "")


def test_a_first_sentence_that_names_the_author_stays_in_the_text() -> None:
    html = (SITES / "french-wp.html").read_text(encoding="utf-8")
    lead = "<p>La guerre en Ukraine"
    assert lead in html
    sentence = "Benjamin Hautecouverture, maître de recherche, rappelle que le traité a tenu."
    draft = _commentary(html.replace(lead, f"<p>{sentence}</p>{lead}", 1))
    assert draft.body.startswith(sentence), draft.body[:100]


@pytest.mark.parametrize(
    ("name", "day", "authors", "kind"),
    [
        # the entry's <time class="entry-date">, not the related post's date Jetpack lists
        ("logo-h1.html", "2026-11-25", ["Daniel Kessler"], None),
        # Yoast's author "Amara Nwosu, Geneva Disarmament Forum": the person; "Op-Ed:" the kind
        ("wp-yoast-org-author.html", "2026-11-12", ["Amara Nwosu"], "op-ed"),
        # "Press Office, University of Northbridge": an organisation, no author (and a note)
        ("university-press-office.html", "2026-11-26", [], None),
    ],
)
def test_the_pages_own_date_and_people_not_organisations(
    name: str, day: str, authors: list[str], kind: str | None
) -> None:
    draft = _page_draft(name)
    assert (str(draft.date), draft.authors, draft.kind) == (day, authors, kind)
    assert bool([n for n in draft.review if n.startswith("authors: the page names")]) == (
        not authors
    )


def test_the_hero_picture_is_not_shown_again_at_another_size_under_the_standfirst() -> None:
    draft = _page_draft("ghost-blog.html")
    assert draft.image["src"].endswith("/size/w1200/2026/11/nevada-sedan-crater.jpg")
    assert "nevada-sedan-crater" not in draft.body  # (the text had it at /size/w2000/)
    assert "Photo: National Nuclear Security Administration" not in draft.body
    assert "lop-nur-tunnels.jpg" in draft.body  # another picture of the text stays
    # with its caption and credit, which the extractor alone would drop
    assert (
        "lop-nur-tunnels.jpg)\n\n*New tunnel portals at Lop Nur, October 2026. Image © Planet "
        "Labs PBC*\n\n" in draft.body
    )


_FIRST = "The board met on Monday and agreed a statement on the safeguards findings. " * 3
_SECOND = "Its members asked the Secretariat for a further report before the summer. " * 3


def _board_page(before: str, between: str) -> str:
    return (
        '<html lang="en"><head><title>Board Agrees Statement</title></head><body><article>'
        f"<h1>Board Agrees Statement</h1>{before}<p>{_FIRST}</p>{between}<p>{_SECOND}</p>"
        "</article></body></html>"
    )


def test_a_picture_in_the_text_keeps_its_caption_under_it() -> None:
    lead = '<figure><img src="https://example.org/hall.jpg" alt="The hall"></figure>'
    figure = (
        '<figure><img src="https://example.org/map.png" alt="A map of the region">'
        "<figcaption>The region in 2026. <span>Map: Centre</span></figcaption></figure>"
    )
    draft = _page_draft("inline.html", _board_page(lead, figure))
    assert draft.body.strip().split("\n\n") == [
        _FIRST.strip(), "![A map of the region](https://example.org/map.png)",
        "*The region in 2026. Map: Centre*", _SECOND.strip(),
    ]  # fmt: skip


def test_the_lead_pictures_caption_is_never_left_at_the_top() -> None:
    lead = (
        '<figure><img src="https://example.org/cover.png" alt=""><figcaption>Cover of the '
        "report. Photo: Centre</figcaption></figure>"
    )
    draft = _page_draft("inline.html", _board_page(lead, ""))
    assert draft.image == {"caption": "Cover of the report.", "credit": "Photo: Centre"}
    assert draft.body.strip().split("\n\n") == [_FIRST.strip(), _SECOND.strip()]
    # an extractor that drops the picture and keeps the caption leaves none on top either
    kept = "*Cover of the report. Photo: Centre*\n\n" + _FIRST.strip()
    assert drop_lead_image(kept, "", draft.image) == _FIRST.strip()
    assert drop_lead_image("*Other words.*\n\n" + _FIRST, "", draft.image).startswith("*Other")


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        # Hugo's heading anchors ("What the report says #")
        ("hugo-blog.html", ("## What the report says\n",), ("[#]",)),
        # Drupal's note labels "1." linking back to the citation
        ("drupal10-footnotes.html", ("[^1]: Élysée, Discours",), ("[1.]", "footnoteref")),
        # pull quotes: sentences of the text shown again
        ("wp-yoast-org-author.html", (), ("> The treaty is not blocked", "> States willing")),
    ],
)
def test_anchors_note_labels_and_pull_quotes_stay_out(
    name: str, present: tuple[str, ...], absent: tuple[str, ...]
) -> None:
    draft = _page_draft(name)
    for text in present:
        assert text in draft.body, text
    for text in absent:
        assert text not in draft.body, text


@pytest.mark.parametrize(
    ("name", "caption", "credit"),
    [
        # an AMP page's <amp-img> in the lead figure
        ("news-amp.html", "The Kori nuclear power plant near Busan, South Korea, March 12, 2025.",
         "REUTERS/Kim Hong-Ji/File Photo"),
        # "(Photo: …)" at the end of the caption: the credit, without its brackets
        ("university-press-office.html",
         "Dr Ruth Abernethy (left) and PhD student Kwame Mensah with the prototype detector.",
         "Photo: Northbridge Photography Unit"),
        ("japanese.html", "ザポリージャ原子力発電所（2023年撮影）", "写真：IAEA Imagebank"),
    ],
)  # fmt: skip
def test_the_lead_figures_caption_and_credit_apart(name: str, caption: str, credit: str) -> None:
    draft = _page_draft(name)
    assert (draft.image.get("caption"), draft.image.get("credit")) == (caption, credit)


@pytest.mark.parametrize(
    ("name", "last_words", "gone"),
    [
        ("japanese.html", "ザポリージャの教訓", ("執筆者プロフィール", "※")),
        ("portuguese.html", "O submarino é um projeto de Estado",
         ("Sobre os autores", "é pesquisador sênior", "As opiniões expressas")),
    ],
)  # fmt: skip
def test_the_authors_notes_and_disclaimer_under_the_text_leave_it(
    name: str, last_words: str, gone: tuple[str, ...]
) -> None:
    draft = _page_draft(name)
    assert draft.body.strip().split("\n\n")[-1].startswith(last_words)
    for text in gone:
        assert text not in draft.body, text
    assert any(n.startswith("body: removed") for n in draft.review)


def test_a_report_page_is_a_report_with_a_link_to_its_pdf() -> None:
    draft = _page_draft("report-landing.html")
    pdf = "https://www.verificationstudies.org/sites/default/files/2026-11/IVS-Report-2026-04-Dismantlement.pdf"
    assert draft.kind == "report"
    assert draft.body.rstrip().endswith(f"[The full text (PDF)]({pdf})")
    assert any(n.startswith("body: added the link to the publication's PDF") for n in draft.review)


PROSE = "".join(
    f"<p>{s}</p>"
    for s in (
        "We talk with two former inspectors about what verification meant in practice, from "
        "the first visits to Votkinsk to the last exchange of telemetry before the treaty lapsed.",
        "They explain why counting warheads was never the hardest part, and why the routine of "
        "contact between officers mattered as much as the numbers that were exchanged.",
        "We also ask what a future agreement could borrow from the past, and what it would have "
        "to invent, now that both sides field new delivery systems and new kinds of warheads.",
    )
)


def _attachment_page(inside: str, outside: str = "") -> str:
    return (
        '<html lang="en"><head><title>Counting Warheads | Example Institute</title>'
        '<link rel="canonical" href="https://www.example-institute.org/pubs/counting/"></head>'
        f"<body><nav>{outside}</nav><main><article><h1>Counting Warheads</h1>{inside}{PROSE}"
        f"</article></main><footer>{outside}<p>© Example Institute</p></footer></body></html>"
    )


@pytest.mark.parametrize(
    ("button", "words"),
    [('<a class="btn" href="/files/counting.pdf">Download the full report (PDF, 2.4 MB)</a>',
      "Download the full report (PDF, 2.4 MB)"),
     ('<a href="https://cdn.example.org/c.PDF"><span>Télécharger</span> le rapport</a>',
      "Télécharger le rapport"),
     ('<a href="/files/counting.pdf" download>PDF</a>', "PDF")],
)  # fmt: skip
def test_a_download_button_for_the_pdf_stays_as_a_link(button: str, words: str) -> None:
    """The extractor drops a paragraph that is only a button: its link comes back, in the
    page's own words. A PDF in the menu or the footer is no part of the text."""
    annual = '<a href="/files/annual-report-2025.pdf">Download our annual report</a>'
    draft = _page_draft("counting.html", _attachment_page(f"<div>{button}</div>", annual))
    url = re.search(r'href="([^"]+)"', button).group(1)  # type: ignore[union-attr]
    url = url if url.startswith("https:") else "https://www.example-institute.org" + url
    assert draft.body.rstrip().endswith(f"[{words}]({url})")
    assert "annual-report" not in draft.body
    assert any(n.startswith("body: added the link to the publication's PDF") for n in draft.review)


@pytest.mark.parametrize(
    "player",
    ['<audio controls><source src="https://media.example.org/ep42.mp3" type="audio/mpeg">'
     "Your browser does not support audio.</audio>",
     '<figure class="wp-block-audio"><audio controls src="https://media.example.org/ep42.mp3">'
     "</audio></figure>"],
)  # fmt: skip
def test_a_podcast_pages_recording_stays_as_a_link(player: str) -> None:
    draft = _page_draft("episode.html", _attachment_page(player))
    assert draft.body.startswith("We talk with two former inspectors")  # the lead is prose
    assert draft.body.rstrip().endswith("[▶ Counting Warheads](https://media.example.org/ep42.mp3)")
    assert "does not support" not in draft.body
    assert any(n.startswith("body: added a link to the recording") for n in draft.review)
    linked = _page_draft(
        "episode.html",
        _attachment_page(player + '<p><a href="https://media.example.org/ep42.mp3">Download '
                         "the episode</a> (MP3, 38 MB) or listen on your podcast app.</p>"),
    )  # fmt: skip
    assert linked.body.count("ep42.mp3") == 1  # the text links it already: no second link


def test_a_quotations_source_and_a_tables_caption_stay() -> None:
    """The extractor drops a quotation's `<footer>`, a table's `<figcaption>`, and makes a
    `<caption>` a row of the table; each stays where the reader saw it."""
    draft = _page_draft(
        "quotes.html",
        _attachment_page(
            "<blockquote><p>Trust, but verify.</p><footer>— <cite>Ronald Reagan, 1987</cite>"
            '</footer></blockquote><figure class="table"><table><tr><th>Year</th><th>Visits'
            "</th></tr><tr><td>2019</td><td>18</td></tr></table><figcaption>Table 1. On-site "
            "inspections. Source: US State Department.</figcaption></figure><table><caption>"
            "Table 2. Declared warheads.</caption><tr><th>Side</th><th>Warheads</th></tr><tr>"
            "<td>US</td><td>1,419</td></tr><tfoot><tr><td colspan='2'>Quelle: Angaben der "
            "Ministerien.</td></tr></tfoot></table>"
        ),
    )
    assert "> Trust, but verify.\n>\n> — Ronald Reagan, 1987\n" in draft.body
    assert "| 2019 | 18 |\n\n*Table 1. On-site inspections. Source: US State Department.*\n" in (
        draft.body
    )
    assert "*Table 2. Declared warheads.*\n\n| Side | Warheads |\n" in draft.body
    assert "| US | 1,419 |\n\n*Quelle: Angaben der Ministerien.*" in draft.body  # no padded row
    # the captions are no prose: not the lead of a summary or a post
    assert not any(p.startswith("Table") for p in markdown.paragraphs(draft.body))


@pytest.mark.parametrize(
    ("meta", "authors"),
    [("Dr. Jane Okafor", ("Jane Okafor",)),
     ("Prof. Dr. Hans Müller; Dr Anna Weber", ("Hans Müller", "Anna Weber")),
     ("Author: Jane Okafor", ("Jane Okafor",)),
     ("山田 花子 （主任研究員）", ("山田 花子",)),
     ("Jane Okafor (CNS)", ("Jane Okafor",)),
     ("Di Wang", ("Di Wang",))],
)  # fmt: skip
def test_a_pages_author_is_named_without_label_title_or_role(
    meta: str, authors: tuple[str, ...]
) -> None:
    """As a byline's names are: "Dr", "Author:" and a role in brackets are no part of one."""
    html = _attachment_page("").replace(
        "<title>", f'<meta name="author" content="{meta}"><title>', 1
    )
    assert tuple(_page_draft("author.html", html).authors) == authors


def _cloudflare(address: str, key: int = 0x5A) -> str:
    """An address as Cloudflare's email obfuscation writes it into a page (XOR with `key`)."""
    return f"{key:02x}" + "".join(f"{ord(c) ^ key:02x}" for c in address)


def test_addresses_cloudflare_hid_are_written_again() -> None:
    """Cloudflare replaces every address in a page with "[email protected]" and a hex code
    that script decodes in the reader's browser; the import decodes it as that script would."""
    page = (SITES / "wordpress-yoast.html").read_text(encoding="utf-8")
    press, desk = _cloudflare("press@npec.example"), _cloudflare("desk@npec.example", 0x13)
    paragraph = (
        '<p>Questions go to <a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
        f'data-cfemail="{press}">[email&#160;protected]</a> or to '
        f'<a href="/cdn-cgi/l/email-protection#{desk}">the <span class="__cf_email__" '
        f'data-cfemail="{desk}">[email&#160;protected]</span> desk</a>.</p>'
    )
    marker = "<p>It should also encourage South Korea"
    draft = _page_draft("wordpress-yoast.html", page.replace(marker, paragraph + marker, 1))
    assert "email protected" not in draft.body and "email-protection" not in draft.body
    assert (
        "Questions go to [press@npec.example](mailto:press@npec.example) or to "
        "[the desk@npec.example desk](mailto:desk@npec.example)." in draft.body
    )


@pytest.mark.parametrize("shown", [True, False])
def test_an_image_only_over_http_never_reaches_the_build(shown: bool) -> None:
    """The email and feeds take only https images: the page's http og:image becomes the same
    picture over https where the page shows it so, else no `src` and a note (never an import
    that later stops the build)."""
    head = '<meta property="og:image" content="http://static.example.org/img/signing.jpg?w=1500">'
    figure = (
        '<figure><img src="https://cdn.example.org/v1/signing.jpg" alt="Leaders sign the treaty">'
        "<figcaption>The signing. Photo: Forum</figcaption></figure>"
    )
    page = _board_page(figure if shown else "", "").replace("</head>", head + "</head>", 1)
    draft = _page_draft("http-image.html", page)
    notes = [n for n in draft.review if n.startswith("image:")]
    if shown:
        assert draft.image["src"] == "https://cdn.example.org/v1/signing.jpg" and notes == []
    else:
        assert "src" not in draft.image and len(notes) == 1 and "not served over https" in notes[0]


def test_the_text_after_a_pull_quote_stays() -> None:
    from pipeline.importers.page import _drop_repeats

    tree = parse_html(
        "<html><body><div>The board met. <aside class='pullquote'>Said twice.</aside>"
        "It agreed a statement.</div></body></html>"
    )
    assert _drop_repeats(tree)
    assert " ".join(tree.xpath("string(//div)").split()) == "The board met. It agreed a statement."


def test_a_ghost_pages_bookmark_card_is_its_link_and_its_call_to_action_goes() -> None:
    card = (
        '<div class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" '
        'href="https://www.gao.gov/products/gao-25-106990"><div class="kg-bookmark-content">'
        '<div class="kg-bookmark-title">Sentinel: Cost and Schedule Risks</div>'
        '<div class="kg-bookmark-description">GAO\'s assessment.</div><div '
        'class="kg-bookmark-metadata"><img class="kg-bookmark-icon" src="https://www.gao.gov/'
        'favicon.ico" alt=""><span class="kg-bookmark-author">U.S. GAO</span></div></div></a>'
        '</div><div class="kg-card kg-callout-card"><div class="kg-callout-emoji">💡</div>'
        '<div class="kg-callout-text">Continuity of knowledge: what seals and cameras keep.</div>'
        '</div><div class="kg-card kg-cta-card"><p>Enjoying the Ledger? Forward it.</p><a '
        'href="https://x.org/#/portal/signup" class="kg-cta-button">Subscribe</a></div>'
    )
    html = _attachment_page("").replace("</article>", card + "<p>The end of the text, which "
                                        "says what the risks mean for the budget.</p></article>")  # fmt: skip
    draft = _page_draft("ghost.html", html)
    assert "[Sentinel: Cost and Schedule Risks](https://www.gao.gov/products/gao-25-106990): " in (
        draft.body
    )
    assert "favicon" not in draft.body and "Enjoying the Ledger" not in draft.body
    assert "\n\nContinuity of knowledge: what seals and cameras keep.\n\n" in draft.body


def test_a_pages_date_is_read_against_the_import_day_not_the_machines_clock() -> None:
    """htmldate drops dates after its "today", the machine's clock unless told: the import day
    is the injected clock's, so the same page gives the same date on any machine, any day."""
    html = _attachment_page('<p class="date"><span class="article__date">03.03.2099</span></p>')
    html = html.replace("<title>", '<meta property="article:modified_time" '
                        'content="2099-03-03T10:00:00+00:00"><title>')  # fmt: skip
    draft = _page_draft("future.html", html, today=date(2099, 3, 5))
    assert str(draft.date).startswith("2099-03-03")


def test_a_chinese_cms_title_loses_its_section_and_site_after_underscores() -> None:
    html = (
        _attachment_page("")
        .replace(
            "<title>Counting Warheads | Example Institute</title>",
            "<title>全球人工智能治理与核指挥控制系统的风险_观点评论_海河国际战略研究院</title>",
        )
        .replace("<h1>Counting Warheads</h1>", "<h2>全球人工智能治理与核指挥控制系统的风险</h2>")
    )
    assert _page_draft("cms.html", html).title == "全球人工智能治理与核指挥控制系统的风险"


@pytest.mark.parametrize(
    ("head", "under", "authors"),
    [  # the metadata's author string is a byline: its names
        ('<meta name="author" content="Par Claire Morel et Julien Besson">', "",
         ("Claire Morel", "Julien Besson")),
        # a byline right under the headline, in a class that says nothing of it (Kirby, rtl)
        ("", '<p class="article-meta">بقلم: <a href="/ar/experts/l">ليلى المنصوري</a> · '
             '<time datetime="2026-11-28">٢٨ نوفمبر ٢٠٢٦</time></p>', ("ليلى المنصوري",)),
        # the site's account is the metadata's author; the byline names the people
        ('<meta name="author" content="Pacific Climate Security Network">',
         "<p>By Dr Mele Taufa, Joseph Kaitu’u and Hannah Brightwater</p>",
         ("Mele Taufa", "Joseph Kaitu’u", "Hannah Brightwater")),
    ],
)  # fmt: skip
def test_a_pages_byline_names_its_authors(head: str, under: str, authors: tuple[str, ...]) -> None:
    html = _attachment_page("").replace("<title>", f"{head}<title>", 1)
    html = html.replace("<h1>Counting Warheads</h1>", f"<h1>Counting Warheads</h1>{under}", 1)
    draft = _page_draft("byline.html", html)
    assert tuple(draft.authors) == authors
    assert not any(n.startswith("authors:") for n in draft.review)


def test_the_date_line_under_the_headline_dates_a_page_without_metadata() -> None:
    html = _attachment_page("<p>By Jane Okafor | 20 November 2026</p>")
    draft = _page_draft("dated.html", html, today=date(2026, 12, 1))
    assert str(draft.date) == "2026-11-20" and tuple(draft.authors) == ("Jane Okafor",)
    assert not any(n.startswith("date:") for n in draft.review)
    ahead = _page_draft("dated.html", html, today=date(2026, 11, 1))  # no date after today
    assert str(ahead.date) == "2026-11-01" and any(n.startswith("date:") for n in ahead.review)


@pytest.mark.parametrize(
    ("label", "kind"),
    [('<p class="kicker">Análisis</p>', "analysis"), ("<span>Аналитика</span>", "analysis"),
     ('<p class="kicker">Op-eds</p>', "op-ed"), ("<p>Statement | Déclaration</p>", "statement"),
     ('<div class="eyebrow">Report</div>', "report"), ("<p>Nuclear Policy</p>", None)],
)  # fmt: skip
def test_the_label_right_over_the_headline_names_the_kind(label: str, kind: str | None) -> None:
    html = _attachment_page("").replace("<h1>", f"{label}<h1>", 1)
    assert _page_draft("label.html", html).kind == kind


def test_a_report_launch_headline_is_a_report() -> None:
    html = _attachment_page("").replace("<h1>Counting Warheads</h1>",
                                        "<h1>Report Launch: Counting Warheads</h1>")  # fmt: skip
    assert _page_draft("launch.html", html).kind == "report"


def test_a_boards_fields_give_author_and_date_and_its_title_cell_is_no_text() -> None:
    """A Korean board's post: its fields in a list ("작성자", "등록일"), its title again as a
    paragraph, its attachment a link that names the PDF."""
    fields = (
        '<p class="subject">Counting Warheads</p><ul class="info"><li><span class="tit">작성자'
        '</span> 정민호 선임연구위원</li><li><span class="tit">등록일</span> 2026.11.24</li>'
        '<li><span class="tit">조회수</span> 1,284</li></ul><div class="file_box"><span>첨부파일'
        '</span> <a href="/board/download.do?file_seq=4412">[브리프 2026-31] 재구성.pdf</a></div>'
    )
    html = _attachment_page(fields).replace("<h1>Counting Warheads</h1>", "", 1)
    draft = _page_draft("board.html", html, today=date(2026, 12, 1))
    assert (tuple(draft.authors), str(draft.date)) == (("정민호",), "2026-11-24")
    assert draft.body.startswith("We talk with two former inspectors")
    assert draft.body.rstrip().endswith(
        "(https://www.example-institute.org/board/download.do?file_seq=4412)"
    )


def test_a_pdf_button_in_an_unmarked_page_is_linked_but_not_one_in_its_footer() -> None:
    """An Elementor page marks no main text (its <article>s are the related posts)."""
    button = ('<div class="elementor-widget-button"><a href="/files/report.pdf"><span>Download '
              "the full report (PDF, 2.4 MB)</span></a></div>")  # fmt: skip
    html = (
        "<html><head><title>Counting Warheads | NINSS</title><link rel='canonical' "
        "href='https://www.ninss.org/pubs/counting/'></head><body><nav><a href='/'>Home</a></nav>"
        f"<div class='elementor-section'><h1>Counting Warheads</h1>{PROSE}{button}</div>"
        "<section class='related'><article><h3>Another report</h3><a href='/files/other.pdf'>"
        "Download PDF</a></article></section><footer><a href='/files/annual.pdf'>Download the "
        "annual report</a></footer></body></html>"
    )
    draft = _page_draft("elementor.html", html)
    assert draft.body.rstrip().endswith(
        "[Download the full report (PDF, 2.4 MB)](https://www.ninss.org/files/report.pdf)"
    )
    assert "other.pdf" not in draft.body and "annual.pdf" not in draft.body


def test_the_events_calendars_notice_and_spinner_are_no_text() -> None:
    widgets = (
        '<span class="tribe-events-ajax-loading"><img class="tribe-events-spinner-medium" '
        'src="https://x.org/tribe-loading.gif" alt="Loading Events"></span>'
        '<div class="tribe-events-notices"><ul><li>This event has passed.</li></ul></div>'
    )
    html = _attachment_page("").replace("<article>", f"<article>{widgets}", 1)
    draft = _page_draft("tec.html", html)
    assert draft.body.startswith("We talk with two former inspectors")
    assert "Loading" not in draft.body and "has passed" not in draft.body


def test_a_persian_pages_zero_width_non_joiners_stay() -> None:
    """The extractor keeps only printable characters: "هسته‌ای" would lose its U+200C and be
    misspelt (and the headline, so changed, would stay in the text as a heading)."""
    words = "قطعنامه‌های شورای امنیت درباره برنامه هسته‌ای ایران بازگشته‌اند و پادمان‌ها "
    html = (
        '<html lang="fa" dir="rtl"><head><title>آینده پادمان‌ها در ایران</title></head><body>'
        "<article><h1>آینده پادمان‌ها در ایران</h1>"
        + "".join(f"<p>{words * 3}</p>" for _ in range(3))
        + "</article></body></html>"
    )
    draft = _page_draft("fa.html", html)
    assert draft.title == "آینده پادمان‌ها در ایران"
    assert "هسته‌ای" in draft.body and "\ua66e" not in draft.body + draft.title
    assert not draft.body.startswith("#")


@pytest.mark.parametrize(
    ("hero", "shown"),
    [("https://b.googleusercontent.com/img/b/R29v/w1200-h630-p-k-no-nu/hero.jpg",
      "https://b.googleusercontent.com/img/b/R29v/s640/hero.jpg"),
     ("https://miro.medium.com/v2/resize:fit:1200/1*abc.jpeg",
      "https://miro.medium.com/v2/resize:fit:1400/1*abc.jpeg"),
     ("https://x.org/_astro/natanz.B7xk2Q.webp", "https://x.org/_astro/natanz.B7xk2Q_Z1Hd3v.webp")],
)  # fmt: skip
def test_the_hero_at_another_size_is_not_shown_twice(hero: str, shown: str) -> None:
    body = f"![The plant at dusk]({shown})\n\nThe text begins here, and goes on.\n"
    assert drop_lead_image(body, hero, {}) == "The text begins here, and goes on.\n"


def test_an_event_over_two_days_ends_on_the_last() -> None:
    fields = ("<dl><dt>Date</dt><dd>20–21 January 2027</dd><dt>Time</dt>"
              "<dd>09:30 – 17:00 CET</dd><dt>Venue</dt><dd>Palais Niederösterreich, Vienna</dd></dl>")  # fmt: skip
    html = _attachment_page(fields).replace("/pubs/counting/", "/events/dialogue/")
    draft = _page_draft("event.html", html)
    assert draft.kind == "event"
    assert (draft.event["start"], draft.event["end"]) == (
        "2027-01-20T09:30+01:00", "2027-01-21T17:00+01:00"
    )  # fmt: skip
    assert draft.body.startswith("We talk with two former inspectors")  # the fields: not twice


@pytest.mark.parametrize(
    ("extra", "check"),
    [  # Drupal 7's RDFa date over a sidebar's
        ('<span property="dc:date dc:created" content="2026-11-24T09:30:00+01:00"></span>',
         lambda d: str(d.date).startswith("2026-11-24")),
        # a news wire's names in capitals
        ('<meta name="author" content="STEPHANIE BAUER; REZA SADEGHI">',
         lambda d: tuple(d.authors) == ("Stephanie Bauer", "Reza Sadeghi")),
        # the Drupal account that posted the page is no author
        ('<meta name="author" content="webeditor">', lambda d: tuple(d.authors) == ()),
        # "___" between paragraphs, "Printer-friendly version", "Log in to post comments"
        ("<p>___</p><p>Printer-friendly version</p><p>Log in to post comments</p>",
         lambda d: "_" not in d.body and "Printer" not in d.body and "Log in" not in d.body),
    ],
)  # fmt: skip
def test_more_page_metadata_and_furniture(extra: str, check) -> None:
    html = _attachment_page(extra if not extra.startswith("<meta") else "")
    if extra.startswith("<meta"):
        html = html.replace("<title>", f"{extra}<title>", 1)
    assert check(_page_draft("page.html", html))


def test_a_un_press_release_address_gives_its_symbol_as_slug() -> None:
    from pipeline.importers.draft import slug_from_url

    assert slug_from_url("https://press.un.org/en/2026/sgsm22871.doc.htm") == "sgsm22871"


def test_relative_links_resolve_against_the_page_not_the_hosts_root() -> None:
    html = _attachment_page('<p>Continue on <a href="next/?page=2">the next page</a> or read '
                            '<a href="../report.pdf">the report</a> in full today.</p>')  # fmt: skip
    draft = _page_draft("rel.html", html)
    assert "[the next page](https://www.example-institute.org/pubs/counting/next/?page=2)" in (
        draft.body
    )
    assert "[the report](https://www.example-institute.org/pubs/report.pdf)" in draft.body


def test_a_dates_text_in_a_time_element_stays_and_a_headline_broken_in_two_reads_as_two_words() -> (
    None
):
    html = _attachment_page('<p>The first session is on <time datetime="2026-10-15">Thursday 15 '
                            "October 2026</time>, in Vienna.</p>")  # fmt: skip
    html = html.replace("<h1>Counting Warheads</h1>", "<h1>Counting<br/>Warheads</h1>")
    draft = _page_draft("time.html", html)
    assert "Thursday 15 October 2026, in Vienna." in draft.body
    assert draft.title == "Counting Warheads"


def test_an_ojs_articles_address_comes_from_its_citation_metadata() -> None:
    html = _attachment_page("").replace(
        '<link rel="canonical" href="https://www.example-institute.org/pubs/counting/">',
        '<meta name="citation_abstract_html_url" content="https://journal.example.org/article/view/42">',
    )
    assert (
        _page_draft("ojs.html", html, url=None).url == "https://journal.example.org/article/view/42"
    )


def test_an_embargoed_release_is_dated_by_its_embargo_not_its_posting() -> None:
    html = _attachment_page("<p><strong>EMBARGOED UNTIL 00:01 CET, TUESDAY 8 DECEMBER 2026"
                            "</strong></p>")  # fmt: skip
    html = html.replace("<title>", '<meta property="article:published_time" '
                        'content="2026-12-07T15:00:00+01:00"><title>')  # fmt: skip
    draft = _page_draft("release.html", html, today=date(2026, 12, 7))
    assert draft.date == "2026-12-08T00:01+01:00"
    assert "EMBARGO" not in draft.body
    assert any(n.startswith("date: the release is embargoed until") for n in draft.review)


def test_an_embargo_under_a_date_line_dates_the_release_once() -> None:
    """A page without a date in its metadata, a date line under its headline and an embargo:
    the embargo dates it (the no-date note was once taken out twice, and the import failed)."""
    html = _attachment_page("<p>3 December 2026</p><p><strong>EMBARGOED UNTIL 00:01 CET, "
                            "TUESDAY 8 DECEMBER 2026</strong></p>")  # fmt: skip
    draft = _page_draft("release.html", html, today=date(2026, 12, 7))
    assert draft.date == "2026-12-08T00:01+01:00"
    assert not any(n.startswith("date: the source has no date") for n in draft.review)
