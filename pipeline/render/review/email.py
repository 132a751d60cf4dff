"""The newsletter issues of the build, as the review page shows them, and their checks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from pipeline.cache import Cache
from pipeline.outputs import Output
from pipeline.render.review.links import ImageAlt, Link, email_checks, rebuild_checks
from pipeline.render.review.memo import remembered
from pipeline.render.review.paths import href_to
from pipeline.render.review.qa import QaItem, Status, size_status

FILE_LABELS = {
    "email/html": "email.html",
    "email/text": "email.txt",
    "email/eml": "message.eml",
    "email/mjml": "email.mjml",
}


@dataclass(frozen=True)
class Gauge:
    """A counted value against its limit (bytes of HTML, characters of a post)."""

    value: int
    limit: int
    status: Status

    @property
    def percent(self) -> int:
        """For the bar: 0–100 (an overflow shows as a full bar and the word "over")."""
        return min(100, round(self.value * 100 / self.limit)) if self.limit else 100

    @property
    def over(self) -> int:
        return max(0, self.value - self.limit)


@dataclass(frozen=True)
class IssueView:
    id: str
    anchor: str
    kind: str
    subject: str
    preheader: str
    slugs: tuple[str, ...]
    """Every article the issue covers."""
    articles: tuple[tuple[str, str], ...]
    """(title, url) of each of `slugs`."""
    size: Gauge
    files: tuple[tuple[str, str], ...]
    """(label, href relative to the review page)."""
    html_href: str
    text: str
    links: tuple[Link, ...]
    alts: ImageAlt

    @property
    def bad_links(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.verdict == "bad")


@dataclass(frozen=True)
class SentIssueView:
    id: str
    subject: str
    html_href: str


def _by_issue(outputs: Sequence[Output]) -> dict[str, dict[str, Output]]:
    issues: dict[str, dict[str, Output]] = {}
    for output in outputs:
        if output.kind.startswith("email/") and "issue_id" in output.meta:
            issues.setdefault(str(output.meta["issue_id"]), {})[output.kind] = output
    return issues


def _titles(
    meta: Mapping[str, Any], titles: Mapping[str, tuple[str, str]]
) -> tuple[tuple[str, str], ...]:
    slugs = meta.get("articles") or []
    return tuple(titles.get(str(slug), (str(slug), "")) for slug in slugs)


def issue_views(
    outputs: Sequence[Output],
    budget: int,
    titles: Mapping[str, tuple[str, str]],
    cache: Cache | None = None,
) -> tuple[list[IssueView], list[SentIssueView]]:
    """The issues about to go out (with everything to check) and the ones already sent.

    `titles` maps an article slug to its (title, url); `cache` remembers each email's checks.
    """
    pending: list[IssueView] = []
    sent: list[SentIssueView] = []
    for issue_id, files in sorted(_by_issue(outputs).items()):
        page = files.get("email/html")
        if page is None:
            continue
        meta = page.meta
        subject = str(meta.get("subject", ""))
        if meta.get("sent"):
            sent.append(SentIssueView(issue_id, subject, href_to(page.path)))
            continue
        html = page.data.decode("utf-8")
        text_output = files.get("email/text")
        text = text_output.data.decode("utf-8") if text_output is not None else ""
        links, alts = remembered(
            cache, "review-email", [page.data, text], partial(email_checks, html, text),
            rebuild_checks,
        )  # fmt: skip
        size = len(page.data)
        pending.append(
            IssueView(
                id=issue_id,
                anchor=f"issue-{issue_id}",
                kind=str(meta.get("issue_kind", "")),
                subject=subject,
                preheader=str(meta.get("preheader", "")),
                slugs=tuple(str(slug) for slug in meta.get("articles") or ()),
                articles=_titles(meta, titles),
                size=Gauge(size, budget, size_status(size, budget)),
                files=tuple(
                    (label, href_to(files[kind].path))
                    for kind, label in FILE_LABELS.items()
                    if kind in files
                ),
                html_href=href_to(page.path),
                text=text,
                links=links,
                alts=alts,
            )
        )
    # Newest last in the ledger's order is oldest first by id; show the newest sent first.
    sent.sort(key=lambda s: s.id, reverse=True)
    return pending, sent


def _all(count: int, one: str, many: str) -> str:
    return f"the {one}" if count == 1 else f"all {count} {many}" if count else f"no {many}"


def _has(count: int) -> str:
    return "has" if count == 1 else "have"


def _is(count: int) -> str:
    return "is" if count == 1 else "are"


def issue_items(issue: IssueView) -> list[QaItem]:
    """Size against the budget, alt text of every image, and every link absolute https."""
    subject = f"Newsletter: {issue.subject}"
    target = f"#{issue.anchor}"
    size = issue.size
    if size.status == "fail":
        size_message = f"email.html is {size.value:,} bytes, {size.over:,} over the budget of {size.limit:,} (Gmail clips at about 102 KB)."
    elif size.status == "warn":
        size_message = (
            f"email.html is {size.value:,} bytes, within 10% of the budget of {size.limit:,}."
        )
    else:
        size_message = f"email.html is {size.value:,} of {size.limit:,} bytes ({size.percent}%)."
    items = [QaItem(size.status, "HTML size", subject, size_message, target)]

    alts = issue.alts
    if alts.missing:
        items.append(
            QaItem(
                "fail",
                "Alt text",
                subject,
                f"{len(alts.missing)} of {alts.images} images {_has(len(alts.missing))} no alt attribute: "
                + ", ".join(alts.missing),
                target,
            )
        )
    if alts.empty_in_link:
        items.append(
            QaItem(
                "warn",
                "Alt text",
                subject,
                "a linked image has an empty alt and the link no text: "
                + ", ".join(alts.empty_in_link),
                target,
            )
        )
    if not alts.missing and not alts.empty_in_link:
        items.append(
            QaItem(
                "pass",
                "Alt text",
                subject,
                _all(alts.images, "image has", "images have") + " alt text.",
                target,
            )
        )

    bad = issue.bad_links
    if bad:
        items.append(
            QaItem(
                "fail",
                "Links",
                subject,
                f"{len(bad)} of {len(issue.links)} links {_is(len(bad))} not absolute https: "
                + ", ".join(link.url for link in bad),
                target,
            )
        )
    else:
        items.append(
            QaItem(
                "pass",
                "Links",
                subject,
                _all(len(issue.links), "link", "links")
                + " of the HTML and text parts "
                + _is(len(issue.links))
                + (
                    " absolute https or mailto:."
                    if any(link.verdict == "mailto" for link in issue.links)
                    else " absolute https."
                ),
                target,
            )
        )
    return items
