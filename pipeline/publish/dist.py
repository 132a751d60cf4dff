"""What the build left to publish, read from `dist/manifest.json`.

Only two kinds of outputs matter here, each parsed by one small function so the format can be
adjusted in one place: `email/eml` (a newsletter issue) and `social/json` (an article's posts).
Every problem in dist/ is reported at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.utils import getaddresses
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from pipeline.errors import Problem, PublishError
from pipeline.schema import DraftPost, ManifestEntry, SocialDraftsDocument, describe

MANIFEST = "manifest.json"
EMAIL_KIND = "email/eml"
SOCIAL_KIND = "social/json"

Payload = Mapping[str, Any]
"""What one post sends: X, the exact keyword arguments of `Client.create_tweet` (the reply id
is added when the thread is posted); Bluesky, `text` with `facets`, `embed` and
`mentions_to_resolve`; Mastodon and LinkedIn, `text`."""


class DistError(PublishError):
    """dist/ is missing, unreadable or inconsistent with its manifest: rebuild."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


@dataclass(frozen=True)
class EmailIssue:
    """One built newsletter issue."""

    issue_id: str
    path: str
    raw: bytes
    sha256: str
    subject: str
    articles: tuple[str, ...]
    sender: str
    """The envelope sender: the address in the message's From header."""
    message_id: str | None
    announces: Mapping[str, str]
    """Slug -> until when the issue announces that article's event or call (ISO 8601)."""


@dataclass(frozen=True)
class SocialDrafts:
    """The reviewed posts of one article, for every network, as the publisher sends them."""

    path: str
    sha256: str
    document: SocialDraftsDocument

    @property
    def slug(self) -> str:
        return self.document.slug

    @property
    def content_hash(self) -> str:
        return self.document.content_hash

    @property
    def drafts_hash(self) -> str:
        return self.document.drafts_hash

    @property
    def x_form(self) -> Literal["single", "thread"] | None:
        """The editor's choice in the article's front matter (`social.x_form`), if any."""
        return self.document.x_form

    def payloads(self, network: str, kind: Literal["single", "thread"]) -> tuple[Payload, ...]:
        """What is sent for each post of `network`'s single post or thread, in order."""
        return tuple(_payload(p) for p in self.document.posts_of(network, kind))

    def context(self) -> dict[str, Any]:
        """The article's facts a post may need (see pipeline.publish.channel.Step.context)."""
        doc = self.document
        card = next((p.embed for p in doc.posts if p.embed), None) or {}
        external = card.get("external", {}) if isinstance(card, dict) else {}
        image = doc.image
        if image is None and isinstance(external.get("thumb"), str):
            image_dict: dict[str, str] | None = {"url": external["thumb"], "alt": ""}
        else:
            image_dict = {"url": image.url, "alt": image.alt} if image is not None else None
        return {
            "url": doc.url,
            "title": doc.title,
            "description": str(external.get("description") or ""),
            "language": doc.language,
            "image": image_dict,
        }


def _payload(post: DraftPost) -> Payload:
    if post.network == "x":
        args = dict(post.create_tweet or {})
        args.pop("in_reply_to_tweet_id", None)  # set when posting: the previous post's id
        return args
    sent = {"text": post.text}
    for name in ("facets", "embed", "mentions_to_resolve"):
        value = getattr(post, name)
        if value:
            sent[name] = value
    return sent


@dataclass(frozen=True)
class Dist:
    issues: tuple[EmailIssue, ...]
    drafts: tuple[SocialDrafts, ...]


