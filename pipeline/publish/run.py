"""One publish run: read content and dist/, plan, check credentials, publish, summarise."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline import clock
from pipeline.content import Content, load_content
from pipeline.ledger import LedgerFile
from pipeline.publish.channel import DAILY_CAPS, Sender
from pipeline.publish.channels import CHANNELS, MailSender, MailTransport, XSender, XTransport
from pipeline.publish.credentials import (
    Credentials,
    Redactor,
    SmtpCredentials,
    XCredentials,
    keep_http_debug_off,
    load_channel_credentials,
)
from pipeline.publish.dist import SOCIAL_KIND, Dist, read_dist
from pipeline.publish.items import ChannelPlan, Form
from pipeline.publish.plan import SocialChoices, plan_social
from pipeline.publish.plan_email import plan_email
from pipeline.publish.proof import send_test_copies
from pipeline.publish.report import ChannelResult, summary_lines
from pipeline.publish.retry import RetryPolicy
from pipeline.publish.runner import Publisher

RenderDrafts = Callable[[Content], Mapping[str, str]]
SenderFactory = Callable[[Any], Sender]
__all__ = ["CHANNELS", "ChannelResult", "PublishOptions", "RetryPolicy", "run_publish"]


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
    x_form: Form | None = None
    """The command line's choice for every article; None: each article's own, else a thread."""
    approved_path: Path | None = None
    """Approval by pull request: only outputs listed there (path and sha256) may be sent."""


def fresh_drafts_hashes(content: Content) -> dict[str, str]:
    """The default staleness seam: each article's `drafts_hash` as the social renderer would
    draft it from the current content now (its per-article cache makes this cheap)."""
    from pipeline.cache import Cache
    from pipeline.render.social import render_social_outputs

    outputs = render_social_outputs(
        content.articles, content.site, Cache.from_env(), now=content.now
    )
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
    make_senders: Mapping[str, SenderFactory] | None = None,
    policy: RetryPolicy | None = None,
) -> list[ChannelResult]:
    """Publish (or, without `live`, describe) every pending item. Raises PipelineError for
    bad input or missing credentials, before anything is sent. `make_senders` builds the
    Bluesky, Mastodon and LinkedIn senders from their credentials (tests point them at
    servers on 127.0.0.1)."""
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
    skipped: dict[str, str] = {}
    if options.live:
        chosen_all = set(options.channels) == set(CHANNELS)
        credentials, skipped = load_channel_credentials(env, channels, skip_unconfigured=chosen_all)
        channels = tuple(c for c in channels if c not in skipped)
    redact = Redactor(credentials.secrets())
    if options.live:
        keep_http_debug_off()

    def out(text: str) -> None:
        say(redact(text))

    senders: dict[str, Sender] = {}
    if options.live:
        if credentials.x is not None:
            senders["x"] = XSender(make_x(credentials.x))
        if credentials.smtp is not None:
            senders["email"] = MailSender(make_mail(credentials.smtp))
        factories = {**default_factories(), **(make_senders or {})}
        for name, creds in credentials.others.items():
            senders[name] = factories[name](creds)

    with LedgerFile.open(options.ledger_path, lock=options.live) as ledger_file:
        site = content.site
        window = site.publish.window_days
        moment = now()
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
        for name, why in skipped.items():
            out(f"{name}: skipped: {why}")
        render = render_drafts or fresh_drafts_hashes
        rendered: Mapping[str, str] | None = None

        def drafts_now() -> Mapping[str, str]:
            nonlocal rendered
            if rendered is None:
                rendered = render(content)
            return rendered

        planner = _Planner(dist, content, options, moment, drafts_now)
        publisher = Publisher(
            ledger_file=ledger_file,
            now=now,
            say=out,
            live=options.live,
            sleep=sleep,
            redact=redact,
            policy=policy or RetryPolicy(),
            senders=senders,
            recipients=tuple(site.newsletter.to),
        )
        results: list[ChannelResult] = []
        try:
            for channel in (c for c in CHANNELS if c in channels):
                results.append(_run_channel(channel, planner, publisher, ledger_file, options))
        finally:
            for sender in senders.values():
                close = getattr(sender, "close", None)
                if callable(close):
                    close()
        results.extend(ChannelResult(name, skipped=why) for name, why in skipped.items())
        for line in summary_lines(results, options.live):
            out(line)
        return results


def _run_channel(
    channel: str,
    planner: _Planner,
    publisher: Publisher,
    ledger_file: LedgerFile,
    options: PublishOptions,
) -> ChannelResult:
    """Plan one channel, settle what a lookup can settle, and carry the plan out."""
    plan = planner.plan(channel, ledger_file)
    if options.test_to:
        mail = publisher.senders.get("email")
        return send_test_copies(
            plan, options.test_to, mail.transport if isinstance(mail, MailSender) else None,
            live=options.live, now=publisher.now, retry=publisher.retry, say=publisher.say,
        )  # fmt: skip
    if publisher.settle(plan):  # a lookup answered: plan again from the ledger
        plan = planner.plan(channel, ledger_file)
    return publisher.run(plan)  # each channel on its own


@dataclass
class _Planner:
    dist: Dist
    content: Content
    options: PublishOptions
    moment: datetime
    render_drafts: Callable[[], Mapping[str, str]]

    def plan(self, channel: str, ledger_file: LedgerFile) -> ChannelPlan:
        state = ledger_file.ledger.state
        site = self.content.site
        articles = {a.slug: a for a in self.content.articles}
        scheduled = {a.slug: a for a in self.content.scheduled}
        window = site.publish.window_days
        if channel == "email":
            return plan_email(
                self.dist, articles, state, now=self.moment, window_days=window,
                recipients=site.newsletter.to, resend=self.options.resend, scheduled=scheduled,
            )  # fmt: skip
        choices = SocialChoices(self.options.x_form, site.publish.threads, self.options.resend)
        return plan_social(
            channel, self.dist, articles, state, now=self.moment, window_days=window,
            render_drafts=self.render_drafts, choices=choices, scheduled=scheduled,
            daily_cap=DAILY_CAPS.get(channel), zone=site.tz,
        )  # fmt: skip


def default_factories() -> dict[str, SenderFactory]:
    """The real senders, imported only for a live run on a configured channel."""

    def bluesky(credentials: Any) -> Sender:
        from pipeline.publish.bluesky import BlueskySender

        return BlueskySender(credentials)

    def mastodon(credentials: Any) -> Sender:
        from pipeline.publish.mastodon import MastodonSender

        return MastodonSender(credentials)

    def linkedin(credentials: Any) -> Sender:
        from pipeline.publish.linkedin import LinkedInSender

        return LinkedInSender(credentials)

    return {"bluesky": bluesky, "mastodon": mastodon, "linkedin": linkedin}
