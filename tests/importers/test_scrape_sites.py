"""Raw text scrapes of commentary pages from many kinds of sites (tests/fixtures/importers/
scrapes: think tanks, a news agency, Substack, Medium, an event, French, German and Spanish
institutes), read as an editor would check them."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.importers.scrape import import_scrape, import_scrape_text, parse_scrape
from tests.importers.conftest import FIXTURES

SCRAPES = FIXTURES / "scrapes"
TODAY = date(2026, 12, 4)
SITE = "Vienna Center for Disarmament and Non-Proliferation"
ADDRESSES = {
    "01_carnegie.txt": "https://carnegieendowment.org/emissary/2026/03/npt-review-cycle-reset",
    "02_csis.txt": "https://www.csis.org/analysis/irans-enrichment-surge-what-comes-after-snapback",
    "03_chatham.txt": "https://www.chathamhouse.org/2026/03/europes-nuclear-debate-back",
    "04_sipri.txt": "https://www.sipri.org/media/press-release/2025/nuclear-arsenals-grow-arms-control-fades",
    "05_iiss.txt": "https://www.iiss.org/online-analysis/military-balance/2026/02/north-koreas-new-solid-fuel-icbm/",
    "07_armscontrol_interview.txt": "https://www.armscontrol.org/act/2026-03/interviews/verifying-disarmament-interview-iaea-ddg-sofia-lindgren",
    "08_belfer_multi.txt": "https://www.belfercenter.org/publication/case-fissile-material-cutoff-revisited",
    "09_eln_multi.txt": "https://europeanleadershipnetwork.org/commentary/europe-and-the-end-of-new-start/",
    "06_stimson_event.txt": "https://www.stimson.org/event/webinar-the-future-of-nuclear-security-after-the-2026-summit/",
    "10_brookings.txt": "https://www.brookings.edu/articles/five-myths-about-missile-defense/",
    "11_reuters_news.txt": "https://www.reuters.com/world/iaea-board-rebukes-iran-2026-03-05/",
    "12_substack.txt": "https://deterrencedispatch.substack.com/p/why-no-first-use-wont-die",
    "13_ifri_fr.txt": "https://www.ifri.org/fr/editoriaux/dissuasion-nucleaire-leurope-face-ses-choix",
    "14_swp_de.txt": "https://www.swp-berlin.org/publikation/nukleare-teilhabe-nach-dem-ende-von-new-start",
    "15_elcano_es.txt": "https://www.realinstitutoelcano.org/analisis/el-desarme-nuclear-en-la-agenda-de-la-presidencia-espanola/",
    "16_university_lynx.txt": "https://nonproliferation.org/report-launch-tracking-nuclear-smuggling-black-sea/",
    "17_medium.txt": "https://medium.com/@hokafor/the-quiet-collapse-of-the-ctbt-moratorium-3f9a2b1c7d0e",
}  # fmt: skip
# file -> (title, authors, date (None: the import day, with a note), kind, language,
#          the body's first words, its last words)
EXPECTED = {
    # a standfirst between the title and the byline; the date on its own line
    "01_carnegie.txt": ("Why the NPT Review Cycle Needs a Reset", ("Tara Whitfield", "Jonas Ekberg"),
                        date(2026, 3, 3), None, None, "The Non-Proliferation Treaty's review",
                        "Such an approach would not solve"),
    # a subtitle after a dash stays; the credit before the byline; "| 7 min read" after the date
    "02_csis.txt": ("Iran's Enrichment Surge – What Comes After the Snapback?", ("Daniel Morrow",),
                    date(2026, 3, 10), "analysis", None, "Iran has expanded", "None of these"),
    # a cookie banner before the title; a name over its role; "Updated" and reading time
    "03_chatham.txt": ("Europe's Nuclear Debate Is Back", ("Helena Marsh",), date(2026, 3, 4),
                       None, None, "French proposals", "What this debate needs now"),
    "04_sipri.txt": ("Nuclear Arsenals Grow as Arms Control Fades",
                     ("Wilfred Lindqvist", "Amira Haddad"), date(2025, 6, 16), None, None,
                     "The nine nuclear-armed states", None),
    # a republication note at the end
    "05_iiss.txt": ("North Korea's New Solid-Fuel ICBM", ("Ho-Jin Park", "Elizabeth Crane"),
                    date(2026, 2, 14), None, None, "North Korea's launch", "Analysts will be"),
    # the interviewer is the author; the membership appeal at the end goes
    "07_armscontrol_interview.txt": (
        "Verifying Disarmament: An Interview With IAEA Deputy Director General Sofia Lindgren",
        ("Carol Ames",), None, "interview", None, "Sofia Lindgren is the IAEA", "Lindgren: That"),
    # "The authors are, respectively, …", "Read the full article at …", the press office
    "08_belfer_multi.txt": ("The Case for a Fissile Material Cutoff, Revisited",
                            ("Matthew Bunn", "Nickolas Roth", "William H. Tobey"),
                            date(2026, 3, 12), None, None, "Negotiations on a treaty",
                            "Pakistan has blocked"),
    # "| Oliver Grant, Senior Policy Fellow": a second author; the disclaimer and the image
    # credit under the text
    "09_eln_multi.txt": ("Europe and the End of New START", ("Katarzyna Nowak", "Oliver Grant"),
                         date(2026, 2, 20), None, None, "11 February 2026 marked",
                         "European governments should"),
    # "Date:" on an event's page is the event's, not the publication date
    "06_stimson_event.txt": ("Webinar: The Future of Nuclear Security After the 2026 Summit", (),
                             None, "event", None, None, None),
    # names without "By", the date on the next line
    "10_brookings.txt": ("Five Myths About Missile Defense", ("Michael E. O'Hanlon", "Priya Raman"),
                         date(2026, 3, 2), None, None, "Missile defense is among",
                         "Limited defenses against small arsenals"),
    # a date with a time and a UTC offset
    "11_reuters_news.txt": ("IAEA Board Rebukes Iran", ("Francois Murphy",), date(2026, 3, 5),
                            None, None, "VIENNA, March 5 (Reuters)", None),
    # Substack's counters, sign-up box and "Thanks for reading"
    "12_substack.txt": ('Why "No First Use" Won\'t Die', ("Jordan Ellis",), date(2026, 3, 8), None,
                        None, "The idea keeps coming back", None),
    "13_ifri_fr.txt": ("Dissuasion nucléaire : l'Europe face à ses choix",
                       ("Étienne Marchand", "Claire Dubois"), date(2026, 2, 12), None, "fr",
                       "Le débat sur une dimension", "De nombreux partenaires"),
    "14_swp_de.txt": ("Nukleare Teilhabe nach dem Ende von New START",
                      ("Ulrich Hartmann", "Miriam Keller"), None, None, "de",
                      "Die nukleare Teilhabe der NATO", "Die Bundesregierung sollte"),
    "15_elcano_es.txt": ("El desarme nuclear en la agenda de la presidencia española",
                         ("Luis Fernández Ortega", "Ana María Ruiz"), date(2026, 3, 4), "analysis",
                         "es", None, "España debería aprovechar"),
    # wrapped at 80 columns (lynx -dump): paragraphs joined again; the title names its kind
    "16_university_lynx.txt": ("Report Launch: Tracking Nuclear Smuggling in the Black Sea Region",
                               (), date(2025, 5, 20), "report", None, "CNS today released a new report documenting 87 incidents of nuclear and radioactive",
                               '"Most of these cases'),
    # the title first, then its author: no site name above it
    "17_medium.txt": ("The Quiet Collapse of the CTBT Moratorium", ("Hannah Okafor",),
                      date(2026, 2, 27), None, None, "For nearly thirty years", None),
    # A second round, read without their addresses (2xx_*.txt): a tagline above the menu, the
    # date above the title, an editor's note above it, "Words by", a name with its role in
    # brackets, a dateline, notes under a "Stay informed" box, "ANALYSIS" over the title under a
    # menu that has "Analysis" too, a call for papers, a vacancy, a table
    "201_rusi_keypoints.txt": ("The AUKUS Naval Reactor Question the IAEA Cannot Dodge",
                               ("Harriet Lowe", "Tom Okafor"), date(2026, 12, 2), None, None,
                               "Australia's submarine programme", "None of this requires"),
    "202_lowy_datefirst.txt": ("South Korea's enrichment ambition is a test for Washington",
                               ("Mina Park",), date(2026, 12, 3), None, None,
                               "A revised 123 agreement", "Washington should put"),
    "203_prif_editorsnote.txt": (
        "Verification without a Treaty? Lessons from the Cooperative Threat Reduction Years",
        ("Sophia Reinhardt", "Lukas Bergmann"), date(2026, 12, 1), None, None,
        "With New START gone", None),
    "204_nti_table.txt": ("Tracking the World's Stocks of Highly Enriched Uranium",
                          ("Rachel Whitcomb",), date(2026, 12, 1), None, None, "Fifteen years after",
                          None),
    "205_bulletin_wordsby.txt": ("The quiet return of nuclear testing talk", ("Elena Marsh",),
                                 date(2026, 12, 2), None, None, "When a senior official", None),
    # a section's blurb between the menu and the title; the name again under the byline; an
    # agency's credit under the caption; a date with a time after a comma
    "207_fp_blurb.txt": ("The IAEA Needs a Director-General Who Can Say No", ("Jane Doe",),
                         date(2026, 12, 2), None, None, "The next head of the U.N.", None),
    "209_38north.txt": ("Yongbyon: New Construction at the Uranium Enrichment Plant",
                        ("Peter Makowski", "Jenny Town"), date(2026, 12, 2), "analysis", None,
                        "Commercial satellite imagery", "[^2]: Imagery from Planet Labs"),
    "210_iaea_press.txt": ("IAEA Director General to Visit Zaporizhzhya Nuclear Power Plant for "
                           "Talks on Restoring Off-Site Power", (), date(2026, 12, 3), "statement",
                           None, "IAEA Director General Rafael", "During the visit"),
    "212_jiia_en.txt": ("Japan's Three Non-Nuclear Principles after the Extended Deterrence "
                        "Dialogue", ("SATO Kenichi",), date(2026, 12, 2), None, None,
                        "The Japan–US Extended Deterrence", "Opponents answer"),
    "213_iai_it.txt": ("Il nucleare francese e la difesa europea: cosa cambia per l'Italia",
                       ("Giulia Ferraro", "Marco Bellini"), date(2026, 12, 2), None, "it",
                       "L'offerta di Parigi", "Il governo italiano dovrebbe"),
    "214_pir_ru.txt": ("Будущее контроля над вооружениями после истечения ДСНВ",
                       ("Андрей Соколов", "Ольга Николаева"), date(2026, 12, 2), "analysis", "ru",
                       "5 февраля 2026 г.", "По мнению авторов"),
    "215_kcl_cfp.txt": ("Call for Papers: Emerging Technologies and Nuclear Stability Workshop",
                        (), date(2026, 12, 1), "call", None, "The Centre for Science", None),
    "216_vertic_job.txt": ("Researcher, Verification and Monitoring Programme", (),
                           date(2026, 12, 2), "job", None, None, None),
    # Japanese and Chinese paragraphs, which have no spaces, are text, not short footer lines;
    # a breadcrumb "当前位置：首页 > …" is never the title
    "301_spf_ja.txt": ("北朝鮮の核ドクトリン変更と日米韓協力の課題", ("山田 太郎",),
                       date(2026, 11, 25), None, "ja", "北朝鮮は2026年10月", "第一に"),
    "302_ciis_zh.txt": ("美俄新削减战略武器条约失效后的核军控前景", ("王晓明",),
                        date(2026, 11, 20), None, "zh-Hans", "2026年2月5日", "短期内"),
    # a date over a title with a colon in it
    "303_date_over_colon_title.txt": (
        "Experts react: What NATO's new nuclear language means for the alliance",
        ("Marcus Hollings", "Anna Lindqvist"), date(2026, 11, 12), None, None,
        "NATO leaders meeting", "For years"),
    # a menu item "Foreign Relations & International Law" names no one, and more menu after it
    "304_ampersand_menu.txt": ("The Legal Fault Lines of a Post-New START World",
                               ("Jack Pemberton",), date(2026, 11, 9), None, None,
                               "When New START expired", "That raises"),
    "305_pism_pl.txt": ("Rosyjskie rakiety w Obwodzie Królewieckim: implikacje dla NATO",
                        ("Jan Kowalczyk", "Agnieszka Nowicka-Wójcik"), date(2026, 11, 24), None,
                        "pl", "Rosja rozmieściła", "NATO nie powinno"),
    # a breadcrumb "Home > Publicaties > Commentaar", then the date, then the title; "Door A
    # en B" (the Dutch caption with "Foto:" still opens the text)
    "306_clingendael_nl.txt": ("Kernwapens in Europa: waarom Nederland zich niet langer kan "
                               "verschuilen", ("Anouk de Vries", "Pieter van den Berg"),
                               date(2026, 11, 10), None, "nl", None, "Wie zwijgt"),
    # the event's date, then its time "13:15 - 14:30 (CET)", which is no title
    "307_unidir_launch.txt": ("Report Launch: Building Confidence in Outer Space Through Norms "
                              "of Responsible Behaviour", (), None, "event", None, None,
                              "The event will also be livestreamed"),
    # the title, a date, then "Name, Role" on its own line: the author, not the title under
    # a date nor a dateline
    "308_name_role_line.txt": ("North Korea's Seventh Nuclear Test and the Limits of Extended "
                               "Deterrence", ("Cha Min-ho",), date(2026, 10, 29), None, None,
                               "On October 21", "The test confirms"),
}  # fmt: skip
FURNITURE = ("Share", "Tweet", "Copy link", "Subscribe", "Sign up", "Restacks", "Likes",
             "Listen", "Follow", "min read", "Reading time", "Partager", "Imprimer", "Compartir",
             "Descargar PDF", "PDF herunterladen", "cookies", "Enter your email",
             "Das könnte Sie auch interessieren", "Ces contenus pourraient", "More Work from",
             "does not take institutional positions", "Thanks for reading", "Add to calendar",
             "Updated 2 hours ago", "Themen:", "Media contact", "The opinions articulated",
             "Image:", "For Academic Citation", "Become a member", "This analysis was originally",
             "Editor's note", "Words by", "Vienna, Austria", "Tel.:", "Stay informed", "PDF",
             "Follow us", "Registered charity", "Strand, London", "Share this post",
             "38 North is a program", "Have an idea for")  # fmt: skip


def test_every_scrape_fixture_has_an_expectation():
    assert sorted(p.name for p in SCRAPES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_scrape_gives_title_authors_date_kind_language_and_text(name):
    title, authors, day, kind, language, first, last = EXPECTED[name]
    draft, warnings = import_scrape(SCRAPES / name, SITE, ADDRESSES.get(name), None, TODAY)
    draft.for_site("en")  # as the import command does: the site's language is no `language:`
    assert draft.title == title
    assert tuple(draft.authors) == authors
    assert draft.date == (day or TODAY)
    assert any("no date" in w for w in warnings) == (day is None)
    assert draft.kind == kind and draft.language == language
    paragraphs = draft.body.split("\n\n")
    assert first is None or paragraphs[0].startswith(first), paragraphs[0]
    assert last is None or paragraphs[-1].startswith(last), paragraphs[-1]
    for line in paragraphs:
        assert not any(line.startswith(f) or line == f for f in FURNITURE), line
        assert "cookies" not in line.lower() or len(line.split()) > 60, line
    assert title not in paragraphs and not any(a == p for a in authors for p in paragraphs)


def test_an_events_date_is_the_events_not_the_publication_date():
    draft, _ = import_scrape(SCRAPES / "06_stimson_event.txt", SITE, None, None, TODAY)
    # its time and place are read too ("EDT": New York's offset that day), and out of the text
    assert draft.kind == "event" and draft.event == {
        "start": "2026-04-16T10:00-04:00", "end": "2026-04-16T11:30-04:00",
        "place": "Online via Zoom",
    }  # fmt: skip
    (note,) = [n for n in draft.review if n.startswith("event: read from the scrape: its date")]
    assert note.endswith('"Register here". Add its registration link.')
    assert "Time:" not in draft.body and "Location:" not in draft.body
    assert "Register here" not in draft.body
    # ahead of the import day, on any event notice: the event's too
    text = "Centre\n\nEvents\n\nRoundtable on Safeguards\n\nDate: 15 January 2027\n\nJoin us.\n"
    ahead = parse_scrape(text, "Centre")
    assert ahead.date == date(2027, 1, 15) and ahead.when_label


def test_a_date_ahead_of_the_import_day_on_a_commentary_is_not_its_date(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Centre\n\nThe Summit Ahead of Us\n\nBy Jane Doe\n\n20 January 2027\n\n"
                    "The leaders will meet in the new year to discuss the treaty's future.\n",
                    encoding="utf-8")  # fmt: skip
    draft, _ = import_scrape(path, "Centre", None, None, TODAY)
    assert draft.date == TODAY and draft.kind is None and draft.event == {}
    assert any("after the import day" in n for n in draft.review)


@pytest.mark.parametrize(
    ("sentence", "dangles"),
    [
        ("The full video is available below.", True),
        ("Watch the recording above.", True),
        ("Listen to the podcast below:", True),
        ("In our view, outcomes above the lowest common denominator are still possible.", False),
        ("We see three reasons for concern, set out below.", False),
        ("Watch this space above all.", False),
    ],
)
def test_only_a_sentence_about_an_embed_dangles(sentence, dangles):
    text = f"Centre\n\nA Title Here\n\nBy Jane Doe\n\nThe first paragraph is text.\n\n{sentence}\n"
    scrape = parse_scrape(text, "Centre")
    assert (scrape.dangling == [sentence]) == dangles
    assert (sentence in scrape.paragraphs) != dangles


def test_a_menu_with_type_labels_in_it_is_no_label_above_the_title():
    lines = ["Centre", "Home", "News", "Analysis", "Events", "About us", "Contact",
             "The NPT at Fifty-Five Years and Counting", "By Jane Doe", "Body text is here."]  # fmt: skip
    scrape = parse_scrape("\n\n".join(lines), "Centre")
    assert scrape.title == "The NPT at Fifty-Five Years and Counting"


def test_a_credit_on_its_own_line_takes_the_caption_before_it():
    lines = ["Centre", "Op-Ed", "A Test Ban Worth Keeping", "By Jane Doe, Senior Fellow, VCDNP",
             "February 2, 2026", "IAEA Director General Rafael Grossi speaks in Vienna.",
             "Photo: Dean Calma / IAEA", "Body paragraph one is a real paragraph of text here."]  # fmt: skip
    scrape = parse_scrape("\n\n".join(lines), "Centre")
    assert scrape.authors == ("Jane Doe",) and scrape.date == date(2026, 2, 2)
    assert scrape.caption == "IAEA Director General Rafael Grossi speaks in Vienna."
    assert scrape.credit == "Photo: Dean Calma / IAEA"
    assert scrape.paragraphs == ["Body paragraph one is a real paragraph of text here."]


@pytest.mark.parametrize(
    "line", ["Key Takeaways", "Executive Summary", "Nuclear Security Programme"]
)
def test_a_short_line_after_the_title_is_no_author_without_evidence(line):
    scrape = parse_scrape(
        f"Centre\n\nA Title Here\n\n{line}\n\nThe body says more here.\n", "Centre"
    )
    assert scrape.authors == () and line in scrape.paragraphs


def test_notes_at_the_end_become_footnotes_and_bullets_a_list():
    draft, _ = import_scrape(SCRAPES / "04_sipri.txt", SITE, ADDRESSES["04_sipri.txt"], None, TODAY)
    body = draft.body
    assert "drawn from SIPRI Yearbook 2025.[^1]" in body and "said Dr Lindqvist.[^2]" in body
    assert "\n\n[^1]: SIPRI Yearbook 2025: Armaments" in body
    assert body.rstrip().endswith("[^2]: Interview with the authors, Stockholm, 10 June 2025.")
    assert "\nNotes\n" not in body and "\\[1\\]" not in body
    assert "- The number of operational warheads is rising again.\n- Bilateral arms control" in body


@pytest.mark.parametrize(
    ("lines", "footnoted"),
    [
        # superscripts, numbered in the order the text cites them
        (["The stockpile grew.² It was first reported in 2024.¹", "Notes", "1. A report.",
          "2. An interview."], True),
        # a numbered list at the end is no notes: the text cites none of it
        (["Three steps would help.", "1. Fund the Agency.", "2. Restore inspections."], False),
        # a note the text never cites: left as it is
        (["The stockpile grew.[1]", "Notes", "[1] A report.", "[2] An interview."], False),
    ],
)  # fmt: skip
def test_only_notes_the_text_cites_are_footnotes(lines, footnoted):
    scrape = parse_scrape("\n\n".join(["Centre", "A Title Here", "By Jane Doe", *lines]), "Centre")
    assert bool(scrape.notes) == footnoted
    if footnoted:
        assert scrape.notes == ("An interview.", "A report.")
        assert scrape.paragraphs == [
            "The stockpile grew.⟦fn:1⟧ It was first reported in 2024.⟦fn:2⟧"
        ]


def test_short_lines_before_paragraphs_become_subheadings():
    draft, _ = import_scrape(SCRAPES / "15_elcano_es.txt", SITE, None, None, TODAY)
    assert draft.body.startswith("## Tema\n\nLa presidencia española")
    assert "\n\n## Conclusiones\n\nEspaña debería" in draft.body
    scrape_lines = ["Centre", "A Title Here", "By Jane Doe", "The talks resumed in Vienna.",
                    "More on the inspections", "Inspectors returned in May. They found the seals."]  # fmt: skip
    scrape = parse_scrape("\n\n".join(scrape_lines), "Centre")
    assert scrape.paragraphs[1] == "More on the inspections"  # the text keeps it as it reads
    draft, _ = import_scrape_text("\n\n".join(scrape_lines), "s.txt", "Centre", None, None, TODAY)
    assert "\n\n## More on the inspections\n\nInspectors returned" in draft.body


def test_the_image_credit_under_the_text_is_the_images():
    draft, _ = import_scrape(SCRAPES / "09_eln_multi.txt", SITE, None, None, TODAY)
    assert draft.image == {"credit": "Image: Wikimedia Commons, Kremlin.ru"}


@pytest.mark.parametrize(
    ("name", "deadline"), [("215_kcl_cfp.txt", "2027-01-15"), ("216_vertic_job.txt", "2027-01-08")]
)
def test_a_call_for_papers_and_a_vacancy_are_notices_with_their_deadline(name, deadline):
    draft, _ = import_scrape(SCRAPES / name, SITE, None, None, TODAY)
    assert draft.call == {"deadline": deadline}
    assert any(n.startswith(f"call: the deadline {deadline}") for n in draft.review)


def test_a_table_copied_with_tabs_is_a_markdown_table():
    draft, _ = import_scrape(SCRAPES / "204_nti_table.txt", SITE, None, None, TODAY)
    assert (
        "| Country | Civilian HEU (kg, est.) | Trend since 2020 |\n| --- | --- | --- |\n"
        "| Russia | 20,000+ | No change |" in draft.body
    )
    assert "## Japan" not in draft.body and "Senior Program Officer" not in draft.body


def _body_of(*lines: str) -> str:
    return import_scrape_text("\n\n".join(lines), "s.txt", "Centre", None, None, TODAY)[0].body


@pytest.mark.parametrize(
    "line",
    [
        "1968",  # a year on its own is a subheading's text, not a counter
        "The company's use of tracking cookies breached EU consent rules, the court said.",
        "The consequences of that choice are their own to bear.",
        "Thank you, Mr. President.",
        "The review is produced by consensus, so one state can block it.",
    ],
)
def test_text_that_only_resembles_furniture_stays(line):
    body = _body_of("Centre", "A Title Here", "By Jane Doe",
                    "The talks resumed in Vienna. Both sides said the inspectors would return.",
                    line, "The next paragraph says more about the inspections and the seals.")  # fmt: skip
    assert line in body.replace("\\", "")


def test_a_scrape_one_sentence_a_line_is_no_wrapped_text_dump():
    lines = ["Example Centre", "",
             "Statement on the Outcome of the 2026 Review Conference of the NPT Parties",
             "By Jane Doe", "12 March 2026",
             "The Centre welcomes the consensus final document adopted today by the states parties.",
             "It calls on all nuclear-armed states to implement the disarmament steps agreed in it.",
             "It regrets that the document says nothing new about verification of fissile material.",
             "The Centre will publish a detailed analysis of the document in the coming weeks ahead."]  # fmt: skip
    draft, _ = import_scrape_text("\n".join(lines), "s.txt", "Centre", None, None, TODAY)
    assert draft.authors == ["Jane Doe"] and draft.title.startswith("Statement on the Outcome")
    assert len(draft.body.split("\n\n")) == 4


def test_notes_whose_last_has_no_full_stop_are_still_footnotes():
    body = _body_of("Centre", "A Title Here", "By Jane Doe", "The stockpile grew.[1] It was reported.[2]",
                    "Notes", "[1] A report.", "[2] https://example.org/report")  # fmt: skip
    assert body.endswith("[^2]: https://example.org/report") and "reported.[^2]" in body


def test_a_units_superscript_is_no_footnote():
    body = _body_of("Centre", "A Title Here", "By Jane Doe",
                    "The site covers 5,000 km² of desert.[1] It was reported.[2]", "Notes",
                    "[1] A survey.", "[2] A report.")  # fmt: skip
    assert "5,000 km² of desert.[^1]" in body and "[^1]: A survey." in body


def test_a_tables_empty_cells_keep_the_rows_aligned():
    body = _body_of("Centre", "A Title Here", "By Jane Doe", "The stocks are these:",
                    "Country\tWarheads\tTrend\nRussia\t\t5,580\nFrance\t290\t", "Sources vary.")  # fmt: skip
    assert "| Russia |  | 5,580 |" in body and "| France | 290 |  |" in body


def test_a_subtitle_sharing_a_word_with_the_site_stays():
    scrape = parse_scrape(
        "ISS\n\nSudan's War – A Mission Without End\n\nBy Jane Doe\n\nText here.", "ISS"
    )
    assert scrape.title == "Sudan's War – A Mission Without End"


def test_places_are_no_authors():
    scrape = parse_scrape(
        "Centre\n\nA Title Here\n\nNorth Korea and South Korea\n\nThe text.", "Centre"
    )
    assert scrape.authors == ()


def test_a_long_line_is_no_date_and_costs_nothing():
    from pipeline.importers.dates import parse_date

    assert parse_date("- " * 10_000) is None


def test_an_agencys_credit_under_a_caption():
    draft, _ = import_scrape(SCRAPES / "207_fp_blurb.txt", SITE, None, None, TODAY)
    assert draft.image == {
        "caption": "IAEA Director-General Rafael Grossi speaks during a press conference at the "
        "agency's headquarters in Vienna on Nov. 19, 2026.",
        "credit": "Joe Klamar/AFP via Getty Images",
    }


@pytest.mark.parametrize(
    ("details", "event", "stays"),
    [
        # a time alone under the date; the place without a label stays (nothing says it is one)
        (["13:15 - 14:30 (CET)", "Palais des Nations, Geneva"],
         {"start": "2026-12-08T13:15+01:00", "end": "2026-12-08T14:30+01:00"},
         "Palais des Nations, Geneva"),
        # labels over their values, a German zone, a registration link
        (["Uhrzeit", "14.00–15.30 Uhr MEZ", "Ort", "Berlin, Ludwigkirchplatz 3–4",
          "Anmeldung: https://www.example.org/anmelden"],
         {"start": "2026-12-08T14:00+01:00", "end": "2026-12-08T15:30+01:00",
          "place": "Berlin, Ludwigkirchplatz 3–4", "register": "https://www.example.org/anmelden"},
         None),
        # a time that names no zone stays in the text, and the note says why
        (["Time: 14:00 – 15:30", "Venue: Vienna International Centre"],
         {"start": "2026-12-08", "place": "Vienna International Centre"}, "Time: 14:00 – 15:30"),
        # "CST": China's or America's? no guess
        (["Time: 10:00-12:00 CST"], {"start": "2026-12-08"}, "Time: 10:00-12:00 CST"),
        # an online place on a line of its own; the registration link at the end of the notice
        (["9:00 – 10:30 a.m. PST", "Online via Zoom", "Register"],
         {"start": "2026-12-08T09:00-08:00", "end": "2026-12-08T10:30-08:00",
          "place": "Online via Zoom", "register": "https://www.example.org/register"}, None),
    ],
)  # fmt: skip
def test_an_event_notices_time_place_and_registration_are_read(details, event, stays, tmp_path):
    path = tmp_path / "event.txt"
    path.write_text(
        "\n\n".join(["Centre", "Events", "Launch of the Space Security Report",
                     "Date: 8 December 2026", *details,
                     "Join us for the launch of the report, which maps the proposals for norms of "
                     "responsible behaviour in outer space that States have made since 2021.",
                     *(["Register here: https://www.example.org/register"]
                       if "Register" in details else [])]),
        encoding="utf-8",
    )  # fmt: skip
    draft, _ = import_scrape(path, "Centre", None, None, TODAY)
    assert draft.kind == "event" and draft.event == event
    for line in details:
        assert (line in draft.body) == (line == stays), line
    note = next(n for n in draft.review if n.startswith("event: read from the scrape"))
    assert ("names no time zone" in note) == ("T" not in event["start"] and "Time" in str(stays))
