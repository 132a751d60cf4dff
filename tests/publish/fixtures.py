"""A content/ folder and a dist/ built by hand, in the formats the publisher reads.

The social JSON (`dist/social/<slug>.json`, manifest kind `social/json`) is written through
`pipeline.schema.SocialDraftsDocument`, as the build writes it (`drafts_document`): thread post
i reads "<slug>: post i of n.", the single post "<slug>: the single post.".

The email issue: `dist/email/<issue-id>/message.eml` (manifest kind `email/eml`, with
`subject`, `issue_id` and `articles` in the entry, as build.py flattens `meta`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from pipeline.content import load_content
from pipeline.schema import DraftImage, DraftNotice, DraftPost, SocialDraftsDocument
from tests.conftest import ContentTree

NOW = datetime(2021, 1, 28, 9, 0, tzinfo=UTC)
LIST = "subscribers@lists.example.org"

FAKE_SECRETS = {
    "X_CONSUMER_KEY": "ckFAKEconsumerKEY0001",
    "X_CONSUMER_SECRET": "csFAKEconsumerSECRET0002",
    "X_ACCESS_TOKEN": "atFAKEaccessTOKEN0003",
    "X_ACCESS_TOKEN_SECRET": "asFAKEaccessSECRET0004",
    "SMTP_PASSWORD": "pwFAKEsmtpPASSWORD0005",
}


def thread_texts(slug: str, n: int = 3) -> list[str]:
    return [f"{slug}: post {i} of {n}." for i in range(1, n + 1)]


def drafts_hash(slug: str, texts: Sequence[str]) -> str:
    return hashlib.sha256(json.dumps([slug, *texts]).encode()).hexdigest()


class Project:
    """content/, dist/ and state/ under one folder; `articles` maps slug -> date."""

    def __init__(
        self, root: Path, articles: dict[str, str], *, to: Sequence[str] = (LIST,)
    ) -> None:
        self.root = root
        self.content = root / "content"
        self.dist = root / "dist"
        self.ledger = root / "state" / "ledger.jsonl"
        self.templates = root / "templates"
        self.tree = tree = ContentTree(self.content)
        with (self.content / "site.toml").open("a", encoding="utf-8") as site:
            site.write(f"to = {json.dumps(list(to))}\n\n[publish]\nwindow_days = 7\n")
        for slug, date in articles.items():
            tree.add(slug, f"title: {slug.title()}\ndate: '{date}'", f"Body of {slug}.\n")
        self.threads: dict[str, list[str]] = {}

    def hashes(self) -> dict[str, str]:
        return {a.slug: a.content_hash for a in load_content(self.content).articles}

    def build(
        self,
        *,
        social: dict[str, int] | None = None,
        issues: dict[str, Sequence[str]] | None = None,
        message_id: bool = True,
        x_forms: dict[str, str] | None = None,
        image: str | None = None,
        notices: Sequence[str] = (),
        announces: dict[str, dict[str, str]] | None = None,
    ) -> None:
        """Write dist/: `social` slug -> posts in the thread; `issues` id -> article slugs;
        `x_forms` slug -> the article's front-matter choice of X form; `notices`, the slugs
        whose drafts announce an event or a call; `announces`, issue id -> the manifest's
        slug -> until when it announces that article's event or call."""
        hashes = self.hashes()
        outputs: list[tuple[str, bytes, dict[str, Any]]] = []
        for slug, n in (social or {}).items():
            texts = thread_texts(slug, n)
            self.threads[slug] = texts
            document = drafts_document(
                slug, hashes[slug], texts, (x_forms or {}).get(slug), image=image,
                notice=DraftNotice(when="Soon", form=None) if slug in notices else None,
            )  # fmt: skip
            outputs.append(
                (
                    f"social/{slug}.json",
                    document.model_dump_json(by_alias=True, exclude_unset=True, indent=2).encode(),
                    {"kind": "social/json", "slug": slug},
                )
            )
        for issue_id, slugs in (issues or {}).items():
            raw = make_eml(issue_id, slugs, message_id=message_id)
            meta = {"subject": f"Issue {issue_id}", "issue_id": issue_id, "articles": list(slugs)}
            if announces and issue_id in announces:
                meta["announces"] = announces[issue_id]
            outputs.append(
                (f"email/{issue_id}/message.eml", raw, {"kind": "email/eml", "slug": None, **meta})
            )
        entries = []
        for path, data_bytes, meta in outputs:
            target = self.dist / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data_bytes)
            entries.append(
                {
                    "path": path,
                    "sha256": hashlib.sha256(data_bytes).hexdigest(),
                    "bytes": len(data_bytes),
                    **meta,
                }
            )
        self.dist.mkdir(parents=True, exist_ok=True)
        (self.dist / "manifest.json").write_text(json.dumps({"outputs": entries}, indent=2))

    def fresh_drafts(self, content: Any = None) -> dict[str, str]:
        """The staleness seam: what the content would produce now (as built)."""
        return {slug: drafts_hash(slug, texts) for slug, texts in self.threads.items()}

    def records(self) -> list[dict[str, Any]]:
        if not self.ledger.exists():
            return []
        return [json.loads(line) for line in self.ledger.read_text().splitlines() if line.strip()]


