"""Import a raw text scrape of a commentary page (site name, title, caption, body, chrome)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.importers.dates import parse_date_words
from pipeline.importers.draft import (
    ContentDraft,
    canonical_url,
    escape_markdown,
    no_date_note,
    normal_words,
    slug_from_url,
    slugify,
)

# Lines that are site furniture, never commentary (WordPress, AMP and share widgets).
CHROME = re.compile(
    r"^(exit mobile version|skip to (main )?content|share this:?|like this:?|loading\.\.\.|"
    r"print|email|facebook|twitter|linkedin|whatsapp|related( posts)?:?|tags?:.*|"
    r"posted in .*|filed under .*|back to top|menu|search|cookie settings|accept( all)?( cookies)?|"
    r"download( the)?( full)? (pdf|report|paper|brief)( \(pdf[^)]*\))?|print( this)?( page| article)?|"
    r"listen to (this|the) article|\d+ min(ute)?s? read)$",
    re.I,
)
# "(Official White House Photo by Adam Schultz)", "(Photo: Reuters)", "(Credit: IAEA)"
CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*\((?P<credit>[^()]*\b(?:photo|image|credit|courtesy|©|picture)\b[^()]*)\)\s*$",
    re.I | re.S,
)
# "… in Aomori Prefecture. Photo: Kyodo via Reuters", "… in Vienna. © IAEA/Dean Calma"
TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?])\s+(?P<credit>(?:(?:photo|image|picture|credit)s?\s*(?::|by\b)|©)"
    r"\s*[^.!?]{2,80})$",
    re.I,
)
# Lines after which a page lists its other articles: the rest of the scrape is furniture.
TAIL = re.compile(
    r"^(related( (posts|articles|content|reading))?|read (more|next|also)|more from .{0,40}|"
    r"you (may|might) also (like|be interested in)|recommended( for you)?|latest( news)?|"
    r"popular( posts)?|about the authors?)\s*:?$",
    re.I,
)
ABOUT_AUTHORS = re.compile(r"^about the authors?\s*:?$", re.I)
"""Ends the text wherever it comes (after the title and some text): the authors' notes."""
# "© 2026 Stimson Center", "Copyright (c) 2026 …", "… All rights reserved."
COPYRIGHT = re.compile(
    r"^(?:©|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,200}$|^.{0,160}\ball rights reserved\.?$",
    re.I,
)
# "By Jane Doe · March 1, 2026", "By Jane Doe, John Smith and Ann Lee", "Par Marie Dupont | 1 mars"
BYLINE = re.compile(
    r"^(?:(?:(?:written )?by|authors?:|autor(?:in|en|es|a|as)?:|auteur(?:e|s|es)?\s?:|"
    r"автор(?:ы)?:|von|par|por|di|door|de|بقلم:?)\s+|作者\s*[:：]\s*)(?P<rest>.{2,240})$",
    re.I,
)
# WordPress: "Posted on March 3, 2026 by Maria Garcia", "Published by A on 3 March 2026", and
# as other languages write it: "Publié le 3 mars 2026 par …", "Veröffentlicht am 3. März 2026 von …"
_POSTED_WORD = (
    r"(?:posted|published)(?: on)?|publi[ée]e? le|mis en ligne le|ver[öo]ffentlicht(?: am)?|"
    r"publicad[oa](?: el| em| en)?|pubblicat[oa](?: il)?|опубликовано"
)
_BY_WORD = r"(?:by|par|von|por|da|di|door|автор)"
POSTED = re.compile(
    rf"^(?:{_POSTED_WORD})\s+(?P<date>.{{6,40}}?)\s+{_BY_WORD}\s+(?P<names>.{{2,200}})$|"
    rf"^(?:posted|published)\s+by\s+(?P<names2>.{{2,200}}?)\s+on\s+(?P<date2>.{{6,40}})$",
    re.I,
)
# A date on a line of its own, maybe labelled: "Published: 12 November 2026", "Posted on …",
# "Publié le 12 novembre 2026", "Datum: 12.11.2026", "发布日期：2026年11月12日"
WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)
DATE_LABEL = re.compile(
    rf"^(?:(?:{_POSTED_WORD})|date|datum|fecha|data|дата|发布日期|发布时间|日期)\s*[:：]?\s*", re.I
)
_BYLINE_PARTS = re.compile(r"\s*[|·•–—]\s*")
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|&|、|，|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bи\b)\s*", re.I
)
_ROLE = re.compile(
    r"\b(?:(?:senior |junior |non-?resident |visiting )?(?:fellow|researcher|analyst|associate)|"
    r"director|professor|editor|correspondent|contributor|staff|intern|chair|president|"
    r"head of .*|programme|program|manager|coordinator|expert|guest author)s?\b",
    re.I,
)
"""What follows a name in a byline ("By Jane Doe, Senior Fellow") is the person's role."""
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")


