"""The real thing end to end: the sample content built by the real renderers, then published
live to the X stand-in and the SMTP server on 127.0.0.1, then published again."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.build import build
from pipeline.publish.run import fresh_drafts_hashes
from tests.conftest import TEMPLATES
from tests.publish.conftest import Publish
from tests.publish.networks import Networks

# The sample is built on the morning after its date (tests/conftest.py: SAMPLE_NOW).
pytestmark = pytest.mark.usefixtures("sample_clock")

SLUG = "will-biden-build-back-better-relations-with-north-korea"


@pytest.fixture
def sample_project(sample_content: Path, tmp_path: Path) -> SimpleNamespace:
    site = sample_content / "site.toml"
    site.write_text(
        site.read_text().replace("commentary-subscribers@lists.vcdnp.org", "list@example.org")
    )
    project = SimpleNamespace(
        content=sample_content,
        dist=tmp_path / "dist",
        ledger=tmp_path / "state" / "ledger.jsonl",
        templates=TEMPLATES,
        fresh_drafts=fresh_drafts_hashes,
    )
    build(project.content, project.dist, TEMPLATES, project.ledger)
    return project


def test_sample_published_once_then_nothing(sample_project, x_api, smtp, certificate):
    publish = Publish(sample_project, x_api, smtp, certificate[0])  # type: ignore[arg-type]
    first = publish()
    assert first.ok, first.text

    drafts = json.loads((sample_project.dist / "social" / f"{SLUG}.json").read_text())
    thread = [p for p in drafts["posts"] if p["network"] == "x" and p["kind"] == "thread"]
    assert x_api.texts() == [p["text"] for p in thread]
    replies = [r["json"].get("reply", {}).get("in_reply_to_tweet_id") for r in x_api.requests]
    assert replies[0] is None and all(replies[1:]), "each reply chains to the previous post"
    assert all(r["signed"] for r in x_api.requests)

    (received,) = smtp.recorder.messages
    assert received["to"] == ["list@example.org"] and received["tls"] and received["auth"]
    message = email.message_from_bytes(received["data"], policy=policy.default)
    assert message["Subject"] == 'Will Biden "Build Back Better" Relations with North Korea?'
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]

    again = publish()
    assert again.ok, again.text
    assert len(x_api.requests) == len(thread) and len(smtp.recorder.messages) == 1

    # The next build knows the issue went out: no new issue, the sent one stays viewable.
    build(sample_project.content, sample_project.dist, TEMPLATES, sample_project.ledger)
    manifest = json.loads((sample_project.dist / "manifest.json").read_text())
    emails = [o for o in manifest["outputs"] if o["kind"].startswith("email/")]
    assert [(o["kind"], o.get("sent")) for o in emails] == [("email/html", True)]


def test_sample_published_to_all_five_channels_once(sample_project, x_api, smtp, certificate):
    """X, Bluesky, Mastodon, LinkedIn and email, each through its own client library, then a
    re-run: every channel delivers exactly once, and the drafts go out as reviewed."""
    publish = Publish(sample_project, x_api, smtp, certificate[0])  # type: ignore[arg-type]
    networks = Networks(lambda: publish.clock.now().timestamp())
    publish.networks = networks
    try:
        first = publish()
        assert first.ok, first.text
        drafts = json.loads((sample_project.dist / "social" / f"{SLUG}.json").read_text())

        def draft(network: str) -> str:
            (post,) = [
                p for p in drafts["posts"] if p["network"] == network and p["kind"] == "single"
            ]
            return str(post["text"])

        (bluesky,) = networks.bluesky.posts()
        assert bluesky["value"]["text"] == draft("bluesky")
        assert bluesky["value"]["embed"]["external"]["uri"] == drafts["url"]
        assert networks.mastodon.texts() == [draft("mastodon")]
        (linkedin,) = networks.linkedin.posts
        assert linkedin["rendered"] == draft("linkedin") and not linkedin["truncated"]
        assert linkedin["body"]["content"]["article"]["source"] == drafts["url"]

        delivered = (len(x_api.requests), networks.deliveries(), len(smtp.recorder.messages))
        again = publish()
        assert again.ok, again.text
        assert (
            len(x_api.requests),
            networks.deliveries(),
            len(smtp.recorder.messages),
        ) == delivered
        assert delivered[1] == {"bluesky": 1, "mastodon": 1, "linkedin": 1}
        assert delivered[2] == 1
    finally:
        networks.close()


def test_sample_threads_on_bluesky_and_mastodon_as_drafted(
    sample_content, tmp_path, x_api, certificate
):
    """With `publish.threads`, the built Bluesky and Mastodon threads go out in order: the
    Bluesky opener with its link card, every reply under the first post."""
    site = sample_content / "site.toml"
    text = site.read_text()
    site.write_text(text.replace("[publish]", '[publish]\nthreads = ["bluesky", "mastodon"]', 1))
    assert "threads =" in site.read_text(), "the sample's site.toml has a [publish] table"
    project = SimpleNamespace(
        content=sample_content, dist=tmp_path / "dist", ledger=tmp_path / "ledger.jsonl",
        templates=TEMPLATES, fresh_drafts=fresh_drafts_hashes,
    )  # fmt: skip
    build(project.content, project.dist, TEMPLATES, project.ledger)
    publish = Publish(project, x_api, None, certificate[0])  # type: ignore[arg-type]
    networks = Networks(lambda: publish.clock.now().timestamp())
    publish.networks = networks
    try:
        run = publish(channels=("bluesky", "mastodon"))
        assert run.ok, run.text
        drafts = json.loads((project.dist / "social" / f"{SLUG}.json").read_text())

        def thread(network: str) -> list[str]:
            posts = [
                p for p in drafts["posts"] if p["network"] == network and p["kind"] == "thread"
            ]
            return [p["text"] for p in sorted(posts, key=lambda p: p["index"])]

        assert len(thread("bluesky")) > 1
        assert networks.mastodon.texts() == thread("mastodon")
        records = {r["value"]["text"]: r["value"] for r in networks.bluesky.posts()}
        assert sorted(records) == sorted(thread("bluesky"))
        opener = records[thread("bluesky")[0]]
        assert "embed" in opener and "reply" not in opener
        roots = {v["reply"]["root"]["uri"] for t, v in records.items() if t != thread("bluesky")[0]}
        assert len(roots) == 1
    finally:
        networks.close()
