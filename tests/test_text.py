"""pipeline.text: the str.find span finder gives exactly pysbd's spans and sentences."""

from __future__ import annotations

import pysbd
import pysbd.lang.english
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pysbd.abbreviation_replacer import AbbreviationReplacer

from pipeline.text import _segmenter, rejoined, sentence_spans, split_sentences
from tests.conftest import SAMPLE_CONTENT, SEED

# Repeated sentences, whitespace runs (NBSP and newlines too), abbreviations, quotes, no
# final stop, non-English: the cases where a span finder could drift from pysbd's regexes.
TEXTS = [
    "Ms. Kane said no. Ms. Kane said no. Ms. Kane said no.",
    "aa. aa. aa.  aa.\n\naa.",
    "The U.S. and the E.U. met in Vienna, i.e. at the IAEA. Nothing was agreed\u00a0 Then? “Yes.”",
    "One.\u2003Two.\tThree.\r\nFour",
    "Er sagte: „Nein.“ Dann ging er. Dann ging er.",
    "Il a dit non. M. Dupont a dit oui… Puis rien.",
    "...",
    "   leading space. trailing space.   ",
]


def _pysbd(text: str, language: str = "en") -> tuple[list[str], list[tuple[str, int, int]]]:
    segmenter = pysbd.Segmenter(language=language, clean=False, char_span=True)
    spans = segmenter.segment(text)
    return [s.sent for s in spans], [(s.sent, s.start, s.end) for s in spans]


def _ours(text: str, language: str = "en") -> list[tuple[str, int, int]]:
    segmenter = pysbd.Segmenter(language=language, clean=False)
    sentences = segmenter.processor(text).process()
    return [(s.sent, s.start, s.end) for s in sentence_spans(sentences, text)]


def test_spans_match_pysbd_on_hard_cases():
    for language in ("en", "de", "fr"):
        for text in TEXTS:
            assert _ours(text, language) == _pysbd(text, language)[1], (language, text)


def test_spans_match_pysbd_on_the_sample_content_and_seed():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_CONTENT.rglob("*.md"))]
    texts.append(SEED.read_text(encoding="utf-8")[:20_000])
    for text in texts:
        for paragraph in text.split("\n\n"):
            assert _ours(paragraph) == _pysbd(paragraph)[1]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Mr.", "Kane", "said", "no.", "U.S.", "yes!", "a", "“Why?”", "i.e."])
        | st.sampled_from([" ", "  ", "\n", "\u00a0", "\t"]),
        max_size=30,
    )
)
def test_spans_match_pysbd_on_generated_text(words):
    text = " ".join(words)
    assert _ours(text) == _pysbd(text)[1]


def test_split_sentences_uses_the_fast_segmenter_and_strips():
    assert type(_segmenter("en")).sentences_with_char_spans is not (
        pysbd.Segmenter.sentences_with_char_spans
    )
    text = "Ms. Kane said no.  Then she left."
    assert split_sentences(text) == [s.strip() for s in _pysbd(text)[0]]
    assert split_sentences(text) == ["Ms. Kane said no.", "Then she left."]


def test_spans_follow_pysbds_non_overlapping_matches():
    # Given sentence lists, not pysbd's own: repeats that overlap, and whitespace runs.
    cases = [
        (["aa", "aa"], "aaa"),
        (["a", "aa"], "aaa"),
        (["ab.", "ab.", "ab."], "ab.ab. ab.\u00a0 ab."),
        (["x", "y"], "y x"),
    ]
    reference = pysbd.Segmenter(language="en", clean=False)
    for sentences, text in cases:
        reference.original_text = text
        expected = [
            (s.sent, s.start, s.end) for s in reference.sentences_with_char_spans(sentences)
        ]
        assert [(s.sent, s.start, s.end) for s in sentence_spans(sentences, text)] == expected


# Abbreviations as words and as the start of words ("Co." and "council"), their cases, braces
# (pysbd's "{abbr} " lookbehind), digits and parentheses after them, non-ASCII text.
ABBREVIATION_WORDS = [
    "Co.", "co", "council", "Con.", "No.", "no", "No. 5", "p.", "P.", "pp. 12", "Dr.", "dr",
    "Gen.", "gen.", "Mr.", "ms", "Ms.", "St.", "st", "U.S.", "u.s.", "e.g.", "i.e.", "Ph.D.",
    "etc.", "{co} x", "{co} X", "v.", "vs.", "Fig.", "fig. 3", "(", ")", "Ave.", "Is.", "is",
    "is.", "Jan.", "Mo.", "Mt.", "Mme.", "café", "Straße", "the", "They", "He", "1.", "Apr. 2",
]  # fmt: skip


def _reference_replacements(text: str, language: str = "en") -> str:
    module = pysbd.Segmenter(language=language, clean=False).language_module
    replacer = getattr(module, "AbbreviationReplacer", AbbreviationReplacer)
    return str(replacer(text, module).replace())


def _fast_replacements(text: str, language: str = "en") -> str:
    segmenter = _segmenter(language)
    return str(segmenter.processor(text).abbreviations_replacer().replace())


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(ABBREVIATION_WORDS) | st.sampled_from([" ", "  ", "\n", "\t", ".", ","]),
        max_size=40,
    )
)
def test_the_fast_abbreviation_pass_replaces_what_pysbds_does(words):
    text = " ".join(words)
    assert _fast_replacements(text) == _reference_replacements(text)
    assert _segmenter("en").segment(text) == pysbd.Segmenter(language="en", clean=False).segment(
        text
    )