def _post(network: str, kind: str, index: int, text: str, limit: int, **more: Any) -> DraftPost:
    return DraftPost(
        network=network,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        index=index,
        text=text,
        length=len(text),
        limit=limit,
        counting="characters (test fixture)",
        source="generated",
        **more,
    )


def _x_args(index: int, text: str) -> dict[str, Any]:
    if index == 0:
        return {"text": text}
    return {"text": text, "in_reply_to_tweet_id": {"previous_post": True}}


def drafts_document(
    slug: str,
    content_hash: str,
    texts: Sequence[str],
    x_form: str | None,
    image: str | None = None,
    notice: DraftNotice | None = None,
) -> SocialDraftsDocument:
    """The drafts of one article for every network, through the schema the build writes:
    X single and thread, Bluesky and Mastodon single and thread, LinkedIn single."""
    url = f"https://example.org/{slug}/"
    card = {
        "$type": "app.bsky.embed.external",
        "external": {
            "uri": url,
            "title": slug.title(),
            "description": f"About {slug}.",
            **({"thumb": image} if image else {}),
        },
    }
    single = f"{slug}: the single post."
    posts = [
        _post("x", "single", 0, single, 280, create_tweet={"text": single}),
        *[_post("x", "thread", i, t, 280, create_tweet=_x_args(i, t)) for i, t in enumerate(texts)],
        _post("bluesky", "single", 0, single, 300, facets=[], embed=card),
        *[
            _post("bluesky", "thread", i, t, 300, **({"embed": card} if i == 0 else {}))
            for i, t in enumerate(texts)
        ],
        _post("mastodon", "single", 0, single, 500),
        *[_post("mastodon", "thread", i, t, 500) for i, t in enumerate(texts)],
        _post("linkedin", "single", 0, f"{slug}: the LinkedIn post.", 3000),
    ]
    return SocialDraftsDocument(
        schema="pipeline.social-drafts/1",
        slug=slug,
        url=url,
        title=slug.title(),
        source_path=f"content/commentary/{slug}.md",
        content_hash=content_hash,
        drafts_hash=drafts_hash(slug, texts),
        language="en",
        authors=[],
        x_form=x_form,  # type: ignore[arg-type]
        key_points=list(texts),
        image=DraftImage(url=image, alt=f"A picture for {slug}") if image else None,
        posts=posts,
        **({"notice": notice} if notice else {}),
    )


def make_eml(issue_id: str, slugs: Sequence[str], *, message_id: bool = True) -> bytes:
    message = EmailMessage()
    message["From"] = "Example <news@example.org>"
    message["To"] = LIST
    message["Subject"] = f"Issue {issue_id}"
    if message_id:
        message["Message-ID"] = f"<{issue_id}@example.org>"
    message["List-Unsubscribe"] = "<https://example.org/unsubscribe>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(
        "Plain text: " + ", ".join(slugs) + "\n.\nA line starting with a dot above.\n"
    )
    message.add_alternative("<p>HTML: " + ", ".join(slugs) + "</p>", subtype="html")
    message.set_boundary(f"==issue-{issue_id}==")  # the same bytes on every build, as ours
    return message.as_bytes()
