"""The raw text scrape importer, on the real sample scrape and on bad files."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from pipeline.content import load_content
from pipeline.errors import ImportFailed
from pipeline.importers.draft import canonical_url
from pipeline.importers.scrape import import_scrape, import_scrape_text, parse_scrape
from tests.cli import run_cli
from tests.conftest import SEED

SITE = "Vienna Center for Disarmament and Non-Proliferation"
AMP_URL = "https://vcdnp.org/will-biden-build-back-better-relations-with-north-korea/?amp=1"
CANONICAL = "https://vcdnp.org/will-biden-build-back-better-relations-with-north-korea/"


def front_matter(path):
    return yaml.safe_load(path.read_text().split("---")[1])


def test_recognises_the_parts_of_the_sample_scrape():
    scrape = parse_scrape(SEED.read_text(encoding="utf-8"), SITE)
    assert scrape.site_name == "Vienna Center for Disarmament and Non\u2011Proliferation"
    assert scrape.title == 'Will Biden "Build Back Better" Relations with North Korea?'
    assert scrape.caption.startswith("President Joe Biden delivers remarks on his economic plan")
    assert scrape.credit == "Official White House Photo by Adam Schultz"
    assert len(scrape.paragraphs) == 3
    assert scrape.paragraphs[2].startswith("The biggest obstacle, said Ms. Kane, is time.")
    assert scrape.dropped_chrome == ["Exit mobile version"]
    assert scrape.dangling == ["The full video is available below."]


def test_sample_import_writes_content_that_builds(sample_content):
    (sample_content / "commentary").joinpath(
        f"{CANONICAL.rstrip('/').rsplit('/', 1)[1]}.md"
    ).unlink()
    result = run_cli(
        ["import", str(SEED), "--url", AMP_URL, "--content", str(sample_content)],
        env={"SOURCE_DATE_EPOCH": "1611792000"},
    )
    assert result.exit_code == 0, result.output
    path = (
        sample_content / "commentary" / "will-biden-build-back-better-relations-with-north-korea.md"
    )
    text = path.read_text()
    assert "Exit mobile version" not in text and "available below" not in text.split("---")[2]
    data = front_matter(path)
    assert data["url"] == CANONICAL
    assert data["date"] == "2021-01-28"  # today, from SOURCE_DATE_EPOCH: never invented
    assert data["image"] == {
        "caption": "President Joe Biden delivers remarks on his economic plan, Wednesday, February 15, 2023, at IBEW Local 26 in Lanham, Maryland.",
        "credit": "Official White House Photo by Adam Schultz",
    }
    notes = data["review"]
    assert notes[0].startswith("date: the source has no date")
    assert any('"The full video is available below."' in note for note in notes)
    assert "warning: date: the source has no date" in result.stderr
    content = load_content(sample_content)
    assert [w.field for w in content.warnings] == ["review"] * 3


def test_date_given_is_recorded_as_the_editors_choice(tmp_path):
    draft, warnings = import_scrape(SEED, SITE, AMP_URL, date(2021, 1, 27), date(2026, 1, 1))
    assert warnings == [] and draft.date == date(2021, 1, 27)
    assert "date: '2021-01-27'  # the editor's choice" in draft.render()
    assert not any(note.startswith("date") for note in draft.review)


def test_an_imported_page_is_never_overwritten_without_force(sample_content):
    path = (
        sample_content / "commentary" / "will-biden-build-back-better-relations-with-north-korea.md"
    )
    before = path.read_bytes()
    args = [
        "import",
        str(SEED),
        "--url",
        AMP_URL,
        "--date",
        "2021-01-20",
        "--content",
        str(sample_content),
    ]
    result = run_cli(args)
    # Same canonical URL as the file already there: the same page, so nothing is written.
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("already imported as ") and path.name in result.stdout
    assert path.read_bytes() == before
    assert run_cli([*args, "--force"]).exit_code == 0
    assert front_matter(path)["date"] == "2021-01-20"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("Titel\n\nÜber uns".encode("latin-1"), "not UTF-8 text (invalid byte 0xdc at offset 7)"),
        (b"Exit mobile version\n", "no text left once site navigation is removed"),
        (b"Just a title\n", "no body paragraphs after the title"),
    ],
)
def test_bad_files_get_a_clear_error_and_write_nothing(tmp_path, data, message):
    source = tmp_path / "scrape.txt"
    source.write_bytes(data)
    with pytest.raises(ImportFailed, match=re.escape(message)) as info:
        import_scrape(source, SITE, None, None, date(2021, 1, 1))
    assert str(info.value).startswith(str(source))


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_another_page_with_the_same_file_name_gets_its_own_file(sample_content, force):
    folder = sample_content / "commentary"
    existing = folder / "will-biden-build-back-better-relations-with-north-korea.md"
    before = existing.read_bytes()
    args = [
        "import",
        str(SEED),
        "--url",
        "https://vcdnp.org/2021/01/will-biden-build-back-better-relations-with-north-korea/",
        *force,
    ]
    result = run_cli([*args, "--content", str(sample_content)])
    assert result.exit_code == 0, result.output
    renamed = folder / "will-biden-build-back-better-relations-with-north-korea-2.md"
    assert "holds another commentary; this one becomes " + renamed.name in result.stderr
    assert existing.read_bytes() == before  # --force never replaces a different article
    assert front_matter(renamed)["url"] == args[3]


def test_cli_error_leaves_content_untouched(sample_content, tmp_path):
    source = tmp_path / "bad.txt"
    source.write_bytes(b"\xff\xfe\x00binary")
    before = sorted(p.name for p in (sample_content / "commentary").iterdir())
    result = run_cli(["import", str(source), "--content", str(sample_content)])
    assert result.exit_code == 1 and "error:" in result.stderr and "looks binary" in result.stderr
    assert sorted(p.name for p in (sample_content / "commentary").iterdir()) == before


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (AMP_URL, CANONICAL),
        ("https://vcdnp.org/a/amp/", "https://vcdnp.org/a/"),
        ("https://VCDNP.org/a/?utm_source=x&p=2#top", "https://vcdnp.org/a/?p=2"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


OTHER_SITE = """Stimson Center

Japan's Plutonium Problem Is Not Going Away

By Jane Doe and John Smith · March 1, 2026

Share this:

A worker inspects spent fuel at the Rokkasho plant in Aomori Prefecture. Photo: Kyodo via Reuters

Japan holds about 44 tonnes of separated plutonium. The government has pledged to reduce it.

Tokyo should cap reprocessing at the rate its reactors can burn plutonium as MOX fuel.

Related:

The End of the INF Treaty

China's Nuclear Buildup