def parse_date(text: str) -> date | None:
    """A date as pages write them ("March 1, 2026", "1 Mar 2026", "2026-03-01", "1er mars
    2026", "12. November 2026", "12 ноября 2026 г.", "2026年3月1日"); None for anything
    else (no guessing: 03/01/2026 is no date)."""
    text = DATE_LABEL.sub("", text.strip())
    english = WEEKDAY.sub("", text)
    english = " ".join(english.replace(".", " ").split()).strip(" ,")
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(english, pattern).date()
        except ValueError:
            continue
    return parse_date_words(text)


# A sentence pointing at an embed that a text scrape cannot carry.
DANGLING_EMBED = re.compile(
    r"\b(video|recording|webinar|podcast|audio|infographic|chart|map|slides?|photo gallery)\b"
    r"[^.]*\b(below|above)\b|\b(watch|listen|see|view)\b[^.]*\b(below|above)\b",
    re.I,
)
TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
# A page's label for its kind of piece, shown above the title ("Commentary", "Op-Ed").
TYPE_LABEL = re.compile(
    r"^(commentary|analysis|op-?ed|opinion|interview|events?|news|report|blog( post)?|article|"
    r"(policy )?brief|essay|feature|podcast|video|press release|statement|explainer|q ?& ?a|"
    r"perspective|viewpoint|editorial|research|publications?|kommentar|analyse|tribune|"
    r"an[áa]lisis|opini[óo]n|entrevista|комментарий|анализ|аналитика|мнение|интервью|评论|分析|观点|访谈|"
    r"تحليل|رأي|مقال|تعليق|مقابلة)$",
    re.I,
)
# The kinds of piece (`article.Kind`) a type label names; any other label names none.
_KIND_OF_LABEL = (
    (re.compile(r"^(op-?ed|opinion|tribune|opini[óo]n|мнение|观点|رأي)$", re.I), "op-ed"),
    (re.compile(r"^(analysis|analyse|an[áa]lisis|анализ|аналитика|分析|تحليل)$", re.I), "analysis"),
    (re.compile(r"^(interview|entrevista|q ?& ?a|интервью|访谈|مقابلة)$", re.I), "interview"),
    (re.compile(r"^(statement|press release)$", re.I), "statement"),
    (re.compile(r"^report$", re.I), "report"),
)


def kind_of_label(label: str) -> str | None:
    """The kind a page's label above the title names ("Op-Ed": op-ed), or None."""
    return next((kind for pattern, kind in _KIND_OF_LABEL if pattern.match(label.strip())), None)


def _is_heading_like(block: str) -> bool:
    return (
        len(block) <= 160
        and "\n" not in block
        and not block.rstrip().endswith((".", ":", ";", ","))
    )


