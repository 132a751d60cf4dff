"""Which sentences lean on one the reader has not seen (language.py): an opening pronoun or
connective, or a demonstrative standing for something said before."""

from __future__ import annotations

import pytest

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
