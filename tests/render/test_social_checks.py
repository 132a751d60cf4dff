"""Editorial checks of social drafts: on the review page and in `pipeline check`."""

from __future__ import annotations

from pipeline.render.social import build_drafts
from pipeline.render.social.checks import draft_findings
from tests.cli import run_cli
from tests.conftest import make_article, make_site

BODY = "The Board met in June. It adopted a resolution.\n\nStates should act before November.\n"


def _doc(**social):
    article = make_article(
        title="What the Board Decided", authors=("Laura Rockwood",), body=BODY, social=social
    )
    return build_drafts(article, make_site()).to_json()


def test_generated_drafts_raise_no_finding():
    assert draft_findings(_doc()) == []


def test_an_override_is_held_to_the_same_rules():
    doc = _doc(
        x="He added: the Board will meet again. https://example.org/a-commentary/",
        x_thread=["What the Board Decided, by Laura Rockwood https://example.org/a-commentary/",
                  "2/2 Still, there is time."],
        mastodon="Same text everywhere. You may also like...",
        linkedin="Same text everywhere. You may also like...",
    )  # fmt: skip
    found = {(f.check, f.post) for f in draft_findings(doc)}
    assert ("Opener", "X single post") in found
    assert ("Opener", "X thread post 2") in found
    assert ("Headline", "X single post") in found and ("Authors", "X single post") in found
    assert ("Headline", "X thread post 1") not in found
    assert ("Boilerplate", "Mastodon post") not in found  # one line, but not only chrome
    assert ("Networks", "Mastodon and LinkedIn") in found


SIX = ["Miles Pomper", "Hanna Notte", "Elena K. Sokova", "Laura Rockwood", "Angela Kane",
       "Nikolai Sokov"]  # fmt: skip


def _authors_found(text, language="en"):
    doc = {"title": "T", "authors": SIX, "language": language,
           "posts": [{"network": "x", "kind": "single", "text": text}]}  # fmt: skip
    return [f.message for f in draft_findings(doc) if f.check == "Authors"]


def test_a_credit_naming_the_first_authors_and_how_many_others_credits_them_all():
    assert _authors_found("T\n\nBy Miles Pomper, Hanna Notte and 4 others\n\nhttps://x.org/") == []
    assert _authors_found("T\n\nMiles Pomper, Hanna Notte +4\n\nhttps://x.org/", "ar") == []
    # The wrong count, or leaving out authors other than the last ones, is still found.
    assert _authors_found("T\n\nBy Miles Pomper, Hanna Notte and 3 others\n\nhttps://x.org/")
    assert _authors_found("T\n\nBy Hanna Notte, Elena K. Sokova and 4 others\n\nx")
    # A key point that names one of the others changes nothing.
    text = "T\n\nBy Miles Pomper, Hanna Notte and 4 others\n\nAngela Kane says so.\n\nx"
    assert _authors_found(text) == []


def test_boilerplate_on_its_own_line_is_found():
    doc = _doc(bluesky="What the Board Decided\nBy Laura Rockwood\nSee tweets :")
    assert ("Boilerplate", "Bluesky post") in {(f.check, f.post) for f in draft_findings(doc)}


def test_check_warns_and_strict_fails_on_a_draft_an_editor_must_fix(content_tree, sample_clock):
    content_tree.add(
        "a",
        "title: A Board Decision\ndate: 2021-01-27\nsocial:\n  x: 'They said so. https://example.org/a/'",
        body="The Board met in June.\n",
    )
    relaxed = run_cli(["check", "--content", str(content_tree.root)])
    assert relaxed.exit_code == 0, relaxed.output
    assert "Opener: opens with a sentence that leans on one" in relaxed.stderr
    assert "Headline: does not carry the headline" in relaxed.stderr
    strict = run_cli(["check", "--strict", "--content", str(content_tree.root)])
    assert strict.exit_code == 1
    assert "--strict: 2 warning(s) must be resolved" in strict.stderr


def test_a_paragraph_that_leans_on_an_unseen_sentence_is_found_in_any_post():
    doc = _doc(
        x="What the Board Decided\n\nBy Laura Rockwood\n\nThese were deferred again.\n\n"
        "https://example.org/a-commentary/",
    )
    doc["posts"].append(
        {"network": "mastodon", "kind": "thread", "index": 2, "text": "3/4 He added: no vote."}
    )
    found = {(f.check, f.post) for f in draft_findings(doc)}
    assert ("Opener", "X single post") in found  # the third paragraph, not the first line
    assert ("Opener", "Mastodon thread post 3") in found
    assert ("Opener", "Bluesky thread post 1") not in found


def test_a_german_or_french_dependent_opener_is_found():
    for language, text in (("de", "Dabei bleibt es."), ("fr", "Cependant, rien ne change.")):
        doc = _doc()
        doc["language"] = language
        doc["posts"] = [{"network": "bluesky", "kind": "thread", "index": 1, "text": f"2/3 {text}"}]
        assert [f.check for f in draft_findings(doc)] == ["Opener"], language


def test_a_notice_first_post_without_when_or_form_is_found():
    doc = _doc()
    doc["notice"] = {"when": "Thursday, 19 March 2026", "form": "https://example.org/register/"}
    found = {(f.check, f.post) for f in draft_findings(doc)}
    for post in ("X single post", "X thread post 1", "Bluesky thread post 1", "Mastodon post"):
        assert ("Notice", post) in found
    assert ("Notice", "X thread post 2") not in found