© 2026 Stimson Center. All rights reserved.
"""


def test_a_scrape_of_another_site_gives_byline_date_credit_and_drops_its_tail(tmp_path):
    scrape = parse_scrape(OTHER_SITE, "Vienna Center for Disarmament and Non-Proliferation")
    assert scrape.site_name == "Stimson Center"
    assert scrape.authors == ("Jane Doe", "John Smith")
    assert scrape.date == date(2026, 3, 1)
    assert (
        scrape.caption == "A worker inspects spent fuel at the Rokkasho plant in Aomori Prefecture."
    )
    assert scrape.credit == "Photo: Kyodo via Reuters"
    assert [p[:20] for p in scrape.paragraphs] == ["Japan holds about 44", "Tokyo should cap rep"]
    assert scrape.tail == ("Related:", "The End of the INF Treaty", "China's Nuclear Buildup",
                           "© 2026 Stimson Center. All rights reserved.")  # fmt: skip
    path = tmp_path / "scrape.txt"
    path.write_text(OTHER_SITE, encoding="utf-8")
    draft, warnings = import_scrape(path, "Centre", None, None, date(2026, 12, 3))
    assert draft.date == date(2026, 3, 1) and draft.authors == ["Jane Doe", "John Smith"]
    assert not any("no date" in w for w in warnings)
    assert any("site furniture" in note and "China's Nuclear Buildup" in note
               for note in draft.review)  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "By the way, the talks resumed in Vienna last week.",  # prose, not a byline
        "By 2030, the stockpile will double · unless",
        "By signing the treaty states agree",
        "By Tuesday the Board had agreed.",
    ],
)
def test_a_line_that_only_starts_like_a_byline_stays_text(line):
    text = f"Site\n\nA Title Here\n\n{line}\n\nThe body paragraph says something in full.\n"
    scrape = parse_scrape(text, "Site")
    assert scrape.authors == () and scrape.paragraphs[0] == line


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("By Jane Doe, John Smith and Ann Lee", ("Jane Doe", "John Smith", "Ann Lee"), None),
        ("By Jane Doe, March 1, 2026", ("Jane Doe",), date(2026, 3, 1)),
        ("Par Marie Dupont | 1 mars 2026", ("Marie Dupont",), date(2026, 3, 1)),
        ("Par Marie Dupont | 03/01/2026", ("Marie Dupont",), None),  # March or January: no guess
        ("By Jane Doe · sometime next spring", ("Jane Doe",), None),
    ],
)
def test_a_byline_gives_its_names_and_a_date_it_can_read(line, authors, day):
    text = f"Site\n\nA Title Here\n\n{line}\n\nThe body paragraph says something in full.\n"
    scrape = parse_scrape(text, "Site")
    assert (scrape.authors, scrape.date) == (authors, day)


def test_treaty_clauses_and_body_subheadings_are_text_not_furniture():
    lines = [
        "Site", "A Title Here", "The statute lists the Agency's functions:",
        "(a) to encourage research on atomic energy;", "(b) to make provision for materials;",
        "(c) to conclude agreements with the Agency's members.",
        "Copyright holders of the archive allowed the reproduction.", "More on the inspections",
        "Inspectors returned in May. They found the seals intact.",
    ]  # fmt: skip
    scrape = parse_scrape("\n\n".join(lines), "Site")
    assert scrape.paragraphs == lines[2:] and scrape.tail == ()


def test_site_navigation_before_the_title_is_no_list_of_other_articles():
    text = "VCDNP\n\nSkip to content\n\nLatest\n\nA Title Here\n\nThe body says it in full.\n"
    scrape = parse_scrape(text, "VCDNP")
    assert scrape.tail == () and scrape.paragraphs[-1] == "The body says it in full."


def _scrape(*lines, url=None):
    return parse_scrape("\n\n".join(lines), "Centre", url)


def _draft_of(tmp_path, *lines: str, today: date = date(2026, 12, 11)):
    """The draft the scrape of `lines` (one block each) gives, imported on `today`."""
    from pipeline.importers.scrape import import_scrape

    path = tmp_path / "scrape.txt"
    path.write_text("\n\n".join(lines), encoding="utf-8")
    return import_scrape(path, "Centre", None, None, today)[0]


BODY = "The talks resumed in Vienna. Both sides said the inspectors would return in May."


def test_site_navigation_before_the_title_is_not_the_title():
    scrape = _scrape(
        "Stimson Center", "Home", "About", "Research", "Events",
        "Japan's Plutonium Problem Is Not Going Away", "By Jane Doe · March 1, 2026", BODY,
    )  # fmt: skip
    assert scrape.title == "Japan's Plutonium Problem Is Not Going Away"
    assert scrape.navigation == ("Home", "About", "Research", "Events")
    assert scrape.authors == ("Jane Doe",) and scrape.paragraphs == [BODY]
    text = "VCDNP\n\nSkip to content\n\nLatest\n\nNews\n\nA Title Here Today\n\nThe body says it.\n"
    assert parse_scrape(text, "VCDNP").title == "A Title Here Today"


@pytest.mark.parametrize("kicker", ["Commentary", "Op-Ed", "ANALYSIS", "Event"])
def test_a_type_label_before_the_title_is_skipped(kicker):
    scrape = _scrape("Centre", kicker, "The Quiet Return of Arms Control", BODY)
    assert scrape.title == "The Quiet Return of Arms Control" and scrape.navigation == (kicker,)


def test_a_short_title_followed_by_a_subheading_stays_the_title():
    scrape = _scrape("Centre", "Iran Deal", "What the talks achieved so far", BODY)
    assert scrape.title == "Iran Deal" and scrape.navigation == ()
    assert scrape.paragraphs == ["What the talks achieved so far", BODY]


def test_the_page_address_picks_the_title_out_of_long_menu_items():
    lines = ("Centre", "Nuclear Energy and Safety", "Arms Control and Disarmament",
             "The Quiet Return of Arms Control", "Subtitle: what changed in the spring", BODY)  # fmt: skip
    scrape = _scrape(*lines, url="https://example.org/2026/05/the-quiet-return-of-arms-control/")
    assert scrape.title == "The Quiet Return of Arms Control"
    assert scrape.navigation == ("Nuclear Energy and Safety", "Arms Control and Disarmament")
    # An address that names none of the lines changes nothing.
    scrape = _scrape(*lines, url="https://example.org/?p=1234")
    assert scrape.title == "Nuclear Energy and Safety"


def test_navigation_taken_out_before_the_title_is_named_in_a_review_note(tmp_path):
    path = tmp_path / "scrape.txt"
    path.write_text("\n\n".join(["Centre", "Home", "Experts", "A Title With Four Words", BODY]))
    draft, _ = import_scrape(path, "Centre", None, date(2026, 3, 1), date(2026, 12, 3))
    assert draft.title == "A Title With Four Words"
    assert any('"Home"; "Experts"' in note and "title" in note for note in draft.review)
    assert "Experts" not in draft.body


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("Posted on March 3, 2026 by Maria Garcia", ("Maria Garcia",), date(2026, 3, 3)),
        (
            "Published by Jane Doe and John Smith on 3 March 2026",
            ("Jane Doe", "John Smith"),
            date(2026, 3, 3),
        ),
        ("Authors: Jane Doe, John Smith", ("Jane Doe", "John Smith"), None),
        ("Written by Ann Lee", ("Ann Lee",), None),
    ],
)
def test_wordpress_and_labelled_bylines(line, authors, day):
    scrape = _scrape("Centre", "A Title Here", line, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])


@pytest.mark.parametrize("line", ["Published: 12 November 2026", "Date: 2026-11-12",
                                  "Posted on November 12, 2026"])  # fmt: skip
def test_a_labelled_date_on_its_own_line(line):
    scrape = _scrape("Centre", "A Title Here", line, "By Jane Doe", BODY)
    assert scrape.date == date(2026, 11, 12) and scrape.authors == ("Jane Doe",)
    assert scrape.paragraphs == [BODY]


def test_download_links_and_the_authors_bio_are_furniture():
    scrape = _scrape(
        "Centre", "A Title Here", "Download PDF", BODY, "Member states should act now. They can.",
        "A third paragraph says more about the budget.", "About the authors",
        "Jane Doe is a senior fellow at the Centre.",
    )  # fmt: skip
    assert "Download PDF" in scrape.dropped_chrome
    assert scrape.paragraphs[-1] == "A third paragraph says more about the budget."
    assert scrape.tail == ("About the authors", "Jane Doe is a senior fellow at the Centre.")
    # "Published by the IAEA in 2019, the report …" is a sentence, not a byline.
    prose = "Published by IAEA on its website, the report found gaps."
    assert _scrape("Centre", "A Title Here", prose, BODY).paragraphs[0] == prose


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Op-Ed", "op-ed"),
        ("ANALYSIS", "analysis"),
        ("Interview", "interview"),
        ("Commentary", None),
        ("Event", None),
        ("Opinião", "op-ed"),
        ("Колонка", "op-ed"),
        ("Elemzés", "analysis"),
        ("تحليلات", "analysis"),
        ("บทวิเคราะห์", "analysis"),
        ("Саопштење", "statement"),
        ("Pressemitteilung", "statement"),
        ("Raport", "report"),
        ("Wywiad", "interview"),
    ],
)
def test_the_label_above_the_title_gives_the_kind(tmp_path, label, kind):
    path = tmp_path / "scrape.txt"
    path.write_text("\n\n".join(["Centre", label, "The Quiet Return of Arms Control", BODY]))
    draft, _ = import_scrape(path, "Centre", None, date(2026, 3, 1), date(2026, 12, 3))
    assert draft.kind == kind
    if kind:
        assert f'kind: {kind}  # the page\'s label "{label}" above the title' in draft.render()
    else:
        assert "kind:" not in draft.render()


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        # A title of four or more words first: what follows it is no menu.
        (("Japan's Plutonium Problem Is Not Going Away", "Jane Doe",
          "Senior Fellow, Nonproliferation Program"), "Japan's Plutonium Problem Is Not Going Away"),
        (("Japan's Plutonium Problem Is Not Going Away", "Op-Ed",
          "Why Tokyo cannot wait any longer"), "Japan's Plutonium Problem Is Not Going Away"),
        # Two short lines, one of three words: a short title and a series name, no menu.
        (("Arctic Flashpoints", "A Special Series", "Part One: The Northern Fleet"),
         "Arctic Flashpoints"),
        # A type label before a short title; a menu, then a label, then a short title.
        (("Commentary", "Sanctions That Work"), "Sanctions That Work"),
        (("Home", "About", "Research", "Op-Ed", "Arms Talks"), "Arms Talks"),
        (("评论", "伊朗核协议的未来"), "伊朗核协议的未来"),
        (("تحليل", "مستقبل الاتفاق النووي"), "مستقبل الاتفاق النووي"),
    ],
)  # fmt: skip
def test_the_title_among_the_leading_lines(lines, title):
    assert _scrape("Centre", *lines, "By Jane Doe", BODY).title == title


@pytest.mark.parametrize(
    "under",
    [("By Jane Doe", BODY), ("Jane Doe", BODY), (BODY,)],
    ids=["byline", "bare name", "text"],
)
def test_a_title_right_over_its_date_with_no_site_line(under):
    scrape = _scrape("Why the Review Conference Failed Again", "12 November 2026", *under)
    assert (scrape.site_name, scrape.title) == (None, "Why the Review Conference Failed Again")
    assert scrape.date == date(2026, 11, 12)
    assert scrape.authors == (("Jane Doe",) if len(under) > 1 else ())
    assert scrape.paragraphs == [BODY]


def test_a_site_name_over_a_date_over_the_title_stays_the_site_name():
    scrape = _scrape("VCDNP", "12 November 2026", "Why the Review Conference Failed Again", BODY)
    assert (scrape.site_name, scrape.title) == ("VCDNP", "Why the Review Conference Failed Again")
    assert scrape.date == date(2026, 11, 12)


def test_a_name_under_the_date_needs_the_text_after_it_to_be_the_byline():
    # (a short heading under the date, over another heading, is no author)
    scrape = _scrape("Centre", "Why the Review Conference Failed Again", "12 November 2026",
                     "Vienna Talks Resume", "What Comes Next", BODY)  # fmt: skip
    assert scrape.authors == ()


def test_a_label_between_the_sites_full_name_and_the_title_over_a_photo_credit():
    scrape = _scrape(
        "CSIS", "Center for Strategic & International Studies", "Analysis",
        "Iran's Enrichment Surge – What Comes After the Snapback?",
        "Photo: ATTA KENARE/AFP via Getty Images", "By Daniel Morrow | March 10, 2026", BODY,
    )  # fmt: skip
    assert scrape.title == "Iran's Enrichment Surge – What Comes After the Snapback?"
    assert scrape.navigation == ("Center for Strategic & International Studies", "Analysis")
    assert scrape.credit == "Photo: ATTA KENARE/AFP via Getty Images"
    assert scrape.paragraphs == [BODY]


def test_a_date_line_names_its_update_too():
    scrape = _scrape("Centre", "Why the Review Conference Failed Again",
                     "March 3, 2026 · Updated March 5, 2026", "By Jane Doe", BODY)  # fmt: skip
    assert (scrape.date, scrape.updated) == (date(2026, 3, 3), date(2026, 3, 5))


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        ("ROME, 2 November 2026 – The Council met in Rome.", date(2026, 11, 2)),
        ("WASHINGTON (Nov. 2, 2026) — The agency said so.", date(2026, 11, 2)),
        ("NEW YORK, November 2, 2026 - The Council met.", date(2026, 11, 2)),
        ("GENÈVE, 2 novembre 2026 – Le Conseil s'est réuni.", date(2026, 11, 2)),
        ("The Council met on 2 November 2026 – and said so.", None),
    ],
)
def test_a_press_releases_dateline_dates_it(tmp_path, opening, day):
    text = "\n\n".join(("Centre", "Council Calls for Talks", opening, BODY))
    scrape = parse_scrape(text, "Centre")
    assert (scrape.date, scrape.dateline) == (day, day is not None)
    assert scrape.paragraphs[0] == opening  # (the dateline stays: it is the release's)
    draft, _ = import_scrape_text(text, "x.txt", "Centre", None, None, date(2026, 12, 4))
    if day:
        assert draft.date == day
        assert draft.comments["date"] == "from the dateline that opens the text"


def test_a_section_name_over_the_date_over_the_title_is_no_author():
    scrape = _scrape("Centre", "Home", "Programs", "Events", "New Atlanticist", "November 12, 2026",
                     "What NATO's new nuclear language means", "By Jane Doe", BODY)  # fmt: skip
    assert scrape.title == "What NATO's new nuclear language means"
    assert (scrape.authors, scrape.date) == (("Jane Doe",), date(2026, 11, 12))


def test_a_name_over_the_text_under_the_standfirst_is_the_byline():
    scrape = _scrape("Centre", "3 Dec 2026 | 06:00 AEDT",
                     "South Korea's enrichment ambition is a test for Washington",
                     "A revised 123 agreement could satisfy Seoul without feeding its hawks.",
                     "Mina Park", BODY)  # fmt: skip
    assert scrape.authors == ("Mina Park",)
    assert scrape.paragraphs == ["A revised 123 agreement could satisfy Seoul without feeding its hawks.", BODY]  # fmt: skip


def test_a_section_heading_over_the_text_is_no_byline():
    scrape = _scrape("Centre", "Why the Review Conference Failed Again", "12 November 2026",
                     "Key Takeaways", BODY)  # fmt: skip
    assert scrape.authors == ()


@pytest.mark.parametrize("section", ["DEFENCE", "Блог", "Publikationen", "세종논평"])
def test_a_section_line_over_the_title_over_its_byline(section):
    title = "The Black Sea grain corridor is back but insurance will decide"
    scrape = _scrape("Lowy Institute", section, title, "Sam Roggeveen", "Published 20 Nov 2026",
                     BODY)  # fmt: skip
    assert (scrape.title, scrape.authors) == (title, ("Sam Roggeveen",))
    assert scrape.paragraphs == [BODY]


def test_each_name_over_its_role_is_an_author():
    scrape = _scrape("Chatham House", "Expert comment", "Why the Corridor Is Back",
                     "Dr Orysia Lutsevych", "Director, Ukraine Forum", "Tom Hallworth",
                     "Research Associate, Environment and Society Centre", "24 November 2026",
                     BODY)  # fmt: skip
    assert scrape.authors == ("Orysia Lutsevych", "Tom Hallworth")
    assert (scrape.date, scrape.paragraphs) == (date(2026, 11, 24), [BODY])


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Vista aérea de uma floresta no Pará. Foto: Marcelo Camargo/Agência Brasil",
         "Vista aérea de uma floresta no Pará.", "Foto: Marcelo Camargo/Agência Brasil"),
        ("A carrier leaves Chornomorsk on 12 November. Photo: Nina Liashonok/Ukrinform.",
         "A carrier leaves Chornomorsk on 12 November.", "Photo: Nina Liashonok/Ukrinform"),
        ("HMAS Stirling, where the rotational force is based (Department of Defence)",
         "HMAS Stirling, where the rotational force is based", "Department of Defence"),
    ],
)  # fmt: skip
def test_a_caption_under_the_date_is_no_title(line, caption, credit):
    scrape = _scrape("Chatham House", "Expert comment", "Why the Corridor Is Back",
                     "24 November 2026", line, BODY)  # fmt: skip
    assert scrape.title == "Why the Corridor Is Back"
    assert (scrape.caption, scrape.credit, scrape.paragraphs) == (caption, credit, [BODY])


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("November 19, 2026 · Jenny Town and Peter Makowsky", ("Jenny Town", "Peter Makowsky"),
         date(2026, 11, 19)),
        ("戸﨑洋史（日本国際問題研究所 軍縮・科学技術センター 所長）", ("戸﨑洋史",), None),
        ("山田 太郎（笹川平和財団 安全保障研究グループ 主任研究員）", ("山田 太郎",), None),
        ("정성장 세종연구소 부소장", ("정성장",), None),
        ("李明 研究员", ("李明",), None),
    ],
)  # fmt: skip
def test_names_with_a_date_before_them_or_a_role_in_another_script(line, authors, day):
    from pipeline.importers.bylines import bare_byline

    assert bare_byline(line, "") == (authors, day)


@pytest.mark.parametrize("line", ["国際問題コメンタリー", "研究活動", "核兵器不拡散条約 再検討"])
def test_a_heading_in_another_script_names_no_one(line):
    from pipeline.importers.bylines import bare_byline

    assert bare_byline(line, BODY) is None


def test_the_breadcrumbs_last_crumb_over_the_title_is_no_title():
    scrape = _scrape("日本国際問題研究所", "ホーム", "研究活動", "ホーム > 研究レポート > 国際問題コメンタリー",
                     "国際問題コメンタリー", "核兵器不拡散条約（NPT）再検討プロセスの行方",
                     "戸﨑洋史（日本国際問題研究所 軍縮・科学技術センター 所長）", "2026年11月9日",
                     "2026年4月から5月にかけてニューヨークで開催された第11回NPT運用検討会議は閉幕した。")  # fmt: skip
    assert scrape.title == "核兵器不拡散条約（NPT）再検討プロセスの行方"
    assert (scrape.authors, scrape.date) == (("戸﨑洋史",), date(2026, 11, 9))


def test_the_address_names_the_title_over_a_menu_line_it_also_names():
    lines = ("Centre", "Home", "Iran Nuclear Deal",
             "Iran Nuclear Deal Explained: What Comes Next for Europe", "By Jane Doe", BODY)  # fmt: skip
    scrape = _scrape(*lines, url="https://example.org/analysis/iran-nuclear-deal-explained")
    assert scrape.title == "Iran Nuclear Deal Explained: What Comes Next for Europe"
    assert scrape.authors == ("Jane Doe",)
    scrape = _scrape("Centre", "Japan's Plutonium", "Home", "About", BODY,
                     url="https://example.org/japans-plutonium/")  # fmt: skip
    assert scrape.title == "Japan's Plutonium"


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("Posted on March 3, 2026 by admin", (), date(2026, 3, 3)),
        ("Posted on March 3, 2026 by Maria Garcia in Nonproliferation", ("Maria Garcia",),
         date(2026, 3, 3)),
        ("Posted on Tuesday, March 3, 2026 by Maria Garcia.", ("Maria Garcia",), date(2026, 3, 3)),
        ("Authors: Jane Doe; John Smith", ("Jane Doe", "John Smith"), None),
    ],
)  # fmt: skip
def test_more_wordpress_bylines(line, authors, day):
    scrape = _scrape("Centre", "A Title Here", line, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])
    menu = _scrape("Home", "About", "Arms Talks", line, BODY)
    assert menu.title == "Arms Talks" or authors == (), menu


def test_a_menu_of_kinds_gives_no_kind(tmp_path):
    path = tmp_path / "scrape.txt"
    path.write_text("\n\n".join(["News", "Analysis", "Opinion", "A Title With Four Words", BODY]))
    draft, _ = import_scrape(path, "Centre", None, date(2026, 3, 1), date(2026, 12, 3))
    assert draft.title == "A Title With Four Words" and draft.kind is None


def test_the_authors_note_ends_a_short_piece_too():
    bios = [f"Author {n} is a fellow at the Centre." for n in "ABCD"]
    scrape = _scrape("Centre", "A Title Here", "By Ann Lee", BODY, "Second paragraph here.",
                     "Third paragraph here.", "About the authors", *bios)  # fmt: skip
    assert scrape.paragraphs == [BODY, "Second paragraph here.", "Third paragraph here."]
    assert scrape.tail == ("About the authors", *bios)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1er mars 2026", date(2026, 3, 1)),
        ("Mittwoch, 12. November 2026", date(2026, 11, 12)),
        ("miércoles, 12 de noviembre de 2026", date(2026, 11, 12)),
        ("12 de março de 2026", date(2026, 3, 12)),
        ("12 ноября 2026 г.", date(2026, 11, 12)),
        ("12 marca 2026 r.", date(2026, 3, 12)),
        ("12 Νοεμβρίου 2026", date(2026, 11, 12)),
        ("2026. március 12.", date(2026, 3, 12)),
        ("12 نوفمبر 2026", date(2026, 11, 12)),
        ("١٢ نوفمبر ٢٠٢٦", date(2026, 11, 12)),
        ("2026年11月12日", date(2026, 11, 12)),
        ("2026년 11월 12일", date(2026, 11, 12)),
        ("12.11.2026", date(2026, 11, 12)),
        ("2026/11/12", date(2026, 11, 12)),
        ("the 12th of March 2026", date(2026, 3, 12)),
        ("Mar 12, 2026", date(2026, 3, 12)),  # "mar" is also Tuesday in Spanish
        ("11/12/2026", None),  # November or December
        ("31 février 2026", None),
        ("12 novembre", None),  # no year
        ("12 novembre 2026 à Vienne", None),  # more than a date
        ("12 listopad 2026", date(2026, 11, 12)),  # Czech and Polish (Croatian is not read)
        # what a page writes after the date on its line: a time, hours, a length, an update
        ("November 3, 2026 10:15 am (EST)", date(2026, 11, 3)),
        ("12 November 2026, 14:00 - 15:30 CET", date(2026, 11, 12)),
        ("12 November 2026, 2:00 pm to 3:30 pm EST", date(2026, 11, 12)),
        ("November 23, 2026 · 41 min", date(2026, 11, 23)),
        ("3. März 2026 | 5 Min. Lesezeit", date(2026, 3, 3)),
        ("12 novembre 2026 · 4 min de lecture", date(2026, 11, 12)),
        ("Published on Nov 06, 2026 Updated 0 Hours ago", date(2026, 11, 6)),
        ("Published 20 Nov 2026 06:00    0 Comments", date(2026, 11, 20)),
        ("2026. 11. 17.", date(2026, 11, 17)),
        ("Updated November 3, 2026", None),  # the update is no publication date
        ("41 min", None),
        # more labels, scripts and calendars
        ("Data publicação: 14/10/2026 - 09h32", date(2026, 10, 14)),
        ("Közzétéve: 2026. november 19.", date(2026, 11, 19)),
        ("Δημοσιεύθηκε: 30 Νοεμβρίου 2026", date(2026, 11, 30)),
        ("Објављено: 4. децембра 2026.", date(2026, 12, 4)),  # a Serbian genitive
        ("Objavljeno: 4. decembra 2026.", date(2026, 12, 4)),
        ("Публикувано на 3 декември 2026", date(2026, 12, 3)),
        ("Published online 1 December 2026", date(2026, 12, 1)),
        ("تاريخ النشر: ٢ ديسمبر ٢٠٢٦", date(2026, 12, 2)),
        ("प्रकाशित: 3 दिसंबर 2026", date(2026, 12, 3)),
        ("เผยแพร่เมื่อ 5 ธันวาคม 2569", date(2026, 12, 5)),  # the Buddhist era's year
        ("民國115年12月10日", date(2026, 12, 10)),  # the Republic of China's
        ("公開日：令和8年12月4日", date(2026, 12, 4)),  # a Japanese era's
        ("2027年1月8日（星期五）", date(2027, 1, 8)),  # its weekday after it
        ("December 11, 2026 / 11 décembre 2026", date(2026, 12, 11)),  # twice, one date
        ("۱۲ آذر ۱۴۰۵ (۳ دسامبر ۲۰۲۶)", date(2026, 12, 3)),  # solar hijri, then Gregorian
        ("3 December 2026 / 4 December 2026", None),  # two dates
        ("Ngày đăng: 05/12/2026", None),  # May or December
        ("11 грудня 2026 року, 14:20", date(2026, 12, 11)),
        ("Abuja, Friday, 4th December 2026", date(2026, 12, 4)),
        ("Advertised: 07 Dec 2026", date(2026, 12, 7)),
        ("Issue #142 | December 11, 2026", date(2026, 12, 11)),
        ("3 decembrie 2026 · Timp de citire: 8 minute", date(2026, 12, 3)),
        ("Zveřejněno 9. prosince 2026", date(2026, 12, 9)),
    ],
)
def test_dates_in_the_languages_a_centre_publishes_in(text, day):
    from pipeline.importers.dates import parse_date

    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("Publié le 12 novembre 2026 par Marie Dupont", ("Marie Dupont",), date(2026, 11, 12)),
        ("Veröffentlicht am 3. März 2026 von Max Muster und Erika Beispiel",
         ("Max Muster", "Erika Beispiel"), date(2026, 3, 3)),
        ("Publicado el 12 de noviembre de 2026 por Ana López", ("Ana López",),
         date(2026, 11, 12)),
        ("Por Ana López y Juan Pérez · 12 de noviembre de 2026", ("Ana López", "Juan Pérez"),
         date(2026, 11, 12)),
        ("Von Max Muster, 3. März 2026", ("Max Muster",), date(2026, 3, 3)),
        ("Автори: Олена Павленко, Юрій Корольчук", ("Олена Павленко", "Юрій Корольчук"), None),
        ("Autorzy: Jan Kowalski i Anna Nowak", ("Jan Kowalski", "Anna Nowak"), None),
        ("著者：戸﨑洋史", ("戸﨑洋史",), None),
        ("Autorzy: dr hab. Tomasz Wiśniewski, prof. UW i mgr Katarzyna Zielińska",
         ("Tomasz Wiśniewski", "Katarzyna Zielińska"), None),
        ("Συγγραφέας: Δρ. Νίκος Παπαδόπουλος και Ελένη Γεωργίου",
         ("Νίκος Παπαδόπουλος", "Ελένη Γεωργίου"), None),
        ("Szerző: Dr. Kovács Péter és Szabó Eszter", ("Kovács Péter", "Szabó Eszter"), None),
        ("Автори: Олександр Коваленко і Ірина Мельник",
         ("Олександр Коваленко", "Ірина Мельник"), None),
        ("Kirjoittaja: Matti Virtanen ja Liisa Korhonen", ("Matti Virtanen", "Liisa Korhonen"),
         None),
        ("بقلم د. سامر الحداد و ليلى عبد الرحمن", ("سامر الحداد", "ليلى عبد الرحمن"), None),
        ("글 김민준 선임연구위원 및 이서연 연구원", ("김민준", "이서연"), None),
        ("By Col. (ret.) Hiroshi Tanaka", ("Hiroshi Tanaka",), None),
        ("Por Lic. Valentina Quispe", ("Valentina Quispe",), None),
        ("By Dan Smith and Dan Jones", ("Dan Smith", "Dan Jones"), None),  # "Dan" is no "dan"
        ("Posted by Dr. Ibrahim Musa | 1 December 2026 | Calls for Papers", ("Ibrahim Musa",),
         date(2026, 12, 1)),  # (the category after it names nobody)
        ("Oleh: Budi Santoso, M.Si. dan Hendra Wijaya, S.E., M.M.",
         ("Budi Santoso", "Hendra Wijaya"), None),  # Indonesian degrees
        ("Autorinnen: Lea Brunner und Mirjam Keller", ("Lea Brunner", "Mirjam Keller"), None),
        ("Interview by Marie-Claire Dubois", ("Marie-Claire Dubois",), None),
        ("Report prepared by Ananya Iyer, Research Associate, and Souvik Chatterjee, Fellow",
         ("Ananya Iyer", "Souvik Chatterjee"), None),
    ],
)  # fmt: skip
def test_bylines_in_other_languages(line, authors, day):
    scrape = _scrape("Centre", "A Title Here", line, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])


@pytest.mark.parametrize(
    "line", ["Publié le 12 novembre 2026", "Datum: 12.11.2026", "发布日期：2026年11月12日",
             "Date : 12 novembre 2026", "Veröffentlicht: Donnerstag, 12. November 2026"]
)  # fmt: skip
def test_a_labelled_date_on_its_own_line_in_another_language(line):
    scrape = _scrape("Centre", "A Title Here", line, "By Jane Doe", BODY)
    assert scrape.date == date(2026, 11, 12) and scrape.authors == ("Jane Doe",)
    assert scrape.paragraphs == [BODY]


FRENCH_PAGE = """Centre d'études sur la non-prolifération

