"""The `.eml`: multipart/alternative (text/plain, then text/html), serialized deterministically."""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from pipeline.errors import ContentError, Problem
from pipeline.render.email.issue import Issue
from pipeline.site import Site
from pipeline.textcheck import header_text_problem, https_url_problem, single_address_problem

SETTINGS_FILE = "site.toml"


def _check_address(value: str, setting: str, problems: list[Problem]) -> None:
    problem = single_address_problem(value)
    if problem:
        problems.append(Problem(SETTINGS_FILE, None, setting, problem))


def message_domain(site: Site) -> str:
    """The domain of the sender address, for Message-IDs."""
    return parseaddr(site.newsletter.from_)[1].rpartition("@")[2] or "localhost"


def boundary(issue_id: str) -> str:
    """A MIME boundary fixed per issue (no random part, no clock)."""
    return "=_issue_" + hashlib.sha256(issue_id.encode()).hexdigest()[:24]


def build_message(issue: Issue, site: Site, text: str, html: str) -> EmailMessage:
    """The issue as an email ready for a list relay: headers for bulk mail (RFC 8058), both parts."""
    newsletter = site.newsletter
    problems: list[Problem] = []
    _check_address(newsletter.from_, "newsletter.from", problems)
    if newsletter.reply_to:
        _check_address(newsletter.reply_to, "newsletter.reply_to", problems)
    for index, to in enumerate(newsletter.to):
        _check_address(to, f"newsletter.to[{index}]", problems)
    if newsletter.unsubscribe_mailto:
        mailto = newsletter.unsubscribe_mailto.removeprefix("mailto:")
        _check_address(mailto.partition("?")[0], "newsletter.unsubscribe_mailto", problems)
    # Settings and titles were checked when read; checked again here, where headers are made,
    # so no other path into an Issue can put a second header into the message.
    url_problem = https_url_problem(newsletter.unsubscribe_url)
    if url_problem:
        problems.append(Problem(SETTINGS_FILE, None, "newsletter.unsubscribe_url", url_problem))
    subject_problem = header_text_problem(issue.subject)
    if subject_problem:
        sources = ", ".join(a.source_path for a in issue.shown)
        problems.append(Problem(sources, None, "subject", subject_problem))
    if problems:
        raise ContentError(problems)

    msg = EmailMessage(policy=policy.SMTP)
    msg["Subject"] = issue.subject
    msg["From"] = newsletter.from_
    if newsletter.to:
        msg["To"] = ", ".join(newsletter.to)
    if newsletter.reply_to:
        msg["Reply-To"] = newsletter.reply_to
    msg["Date"] = format_datetime(issue.date.astimezone(site.tz))
    msg["Message-ID"] = f"<{issue.id}@{message_domain(site)}>"
    unsubscribe = [f"<{newsletter.unsubscribe_url}>"]
    if newsletter.unsubscribe_mailto:
        unsubscribe.append(f"<mailto:{newsletter.unsubscribe_mailto.removeprefix('mailto:')}>")
    msg["List-Unsubscribe"] = ", ".join(unsubscribe)
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.set_boundary(boundary(issue.id))
    return msg


def serialize(msg: EmailMessage) -> bytes:
    """The message as SMTP bytes (CRLF line ends, long lines folded)."""
    return msg.as_bytes(policy=policy.SMTP)
