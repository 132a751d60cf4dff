"""A page's details as an editor reads them: its authors (a journal's "Last, First", a byline
over the site's name in the metadata, a role run into the name, an Arabic byline), its
language, a podcast's player, a journal's paywall and keywords, an interview in a <dl>."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.importers.page import import_page


def _paragraphs(label: str, sentence: str, count: int = 3) -> str:
    """`count` paragraphs of `sentence`, numbered after `label` ("Abstract 0: …")."""
    return "".join(f"<p>{label} {n}: {sentence}</p>" for n in range(count))


TEXT = _paragraphs(
    "Paragraph", "environmental sampling lets inspectors find traces of undeclared enrichment "
    "long after the equipment has gone, which is why states resist it.", 4,
)  # fmt: skip


def _draft(text: str, *, head: str = "", title: str = "Trust but Sample", lang: str = "en",
           url: str = "https://ex.org/a/trust-but-sample", main: bool = True):  # fmt: skip
    """The draft of a page whose `<body>` holds `text` (in `<main><article>` unless not
    `main`), with `head` in its `<head>`, imported on 2026-12-16."""
    body = f"<main><article>{text}</article></main>" if main else text
    html = (
        f"<!DOCTYPE html><html lang='{lang}'><head><title>{title}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )
    return import_page(html, source="p.html", page_url=url, site_name="Centre",
                       today=date(2026, 12, 16)).draft  # fmt: skip


def _authors(head: str, byline: str) -> list[str]:
    return _draft(f"<h1>Trust but Sample</h1>{byline}{TEXT}", head=head).authors


@pytest.mark.parametrize(
    ("head", "byline", "authors"),
    [
        ('<meta name="citation_author" content="Lindqvist, Anna">'
         '<meta name="citation_author" content="Okonkwo, Chidi E.">'
         '<meta name="DC.creator" content="Lindqvist, Anna">', "",
         ["Anna Lindqvist", "Chidi E. Okonkwo"]),
        ('<meta name="author" content="Nordic Institute for Arms Control Studies">',
         '<address class="authorline"><a href="/s/41">Sigrid Halvorsen</a>, Senior Research '
         'Fellow<br><a href="/s/58">Mikko Rantanen</a>, Research Fellow</address>',
         ["Sigrid Halvorsen", "Mikko Rantanen"]),
        ('<meta name="author" content="Rebecca Thorne Host">', "", ["Rebecca Thorne"]),
        ('<meta name="author" content="بقلم: د. ليلى حداد">', "", ["ليلى حداد"]),
    ],
    ids=["citation", "organisation in meta", "podcast role", "arabic"],
)  # fmt: skip
def test_the_authors_a_page_names(head: str, byline: str, authors: list[str]) -> None:
    assert _authors(head, byline) == authors


def test_a_page_that_declares_the_wrong_language_gets_its_texts_with_a_note() -> None:
    german = _paragraphs(
        "Absatz", "Die nukleare Teilhabe ist für Deutschland eine Frage, die nicht mehr "
        "aufgeschoben werden kann, und die Bundesregierung wird sich in den nächsten Monaten "
        "entscheiden müssen, ob sie die Flugzeuge der Luftwaffe auch in Zukunft dafür bereitstellt.",
    )  # fmt: skip
    draft = _draft(f"<h1>Nukleare Teilhabe nach der Zeitenwende</h1>{german}",
                   title="Nukleare Teilhabe", url="https://ex.de/a/teilhabe")  # fmt: skip
    assert draft.language == "de"
    assert any('declares "en", but its text reads as "de"' in n for n in draft.review)


def test_a_podcast_page_without_article_links_its_player_and_drops_its_subscribe_line() -> None:
    notes = _paragraphs(
        "Show notes", "what broadening nuclear sharing means, and which allies want to take "
        "part in the mission with their own aircraft.",
    )  # fmt: skip
    draft = _draft(
        "<div class='episode'><h1>Episode 42: Nuclear Sharing After the Summit</h1>"
        "<audio controls src='https://media.example.org/ep42.mp3'>No audio. "
        "<a href='https://media.example.org/ep42.mp3'>Download</a></audio>"
        "<p>Subscribe: <a href='https://podcasts.apple.com/p/1'>Apple Podcasts</a> · "
        "<a href='https://open.spotify.com/s/1'>Spotify</a> · <a href='/feed'>RSS</a></p>"
        f"{notes}</div>",
        title="Episode 42", url="https://ex.org/podcast/ep42", main=False,
    )  # fmt: skip
    assert "Subscribe" not in draft.body
    assert draft.body.rstrip().endswith(
        "[▶ Episode 42: Nuclear Sharing After the Summit](https://media.example.org/ep42.mp3)"
    )


def test_a_journal_page_stops_at_its_access_box_and_its_keywords_are_its_tags() -> None:
    abstract = _paragraphs(
        "Abstract", "environmental sampling lets inspectors find traces of undeclared "
        "enrichment long after the equipment has gone.",
    )  # fmt: skip
    draft = _draft(
        f"<h1>Trust but Sample</h1>{abstract}<h3>Keywords</h3><ul>"
        "<li>IAEA safeguards</li><li>verification</li></ul><h2>Access options</h2>"
        "<p>Get access to the full version of this article.</p><h3>Personal access</h3>"
        "<p>USD 45.00</p><p><a href='/cart'>Add to cart</a></p>",
        head="<meta name='citation_keywords' content='IAEA safeguards; verification'>",
        url="https://ex.org/doi/10.5555/jsv",
    )  # fmt: skip
    assert draft.tags == ["IAEA safeguards", "verification"]
    assert "Keywords" not in draft.body and "USD 45.00" not in draft.body
    assert draft.body.rstrip().endswith("long after the equipment has gone.")
    assert any("the publisher's ways to pay for the rest" in n for n in draft.review)


def test_an_interview_in_a_definition_list_keeps_questions_and_answers_apart() -> None:
    pairs = "".join(
        f"<dt>Question {n}: what surprised you most as an inspector?</dt><dd>Answer {n}: how "
        "much of the job is routine, and that the routine is what makes the unusual visible.</dd>"
        for n in range(3)
    )
    draft = _draft(f"<h1>A Conversation with a Former Inspector</h1><dl class='qa'>{pairs}</dl>",
                   title="Interview", url="https://ex.org/interview")  # fmt: skip
    assert draft.body.startswith(
        "**Question 0: what surprised you most as an inspector?**\n\nAnswer 0: how much"
    )
    assert "- " not in draft.body


def test_a_un_press_releases_media_note_and_contact_block_leave_the_text() -> None:
    text = _paragraphs(
        "Paragraph", "the Meeting of States Parties adopted its final report after three days "
        "of discussion on universalization and victim assistance.", 4,
    )  # fmt: skip
    draft = _draft(
        f"<h1>States Parties Conclude Their Meeting</h1>{text}"
        "<p><em>For use of the information media; not an official record.</em></p>"
        "<h3>Media contacts</h3><p>Information Service, United Nations Office at Geneva<br>"
        "Tel: +41 22 917 23 25<br>Email: <a href='mailto:media@un.example'>media@un.example</a>"
        "</p>",
        title="States Parties Conclude Their Meeting", url="https://ex.org/press/2026/12/msp",
    )  # fmt: skip
    assert draft.body.rstrip().endswith("victim assistance.</p>"[:-4])
    assert "information media" not in draft.body and "Tel:" not in draft.body