Analyse

Le TNP à l'épreuve de la conférence d'examen

Publié le 12 novembre 2026 par Marie Dupont et Jean Martin

Les États parties se retrouvent à New York avec un ordre du jour chargé.

La question des garanties de l'AIEA dominera les débats.

Exit mobile version
"""


def test_a_french_scrape_imports_with_its_date_authors_and_kind(tmp_path):
    path = tmp_path / "scrape.txt"
    path.write_text(FRENCH_PAGE, encoding="utf-8")
    draft, warnings = import_scrape(path, "Centre", None, None, date(2026, 12, 3))
    assert draft.date == date(2026, 11, 12)
    assert draft.authors == ["Marie Dupont", "Jean Martin"]
    assert draft.title == "Le TNP à l'épreuve de la conférence d'examen"
    assert draft.kind == "analysis"
    assert not any("no date" in w for w in warnings)
    assert draft.body.startswith("Les États parties")


@pytest.mark.parametrize(
    ("line", "authors", "day"),
    [
        ("作者：李明　发布时间：2026年3月12日", ("李明",), date(2026, 3, 12)),
        ("作者：李明、王芳", ("李明", "王芳"), None),
        ("Автор: Антон Хлопков · 5 февраля 2026 г.", ("Антон Хлопков",), date(2026, 2, 5)),
        ("Авторы: Антон Хлопков и Иван Петров", ("Антон Хлопков", "Иван Петров"), None),
        ("بقلم: أحمد علي", ("أحمد علي",), None),
        ("Auteur : Marie Dupont", ("Marie Dupont",), None),
        ("By Jane Doe 12 March 2026", ("Jane Doe",), date(2026, 3, 12)),
        # a role after a name is no second author; a byline of roles names nobody
        ("By Jane Doe, Senior Fellow", ("Jane Doe",), None),
        ("By Jane Doe, Director, and John Smith, Research Associate", ("Jane Doe", "John Smith"),
         None),
        ("By Staff, March 3, 2026", (), date(2026, 3, 3)),
    ],
)  # fmt: skip
def test_bylines_in_other_scripts_and_with_roles(line, authors, day):
    scrape = _scrape("Centre", "A Title Here", line, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("После ДСНВ: что ждёт контроль", "posle-dsnv-chto-zhdet-kontrol"),
        ("亚洲核能发展", "ya-zhou-he-neng-fa-zhan"),
        (
            "Bundestag beschließt Gesetz zur Wärmewende",
            "bundestag-beschliesst-gesetz-zur-warmewende",
        ),
        ("Japan’s Plutonium Problem", "japans-plutonium-problem"),
        ("Ελλάδα και ΔΟΑΕ", "ellada-kai-doae"),
        ("!!!", "untitled"),
        # at most 80 characters, of whole words
        (
            "The Treaty on the Non-Proliferation of Nuclear Weapons at Fifty-Six: What the "
            "Eleventh Review Conference Must Do",
            "the-treaty-on-the-non-proliferation-of-nuclear-weapons-at-fifty-six-what-the",
        ),
        ("Kernwaffensperrvertragsüberprüfungskonferenzvorbereitungsausschussempfehlungen",
         "kernwaffensperrvertragsuberprufungskonferenzvorbereitungsausschussempfehlungen"),
        ("A " + "x" * 90, "a-" + "x" * 78),  # one word longer than that alone is cut
    ],
)  # fmt: skip
def test_slugs_of_titles_in_every_script(title, slug):
    from pipeline.importers.draft import slugify

    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://ex.ru/2026/11/%D0%BF%D0%BE%D1%81%D0%BB%D0%B5-%D0%B4%D1%81%D0%BD%D0%B2/",
         "posle-dsnv"),
        ("https://ex.org/analysis/the-npt-at-55.html", "the-npt-at-55"),
        ("https://ex.org/news/12345/", None),  # a number names no article: the title's slug
        ("https://ex.org/article.php?id=7", None),
        ("https://ex.org/publications/commentary.cfm?id=2871", None),  # the section's script
        ("https://ex.org/", None),
        ("https://ex.kr/board/commentary/view.do?idx=1287", None),  # a Java board's page
        # Joomla's article number is no part of the slug; a year is
        ("https://ex.org/214-black-sea-deconfliction-mechanism", "black-sea-deconfliction-mechanism"),
        ("https://ex.org/2026-nuclear-posture-review/", "2026-nuclear-posture-review"),
    ],
)  # fmt: skip
def test_the_slug_an_address_gives(url, slug):
    from pipeline.importers.draft import slug_from_url

    assert slug_from_url(url) == slug


def test_a_russian_scrape_without_an_address_gets_a_transliterated_file_name(tmp_path):
    path = tmp_path / "scrape.txt"
    path.write_text(
        "Центр\n\nПосле ДСНВ: что ждёт контроль над вооружениями\n\n"
        "Автор: Антон Хлопков · 5 февраля 2026 г.\n\n"
        "Пятого февраля истёк срок действия договора. Впервые за полвека ограничений нет.\n",
        encoding="utf-8",
    )
    draft, _ = import_scrape(path, "Центр", None, None, date(2026, 12, 3))
    assert draft.slug == "posle-dsnv-chto-zhdet-kontrol-nad-vooruzheniyami"
    assert (draft.authors, draft.date) == (["Антон Хлопков"], date(2026, 2, 5))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El Consell de Seguretat de les Nacions Unides es reuneix avui per debatre el programa "
         "nuclear i els inspectors, amb la participació dels estats membres i de la seva "
         "presidència.", "ca"),
        ("Србија и Црна Гора су потписале споразум о сарадњи са Међународном агенцијом за "
         "атомску енергију у Београду прошле године.", None),
        ("Европейският съюз и МААЕ подписаха споразумение за сътрудничество в областта на "
         "ядрената безопасност миналата година в София.", None),
        ("Россия и США не продлили договор, и теперь эксперты обсуждают, что будет с "
         "контролем над вооружениями.", "ru"),
    ],
)  # fmt: skip
def test_languages_are_named_only_when_the_letters_say_which(text, language):
    from pipeline.importers.language_guess import guess_language

    assert guess_language(text) == language


def test_an_address_the_site_hid_is_left_to_the_editor_with_a_note():
    text = "\n\n".join(["Centre", "The Quiet Return of Arms Control", "By Jane Doe", BODY,
                        "Journalists can reach the author at [email protected] or through the "
                        "press office, which answers within a day."])  # fmt: skip
    draft, _ = import_scrape_text(text, "s.txt", "Centre", None, None, date(2026, 12, 1))
    notes = [n for n in draft.review if "[email protected]" in n]
    assert len(notes) == 1 and "(1×)" in notes[0] and "Cloudflare" in notes[0]
    plain, _ = import_scrape_text(
        text.replace("[email protected]", "jane@example.org"), "s.txt", "Centre", None, None,
        date(2026, 12, 1),
    )  # fmt: skip
    assert not any("protected" in n for n in plain.review)


def test_plain_text_lists_become_markdown_lists():
    from pipeline.importers.scrape_blocks import markdown_of

    paragraphs = ["Three factors explain the shift:", "- North Korea's arsenal;",
                  "- China's buildup;", "- doubts about US deterrence.", BODY,
                  "* one item", "* another", "• a bullet", "• and another"]  # fmt: skip
    assert markdown_of(paragraphs) == (
        "Three factors explain the shift:\n\n- North Korea's arsenal;\n- China's buildup;\n"
        f"- doubts about US deterrence.\n\n{BODY}\n\n- one item\n- another\n- a bullet\n"
        "- and another"
    )


def test_numbered_lines_become_a_numbered_list_or_numbered_subheadings():
    from pipeline.importers.scrape_blocks import markdown_of

    assert markdown_of(
        ["The brief recommends:", "1. Commission a review;", "2) Fund it.", BODY]
    ) == (f"The brief recommends:\n\n1. Commission a review;\n2. Fund it.\n\n{BODY}")
    headed = ["Intro.", "1. Keep the notifications going", BODY, "2. Publish the numbers", BODY]
    assert markdown_of(headed) == (
        f"Intro.\n\n## 1. Keep the notifications going\n\n{BODY}\n\n"
        f"## 2. Publish the numbers\n\n{BODY}"
    )
    # one numbered paragraph, or numbers out of order, are no list: the mark stays escaped
    assert markdown_of(["1. A lone numbered sentence here.", BODY]).startswith("1\\. A lone")
    assert markdown_of(["3. Three.", "1. One.", BODY]).startswith("3\\. Three.\n\n1\\. One.")


def test_a_lone_dash_or_star_opening_a_paragraph_is_no_list():
    from pipeline.importers.scrape_blocks import markdown_of

    assert markdown_of([BODY, "- and yet the talks went on.", BODY]).count("\\-") == 1
    assert "\\*" in markdown_of([BODY, "* The views expressed are the author's own."])


def test_the_texts_last_words_stay_though_they_look_like_furniture():
    """A closing paragraph with a disclaimer's phrase, a list's last short item, and a link
    line are the text's own."""
    closing = (
        "None of these proposals would resolve the disagreements that divide the parties. A "
        "chair's summary that does not pretend to represent the views of every state party "
        "would be an honest place to start."
    )
    scrape = _scrape("Centre", "A Title Here", BODY, closing, "© 2026 Centre")
    assert scrape.paragraphs == [BODY, closing]
    items = ["• A public assessment of the programme", "• Closer consultation with allies"]
    scrape = _scrape("Centre", "A Title Here", BODY, *items, "Related content", "© 2026 Centre")
    assert scrape.paragraphs == [BODY, *items]
    link = "Read the statement: https://www.example.org/statement"
    assert _scrape("Centre", "A Title Here", BODY, link).paragraphs == [BODY, link]
    # the site's disclaimer still goes, in any script
    for disclaimer in (
        "The opinions articulated above represent the views of the author(s) and do not "
        "necessarily reflect the position of the Centre.",
        "※ 이 글은 필자 개인의 의견이며 세종연구소의 공식 입장이 아닙니다.",
    ):
        assert _scrape("Centre", "A Title Here", BODY, disclaimer).paragraphs == [BODY]


