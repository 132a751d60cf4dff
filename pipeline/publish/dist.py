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

from pipeline.errors import Problem, PublishError

MANIFEST = "manifest.json"
EMAIL_KIND = "email/eml"
SOCIAL_KIND = "social/json"

XPost = Mapping[str, Any]
"""The exact keyword arguments of one `Client.create_tweet` call (the reply id is added when
the thread is posted)."""


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


@dataclass(frozen=True)
class SocialDrafts:
    """The reviewed X posts of one article."""

    slug: str
    path: str
    sha256: str
    content_hash: str
    drafts_hash: str
    x_single: tuple[XPost, ...]
    x_thread: tuple[XPost, ...]
    x_form: Literal["single", "thread"] | None = None
    """The editor's choice in the article's front matter (`social.x_form`), if any."""


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
    return EmailIssue(
        issue_id=issue_id,
        path=str(entry["path"]),
        raw=raw,
        sha256=str(entry["sha256"]),
        subject=str(meta.get("subject") or message.get("Subject", "")),
        articles=tuple(articles),
        sender=senders[0][1],
        message_id=str(message_id).strip() if message_id else None,
    )


# How a social draft marks "reply to the previous post of this thread" (pipeline.render.social).
PREVIOUS_POST = {"previous_post": True}


def parse_social(entry: Mapping[str, Any], raw: bytes) -> SocialDrafts:
    """A `social/json` file (schema `pipeline.social-drafts/1`, pipeline/render/social): its X
    single post and thread, as `create_tweet` keyword arguments without the reply ids."""
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    posts = data.get("posts")
    if not isinstance(posts, list):
        raise ValueError("posts: missing")
    x_posts = [p for p in posts if isinstance(p, dict) and p.get("network") == "x"]
    single = [p for p in x_posts if p.get("kind") == "single"]
    thread = sorted(
        (p for p in x_posts if p.get("kind") == "thread"), key=lambda p: int(p.get("index", 0))
    )

    def kwargs(post: Any, where: str, first: bool) -> XPost:
        args = post.get("create_tweet") if isinstance(post, dict) else None
        if not isinstance(args, dict) or not isinstance(args.get("text"), str):
            raise ValueError(f"{where}: needs create_tweet with a text")
        args = dict(args)
        reply = args.pop("in_reply_to_tweet_id", None)
        if reply is not None and (first or reply != PREVIOUS_POST):
            raise ValueError(f"{where}: in_reply_to_tweet_id is set when posting, not in drafts")
        if not first and reply is None:
            raise ValueError(f"{where}: a thread post must reply to the previous post")
        return args

    slug = data.get("slug") or entry.get("slug")
    for name, value in (("slug", slug), ("content_hash", data.get("content_hash"))):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name}: missing")
    if not isinstance(data.get("drafts_hash"), str):
        raise ValueError("drafts_hash: missing")
    return SocialDrafts(
        slug=str(slug),
        path=str(entry["path"]),
        sha256=str(entry["sha256"]),
        content_hash=str(data["content_hash"]),
        drafts_hash=str(data["drafts_hash"]),
        x_single=tuple(kwargs(p, "x single", True) for p in single[:1]),
        x_thread=tuple(kwargs(p, f"x thread[{i}]", i == 0) for i, p in enumerate(thread)),
        x_form=_x_form(data.get("x_form")),
    )


def _x_form(value: Any) -> Literal["single", "thread"] | None:
    if value is None:
        return None
    if value == "single":
        return "single"
    if value == "thread":
        return "thread"
    raise ValueError(f"x_form: {value!r} is not single or thread")


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