def test_the_fast_abbreviation_pass_on_hard_cases_sample_and_seed():
    texts = [*TEXTS, *(" ".join(ABBREVIATION_WORDS[i:]) for i in range(len(ABBREVIATION_WORDS)))]
    for path in sorted(SAMPLE_CONTENT.rglob("*.md")):
        texts.extend(path.read_text(encoding="utf-8").split("\n\n"))
    texts.extend(SEED.read_text(encoding="utf-8")[:20_000].split("\n\n"))
    for language in ("en", "fr", "de"):
        reference = pysbd.Segmenter(language=language, clean=False)
        for text in texts:
            assert _segmenter(language).segment(text) == reference.segment(text), (language, text)
            if language != "de":  # pysbd's German has its own Processor: used as it is
                assert _fast_replacements(text, language) == _reference_replacements(text, language)
    assert type(_segmenter("en").processor("x").abbreviations_replacer()) is not (
        pysbd.lang.english.English.AbbreviationReplacer
    )


FAST_TEXTS = [
    'She said "we will wait. Then we act" and left the room.',
    "He wrote: «nous attendons. Puis nous agirons» hier.",
    "The plan (agreed in March. Then revised) holds. The rest [see annex. Two] follows.",
    "They met -- talks ended. Then resumed -- in Vienna. Nothing was agreed.",
    "The envoy said 'we will wait. Then we act' at noon. He left.",
    "The talks ended. Then they resumed in March. Both sides agreed, etc. The rest waits.",
]


OTHER_MARKS = [
    ("यह पहला वाक्य है। यह दूसरा है।", "hi"),
    ("これは文です。これも文です。", "ja"),
    ("我们来了。他们走了。", "zh"),
    ("هذه جملة؟ وهذه أخرى.", "ar"),
    ("Это первое. Это второе! А это?", "ru"),
    ("Αυτή είναι μία; Και άλλη.", "el"),
    ("The talks ended。Then resumed！Both sides agreed.", "en"),
]


def pysbd_split(text: str, language: str) -> list[str]:
    """pysbd itself, past `split_sentences`' memory of splits (`remember`), with its segments
    that begin in lowercase after a full stop joined (`rejoined`, tested below)."""
    segments = _segmenter(language).segment(text)
    return [s.strip() for s in rejoined(segments, language) if s.strip()]


@pytest.mark.parametrize(
    ("text", "language", "sentences"),
    [
        ("Plusieurs États, p. ex. la France, ont voté. Les autres non.", "fr",
         ["Plusieurs États, p. ex. la France, ont voté.", "Les autres non."]),
        ("Varios Estados, p. ej. el Reino Unido, votaron. Otros no.", "es",
         ["Varios Estados, p. ej. el Reino Unido, votaron.", "Otros no."]),
        ("Обмен продолжится. Т. е. речь идёт о мерах доверия. Решения нет.", "ru",
         ["Обмен продолжится.", "Т. е. речь идёт о мерах доверия.", "Решения нет."]),
        # A question or an exclamation is left as pysbd ends it; so is a capital after a stop.
        ("Will they sign? not yet. Then what?", "en", ["Will they sign?", "not yet.", "Then what?"]),
        # Arabic has no case: nothing joins after a full stop; pysbd's Arabic ends sentences
        # at its comma and at a colon, which end none.
        ("يجب أن نتعاون. فقد أدى التعليق إلى فجوة.", "ar",
         ["يجب أن نتعاون.", "فقد أدى التعليق إلى فجوة."]),
        ("ينبغي أن يجتمع المجلس، وأن يقرر خطة. الجواب واضح: لا.", "ar",
         ["ينبغي أن يجتمع المجلس، وأن يقرر خطة.", "الجواب واضح: لا."]),
        ("Պետք է գործել: Ժամանակը քիչ է:", "hy", ["Պետք է գործել:", "Ժամանակը քիչ է:"]),
    ],
)  # fmt: skip
def test_a_lowercase_word_after_an_unknown_abbreviation_begins_no_sentence(
    text, language, sentences
):
    from pipeline.text import split_fast

    assert split_sentences(text, language) == sentences
    assert list(split_fast(text, language)) == sentences


def test_rejoined_keeps_the_text_between_segments():
    assert rejoined(["Il a dit p. ", "ex.  la France. ", "Puis"], "fr") == [
        "Il a dit p. ex.  la France. ",
        "Puis",
    ]


def test_the_fast_split_equals_pysbd_inside_quotes_brackets_and_dashes():
    from pipeline.text import split_fast

    for language in ("en", "de", "fr"):
        for text in [*FAST_TEXTS, *TEXTS]:
            assert list(split_fast(text, language)) == pysbd_split(text, language), text


def test_the_fast_split_equals_pysbd_with_other_sentence_marks():
    from pipeline.text import split_fast

    for text, language in OTHER_MARKS:
        assert list(split_fast(text, language)) == pysbd_split(text, language), text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["talks", "ended.", "Then", "resumed", "Ms. Kane", "the U.S.", "etc.", "No. 5",
             "said", "wait?", "now!", '"we will wait. Then we act"', "«nous attendons. Puis»",
             "(see the annex. It holds)", "[two. Three]", "-- in Vienna. Then --", "'we go. Now'",
             "“Yes.”", "Iran’s", "e.g. Iran", "The", "approx. Two", "in Jan. Then", "Dr. Sato."]
        ),
        max_size=40,
    )
)  # fmt: skip
def test_the_fast_split_equals_pysbd_on_generated_text(words):
    from pipeline.text import split_fast

    text = " ".join(words)
    assert list(split_fast(text, "en")) == pysbd_split(text, "en"), text