@pytest.mark.parametrize(
    ("series", "day"),
    [("Comentario Elcano 52/2026 - 28/11/2026", date(2026, 11, 28)),
     ("Biuletyn nr 198 (2946), 2 grudnia 2026", date(2026, 12, 2)),
     ("IAI Commentaries 26 | 41 - Dicembre 2026", None),  # a month is no day
     ("Kurz gesagt, 27.11.2026", date(2026, 11, 27))],
)  # fmt: skip
def test_a_series_line_over_the_title_is_no_title_and_may_date_it(series, day):
    """A series' issue line ("Biuletyn nr 198 (2946)") tops the title on many institutes' pages;
    its date is the piece's."""
    title = "Rosyjskie ćwiczenia jądrowe na Białorusi – sygnał dla NATO"
    scrape = _scrape("Centre", "Publikacje", "Wydarzenia", "Eksperci", series, title,
                     "Tomasz Zając, Anna Dymek", BODY)  # fmt: skip
    assert (scrape.title, scrape.date) == (title, day)
    assert scrape.paragraphs == [BODY]


def test_a_series_number_and_a_labelled_date_under_the_title_are_no_text():
    scrape = _scrape("세종연구소", "연구소 소개", "연구진", "연구성과", "세종논평", "북한의 고체연료 ICBM 시험발사와 한국의 대응 방향",
                     "No. 2026-31", "작성일 2026.12.03", "첨부파일 세종논평_2026-31.pdf", BODY)  # fmt: skip
    assert scrape.title == "북한의 고체연료 ICBM 시험발사와 한국의 대응 방향"
    assert (scrape.date, scrape.paragraphs) == (date(2026, 12, 3), [BODY])


