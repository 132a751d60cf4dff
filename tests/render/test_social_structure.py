"""The body's structure without markdown-it (plain paragraphs) is what markdown-it gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.markdown import plain_paragraphs
from pipeline.render.social.structure import body_structure, parsed_structure

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "commentary"

PIECES = st.sampled_from(
    [
        "Word", "word", "U.S.", "Ms. Kane", " ", "  ", "\n", "\n\n", "\n \n", ", ", ". ", "? ",
        "1. ", "1) ", "- ", "* ", "+ ", "# ", "> ", "    ", "---", "===", "***", "| a | b |",
        "|---|---|", "[link](https://vcdnp.org/)", "<b>", "&amp;", "\\*", "`code`", "*em*",
        "_em_", "~~", "\t", "\r\n", "“Quote”", "(aside)", "日本語", "é", "\u3000", "\x0c",
        "\u2028", "You may also like", "Share this", "!", "#tag", "a|b", "2021", "\u00a0",
    ]
)  # fmt: skip
BODY = st.lists(PIECES, max_size=40).map(lambda parts: "".join(parts).strip() + "\n")


@settings(max_examples=600, deadline=None)
@given(BODY, st.sampled_from(["en", "de", "fr"]))
def test_plain_bodies_need_no_parser(body, language):
    assert body_structure.__wrapped__(body, language) == parsed_structure(body, language)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(["Word", "word", "U.S.", "Ms. Kane", " ", "  ", ". ", "é"]))
        .map("".join)
        .filter(lambda t: t[:1].isalpha()),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["\n", "\n\n", "\n  \n"]),
)
def test_paragraphs_of_words_take_the_fast_path(lines, separator):
    body = separator.join(lines) + "\n"
    assert plain_paragraphs(body) is not None
    assert body_structure.__wrapped__(body, "en") == parsed_structure(body, "en")


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md")), ids=lambda p: p.stem)
def test_the_corpus_bodies(path):
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1].strip() + "\n"
    assert body_structure.__wrapped__(body, "en") == parsed_structure(body, "en")


@pytest.mark.parametrize(
    "body",
    ["- item\n", "Text\n===\n", "Text\n\n> quote\n", "See [x](y).\n", "a *b* c\n", " Indented\n"],
)
def test_anything_marked_up_is_parsed(body):
    assert plain_paragraphs(body) is None


def test_footnotes_are_sources_not_blocks_and_their_marks_leave_the_text():
    body = "Stocks fell.[^a] Plutonium grew.^[Civil.]\n\n> Quoted.[^a]\n\n[^a]: IPFM, 2025.\n"
    assert plain_paragraphs(body) is None
    blocks = body_structure(body, "en").blocks
    assert [(b.text, b.role) for b in blocks] == [
        ("Stocks fell. Plutonium grew.", "paragraph"),
        ("Quoted.", "quote"),
    ]


def test_pictures_and_their_captions_are_nothing_to_post():
    body = (
        "![Delegates in the hall](https://example.org/a.jpg)\n\n*The hall. Photo: UN*\n\n"
        "The talks resumed.\n\n*Stressed* words begin this one.\n"
    )
    blocks = body_structure(body, "en").blocks
    assert [b.text for b in blocks] == ["The talks resumed.", "Stressed words begin this one."]


def test_a_transcripts_speaker_labels_are_who_speaks_not_text():
    body = (
        "**Elena K. Sokova:** What worries you most?\n\n"
        "**Rafael Grossi**: The gap. We cannot inspect.\n\n"
        "**Elena K. Sokova:** And remote monitoring?\n\n"
        "**This is a bold sentence.** And more.\n\n"
        "**Q: What has changed?**\n\n"
        "**A bold run of far more than six words here:** text.\n"
    )
    blocks = body_structure(body, "en").blocks
    assert [(b.speaker, b.text) for b in blocks] == [
        ("Elena K. Sokova", "What worries you most?"),
        ("Rafael Grossi", "The gap. We cannot inspect."),
        ("Elena K. Sokova", "And remote monitoring?"),
        ("", "This is a bold sentence. And more."),
        ("", "Q: What has changed?"),
        ("", "A bold run of far more than six words here: text."),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "**In brief:** Is the regime failing its members? It is not.\n",
        "**Bottom line:** States should act.\n\n**Recommendation:** Fund the Agency.\n",
        "**Grossi:** One answer.\n\n**Grossi:** Another answer.\n",  # one voice: no turns
    ],
)
def test_bold_run_in_labels_without_turns_are_text(body):
    blocks = body_structure(body, "en").blocks
    assert all(b.speaker == "" for b in blocks)
    assert blocks[0].text.startswith(body[2:].split("**", 1)[0])
