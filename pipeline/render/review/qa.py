"""The QA list: what an editor should look at before anything goes out, as pass, warn or fail."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pipeline.article import Article
from pipeline.errors import Problem

Status = Literal["fail", "warn", "pass"]
ORDER: dict[Status, int] = {"fail": 0, "warn": 1, "pass": 2}
NEAR_BUDGET = 0.9
"""A size within 10 % of its budget is a warning."""
MAX_CONTENT_NOTES = 100
"""Importer notes listed one by one; the rest are counted (`pipeline check` lists them all)."""
# Importer notes start with the field they are about ("date: the source has no date; …").
NOTE_CHECKS = {"date": "Unconfirmed date", "image": "Image", "url": "Canonical URL"}


@dataclass(frozen=True)
class QaItem:
    status: Status
    check: str
    """What was checked, in two or three words ("HTML size", "Post length")."""
    subject: str
    """What it was checked on: an issue, an article's title, a file."""
    message: str
    target: str = ""
    """Where to look: an in-page `#anchor`, or a path relative to the review page."""


def sort_items(items: Iterable[QaItem]) -> list[QaItem]:
    """Failures first, then warnings, then passes; otherwise in the order found."""
    return sorted(items, key=lambda item: ORDER[item.status])


def size_status(size: int, budget: int) -> Status:
    if size > budget:
        return "fail"
    return "warn" if size > budget * NEAR_BUDGET else "pass"


def note_check(note: str) -> str:
    field = note.split(":", 1)[0].strip().split(".")[0] if ":" in note else ""
    return NOTE_CHECKS.get(field, "Importer note")


def content_items(
    warnings: Sequence[Problem], articles: Sequence[Article], anchors: dict[str, str]
) -> list[QaItem]:
    """Importer `review` notes and other content warnings (each a warn), at most
    MAX_CONTENT_NOTES of them; `anchors` maps a source path to its place on the page."""
    notes: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    by_path = {a.source_path: a for a in articles}
    review_notes = (
        Problem(a.source_path, None, "review", note, "warning")
        for a in articles
        for note in a.review
    )
    for problem in (*warnings, *review_notes):
        if (problem.path, problem.message) not in seen:
            seen.add((problem.path, problem.message))
            notes.append(problem)
    items = []
    for problem in notes[:MAX_CONTENT_NOTES]:
        article = by_path.get(problem.path)
        check = note_check(problem.message) if problem.field == "review" else problem.field
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        subject = f"{article.title} ({where})" if article else where
        items.append(QaItem("warn", check, subject, problem.message, anchors.get(problem.path, "")))
    if len(notes) > MAX_CONTENT_NOTES:
        rest = len(notes) - MAX_CONTENT_NOTES
        items.append(
            QaItem(
                "warn",
                "Importer note",
                f"{rest} more",
                f"{rest} more notes are not listed here; `pipeline check` lists every one.",
            )
        )
    return items


def image_items(articles: Sequence[Article], anchors: dict[str, str]) -> list[QaItem]:
    """A hero image known only by its caption (no file yet) is shown nowhere: a warning."""
    items = []
    for article in articles:
        image = article.image
        if image is not None and not image.src:
            items.append(
                QaItem(
                    "warn",
                    "Image",
                    f"{article.title} ({article.source_path})",
                    "image has a caption or credit but no src: no image is shown until "
                    "image.src and image.alt are set.",
                    anchors.get(article.source_path, ""),
                )
            )
    return items
