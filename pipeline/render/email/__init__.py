"""The email newsletter: one issue per build from the commentaries new on the email channel.

Jinja2 (`templates/email/`) writes MJML, mjml-python compiles it to HTML; the plain-text part
is written from the Markdown; the `.eml` joins both (`render.py`). Outputs go to
`email/<issue-id>/`. An issue is a function of its articles, the settings and the templates:
a rebuild that changed none of them takes its files from the cache (and imports no Jinja).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import Cache, memo_outputs
from pipeline.edition import new_for_channel
from pipeline.ledger import Record
from pipeline.outputs import Output
from pipeline.render.email.issue import Issue, plan_issue
from pipeline.site import Site
from pipeline.tree import folder_parts

if TYPE_CHECKING:
    from pipeline.renderer import BuildContext

__all__ = ["Issue", "issue_files", "plan_issue", "render_newsletter"]


def issue_files(
    issue: Issue,
    site: Site,
    templates_dir: Path,
    cache: Cache,
    settings: Callable[[], Sequence[bytes | str]] | None = None,
) -> list[Output]:
    """The four files of `issue` (`render.issue_outputs`), rendered or from the cache.

    `settings`: the key's parts shared by every issue of a build (the settings, the template
    bytes), computed once by the caller when first asked (default: `shared_parts`)."""

    def render() -> list[Output]:
        from pipeline.render.email.render import issue_outputs, render_issue

        rendered = render_issue(issue, site, templates_dir, cache.folder_for("templates"))
        return issue_outputs(rendered, site)

    def parts() -> Iterator[bytes | str]:  # (read only when the cache is on)
        yield from (settings or (lambda: shared_parts(site, templates_dir)))()
        yield from (issue.id, issue.kind, issue.subject, issue.preheader, str(len(issue.shown)))
        yield "past:" + " ".join(sorted(issue.past))
        yield from (f"{a.source_path}\0{a.content_hash}" for a in issue.articles)

    return memo_outputs(cache, "issue", parts(), render)


def shared_parts(site: Site, templates_dir: Path) -> list[bytes | str]:
    """What every issue's key holds: the settings and the email templates' bytes."""
    return [site.model_dump_json(), *folder_parts(templates_dir / "email")]


def sent_issues(ctx: BuildContext) -> list[Issue]:
    """Issues the ledger says went out, rebuilt from content (skipped if an article is gone).

    Their pages stay published, so the "view in browser" link of a sent email keeps working.
    """
    site = ctx.content.site
    by_slug = {a.slug: a for a in ctx.content.articles}
    sent = ctx.ledger.state.sent_keys("email")
    issues: dict[str, Issue] = {}
    for record in ctx.ledger.for_channel("email"):
        slugs = record.data.get("articles")
        if record.key not in sent or record.key in issues or not isinstance(slugs, list):
            continue
        if not slugs or any(slug not in by_slug for slug in slugs):
            continue
        # as of when it was sent: a notice over since then stays on the page, as in the email
        issue = plan_issue([by_slug[slug] for slug in slugs], site, _sent_at(record))
        if issue is not None and issue.id == record.key:
            issues[issue.id] = issue
    return sorted(issues.values(), key=lambda i: i.id)


def _sent_at(record: Record) -> datetime | None:
    """When the issue went out: the Date the ledger records for it, else the record's time."""
    for value in (record.data.get("date"), record.at):
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            continue
        if moment.tzinfo is not None:
            return moment
    return None


def render_newsletter(ctx: BuildContext) -> list[Output]:
    """The issue for the commentaries not yet sent by email (four files), plus the page
    (`email/<id>/email.html` only) of every issue already sent, for "view in browser"."""
    site = ctx.content.site
    settings = functools.cache(
        lambda: shared_parts(site, ctx.templates_dir)
    )  # once, and only if asked
    outputs: list[Output] = []
    for sent in sent_issues(ctx):
        page = issue_files(sent, site, ctx.templates_dir, ctx.cache, settings)[0]
        outputs.append(
            Output(page.path, page.data, page.kind, page.slug, {**page.meta, "sent": True})
        )
    new = new_for_channel(
        ctx.content.articles, ctx.ledger, "email", site.publish.window_days, ctx.content.now
    )
    issue = plan_issue(new, site, ctx.content.now)
    if issue is not None:
        outputs.extend(issue_files(issue, site, ctx.templates_dir, ctx.cache, settings))
    return outputs