@dataclass(frozen=True)
class Scrape:
    """What we recognised in a scrape."""

    site_name: str | None
    title: str
    caption: str | None
    credit: str | None
    paragraphs: list[str]
    dropped_chrome: list[str]
    dangling: list[str]
    authors: tuple[str, ...] = ()
    """From a byline after the title ("By Jane Doe and John Smith")."""
    date: date | None = None
    """From that byline, or a line of its own after the title, when it is a date."""
    tail: tuple[str, ...] = ()
    """The "Related:" line and what follows it (the page's list of other articles), and
    copyright lines."""
    navigation: tuple[str, ...] = ()
    """Short lines between the site name and the title: the site's menu, or the page's label
    for the kind of piece."""


def read_scrape_text(path: Path) -> str:
    """The scrape's text, or ImportFailed saying why it is not a usable text file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ImportFailed(f"{path}: is a folder, not a text file") from None
    if not raw.strip():
        raise ImportFailed(f"{path}: the file is empty")
    if b"\x00" in raw[:8192]:
        raise ImportFailed(f"{path}: looks binary (contains NUL bytes), not a text scrape")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            f"{path}: not UTF-8 text (invalid byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-save it as UTF-8"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def byline(line: str) -> tuple[tuple[str, ...], date | None] | None:
    """(authors, date) of a byline: "By" and names, maybe a date after "·", "|" or a comma
    (`parse_date`'s). None for a sentence that only starts like one ("By 2030, …", "By
    signing the treaty, states …")."""
    posted = POSTED.match(line)
    if posted is not None:
        when = parse_date(posted["date"] or posted["date2"])
        if when is None:
            return None
        names = re.split(r"\s+in\s+", (posted["names"] or posted["names2"]).rstrip(" ."))[0]
        named = byline(f"By {names}")  # "by admin" names nobody, but the date stands
        return (named[0] if named is not None else (), when)
    match = BYLINE.match(line)
    if match is None:
        return None
    names_part, *rest = _BYLINE_PARTS.split(match["rest"])
    when = parse_date(" ".join(rest)) if rest else None
    if not rest:  # "By Jane Doe, March 1, 2026", "作者：李明 发布时间：2026年3月12日": the date
        # after the first comma or space from which the rest reads as one
        for cut in (m.start() for m in re.finditer(r"[,\s]", names_part)):
            if (found := parse_date(names_part[cut + 1 :])) is not None:
                names_part, when = names_part[:cut], found
                break
    names = [n.strip() for n in _NAME_SEPARATORS.split(names_part) if n.strip()]
    if not names or re.search(r"[^A-Z][.!?;:]$", names_part.strip()):
        return None  # nobody, or a sentence
    people = [n for n in names if not _ROLE.search(n)]
    if not people and all(len(n.split()) <= 3 for n in names):
        return (), when  # "By Staff": a byline that names nobody
    names = people or names
    if not all(len(n.split()) <= 5 and name_initial(n[0]) and not re.search(r"\d", n)
               for n in names):  # fmt: skip
        return None
    return tuple(names), when


def name_initial(letter: str) -> bool:
    """A capital, or a letter of a script without capitals (李, أ)."""
    return letter.isupper() or (letter.isalpha() and not letter.islower())


def _words(text: str) -> set[str]:
    """The words of a line or a slug as an address writes them ("Japan's" -> "japans")."""
    text = text.replace("'", "").replace("\u2019", "")
    return {w for w in slugify(text).split("-") if len(w) > 1 and not w.isdigit()}


def _is_short(block: str) -> bool:
    """Three words or fewer: a menu item or a label, if anything comes before the title."""
    return len(block.split()) < 4


def _title_at(blocks: list[str], url: str | None) -> int:
    """Which of the leading blocks is the title; those before it are the site's menu or the
    page's label for the kind of piece.

    The leading run is the heading-like lines before the body, a byline, a date or a caption.
    The title is the line of it that the page address (its last path segment) names most of,
    the later on a tie. Else it is the line after a type label ("Commentary") that has only
    short lines before it. Else it is the first line of four or more words after a menu of
    short lines: three or more of them, or two of two words at most ("Home", "About"), or the
    last of such a menu when a byline follows it. Else it is the first line."""
    run = 0
    while (
        run < min(len(blocks), 40)
        and _is_heading_like(blocks[run])
        and byline(blocks[run]) is None
        and parse_date(blocks[run]) is None
        and not (CREDIT.match(blocks[run]) or TRAILING_CREDIT.match(blocks[run]))
    ):
        run += 1
    slug = slug_from_url(canonical_url(url)) if url else None
    named = _words(slug) if slug else set()
    if len(named) >= 2:
        scores = []
        for i in range(run):
            words = _words(blocks[i])
            shared = len(words & named)
            if words and shared / len(named) >= 0.6 and shared / len(words) >= 0.3:
                scores.append((shared / len(named), i))
        if scores:
            return max(scores)[1]
    leading = 0  # how many short lines the run starts with
    while leading < run and _is_short(blocks[leading]):
        leading += 1
    labels = [i for i in range(min(leading, run - 1)) if TYPE_LABEL.match(blocks[i])]
    if labels:
        return labels[-1] + 1
    menu = leading >= 3 or (leading == 2 and all(len(b.split()) <= 2 for b in blocks[:2]))
    if menu and leading == run and run < len(blocks) and byline(blocks[run]) is not None:
        return run - 1  # a menu of short lines, then a short title right above its byline
    return leading if menu and leading < run else 0


def kind_label(navigation: tuple[str, ...]) -> str | None:
    """The kind the page's label just above the title names, when it is the one type label
    among the lines before the title (several: the site's menu of kinds, which names none)."""
    if not navigation or sum(1 for line in navigation if TYPE_LABEL.match(line)) != 1:
        return None
    return kind_of_label(navigation[-1])


def parse_scrape(text: str, site_name: str, url: str | None = None) -> Scrape:
    """Recognise site name, title, photo caption and credit, body, chrome and dangling embeds
    (`url`, the page's address, helps tell the title from the site's menu)."""
    # A scrape puts each page block on its own line; blank lines carry no meaning.
    blocks = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    # A "Related:" list ends a page: in its second half, after a site name, title and text
    # (site navigation before the title is no text).
    text_before = 0
    tail = len(blocks)
    for i, block in enumerate(blocks):
        ends = TAIL.match(block) and (i > len(blocks) / 2 or ABOUT_AUTHORS.match(block))
        if ends and text_before >= 3:
            tail = i
            break
        text_before += not CHROME.match(block)
    listed = blocks[tail:]
    blocks = blocks[:tail]
    dropped = [b for b in blocks if CHROME.match(b)]
    blocks = [b for b in blocks if not CHROME.match(b)]
    listed += [b for b in blocks if COPYRIGHT.match(b)]
    blocks = [b for b in blocks if not COPYRIGHT.match(b)]
    if not blocks:
        raise ImportFailed("no text left once site navigation is removed")
    found_site = None
    if normal_words(blocks[0]) == normal_words(site_name) or (
        len(blocks) > 2 and _is_heading_like(blocks[0]) and _is_heading_like(blocks[1])
    ):
        found_site = blocks.pop(0)
    if not blocks:
        raise ImportFailed("no title: the scrape holds only the site name")
    at = _title_at(blocks, url)
    navigation = tuple(blocks[:at])
    del blocks[:at]
    title = TITLE_SUFFIX.sub("", blocks.pop(0)) if _is_heading_like(blocks[0]) else None
    if title is None:
        raise ImportFailed("no title: expected a short line before the body")
    authors: tuple[str, ...] = ()
    published: date | None = None
    caption = credit = None
    for _ in range(3):  # byline, date and caption follow the title, in any order
        if not blocks:
            break
        if not authors and (found := byline(blocks[0])):
            authors, published = found[0], published or found[1]
            blocks.pop(0)
            continue
        if published is None and (on_its_own := parse_date(blocks[0])):
            published = on_its_own
            blocks.pop(0)
            continue
        if caption is None and credit is None:
            match = CREDIT.match(blocks[0]) or TRAILING_CREDIT.match(blocks[0])
            if match:
                blocks.pop(0)
                caption = match.group("caption").strip() or None
                credit = match.group("credit").strip()
                continue
        break
    dangling = [b for b in blocks if DANGLING_EMBED.search(b) and len(b) < 200]
    body = [b for b in blocks if b not in dangling]
    if not body:
        raise ImportFailed("no body paragraphs after the title")
    return Scrape(
        found_site, title, caption, credit, body, dropped, dangling, authors, published,
        tuple(listed), navigation,
    )  # fmt: skip


def import_scrape(
    path: Path, site_name: str, url: str | None, on: date | None, today: date
) -> tuple[ContentDraft, list[str]]:
    """A content draft from a scrape file, and the warnings an editor must see."""
    return import_scrape_text(read_scrape_text(path), str(path), site_name, url, on, today)


def import_scrape_text(
    text: str, source: str, site_name: str, url: str | None, on: date | None, today: date
) -> tuple[ContentDraft, list[str]]:
    """A content draft from a scrape's text (`source` names it in messages), and warnings."""
    try:
        scrape = parse_scrape(text, site_name, url)
    except ImportFailed as exc:
        raise ImportFailed(f"{source}: {exc}") from None
    review: list[str] = []
    warnings: list[str] = []
    comments: dict[str, str] = {}
    canonical = canonical_url(url) if url else None
    if canonical is None:
        note = (
            "url: the scrape carries no address; the build links to the site's base_url + slug. "
            "Set `url` to the commentary's page (--url) if that page does not exist."
        )
        review.append(note)
        warnings.append(note)
    if on is not None:
        comments["date"] = "the editor's choice (--date); the source carries no date"
    elif scrape.date is not None:
        on = scrape.date
        comments["date"] = "as the scrape's byline gives it"
    else:
        on = today
        note = no_date_note(on)
        review.append(note)
        warnings.append(note)
    image: dict[str, str] = {}
    if scrape.caption or scrape.credit:
        image = {k: v for k, v in (("caption", scrape.caption), ("credit", scrape.credit)) if v}
        review.append(
            "image: the page shows a photo (see caption and credit) but the scrape has no image "
            "file; add image.src and image.alt, or remove the image."
        )
    for sentence in scrape.dangling:
        review.append(
            f'video/embed: removed "{sentence}": the page embeds something the scrape does not '
            "carry. Add `video: {url, title}` if it is a video, or leave it out."
        )
    if scrape.navigation:
        shown = "; ".join(f'"{line}"' for line in scrape.navigation)
        review.append(
            f"title: removed {len(scrape.navigation)} line(s) before the title as the site's "
            f"menu or the page's label: {shown}. If one of them is the title, fix `title`."
        )
    if scrape.tail:
        shown = "; ".join(f'"{line}"' for line in scrape.tail)
        review.append(
            f"body: removed {len(scrape.tail)} line(s) of site furniture (a list of other "
            f"articles, a note about the authors, a copyright line): {shown}. Restore any that "
            "belong to the text."
        )
    kind = kind_label(scrape.navigation)
    if kind is not None:
        comments["kind"] = f'the page\'s label "{scrape.navigation[-1]}" above the title'
    slug = (slug_from_url(canonical) if canonical else None) or slugify(scrape.title)
    body = "\n\n".join(escape_markdown(p) for p in scrape.paragraphs)
    draft = ContentDraft(
        slug=slug,
        title=scrape.title,
        date=on,
        body=body,
        url=canonical,
        authors=list(scrape.authors),
        image=image,
        review=review,
        comments=comments,
        kind=kind,
    )
    return draft, warnings