@pytest.mark.parametrize(
    ("text", "day"),
    [("28/11/2026", date(2026, 11, 28)), ("11/28/2026", date(2026, 11, 28)),
     ("03/01/2026", None),  # March or January? no guess
     ("Vienna, 27 November 2026", date(2026, 11, 27)),  # the place, then the date
     ("Remarks to the General Conference, 17 September 2026", None)],  # a title
)  # fmt: skip
def test_slashed_and_series_dates(text, day):
    from pipeline.importers.dates import parse_date

    assert parse_date(text) == day


def test_a_chinese_name_alone_over_the_date_is_the_author_and_her_bio_goes():
    body = (
        "过去一年，中美两国在核问题上的官方接触几乎停滞。美方希望就核武器数量和透明度问题展开对话。"
    )
    scrape = _scrape(
        "卡内基中国", "研究", "专家", "评论文章", "中美核风险削减对话：从“不首先使用”之争到务实合作", "赵文涛",
        "2026年11月18日", "分享", "打印", body,
        "卡内基国际和平基金会不在公共政策问题上采取机构立场；本文仅代表作者个人观点。",
        "赵文涛是卡内基国际和平基金会核政策项目高级研究员。",
    )  # fmt: skip
    assert (scrape.authors, scrape.date) == (("赵文涛",), date(2026, 11, 18))
    assert scrape.paragraphs == [body]


@pytest.mark.parametrize(
    "furniture",
    ["Поделиться", "Condividi", "Scarica il PDF", "Pobierz PDF", "Compartilhar", "مشاركة", "上一篇：中美关系的稳定与发展", "공유하기", "목록",
     "Full text available as:", "PDF (1.8 MB)"],
)  # fmt: skip
def test_share_print_and_next_lines_in_other_languages_are_furniture(furniture):
    assert _scrape("Centre", "A Title Here", BODY, furniture, BODY + " Again.").paragraphs == [
        BODY, BODY + " Again."
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "authors", "day"),
    [(["来源：文汇报  作者：李明远  发布时间：2026-12-06  浏览次数：1024"], ("李明远",),
      date(2026, 12, 6)),
     (["04 dec 2026 - 6 minuten leestijd", "Auteur(s): Sanne Verhoeven, Pieter de Graaf"],
      ("Sanne Verhoeven", "Pieter de Graaf"), date(2026, 12, 4)),
     (["Hélène Fayolle", "Chercheuse, responsable du programme Dissuasion et prolifération, "
       "Centre des études de sécurité de l'Ifri"], ("Hélène Fayolle",), None),
     (["بقلم: د. سامح الشريف"], ("سامح الشريف",), None),
     # each name with her role beside it, the role with an "and" in it
     (["Dr Léa Fontaine, Head of Arms Control and Disarmament, GCSP",
       "Dr Samir Haddad, Associate Fellow, GCSP"], ("Léa Fontaine", "Samir Haddad"), None)],
)  # fmt: skip
def test_more_bylines_and_dates_under_the_title(lines, authors, day):
    scrape = _scrape("Centre", "A Title Here", *lines, BODY)
    assert (scrape.title, scrape.authors, scrape.date, scrape.paragraphs) == (
        "A Title Here", authors, day, [BODY]
    )  # fmt: skip


def test_a_podcasts_host_is_its_author_and_no_title():
    scrape = _scrape("NTI", "Atomic Pulse", "Podcast", "Episode 42: What the Pacific Teaches Us",
                     "December 2, 2026", "Listen on Spotify", "00:00 / 47:12",
                     "Hosted by Mackenzie Knight-Boyd", BODY)  # fmt: skip
    assert (scrape.title, scrape.authors) == (
        "Episode 42: What the Pacific Teaches Us", ("Mackenzie Knight-Boyd",)
    )  # fmt: skip


@pytest.mark.parametrize(
    "tail",
    [["∙ Paid", "24 Likes ∙ 3 Restacks", "Ready for more?", "Privacy ∙ Terms ∙ Collection notice",
      "Start writing", "Get the app", "Substack is the home for great culture"],
     ["Télécharger", "Briefings de l'Ifri, novembre 2026", "Thèmes et régions", "Nucléaire",
      "ISBN / ISSN", "979-10-373-0912-4", "Comment citer cette publication ?",
      "Hélène Fayolle, « La dissuasion française », Briefings de l'Ifri, 21 novembre 2026."],
     ["（作者为上海国际问题研究院全球治理研究所研究员）", "上一篇：中美关系的稳定与发展",
      "打印本页 关闭窗口", "地址：上海市徐汇区国际问题研究院路 邮编：200233"]],
)  # fmt: skip
def test_more_sites_furniture_under_the_text(tail):
    more = "The second paragraph of the text says what the talks achieved, and what they did not."
    assert _scrape("Centre", "A Title Here", BODY, more, *tail).paragraphs == [BODY, more]


@pytest.mark.parametrize(
    ("menu", "kind"),
    [(["Research", "Events", "Programs", "Report"], "report"),  # the one line naming a kind
     (["Programs", "Research", "Events", "Q&A"], "interview"),
     (["Аналитика", "Эксперты", "Мероприятия", "Интервью"], "interview"),  # one kind earlier
     (["Home", "Analysis", "Opinion", "Interviews"], None)],  # a menu of kinds: none is it
)  # fmt: skip
def test_the_label_over_the_title_names_its_kind_though_the_menu_has_sections(menu, kind):
    from pipeline.importers.scrape import kind_label

    scrape = _scrape("Centre", *menu, "Beyond New START: Options for Restraint",
                     "By Jonathan Ashby", BODY)  # fmt: skip
    assert scrape.title == "Beyond New START: Options for Restraint"
    assert kind_label(scrape.navigation) == kind


LONG = (
    "The Defense Department has asked Congress to accelerate the nuclear-armed sea-launched "
    "cruise missile, moving its initial operational capability forward by two years to 2032, "
    "according to budget documents released in November. The request would add $480 million "
    "in fiscal year 2027 to the program."
)


def test_a_posted_line_under_the_text_dates_it_and_an_issue_month_is_no_text(tmp_path):
    draft = _draft_of(
        tmp_path,
        "Arms Control Association", "Join", "Donate", "Issues", "Research", "Events", "About",
        "Arms Control Today", "December 2026", "Navy Seeks Faster SLCM-N", "December 2026",
        "By Shannon Burke", LONG, BODY, LONG + " Again.", "Posted: December 4, 2026", "Subscribe",
        "Arms Control Today is published ten times a year by the Arms Control Association.",
    )  # fmt: skip
    assert (draft.date, draft.kind, draft.authors) == (date(2026, 12, 4), None, ["Shannon Burke"])
    assert draft.body.endswith(LONG + " Again.")
    assert draft.comments["date"] == "from the line under the text that says when it was posted"


@pytest.mark.parametrize(
    "tail",
    [["Together, we make the world safer.",
      "The Bulletin elevates expert voices above the noise. But as an independent nonprofit "
      "organization, our operations depend on the support of readers like you.",
      "Support the Bulletin"],
     ["About Atomic Pulse",
      "Atomic Pulse is NTI's podcast about the people and ideas shaping the effort to reduce "
      "nuclear threats."]],
)  # fmt: skip
def test_a_sites_appeal_and_blurb_under_the_text_are_no_text(tail):
    more = "The second paragraph of the text says what the talks achieved, and what they did not."
    assert _scrape("Centre", "A Title Here", BODY, more, *tail).paragraphs == [BODY, more]


@pytest.mark.parametrize(
    ("lines", "authors", "day"),
    [(["Yazar: Doç. Dr. Elif Kaya", "Yayın Tarihi: 1 Aralık 2026"], ("Elif Kaya",),
      date(2026, 12, 1)),
     (['ד"ר יואב לוי, אלה כהן', "3 בדצמבר 2026"], ("יואב לוי", "אלה כהן"), date(2026, 12, 3)),
     (["Por Mariana Ortiz Saldaña, asociada del COMEXI"], ("Mariana Ortiz Saldaña",), None),
     (["國家安全研究所 助理研究員 陳怡君", "發布日期：2026/12/03"], ("陳怡君",), date(2026, 12, 3)),
     (["政策研究部 防衛政策研究室 主任研究官 山口 亮介"], ("山口 亮介",), None),
     (["Publicerad 5 december 2026", "By Anna Lind"], ("Anna Lind",), date(2026, 12, 5)),
     (["27.11.2026 · Lesezeit: 7 Min.", "Von Max Muster"], ("Max Muster",), date(2026, 11, 27))],
)  # fmt: skip
def test_bylines_and_dates_in_more_languages(lines, authors, day):
    scrape = _scrape("Centre", "A Title Here", *lines, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])


