"""Typed models of everything that crosses a file boundary: the social-drafts document
(`dist/social/<slug>.json`), the manifest (`dist/manifest.json`) and its entries, and a ledger
line (`state/ledger.jsonl`). Writers build these models and readers validate against them, so
the two can never drift apart; a reader's ValidationError names the field that is wrong.

Models are strict (no coercion: `"part": "2"` is refused) and frozen.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

DRAFTS_SCHEMA = "pipeline.social-drafts/1"
LEDGER_VERSION = 1
Network = Literal["x", "bluesky", "mastodon", "linkedin"]
PostKind = Literal["single", "thread"]
Event = Literal["intent", "receipt", "failed", "resolved", "held", "repaired"]
Outcome = Literal["sent", "not-sent", "rejected", "unknown", "duplicate"]


class _Strict(BaseModel):
    # Each document's validator is built when first used (a build checks its manifest, the
    # publisher the drafts and the ledger): importing this module costs none of the others.
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, populate_by_name=True, defer_build=True
    )


# -- the social-drafts document ------------------------------------------------------------
class DraftPost(_Strict):
    """One post as it will be published; see pipeline/render/social/__init__.py."""

    network: Network
    kind: PostKind
    index: int = Field(ge=0)
    text: str
    length: int = Field(ge=0)
    limit: int = Field(gt=0)
    counting: str
    source: Literal["generated", "override"]
    create_tweet: dict[str, Any] | None = None
    """X: the keyword arguments of `Client.create_tweet`."""
    facets: list[dict[str, Any]] | None = None
    """Bluesky: app.bsky.richtext.facet objects."""
    mentions_to_resolve: list[dict[str, Any]] | None = None
    embed: dict[str, Any] | None = None
    """Bluesky: the app.bsky.embed.external link card."""
    in_reply_to: dict[str, Any] | None = None
    """Bluesky and Mastodon thread posts 1..n-1: `{"previous_post": true}`."""


class DraftImage(_Strict):
    url: str
    alt: str


class DraftNotice(_Strict):
    """An event, call or job notice: what its first posts say for "when", and the form."""

    when: str | None
    form: str | None


class SocialDraftsDocument(_Strict):
    schema_: Literal["pipeline.social-drafts/1"] = Field(alias="schema")
    slug: str = Field(min_length=1)
    url: str
    title: str
    source_path: str
    content_hash: str = Field(min_length=1)
    drafts_hash: str = Field(min_length=1)
    language: str
    kind: str | None = None
    """The front matter's kind: commentary, analysis, ..., event, call, job."""
    authors: list[str]
    image: DraftImage | None = None
    notice: DraftNotice | None = None
    x_form: PostKind | None
    key_points: list[str]
    posts: list[DraftPost]

    def posts_of(self, network: str, kind: PostKind) -> list[DraftPost]:
        """The posts of one network and kind, in thread order."""
        found = [p for p in self.posts if p.network == network and p.kind == kind]
        return sorted(found, key=lambda p: p.index)


# -- the manifest -----------------------------------------------------------------------------
class ManifestEntry(BaseModel):
    """One output file. Renderers add their own facts (`meta`) beside the five fields."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)

    path: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    slug: str | None
    sha256: str = Field(min_length=64, max_length=64)
    bytes: int = Field(ge=0)


class Manifest(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, frozen=True)

    generator: str
    inputs: str
    outputs: list[ManifestEntry]


# -- a ledger line ------------------------------------------------------------------------
class LedgerLine(BaseModel):
    """The typed shape of one ledger line, checked on read: a line of another format version,
    or a field of the wrong type (`"part": "2"`), is refused rather than guessed at. Channels
    add their own fields (`post_ids`, `cid`, `token`, ...)."""

    model_config = ConfigDict(extra="allow", strict=True)

    v: Literal[1]
    channel: str = Field(min_length=1)
    key: str = Field(min_length=1)
    hash: str
    event: Event
    at: str
    part: int | None = Field(default=None, ge=1)
    parts: int | None = Field(default=None, ge=1)
    outcome: Outcome | Literal["rate-limited"] | None = None
    post_id: str | None = None
    message_id: str | None = None
    token: str | None = None


def describe(error: ValidationError) -> str:
    """A ValidationError as one line: `field: what is wrong (got ...)`, for every field."""
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or 'document'}: {e['msg']}"
        + (f" (got {_short(e['input'])})" if e["type"] != "missing" else "")
        for e in error.errors()
    )


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 80 else shown[:77] + "..."
