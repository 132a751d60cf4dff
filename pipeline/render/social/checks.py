"""Editorial checks of one article's drafts (`dist/social/<slug>.json`), for the review page
and `pipeline check` (warnings; `--strict` fails on them: an editor must act).

They read the drafts as published, so an editor's override is held to the same rules as a
generated post: a paragraph of any post (thread posts 2..n included) whose first sentence leans
on one the reader has not seen, the headline absent from a first post, an author not credited,
a notice's first post that does not say when or link its form, page boilerplate, and one text
posted unchanged on networks whose norms differ (X's 280 characters and LinkedIn's long
form)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pipeline.errors import Problem
from pipeline.outputs import Output
from pipeline.render.social.counting import NETWORK_NAMES
from pipeline.render.social.findings import Finding
from pipeline.render.social.language import depends_on_context, is_boilerplate, others

_NUMBER = re.compile(r"^\d+/\d+\s+")


def _label(post: Mapping[str, Any]) -> str:
    name = NETWORK_NAMES.get(str(post.get("network")), str(post.get("network")))
    if post.get("kind") == "thread":
        return f"{name} thread post {int(post.get('index', 0)) + 1}"
    return f"{name} single post" if post.get("network") == "x" else f"{name} post"


def _first_line(text: str) -> str:
    return _NUMBER.sub("", text.strip().split("\n", 1)[0]).lstrip("“\"'‘(")


def _paragraph_openers(text: str, title: str, opens: bool) -> list[str]:
    """The first line of every paragraph of a post a reader meets without what came before
    (the headline of a first post aside: it is the article's own)."""
    found = []
    for index, paragraph in enumerate(text.strip().split("\n\n")):
        line = _first_line(paragraph)
        if not line or (opens and index == 0 and (line == title or line.endswith("?"))):
            continue
        found.append(line)
    return found


def _short_credit(authors: Sequence[str], text: str, language: str) -> bool:
    """`text` credits the first authors and says how many others ("By A, B and 4 others")."""
    return any(
        all(a in text for a in authors[:named]) and others(len(authors) - named, language) in text
        for named in range(1, len(authors) - 1)
    )


def draft_findings(doc: Mapping[str, Any]) -> list[Finding]:
    """Everything an editor should look at in one drafts document."""
    posts = [p for p in doc.get("posts") or [] if isinstance(p, Mapping)]
    language = str(doc.get("language") or "en")
    title = str(doc.get("title") or "")
    authors = [str(a) for a in doc.get("authors") or []]
    found: list[Finding] = []
    notice = doc.get("notice") if isinstance(doc.get("notice"), Mapping) else None
    for post in posts:
        text = str(post.get("text", ""))
        label = _label(post)
        first = _first_line(text)
        opens = post.get("kind") != "thread" or int(post.get("index", 0)) == 0
        for line in _paragraph_openers(text, title, opens):
            if depends_on_context(line, language):
                where = "opens with" if line == first else "has a paragraph opening with"
                found.append(Finding("Opener", label, f"{where} a sentence that leans on one "
                                     f"the reader has not seen: {line[:60]!r}"))  # fmt: skip
        for line in text.split("\n"):
            if line.strip() and is_boilerplate(line, language):
                found.append(Finding("Boilerplate", label, f"carries page chrome {line!r}"))
        if opens and title and title not in text and not first.endswith("?"):
            found.append(Finding("Headline", label, "does not carry the headline"))
        if opens:
            missing = (
                []
                if _short_credit(authors, text, language)
                else [a for a in authors if a not in text]
            )
            if missing:
                found.append(Finding("Authors", label, f"does not credit {', '.join(missing)}"))
        if opens and notice:
            when, form = notice.get("when"), notice.get("form")
            if when and str(when) not in text:
                found.append(Finding("Notice", label, "does not say when (front matter `event:` "
                                     "or `call:` gives a short line that fits)"))  # fmt: skip
            if form and str(form) not in text:
                found.append(Finding("Notice", label, f"does not link the form {form}"))
    singles = {str(p.get("network")): str(p.get("text", "")) for p in posts
               if p.get("kind") == "single"}  # fmt: skip
    for a, b in (("x", "linkedin"), ("bluesky", "linkedin"), ("mastodon", "linkedin")):
        if a in singles and singles.get(a) == singles.get(b):
            found.append(Finding("Networks", f"{NETWORK_NAMES[a]} and {NETWORK_NAMES[b]}",
                                 "the same text on both, though their norms differ"))  # fmt: skip
    return found


def social_warnings(outputs: Sequence[Output]) -> list[Problem]:
    """The findings of every drafts document among `outputs`, as warnings naming the source."""
    problems: list[Problem] = []
    for output in outputs:
        if output.kind != "social/json":
            continue
        doc = json.loads(output.data)
        source = str(doc.get("source_path") or output.path)
        problems += [
            Problem(source, None, f"social ({f.post})", f"{f.check}: {f.message}",
                    severity="warning")
            for f in draft_findings(doc)
        ]  # fmt: skip
    return problems