def test_a_notices_fields_under_its_title_are_no_menu_and_stay():
    """A vacancy's "Label: value" lines under its title: no title, no menu, the notice's text
    (a last one too)."""
    fields = ["Søknadsfrist: 8. januar 2027", "Stillingsprosent: 100 %", "Arbeidssted: Oslo",
              "Tiltredelse: Etter avtale"]  # fmt: skip
    scrape = _scrape("NUPI", "Forskning", "Eksperter", "Publikasjoner", "Om NUPI",
                     "Ledige stillinger", "Seniorforsker innen nedrustning og ikkespredning",
                     *fields, BODY, "Resultado da avaliação: março de 2027")  # fmt: skip
    assert scrape.title == "Seniorforsker innen nedrustning og ikkespredning"
    assert scrape.paragraphs == [*fields, BODY, "Resultado da avaliação: março de 2027"]


def test_an_italian_event_notice_under_a_cookie_banner(tmp_path):
    draft = _draft_of(
        tmp_path,
        "Istituto per gli Studi di Politica Internazionale",
        "Questo sito utilizza cookie tecnici e di profilazione per migliorare la tua esperienza.",
        "Accetta", "Rifiuta", "Ricerca", "Pubblicazioni", "Eventi", "Chi siamo", "Eventi",
        "Deterrenza nucleare e sicurezza europea: quale ruolo per l'Italia?",
        "Data: 15 gennaio 2027", "Ora: 17:30 - 19:00 CET", "Luogo: ISPI, Palazzo Clerici, Milano",
        "Il dibattito sulla deterrenza nucleare europea è tornato al centro dell'agenda politica "
        "dopo le proposte francesi e il nuovo quadro strategico della NATO.",
    )  # fmt: skip
    assert draft.title == "Deterrenza nucleare e sicurezza europea: quale ruolo per l'Italia?"
    assert draft.kind == "event" and draft.event == {
        "start": "2027-01-15T17:30+01:00", "end": "2027-01-15T19:00+01:00",
        "place": "ISPI, Palazzo Clerici, Milano",
    }  # fmt: skip
    assert draft.body.startswith("Il dibattito")


def test_a_menu_item_with_and_names_nobody():
    scrape = _scrape("United Nations", "Secretary-General", "General Assembly", "Security Council",
                     "Meetings Coverage and Press Releases", "SG/SM/23145",
                     "Secretary-General Urges States to Build on Dialogue", "9 December 2026",
                     BODY)  # fmt: skip
    assert (scrape.title, scrape.authors, scrape.date) == (
        "Secretary-General Urges States to Build on Dialogue", (), date(2026, 12, 9)
    )  # fmt: skip


@pytest.mark.parametrize(
    "furniture",
    ["Теги: ядерное оружие, Россия", "Läs mer", "조회수 1,284", "* *** *",
     "Download publication (PDF)", "本文僅代表作者個人觀點，不代表本院立場。",
     "For information media. Not an official record.",
     "Bu yazıda yer alan görüşler yazara aittir ve kurumsal görüş niteliği taşımaz."],
)  # fmt: skip
def test_more_furniture_in_more_languages(furniture):
    more = "The second paragraph of the text says what the talks achieved, and what they did not."
    assert _scrape("Centre", "A Title Here", BODY, more, furniture).paragraphs == [BODY, more]


def test_a_query_that_names_the_page_stays_in_its_address():
    from pipeline.importers.draft import canonical_url

    assert canonical_url("https://indsr.org.tw/focus?uid=11&pid=2874&utm_source=x") == (
        "https://indsr.org.tw/focus?pid=2874&uid=11"
    )


def test_a_pull_quote_said_again_in_the_text_is_no_paragraph():
    said = "The workforce, not the hulls, is the binding constraint on AUKUS Pillar 1."
    text = f"{said} Unless the government can expand training faster, schedules will slip."
    scrape = _scrape("Centre", "A Title Here", BODY, f"‘{said}’", text)
    assert scrape.paragraphs == [BODY, text]
    alone = "“We will not accept limits we cannot check,” the minister said on Tuesday."
    assert _scrape("Centre", "A Title Here", BODY, alone).paragraphs == [BODY, alone]


def test_the_authors_note_above_the_end_notes_goes_and_the_notes_stay():
    text = BODY.replace("May.", "May.[1]")
    scrape = _scrape(
        "Centre", "A Title Here", "By Chitra Rajaratnam", text,
        "Ms Chitra Rajaratnam is a Research Fellow at the Institute. She can be contacted at "
        "chitra@nus.edu.sg.",
        "[1] Reuters, 26 June 2026.",
    )  # fmt: skip
    assert len(scrape.paragraphs) == 1 and scrape.paragraphs[0].startswith("The talks resumed")
    assert "Rajaratnam is" not in " ".join(scrape.paragraphs)
    assert scrape.notes == ("Reuters, 26 June 2026.",)


def test_the_authors_named_again_with_roles_and_the_sites_notes_under_the_text_go():
    correction = ("Correction, 10 December 2026: An earlier version of this article said that 43 "
                  "states had ratified the treaty. The correct figure is 44.")  # fmt: skip
    scrape = _scrape(
        "Centre", "A Title Here", "Nosipho Dlamini and Emmanuel Okoro", BODY, correction,
        "Nosipho Dlamini, Researcher, ISS Pretoria, and Emmanuel Okoro, Senior Researcher, "
        "ISS Abuja",
        "Exclusive rights to re-publish ISS Today articles have been given to Daily Maverick.",
        "Development partners",
        "The ISS is grateful for support from the Hanns Seidel Foundation.",
    )  # fmt: skip
    assert scrape.authors == ("Nosipho Dlamini", "Emmanuel Okoro")
    assert scrape.paragraphs == [BODY, correction]


@pytest.mark.parametrize(
    ("lines", "authors", "day"),
    [(["Af Anders Kjærgaard Holm, seniorforsker"], ("Anders Kjærgaard Holm",), None),
     (["Autor: Mgr. Tereza Vondráčková, Ph.D."], ("Tereza Vondráčková",), None),
     (["Mag. Lukas Steinbauer", "Wien, 27. November 2026"], ("Lukas Steinbauer",),
      date(2026, 11, 27))],
)  # fmt: skip
def test_bylines_with_degrees_and_places(lines, authors, day):
    scrape = _scrape("Centre", "A Title Here", *lines, BODY)
    assert (scrape.authors, scrape.date, scrape.paragraphs) == (authors, day, [BODY])


def test_a_byline_and_date_above_the_title_are_read():
    scrape = _scrape("ICDS", "Research", "Publications", "Events", "By Maarja Tamm", "07.12.2026",
                     "Baltic Air Defence After the Iskander Redeployment", BODY)  # fmt: skip
    assert (scrape.title, scrape.authors, scrape.date) == (
        "Baltic Air Defence After the Iskander Redeployment", ("Maarja Tamm",), date(2026, 12, 7)
    )  # fmt: skip


def test_an_event_page_with_a_kind_under_its_section_and_a_date_and_time_label(tmp_path):
    draft = _draft_of(
        tmp_path,
        "Wilson Center", "Home", "Events", "Conference",
        "Nuclear Futures in the Indo-Pacific: A Half-Day Conference", "Date & Time",
        "Tuesday, January 19, 2027", "9:30am – 1:00pm ET", "Location", "Wilson Center, Washington",
        "Register to attend in person", "Watch online", LONG,
    )  # fmt: skip
    assert draft.title == "Nuclear Futures in the Indo-Pacific: A Half-Day Conference"
    assert draft.kind == "event" and draft.event == {
        "start": "2027-01-19T09:30-05:00", "end": "2027-01-19T13:00-05:00",
        "place": "Wilson Center, Washington",
    }  # fmt: skip
    assert draft.body == LONG


@pytest.mark.parametrize(
    "furniture",
    ["Keep Reading", "Udskriv", "Paylaş", "Emner: atomvåben, NATO", "Filed under: Commentary",
     "Temps de lecture : 6 minutes", "Okuma süresi: 8 dk", "Recommended citation",
     "Tento web používá soubory cookies k analýze návštěvnosti."],
)  # fmt: skip
def test_furniture_in_the_nordic_languages_turkish_czech_and_french(furniture):
    more = "The second paragraph of the text says what the talks achieved, and what they did not."
    assert _scrape("Centre", "A Title Here", BODY, more, furniture).paragraphs == [BODY, more]


def test_an_embargoed_scrape_is_dated_by_its_embargo(tmp_path):
    draft = _draft_of(
        tmp_path, "Centre", "Press releases", "New Imagery Shows Expansion at Yongbyon",
        "Embargoed until 00:01 CET, Tuesday 8 December 2026", LONG, today=date(2026, 12, 7),
    )  # fmt: skip
    assert draft.date == "2026-12-08T00:01+01:00" and draft.body == LONG
    assert not any(n.startswith("date: the source has no date") for n in draft.review)


def test_a_menu_item_that_is_also_a_field_label_takes_no_title():
    scrape = _scrape("HCSS", "Expertise", "Publications", "Events", "Data", "About us",
                     "Publications", "Drones over the North Sea: Protecting Undersea Cables",
                     "November 27, 2026", "Authors: Pieter de Vries, Sanne Bakker", LONG)  # fmt: skip
    assert scrape.title == "Drones over the North Sea: Protecting Undersea Cables"
    assert scrape.authors == ("Pieter de Vries", "Sanne Bakker")


@pytest.mark.parametrize(
    "banner",
    [
        ["This website stores cookies on your computer. These cookies are used to collect "
         "information about how you interact with our website and allow us to remember you. We "
         "use this information in order to improve and customize your browsing experience and "
         "for analytics and metrics about our visitors both on this website and other media. To "
         "find out more about the cookies we use, see our Privacy Policy.",
         "If you decline, your information won't be tracked when you visit this website. A "
         "single cookie will be used in your browser to remember your preference not to be "
         "tracked.", "Accept", "Decline"],
        ["Ez a weboldal sütiket használ a jobb felhasználói élmény érdekében. Az oldal további "
         "használatával hozzájárul a sütik használatához.", "Elfogadom", "Részletek"],
        ["Web sitemizde çerezler kullanılmaktadır. Siteyi kullanmaya devam ederek çerez "
         "politikamızı kabul etmiş olursunuz.", "Kabul Et"],
        ["Skip to Main Content", "Use tab to navigate through the menu items.", "Search for:"],
        ["EN | TH"],
        ["日本語 | English"],
        ["Latinica | English"],
    ],
    ids=["hubspot", "hungarian", "turkish", "wix and wordpress", "codes", "names", "scripts"],
)  # fmt: skip
def test_a_banner_or_switcher_over_the_menu_leaves_the_title_and_byline(banner):
    scrape = _scrape(
        *banner, "Centre for Security Studies", "Home", "About", "Research", "Contact",
        "Why the Test Ban Still Matters", "By Jane Doe", "3 December 2026", BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.authors, scrape.date, scrape.paragraphs) == (
        "Why the Test Ban Still Matters",
        ("Jane Doe",),
        date(2026, 12, 3),
        [BODY],
    )


