"""One publish run: read content and dist/, plan, check credentials, publish, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pipeline import clock
from pipeline.content import Content, load_content
from pipeline.ledger import LedgerFile
from pipeline.publish.credentials import (
    Credentials,
    Redactor,
    SmtpCredentials,
    XCredentials,
    keep_http_debug_off,
    load_credentials,
)
from pipeline.publish.dist import SOCIAL_KIND, read_dist
from pipeline.publish.plan import XForm, plan_email, plan_x
from pipeline.publish.runner import (
    ChannelResult,
    MailTransport,
    Publisher,
    RetryPolicy,
    XTransport,
    publish_channels,
    summary_lines,
)

CHANNELS = ("x", "email")
RenderDrafts = Callable[[Content], Mapping[str, str]]


@dataclass(frozen=True)
class PublishOptions:
    content_dir: Path = Path("content")
    dist_dir: Path = Path("dist")
    ledger_path: Path = Path("state/ledger.jsonl")
    templates_dir: Path = Path("templates")
    channels: tuple[str, ...] = CHANNELS
    live: bool = False
    test_to: tuple[str, ...] = ()
    resend: tuple[str, ...] = ()
    x_form: XForm | None = None
    """The command line's choice for every article; None: each article's own, else a thread."""
    approved_path: Path | None = None
    """Approval by pull request: only outputs listed there (path and sha256) may be sent."""


def fresh_drafts_hashes(content: Content) -> dict[str, str]:
    """The default staleness seam: each article's `drafts_hash` as the social renderer would
    draft it from the current content now (its per-article cache makes this cheap)."""
    from pipeline.cache import Cache
    from pipeline.render.social import render_social_outputs

    outputs = render_social_outputs(content.articles, content.site, Cache.from_env())
    return {str(o.slug): str(o.meta["drafts_hash"]) for o in outputs if o.kind == SOCIAL_KIND}


def _default_x(credentials: XCredentials) -> XTransport:
    from pipeline.publish.x import XPoster

    return XPoster(credentials)


def _default_mail(credentials: SmtpCredentials) -> MailTransport:
    from pipeline.publish.email import SmtpSender

    return SmtpSender(credentials)


def run_publish(
    options: PublishOptions,
    *,
    env: Mapping[str, str],
    say: Callable[[str], None],
    now: Callable[[], datetime] = clock.now,
    sleep: Callable[[float], None] = time.sleep,
    render_drafts: RenderDrafts | None = None,
    make_x: Callable[[XCredentials], XTransport] = _default_x,
    make_mail: Callable[[SmtpCredentials], MailTransport] = _default_mail,
    policy: RetryPolicy | None = None,
) -> list[ChannelResult]:
    """Publish (or, without `live`, describe) every pending item. Raises PipelineError for
    bad input or missing credentials, before anything is sent."""
    channels = ("email",) if options.test_to else options.channels
    if options.test_to and "email" not in options.channels:
        channels = ()
    # What is due is decided by the same injected clock the plan uses.
    content = load_content(options.content_dir, now=now())
    dist = read_dist(options.dist_dir)
    unapproved: list[str] = []
    if options.approved_path is not None:
        from pipeline.publish.approval import only_approved

        dist, unapproved = only_approved(dist, options.approved_path)
    credentials = Credentials()
    if options.live:
        credentials = load_credentials(env, x="x" in channels, smtp="email" in channels)
    redact = Redactor(credentials.secrets())
    if options.live:
        keep_http_debug_off()

    def out(text: str) -> None:
        say(redact(text))

    with LedgerFile.open(options.ledger_path, lock=options.live) as ledger_file:
        ledger = ledger_file.ledger
        site = content.site
        window = site.publish.window_days
        moment = now()
        articles = {a.slug: a for a in content.articles}
        scheduled = {a.slug: a for a in content.scheduled}
        if not options.live:
            out("DRY RUN: nothing is sent and the ledger is not changed (add --live to publish).")
        out(
            f"clock {moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC; window {window} days: "
            f"commentary dated from {(moment - timedelta(days=window)).astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        )
        for path in unapproved:
            out(f"not approved, not sent: {path} (not in {options.approved_path} as built)")
        if options.test_to:
            out(f"--test-to: only a test copy of the newsletter, to {', '.join(options.test_to)}")
        render = render_drafts or fresh_drafts_hashes
        x_plan = (
            plan_x(
                dist,
                articles,
                ledger,
                now=moment,
                window_days=window,
                render_drafts=lambda: render(content),
                form=options.x_form,
                resend=options.resend,
                scheduled=scheduled,
            )
            if "x" in channels
            else None
        )
        email_plan = (
            plan_email(
                dist,
                articles,
                ledger,
                now=moment,
                window_days=window,
                recipients=site.newsletter.to,
                resend=options.resend,
                scheduled=scheduled,
            )
            if "email" in channels
            else None
        )
        publisher = Publisher(
            ledger_file=ledger_file,
            now=now,
            say=out,
            live=options.live,
            sleep=sleep,
            redact=redact,
            policy=policy or RetryPolicy(),
            x=make_x(credentials.x) if options.live and credentials.x else None,
            mail=make_mail(credentials.smtp) if options.live and credentials.smtp else None,
            recipients=tuple(site.newsletter.to),
            test_to=options.test_to,
        )
        results = publish_channels(publisher, x_plan, email_plan)
        for line in summary_lines(results, options.live):
            out(line)
        return results
