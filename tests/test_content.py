"""Reading content/: the Article, and bad input reported as `path:line: field: what is wrong`."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.content import load_content
from pipeline.errors import ContentError, shown_path
from tests.cli import run_cli
from tests.conftest import SAMPLE_CONTENT, TEMPLATES

GOOD = """
title: A Good Piece
date: 2021-01-27
"""


def problems(tree) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(tree.root)
    return info.value.lines()


def test_sample_content_reads_into_one_ready_article():
    content = load_content(SAMPLE_CONTENT)
    (article,) = content.articles
    assert article.title == 'Will Biden "Build Back Better" Relations with North Korea?'
    assert (
        article.url == "https://vcdnp.org/will-biden-build-back-better-relations-with-north-korea/"
    )
    assert article.date == datetime(2021, 1, 27, 12, tzinfo=ZoneInfo("Europe/Vienna"))
    assert (
        article.image is not None
        and article.image.credit == "Official White House Photo by Adam Schultz"
    )
    assert article.image.src is None  # the scrape has no image file: nothing is shown
    assert len(article.paragraphs) == 3
    assert content.warnings == ()


def test_a_date_alone_is_noon_in_the_site_timezone_and_due_from_the_start_of_the_day(
    content_tree,
):
    content_tree.add("a", GOOD)
    (article,) = load_content(content_tree.root).articles
    assert article.date.isoformat() == "2021-01-27T12:00:00+01:00"
    # The same calendar day in UTC, so in New York (UTC-5) and in Tokyo (UTC+9) alike.
    assert article.date.astimezone(ZoneInfo("America/New_York")).date().isoformat() == "2021-01-27"
    assert article.date.astimezone(ZoneInfo("Asia/Tokyo")).date().isoformat() == "2021-01-27"
    assert article.due_at.isoformat() == "2021-01-27T00:00:00+01:00"


def test_date_time_with_offset_and_naive_time(content_tree):
    content_tree.add("a", "title: A\ndate: 2021-06-01T10:30:00Z")
    content_tree.add("b", "title: B\ndate: 2021-06-01T10:30")
    by_slug = {a.slug: a for a in load_content(content_tree.root).articles}
    assert by_slug["a"].date.isoformat() == "2021-06-01T10:30:00+00:00"
    assert by_slug["b"].date.isoformat() == "2021-06-01T10:30:00+02:00"


def test_summary_defaults_to_first_paragraph_cut_at_a_sentence(content_tree):
    first = "Ms. Kane spoke first. " + "This sentence is long enough to matter. " * 10
    content_tree.add("a", GOOD, body=f"{first}\n\nSecond paragraph.\n")
    (article,) = load_content(content_tree.root).articles
    assert article.summary.startswith("Ms. Kane spoke first. This sentence")
    assert article.summary.endswith(".") and len(article.summary) <= 300


def test_defaults_and_drafts(content_tree):
    content_tree.add("a", GOOD)
    content_tree.add("b", GOOD.replace("A Good", "Another") + "status: draft\n")
    content = load_content(content_tree.root)
    assert [a.slug for a in content.articles] == ["a"]
    assert [a.slug for a in content.drafts] == ["b"]
    article = content.articles[0]
    assert article.url == "https://example.org/a/" and article.guid == article.url


def test_review_notes_are_warnings(content_tree):
    content_tree.add("a", GOOD + "review:\n- 'date: confirm it'\n")
    content = load_content(content_tree.root)
    assert [str(w) for w in content.warnings] == [
        "content/commentary/a.md: warning: review: date: confirm it"
    ]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("date: 2021-01-27", "a.md:1: title: required, but missing"),
        ("title: T\ndate: 27/01/2021", "a.md:3: date: '27/01/2021' is not an ISO 8601 date"),
        ("title: T\ndate: 2021-01-27\nsumary: typo", "a.md:4: sumary: unknown key (a typo?)"),
        (
            "title: T\ndate: 2021-01-27\nimage:\n  src: photo.jpg",
            "a.md:4: image.alt: required when image.src is given",
        ),
        ("title: [unclosed\ndate: 2021-01-27", "a.md:3: front matter: malformed YAML"),
        (
            "title: T\ndate: 2021-01-27\nstatus: published",
            "a.md:4: status: Input should be 'draft' or 'ready'",
        ),
        (
            "title: T\ndate: 2021-01-27\nurl: http://example.org/x",
            "a.md:4: url: must be an absolute https:// URL",
        ),
    ],
)
def test_each_bad_input_is_one_located_line(content_tree, front, expected):
    content_tree.add("a", front)
    (line,) = problems(content_tree)
    assert expected in line


def test_a_date_alone_that_does_not_exist_is_reported(content_tree):
    content_tree.add("a", "title: T\ndate: 2021-02-30")
    (line,) = problems(content_tree)
    assert line.endswith(
        "a.md:3: date: '2021-02-30' is not a valid date: day is out of range for month"
    )


def test_missing_front_matter(content_tree):
    path = content_tree.root / "commentary" / "a.md"
    path.write_text("Just text\n")
    assert problems(content_tree) == [
        f"{path}:1: front matter: missing: the file must start with '---', YAML, '---'"
    ]


def test_duplicate_slug_across_year_folders(content_tree):
    content_tree.add("same", GOOD, folder="2020")
    content_tree.add("same", GOOD.replace("Good", "Other"), folder="2021")
    (line,) = problems(content_tree)
    assert "2021/same.md: slug: duplicate slug 'same', also used by" in line


def test_settings_typo_is_located(content_tree):
    site = content_tree.root / "site.toml"
    site.write_text(site.read_text().replace("[feed]\n", "[feed]\nmax_entires = 5\n"))
    with pytest.raises(ContentError) as info:
        load_content(content_tree.root)
    assert info.value.lines() == [f"{site}:8: feed.max_entires: unknown key (a typo?)"]


def test_settings_bad_values_all_reported(content_tree):
    site = content_tree.root / "site.toml"
    text = site.read_text().replace('timezone = "Europe/Vienna"', 'timezone = "Europe/Vienn"')
    text = text.replace(
        'unsubscribe_url = "https://example.org/unsubscribe"', 'unsubscribe_url = "http://x"'
    )
    site.write_text(text)
    with pytest.raises(ContentError) as info:
        load_content(content_tree.root)
    lines = info.value.lines()
    assert any(":5: timezone: unknown IANA timezone 'Europe/Vienn'" in line for line in lines)
    assert any(
        "newsletter.unsubscribe_url: must be an absolute https:// URL" in line for line in lines
    )


def test_all_problems_in_one_run_exit_1_and_output_untouched(content_tree, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content_tree.add("good", GOOD)
    args = [
        "build",
        "--content",
        str(content_tree.root),
        "--out",
        "dist",
        "--templates",
        str(TEMPLATES),
    ]
    assert run_cli(args).exit_code == 0
    before = {p: p.read_bytes() for p in (tmp_path / "dist").rglob("*") if p.is_file()}
    content_tree.add("one", "date: 2021-01-27")
    content_tree.add("two", "title: T\ndate: yesterday")
    content_tree.add("three", "title: T\ndate: 2021-01-27\nimage:\n  src: a.jpg")
    result = run_cli(args)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert [line.split(":")[0].rsplit("/", 1)[1] for line in lines] == [
        "one.md",
        "three.md",
        "two.md",
    ]
    assert "Traceback" not in result.output
    assert {p: p.read_bytes() for p in (tmp_path / "dist").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'language = "en"',
            'language = "zz-ZZ"',
            "language: 'zz-ZZ' is not a language we can format dates for",
        ),
        (
            'from = "Example <news@example.org>"',
            'from = "Example <news@example.org>\\nBcc: x@y.z"',
            "newsletter.from: must be one line",
        ),
    ],
)
def test_settings_that_would_fail_later_are_reported_now(content_tree, old, new, expected):
    site = content_tree.root / "site.toml"
    site.write_text(site.read_text().replace(old, new))
    with pytest.raises(ContentError) as info:
        load_content(content_tree.root)
    assert any(expected in line for line in info.value.lines()), info.value.lines()


def test_a_far_off_year_is_reported(content_tree):
    content_tree.add("a", "title: T\ndate: 9999-12-31T23:59-05:00")
    (line,) = problems(content_tree)
    assert "date: '9999-12-31T23:59-05:00' is not a plausible publication date" in line


def test_a_file_changed_while_the_build_reads_it_is_an_error_not_a_mixed_build(
    content_tree, tmp_path, monkeypatch
):
    """The cache key is made from one read, the article from a second one (in a worker): if
    the bytes differ, the file is reported, never read under the other version's key."""
    import pipeline.content as reader
    from pipeline.cache import Cache

    path = content_tree.add("moving", "title: Moving\ndate: 2021-01-20")
    digest = reader._digest

    def then_edited(file):  # the key is made, then an editor saves the file
        found = digest(file)
        if Path(file).name == "moving.md":
            Path(file).write_text(Path(file).read_text(encoding="utf-8") + "\nA late sentence.\n")
        return found

    monkeypatch.setattr(reader, "_digest", then_edited)
    with pytest.raises(ContentError) as caught:
        load_content(content_tree.root, Cache(tmp_path / "cache"))
    assert caught.value.lines() == [
        f"{shown_path(path)}: file: changed while the build read it: build again"
    ]