@pytest.mark.parametrize(
    ("under", "authors"),
    [
        (["Published on 20 November 2026", "Last updated 1 December 2026", "By Jane Doe"],
         ("Jane Doe",)),
        (["Opublikowano: 20 listopada 2026", "Autorzy: Jan Kowalski i Anna Nowak"],
         ("Jan Kowalski", "Anna Nowak")),
        (["Yayın Tarihi: 20 Kasım 2026", "Yazar: Doç. Dr. Elif Kaya"], ("Elif Kaya",)),
    ],
)  # fmt: skip
def test_a_date_under_the_title_over_an_update_or_byline_leaves_the_title(under, authors):
    """The date line is under the title, not over it: the update or byline after it is no
    title (a title in a language that writes few lower-case words, "… ve Montrö Sözleşmesi",
    is no line of names either)."""
    title = "Karadeniz'de Yeni Güvenlik Denklemi ve Montrö Sözleşmesi"
    scrape = _scrape("Centre", "Home", "About", "Research", "Contact", title, *under, BODY)
    assert (scrape.title, scrape.authors, scrape.date) == (title, authors, date(2026, 11, 20))


def test_an_event_notices_date_field_under_the_publication_date_is_no_title():
    scrape = _scrape(
        "台灣區域安全研究學會", "首頁", "活動訊息", "出版品", "座談會：印太地區飛彈擴散與軍備管制前景",
        "發布日期：民國115年12月10日", "日期：民國116年1月8日（星期五）", "時間：下午2時至4時30分", BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.date) == (
        "座談會：印太地區飛彈擴散與軍備管制前景",
        date(2026, 12, 10),
    )


def test_a_substack_header_shown_twice_gives_the_issue_its_author_and_date():
    title = "Issue #112: Iran's stockpile, a Saudi enrichment bid, and the CD's lost year"
    scrape = _scrape(
        "The Proliferation Digest", "Subscribe", "Sign in", "Share this post",
        "The Proliferation Digest", title, "Copy link", "Facebook", "Email", "Notes", "More",
        title, "Your fortnightly guide to what happened in nonproliferation", "Rosa Kettering",
        "Dec 14, 2026", "∙ Paid", "18", "Share", BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.authors, scrape.date) == (
        title,
        ("Rosa Kettering",),
        date(2026, 12, 14),
    )
    assert title not in scrape.paragraphs


def test_medium_names_the_publication_beside_the_author_and_dates_the_piece():
    scrape = _scrape(
        "Open in app", "Sign up", "Sign in", "Write", "Member-only story",
        "The Arms Control Community Has a Jargon Problem",
        "And it is costing us the public argument we most need to win", "Dr. Nadia Rahimi",
        "Follow", "Published in", "Strategic Voices", "·", "6 min read", "·", "Nov 19, 2026",
        "214", BODY,
    )  # fmt: skip
    assert (scrape.authors, scrape.date) == (("Nadia Rahimi",), date(2026, 11, 19))
    assert "Strategic Voices" not in scrape.paragraphs


def test_an_open_letter_under_its_label_keeps_its_title_over_the_date_and_addressee():
    scrape = _scrape(
        "Scientists for Nuclear Accountability", "Home", "About", "Statements", "Join",
        "Statements", "Open Letter: Fund the Test Ban Monitoring Network in Full", "3 Dec 2026",
        "To the Representatives of States Signatories to the Comprehensive Nuclear-Test-Ban Treaty",
        BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.date) == (
        "Open Letter: Fund the Test Ban Monitoring Network in Full",
        date(2026, 12, 3),
    )
    assert scrape.paragraphs[0].startswith("To the Representatives")


@pytest.mark.parametrize(
    ("under", "authors", "day"),
    [
        (["FOR IMMEDIATE RELEASE"], (), None),
        (["Reviewed by Prof. Gareth Lloyd-Evans"], ("Gareth Lloyd-Evans",), None),
        (["December 9, 2026", "Kwame Asante", "Lisa Morgenstern", "Listen on Spotify"],
         ("Kwame Asante", "Lisa Morgenstern"), date(2026, 12, 9)),
        (["By Amina Diallo and Pedro Ferreira",
          "Received 2 September 2026 · Accepted 14 November 2026 · Published online 1 December 2026"],
         ("Amina Diallo", "Pedro Ferreira"), date(2026, 12, 1)),
    ],
    ids=["press release", "book review", "podcast hosts", "journal history"],
)  # fmt: skip
def test_the_lines_under_the_title_name_the_authors_and_the_date(under, authors, day):
    scrape = _scrape("Centre", "Why the Test Ban Still Matters", *under, BODY)
    assert (scrape.title, scrape.authors, scrape.date, scrape.paragraphs) == (
        "Why the Test Ban Still Matters",
        authors,
        day,
        [BODY],
    )


def test_a_last_update_after_the_publication_is_written_as_updated(tmp_path):
    draft = _draft_of(
        tmp_path, "Centre", "Why the Test Ban Still Matters", "Published on 20 November 2026",
        "Last updated 1 December 2026", "By Jane Doe", BODY,
    )  # fmt: skip
    assert (draft.date, draft.updated) == (date(2026, 11, 20), date(2026, 12, 1))
    assert "date: '2026-11-20'  # as the scrape shows it\nupdated: '2026-12-01'\n" in draft.render()
    later = _draft_of(
        tmp_path, "Centre", "Why the Test Ban Still Matters", "Published on 20 November 2026",
        "Last updated 1 December 2026", "By Jane Doe", BODY, today=date(2026, 11, 30),
    )  # fmt: skip
    assert later.updated is None  # an update after the import day is none


def test_a_thai_piece_has_its_menu_title_byline_and_buddhist_era_date():
    scrape = _scrape(
        "สถาบันศึกษาความมั่นคงและการต่างประเทศ", "หน้าแรก", "เกี่ยวกับเรา", "นักวิจัย", "กิจกรรม",
        "ติดต่อเรา", "บทวิเคราะห์", "สนธิสัญญากรุงเทพฯ ในยุคการแข่งขันของมหาอำนาจ",
        "โดย ผศ.ดร.สมชาย วงศ์สวัสดิ์ และ ดร.กมลวรรณ ศรีสุข", "เผยแพร่เมื่อ 5 ธันวาคม 2569", BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.authors, scrape.date) == (
        "สนธิสัญญากรุงเทพฯ ในยุคการแข่งขันของมหาอำนาจ",
        ("สมชาย วงศ์สวัสดิ์", "กมลวรรณ ศรีสุข"),
        date(2026, 12, 5),
    )


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("بقلم: د. سامر الحداد ود. ليلى عبد الرحمن", ("سامر الحداد", "ليلى عبد الرحمن")),
        ("بقلم د. وليد خالد", ("وليد خالد",)),  # (a name that starts with "و")
        ("Di Redazione CeSASI", ()),  # the editorial desk signs it: nobody
    ],
)
def test_more_bylines(line, authors):
    assert _scrape("Centre", "A Title Here", line, BODY).authors == authors


def test_a_finnish_vacancy_is_a_job_with_its_deadline_under_its_labelled_date(tmp_path):
    draft = _draft_of(
        tmp_path, "PTT", "Etusivu", "Tietoa meistä", "Tutkimus", "Avoimet työpaikat",
        "Tutkija, asevalvonta ja uudet teknologiat (määräaikainen)", "Julkaistu 1.12.2026",
        "Hakuaika päättyy 15.1.2027 klo 16.00", BODY,
    )  # fmt: skip
    assert (draft.title, draft.date, draft.kind, draft.call.get("deadline")) == (
        "Tutkija, asevalvonta ja uudet teknologiat (määräaikainen)",
        date(2026, 12, 1),
        "job",
        "2027-01-15",
    )


def test_an_italian_call_names_its_deadline_in_a_sentence(tmp_path):
    draft = _draft_of(
        tmp_path, "Centre", "Call for papers: Il Mediterraneo allargato e la proliferazione",
        "2 dicembre 2026", "La scadenza per l'invio delle proposte è il 31 gennaio 2027.", BODY,
    )  # fmt: skip
    assert (draft.kind, draft.call.get("deadline")) == ("call", "2027-01-31")


@pytest.mark.parametrize(
    ("line", "after", "heading"),
    [
        ("Why this matters now", BODY, True),
        ("Later, thinner notices", BODY, True),
        ("Recommendations", "• Fund the network in full.", True),  # over a list
        ("Key findings", "1. Fewer tests.", True),
        ("Register now", BODY, False),  # a call to click
        ("Submit your proposal here", BODY, False),
        ("Vienna, Austria", BODY, False),  # a dateline
        ("The three things that states parties could do", "• One.", False),  # a lead-in
    ],
)
def test_which_short_lines_head_what_follows(line, after, heading):
    from pipeline.importers.scrape_blocks import markdown_of

    assert markdown_of([BODY, line, after, BODY]).split("\n\n")[1].startswith("## ") == heading


def test_notes_over_a_how_to_cite_footer_and_superscript_notes_are_footnotes():
    cited = "Enrichment spread slowly.[1] The NSG tightened its rules.[2]"
    scrape = _scrape(
        "Centre", "Uranium Enrichment in the Global South", "By Amina Diallo", BODY, cited,
        "Notes", "[1] Nuclear Suppliers Group, History.", "[2] IAEA, iNFCIS, Vienna.",
        "How to Cite", "Diallo, A. (2026). Uranium Enrichment.", "Make a Submission",
        "Platform & workflow by OJS / PKP",
    )  # fmt: skip
    assert scrape.notes == ("Nuclear Suppliers Group, History.", "IAEA, iNFCIS, Vienna.")
    assert scrape.paragraphs[-1].startswith("Enrichment spread slowly.")  # the footer is out
    assert "How to Cite" in scrape.tail
    superscript = _scrape(
        "Centre", "Why the Zone Conference Still Matters", "By Samuel Achebe", BODY,
        "The conference has met every year.¹ It rests on the 1995 resolution.²",
        "¹ Reports are UN documents.", "² NPT/CONF.1995/32 (Part I).",
    )  # fmt: skip
    assert superscript.notes == ("Reports are UN documents.", "NPT/CONF.1995/32 (Part I).")


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Un lanceur Iskander-M lors du défilé du 9 mai 2025 à Moscou.",
         "Crédit photo : Alexeï Petrov / AFP"),
        ("Οι ομιλητές της πρώτης συνεδρίας.", "Φωτογραφία: ΕΚΜΑ / Γιώργος Αλεξίου"),
        ("Okładka raportu.", "Fot. OABB"),
    ],
)  # fmt: skip
def test_a_caption_over_a_credit_in_another_language(caption, credit):
    scrape = _scrape("Centre", "A Title Here", "By Jane Doe", "— 8 min read", caption, credit,
                     BODY)  # fmt: skip
    assert (scrape.caption, scrape.credit, scrape.paragraphs) == (caption, credit, [BODY])


def test_an_agencys_credit_after_a_spaced_slash_and_a_caption_inside_the_text():
    scrape = _scrape(
        "Centre", "A Title Here", "By Jane Doe",
        "President Macron speaks at the École de Guerre. Ludovic Marin / AFP via Getty Images",
        BODY, "Participants at the opening session of the workshop. Photo: IPNRN", BODY + " Two.",
    )  # fmt: skip
    assert scrape.credit == "Ludovic Marin / AFP via Getty Images"
    assert scrape.paragraphs == [BODY, BODY + " Two."]  # (the picture in the text is not carried)


