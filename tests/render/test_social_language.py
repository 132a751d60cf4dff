"""Which sentences lean on one the reader has not seen (language.py): an opening pronoun or
connective, or a demonstrative standing for something said before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.render.social.language import depends_on_context


@pytest.mark.parametrize(
    "sentence",
    [
        "He added: the Board must act.",
        "However, the Board deferred it.",
        "Each has been proposed before.",
        "States parties can change this without amending the treaty.",
        "They must do this by 2026.",
        "Nobody in Vienna wants this.",
        "Ms. Kane would change these too.",
        "Sie fordern dies seit Jahren.",  # German: opens with a pronoun
    ],
)
def test_sentences_that_lean_on_an_earlier_one(sentence):
    language = "de" if sentence.startswith("Sie") else "en"
    assert depends_on_context(sentence, language)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Board met this week in Vienna.",
        "The cost of these measures is small.",
        "Ms. Kane argues that the economic support is sorely needed.",
        "The VCDNP seeks a Research Associate from January 2026. This is a full-time post.",
        "The U.S. delegation said so in 2019.",
    ],
)
def test_sentences_that_stand_alone(sentence):
    assert not depends_on_context(sentence, "en")


WORDISH = st.lists(
    st.sampled_from(
        [
            "should", "SHOULD", "Must", "ought", "ought  to", "ought\nto", "needs to", "calls on",
            "ſhould", "MÜSSEN", "müsste", "sollte", "doit", "préconise", "fordert", "register",
            "unshould", "should-", "-must", "must_", "x", " ", ". ", ", ", "word", "Sign Up",
            "é", "1", "\u212a",
        ]
    ),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(WORDISH, st.sampled_from(["en", "de", "fr", "it"]))
def test_the_word_precheck_agrees_with_the_search(text, language):
    from pipeline.render.social.language import any_word, words

    for pattern in (words(language).modal, words(language).form):
        assert any_word(pattern, text) == (pattern.search(text) is not None)


@pytest.mark.parametrize(
    ("texts", "full_names"),
    [
        # an accented first name; a weekday or a title before the surname is none
        (["UN Secretary-General António Guterres on Wednesday called on States.",
          "On Wednesday Guterres told them.", "Mr. Guterres urged those countries."],
         {"Guterres": "António Guterres"}),
        # the word ending the paragraph before is no first name of the surname opening the next
        (["He spoke to the Security", "Guterres said the talks were over. Mr. Guterres left."],
         {}),
        (["Zoë Ferreira-Lopes spoke.", "Ms. Ferreira-Lopes said more."],
         {"Ferreira-Lopes": "Zoë Ferreira-Lopes"}),
    ],
)  # fmt: skip
def test_full_names_only_as_the_article_writes_them(texts, full_names):
    from pipeline.render.social.names import NameBook

    assert dict(NameBook.from_texts(texts).full_names) == full_names


def test_a_spanish_date_with_de_is_a_date():
    from pipeline.render.social.language import has_date

    assert has_date("La conferencia se celebra el 12 de noviembre en Viena.", "es")