def test_the_build_keys_the_reader_with_the_digests_its_fingerprint_read(
    content_tree, tmp_path, monkeypatch
):
    """A build reads each content file once for its fingerprint and hands the digests to the
    reader: a file saved after that read is reported, not cached under the older digest."""
    import pipeline.build as building
    import pipeline.content as reader
    from pipeline.cache import Cache

    path = content_tree.add("moving", "title: Moving\ndate: 2021-01-20")
    read_inputs = building.read_inputs

    def then_edited(*args):
        inputs = read_inputs(*args)
        expected = hashlib.sha256(path.read_bytes()).hexdigest()
        assert inputs.content["commentary/moving.md"] == (path.stat().st_size, expected)
        path.write_text(path.read_text(encoding="utf-8") + "\nA late sentence.\n")
        return inputs

    monkeypatch.setattr(building, "read_inputs", then_edited)
    monkeypatch.setattr(reader, "_digest", lambda file: pytest.fail(f"{file} read twice"))
    with pytest.raises(ContentError) as caught:
        building.build(content_tree.root, tmp_path / "dist", cache=Cache(tmp_path / "cache"),
                       ledger_path=tmp_path / "ledger.jsonl")  # fmt: skip
    assert caught.value.lines() == [
        f"{shown_path(path)}: file: changed while the build read it: build again"
    ]


