"""What a notice's first post must say besides its headline: when, where, and the form.

An event (`kind: event`) says when and where it takes place and links its registration form;
a call or vacancy (`kind: call`, `job`) says its deadline and links its application form. The
front matter (`event: {start, end, place, register}`, `call: {deadline, apply}`) says so
exactly (`pipeline/render/when.py`). Without it, the body's first sentence with a date stands
for "when", and the body's form link (the first link that says it is one, `language.py`) for
the form. A piece dated after its event or deadline reports on it and is no notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from pipeline.article import Article
from pipeline.render.social.keypoints import clean, form_link
from pipeline.render.social.language import has_date, words
from pipeline.render.social.structure import Body
from pipeline.render.when import announced, over_when_published
from pipeline.text import split_fast


def _first_dated_sentence(body: Body, language: str) -> str | None:
    for block in body.blocks:
        if not has_date(block.text, language):
            continue
        for raw in split_fast(block.text, language):
            text = clean(raw, language)
            if has_date(text, language) and not text.endswith(":"):
                return text
    return None


@dataclass(frozen=True)
class Notice:
    """What a notice's first posts must say, and the versions of it that a post may carry."""

    when: str | None
    """ "Thursday, 19 March 2026, 15:00–16:30 CET · Online (Zoom)", "Deadline: …", or the
    body's first sentence with a date."""
    form: str | None
    """The registration or application form's URL."""
    from_front_matter: bool

    def versions(self, language: str, kind: str) -> tuple[str, ...]:
        """Fullest first: "when" and "Register: <form>" on two lines, then "when" alone, then
        the form alone (for a post too short for both)."""
        w = words(language)
        label = w.register if kind == "event" else w.apply
        form_line = f"{label}: {self.form}" if self.form else None
        versions = [
            "\n".join(line for line in (self.when, form_line) if line),
            self.when or "",
            form_line or "",
        ]
        return tuple(v for v in dict.fromkeys(versions) if v)


def notice_of(article: Article, body: Body, zone: tzinfo, language: str) -> Notice | None:
    """The notice's when, where and form; None for kinds that are not notices, and for an
    event over (or a call closed) by the article's date: it announces nothing."""
    if not article.is_notice or over_when_published(article, zone):
        return None
    told = announced(article, zone, language)
    moment: str | None
    form: str | None
    if told is not None:
        call = told.kind == "call"
        moment = f"{words(language).deadline}: {told.when}" if call else told.when
        form = told.form
    else:
        moment, form = _first_dated_sentence(body, language), None
    if form is None:
        found = form_link(body, article.url, language)
        form = found[2] if found else None
    return Notice(moment, form, told is not None)
