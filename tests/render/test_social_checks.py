"""Editorial checks of social drafts: on the review page and in `pipeline check`."""

from __future__ import annotations

from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.render.social import build_drafts
from pipeline.render.social.checks import draft_findings
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


def test_boilerplate_on_its_own_line_is_found():
    doc = _doc(bluesky="What the Board Decided\nBy Laura Rockwood\nSee tweets :")
    assert ("Boilerplate", "Bluesky post") in {(f.check, f.post) for f in draft_findings(doc)}


def test_check_warns_and_strict_fails_on_a_draft_an_editor_must_fix(content_tree):
    content_tree.add(
        "a",
        "title: A Board Decision\ndate: 2021-01-27\nsocial:\n  x: 'They said so. https://example.org/a/'",
        body="The Board met in June.\n",
    )
    runner = CliRunner()
    relaxed = runner.invoke(cli, ["check", "--content", str(content_tree.root)])
    assert relaxed.exit_code == 0, relaxed.output
    assert "Opener: opens with a sentence that leans on one" in relaxed.stderr
    assert "Headline: does not carry the headline" in relaxed.stderr
    strict = runner.invoke(cli, ["check", "--strict", "--content", str(content_tree.root)])
    assert strict.exit_code == 1
    assert "--strict: 2 warning(s) must be resolved" in strict.stderr