def test_an_article_keeps_its_body_once_and_shows_it_as_html_and_paragraphs(content_tree):
    content_tree.add(
        "held",
        "title: Held\ndate: 2021-01-20",
        body="One *point*. [A link](http://x.org/).\n\nTwo.",
    )
    (article,) = load_content(content_tree.root).articles
    assert "body_html" not in article.model_dump() and "paragraphs" not in article.model_dump()
    assert article.paragraphs == ("One point. A link.", "Two.")
    assert article.body_html == (
        '<p>One <em>point</em>. <a href="http://x.org/" rel="noopener">A link</a>.</p>\n'
        "<p>Two.</p>\n"
    )
    assert article.body_http_links == ("http://x.org/",)


NOTED = (
    "Stocks fell,[^a] as reported.[^b] Plutonium grew ^[Civil plutonium.] again.\n\n"
    "Governments should publish figures.[^a]\n\n"
    "[^a]: IPFM, *Global Fissile Material Report 2025*.\n"
    "[^b]: See [the table](/table/).\n"
)


def test_footnotes_are_superscript_numbers_and_a_list_after_a_rule(content_tree):
    content_tree.add("noted", "title: Noted\ndate: 2021-01-20", body=NOTED)
    (article,) = load_content(content_tree.root).articles
    assert article.body_html == (
        "<p>Stocks fell,<sup>1</sup> as reported.<sup>2</sup> Plutonium grew <sup>3</sup> again.</p>\n"
        "<p>Governments should publish figures.<sup>1</sup></p>\n"
        "<hr>\n<ol>\n"
        "<li><p>IPFM, <em>Global Fissile Material Report 2025</em>.</p>\n</li>\n"
        '<li><p>See <a href="https://example.org/table/" rel="noopener">the table</a>.</p>\n'
        "</li>\n"
        "<li><p>Civil plutonium.</p>\n</li>\n"
        "</ol>\n"
    )
    # The notes are no paragraphs of the text, and their numbers are not in it.
    assert article.paragraphs == (
        "Stocks fell, as reported. Plutonium grew again.",
        "Governments should publish figures.",
    )
    assert article.summary == "Stocks fell, as reported. Plutonium grew again."


def test_a_footnote_mark_without_its_note_stays_as_written(content_tree):
    content_tree.add("unnoted", "title: Unnoted\ndate: 2021-01-20", body="Stocks fell.[^1]\n")
    (article,) = load_content(content_tree.root).articles
    assert article.body_html == "<p>Stocks fell.[^1]</p>\n"


@pytest.mark.parametrize(
    ("language", "page", "attributes"),
    [
        (None, "en", ""),
        ("en", "en", ""),
        ("de-AT", "en", ' lang="de-AT"'),
        ("ar", "en", ' lang="ar" dir="rtl"'),
        ("fa", "ar", ' lang="fa"'),  # both right to left
        ("en", "he", ' lang="en" dir="ltr"'),
        ("zh-Hans", "en", ' lang="zh-Hans"'),
    ],
)
def test_a_piece_in_another_language_than_its_page_is_marked(language, page, attributes):
    from pipeline.site import lang_attributes

    assert lang_attributes(language, page) == attributes