def parse_email(entry: Mapping[str, Any], raw: bytes) -> EmailIssue:
    """An `email/eml` manifest entry and its file. Raises ValueError naming what is wrong."""
    meta = entry.get("meta", entry)  # meta may be nested or (as build.py does) flattened
    issue_id = meta.get("issue_id")
    articles = meta.get("articles")
    if not isinstance(issue_id, str) or not issue_id:
        raise ValueError("meta.issue_id: missing")
    if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
        raise ValueError("meta.articles: must be a list of slugs")
    message = message_from_bytes(raw, policy=policy.default)
    senders = getaddresses([str(message.get("From", ""))])
    if not senders or not senders[0][1]:
        raise ValueError("message.eml has no From address")
    message_id = message.get("Message-ID")
    announces = meta.get("announces", {})
    if not isinstance(announces, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in announces.items()
    ):
        raise ValueError("meta.announces: must map slugs to ISO 8601 times")
    return EmailIssue(
        issue_id=issue_id,
        path=str(entry["path"]),
        raw=raw,
        sha256=str(entry["sha256"]),
        subject=str(meta.get("subject") or message.get("Subject", "")),
        articles=tuple(articles),
        sender=senders[0][1],
        message_id=str(message_id).strip() if message_id else None,
        announces=dict(announces),
    )


# How a social draft marks "reply to the previous post of this thread" (pipeline.render.social).
PREVIOUS_POST = {"previous_post": True}


def parse_social(entry: Mapping[str, Any], raw: bytes) -> SocialDrafts:
    """A `social/json` file, validated against `pipeline.schema.SocialDraftsDocument`; its X
    posts must be `create_tweet` keyword arguments whose only reply id is the marker."""
    try:
        document = SocialDraftsDocument.model_validate_json(raw)
    except ValidationError as exc:
        raise ValueError(describe(exc)) from None
    for kind in ("single", "thread"):
        for post in document.posts_of("x", kind):
            where = f"x {kind}" + (f"[{post.index}]" if kind == "thread" else "")
            args = post.create_tweet
            if args is None or not isinstance(args.get("text"), str):
                raise ValueError(f"{where}: needs create_tweet with a text")
            reply = args.get("in_reply_to_tweet_id")
            first = kind == "single" or post.index == 0
            if reply is not None and (first or reply != PREVIOUS_POST):
                raise ValueError(
                    f"{where}: in_reply_to_tweet_id is set when posting, not in drafts"
                )
            if not first and reply is None:
                raise ValueError(f"{where}: a thread post must reply to the previous post")
    return SocialDrafts(path=str(entry["path"]), sha256=str(entry["sha256"]), document=document)


def manifest_outputs(dist_dir: Path) -> list[Any]:
    """The `outputs` list of `dist_dir/manifest.json`; DistError when it cannot be read."""
    manifest_path = dist_dir / MANIFEST
    shown = str(manifest_path)
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        outputs = manifest["outputs"]
        if not isinstance(outputs, list):
            raise TypeError("outputs is not a list")
    except FileNotFoundError:
        raise DistError(
            [Problem(shown, None, "manifest", "not found: run `pipeline build`")]
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DistError([Problem(shown, None, "manifest", f"unreadable: {exc}")]) from None
    return outputs


def read_dist(dist_dir: Path) -> Dist:
    """Read the manifest and every email and social output, checking their sha256."""
    outputs = manifest_outputs(dist_dir)
    problems: list[Problem] = []
    issues: list[EmailIssue] = []
    drafts: list[SocialDrafts] = []
    for entry in outputs:
        kind = entry.get("kind") if isinstance(entry, dict) else None
        if kind not in (EMAIL_KIND, SOCIAL_KIND):
            continue
        path = dist_dir / str(entry.get("path"))
        try:
            ManifestEntry.model_validate(entry)
        except ValidationError as exc:
            problems.append(Problem(str(dist_dir / MANIFEST), None, kind, describe(exc)))
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            problems.append(Problem(str(path), None, kind, "listed in the manifest but missing"))
            continue
        if hashlib.sha256(raw).hexdigest() != entry.get("sha256"):
            problems.append(
                Problem(str(path), None, kind, "changed since the build (sha256 differs): rebuild")
            )
            continue
        try:
            if kind == EMAIL_KIND:
                issues.append(parse_email(entry, raw))
            else:
                drafts.append(parse_social(entry, raw))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            problems.append(Problem(str(path), None, kind, str(exc)))
    if problems:
        raise DistError(problems)
    return Dist(
        issues=tuple(sorted(issues, key=lambda i: i.issue_id)),
        drafts=tuple(sorted(drafts, key=lambda d: d.slug)),
    )