@pytest.mark.parametrize(
    "line",
    [
        "Megosztás", "Εκτύπωση", "Подели", "اشتراک‌گذاری", "แชร์บทความนี้", "シェアする",
        "Partager : Facebook | X | LinkedIn | E-mail", "Compartir en: Facebook Twitter WhatsApp",
        "Címkék: Irán, JCPOA", "Ετικέτες: Ενέργεια, Ναυτιλία", "برچسب‌ها: برجام، ایران",
        "Impressum | Datenschutz | Barrierefreiheit | Kontakt", "DOI: 10.5771/2026-zris-0211",
        "Lizenz: CC BY 4.0", "Контакт за медије: Марко Илић, +381 11 123 4567",
        "Iratkozzon fel hírlevelünkre!", "Zum Kalender hinzufügen",
        "La vidéo complète de la conférence est disponible ci-dessous.",
        "Tempo de leitura: 5 minutos", "وقت القراءة: ٦ دقائق", "Olvasási idő: 6 perc",
        "About | Research | Publications | Events | Media | Careers", "Cari...", "Caută",
        "Search publications, experts, events", "Log in / Register", "RO | EN", "УКР | ENG",
        "View this email in your browser", "As prepared for delivery", "Tout refuser",
        "The Forum acknowledges the Traditional Custodians of Country throughout Australia.",
        "PDF herunterladen (480 KB)", "3 decembrie 2026 · Timp de citire: 8 minute"[19:],
        "Apply now", "« Back to all news", "Back to Careers", "###", "1.2K Followers",
        "Writer for Strategic Voices", "Stay in the loop",
    ],
)  # fmt: skip
def test_furniture_in_more_languages_leaves_the_text(line):
    scrape = _scrape("Centre", "A Title Here", "By Jane Doe", BODY, line, BODY + " Two.")
    assert scrape.paragraphs == [BODY, BODY + " Two."]


@pytest.mark.parametrize(
    "line",
    [
        "A cikkben kifejtett vélemények a szerzők saját véleményét tükrözik.",
        "Οι απόψεις που εκφράζονται ανήκουν στους συγγραφείς.",
        "Opinie wyrażone w tekście są opiniami autora.",
        "Le opinioni espresse sono quelle degli autori.",
    ],
)
def test_a_disclaimer_in_more_languages_ends_the_text(line):
    scrape = _scrape("Centre", "A Title Here", "By Jane Doe", BODY, BODY + " Two.", line)
    assert scrape.paragraphs == [BODY, BODY + " Two."]


@pytest.mark.parametrize(
    ("lines", "start", "end"),
    [
        (["Veröffentlicht am 9. Dezember 2026", "Datum: Donnerstag, 21. Januar 2027",
          "Zeit: 18.00–19.30 Uhr MEZ", "Ort: DISR, Friedrichstraße 180, 10117 Berlin"],
         "2027-01-21T18:00+01:00", "2027-01-21T19:30+01:00"),
        (["Yayın tarihi: 7 Aralık 2026", "Tarih: 14 Ocak 2027, Perşembe",
          "Saat: 14.00 – 16.30 (TSİ)", "Yer: AGDAM Konferans Salonu, Ankara"],
         "2027-01-14T14:00+03:00", "2027-01-14T16:30+03:00"),
    ],
    ids=["german", "turkish"],
)  # fmt: skip
def test_a_notice_posted_on_one_day_for_an_event_on_another(tmp_path, lines, start, end):
    draft = _draft_of(tmp_path, "Centre", "Home", "About", "Research", "Events",
                      "Panel: Nuclear Sharing After 2026", *lines, BODY)  # fmt: skip
    assert (draft.date, draft.kind) == (date(2026, 12, 7) if "Yayın" in lines[0] else
                                        date(2026, 12, 9), "event")  # fmt: skip
    assert (draft.event["start"], draft.event["end"]) == (start, end)
    assert "place" in draft.event


def test_full_width_numbered_and_shouted_subheadings():
    from pipeline.importers.scrape_blocks import markdown_of

    assert markdown_of([BODY, "1．はじめに", BODY, "2．今後の課題", BODY]).split("\n\n")[1::2] == [
        "## 1. はじめに", "## 2. 今後の課題"
    ]  # fmt: skip
    assert markdown_of([BODY, "WHAT IS THE PROBLEM?", BODY, "Why?", BODY]).split("\n\n")[1::2] == [
        "## WHAT IS THE PROBLEM?", "Why?"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "To the Representatives of States Signatories", "Dr. Hélène Marchetti, Senior Fellow",
        "Moderator: Amb. Peter Lindqvist", "ISBN 978-91-88945-17-3",
        "Hakuaika päättyy 15.1.2027 klo 16.00", "主持人：王建國 理事長",
    ],
)  # fmt: skip
def test_a_speaker_an_addressee_or_an_isbn_heads_nothing(line):
    from pipeline.importers.scrape_blocks import markdown_of

    assert not markdown_of([BODY, line, BODY + " Two."]).split("\n\n")[1].startswith("## ")


def test_an_authors_biography_under_a_military_rank_ends_the_text():
    scrape = _scrape(
        "Centre", "A Title Here", "By Col. (ret.) Hiroshi Tanaka", BODY, BODY + " Two.",
        "Col. (ret.) Hiroshi Tanaka is a Senior Fellow at the Centre.",
    )  # fmt: skip
    assert scrape.authors == ("Hiroshi Tanaka",)
    assert scrape.paragraphs == [BODY, BODY + " Two."]


def test_a_correction_banner_over_the_title_is_no_title():
    scrape = _scrape(
        "Centre", "Home", "About", "Research", "Events",
        "UPDATED 14 December 2026: This commentary has been revised to correct a date.",
        "The SEANWFZ Protocol: Why the Nuclear Weapon States Still Won't Sign",
        "By Nur Aisyah Kamaruddin", "11 December 2026", BODY,
    )  # fmt: skip
    assert scrape.title == "The SEANWFZ Protocol: Why the Nuclear Weapon States Still Won't Sign"
    assert scrape.date == date(2026, 12, 11)


@pytest.mark.parametrize("line", ["Search and rescue teams", "Searches of the site found nothing"])
def test_a_line_that_starts_with_search_may_be_text(line):
    from pipeline.importers.furniture import is_chrome

    assert not is_chrome(line)


def test_a_two_line_site_name_with_its_and_is_no_byline_and_a_volume_line_no_title():
    scrape = _scrape(
        "IDRI", "Instituto de Defesa e Relações Internacionais", "Início", "Publicações",
        "Eventos", "Contactos", "Volume 19, Issue 4 (Winter 2026)",
        "«A NATO precisa de olhar para sul»", "12 de novembro de 2026", BODY,
    )  # fmt: skip
    assert (scrape.title, scrape.authors) == ("«A NATO precisa de olhar para sul»", ())


def test_a_label_over_its_date_over_the_title_gives_the_kind(tmp_path):
    draft = _draft_of(
        tmp_path, "Centre", "Home", "About", "Research", "Contact", "Заява",
        "11 грудня 2026 року, 14:20", "Заява Інституту щодо атак на енергетичну інфраструктуру",
        BODY,
    )  # fmt: skip
    assert (draft.kind, draft.date) == ("statement", date(2026, 12, 11))
    assert 'kind: statement  # the page\'s label "Заява" above the title' in draft.render()


@pytest.mark.parametrize(
    ("byline", "bio", "disclaimer"),
    [
        ("Por Ricardo Albuquerque", "Ricardo Albuquerque é professor da Universidade Federal.",
         "Os artigos de opinião não refletem necessariamente a posição do IBEE."),
        ("Autorzy: Tomasz Wiśniewski", "Dr hab. Tomasz Wiśniewski jest profesorem UW.", None),
        ("Szerző: Kovács Péter", "Dr. Kovács Péter a KBI vezető kutatója.", None),
        ("بقلم: د. سامر الحداد", "د. سامر الحداد باحث أول في المركز ومدير برنامج عدم الانتشار.",
         "الآراء الواردة في هذا المقال تعبّر عن رأي كاتبيها ولا تعكس بالضرورة موقف المركز."),
        ("نویسنده: مریم رضایی", "دکتر مریم رضایی عضو هیئت علمی دانشکده روابط بین‌الملل است.",
         "مطالب منتشرشده در بخش یادداشت‌ها لزوماً بیانگر دیدگاه مؤسسه نیست."),
        ("โดย ผศ.ดร.สมชาย วงศ์สวัสดิ์", "ผศ.ดร.สมชาย วงศ์สวัสดิ์ เป็นอาจารย์ประจำคณะรัฐศาสตร์",
         "บทความนี้เป็นความคิดเห็นของผู้เขียน ไม่ใช่ความเห็นของสถาบัน"),
    ],
    ids=["pt", "pl", "hu", "ar", "fa", "th"],
)  # fmt: skip
def test_a_biography_and_disclaimer_in_more_languages_end_the_text(byline, bio, disclaimer):
    lines = [bio] + ([disclaimer] if disclaimer else [])
    scrape = _scrape("Centre", "A Title Here", byline, BODY, BODY + " Two.", *lines)
    assert scrape.paragraphs == [BODY, BODY + " Two."]


def test_a_wordpress_foot_of_share_buttons_related_posts_and_comments_leaves_the_text():
    menu = [f"Menu item {n}" for n in range(10)]
    foot = [
        "Dr. Miriam Osei is a senior fellow at the Centre and a former adviser.", "Share this:",
        "Like this:", "Like Loading...", "Related", "Why NATO's Nuclear Sharing Debate Is Back",
        "October 14, 2026", "3 comments", "Daniel R. says:", "November 29, 2026 at 8:14 am",
        "Well argued.", "Reply", "Leave a Reply Cancel reply",
        "Your email address will not be published. Required fields are marked *", "Website",
        "Save my name, email, and website in this browser for the next time I comment.",
    ]  # fmt: skip
    scrape = _scrape("Centre", *menu, "Canada Should Stop Hiding", "By Miriam Osei", BODY,
                     BODY + " Two.", *foot)  # fmt: skip
    assert scrape.paragraphs == [BODY, BODY + " Two."]


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for more like this.", "Enjoying The Strategic Ledger? Get our free newsletter.",
        "Joomla! is Free Software released under the GNU General Public License.",
    ],
)  # fmt: skip
def test_a_platforms_or_newsletters_line_under_a_biography_leaves_it_out_too(line):
    scrape = _scrape("Centre", "A Title Here", "By Farah Iqbal", BODY, BODY + " Two.",
                     "Farah Iqbal is a non-resident fellow at Meridian.", line)  # fmt: skip
    assert scrape.paragraphs == [BODY, BODY + " Two."]


def test_a_vacancys_application_link_is_call_apply_when_it_has_a_deadline(tmp_path):
    lines = ["Centre", "Home", "About", "Careers", "Vacancies",
             "Research Fellow, Nuclear Disarmament Programme", "Posted: 2 December 2026", BODY]  # fmt: skip
    draft = _draft_of(tmp_path, *lines, "Closing date: 15 January 2027.",
                      "Apply now: https://jobs.example.org/1842217", BODY + " Two.")  # fmt: skip
    assert draft.call == {"deadline": "2027-01-15", "apply": "https://jobs.example.org/1842217"}
    assert "Apply now" not in draft.body
    undated = _draft_of(tmp_path, *lines,
                        "Apply now: https://jobs.example.org/1842217", BODY + " Two.")  # fmt: skip
    assert undated.kind == "job" and undated.call == {}  # (no `call:` without its deadline)
    assert any("application link is https://jobs.example.org/1842217" in n for n in undated.review)
