"""Import a raw text scrape of a commentary page (site name, title, caption, body, chrome)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
from pipeline.importers.language_guess import guess_language

# Lines that are site furniture, never commentary (WordPress, AMP, Substack and share widgets,
# newsletter boxes, reading times, counters), in the languages a centre publishes in.
CHROME = re.compile(
    r"^(exit mobile version|skip to (main )?content|share this:?|share this (article|page|event|post):?|"
    r"like this:?|loading\.\.\.|print|email|e-mail|facebook|twitter|x|linkedin|whatsapp|telegram|"
    r"bluesky|tweet|share|share on \w+|copy link|link copied|related( posts)?:?|tags?:.*|"
    r"(topics?|themen|th[èe]mes|temas|schlagw[öo]rter|mots-cl[ée]s|keywords)\s?:.*|"
    r"type your e-?mail.*|"
    r"posted in .*|filed under .*|back to top|menu|search|cookie settings|accept( all)?( cookies)?|"
    r"(manage|customi[sz]e) (cookie )?(preferences|settings)|reject( all)?( cookies)?|"
    r"download( the)?( full)? (pdf|report|paper|brief)( \(pdf[^)]*\))?|print( this)?( page| article)?|"
    r"listen to (this|the) article|listen|follow|\d+ min(ute)?s? read|"
    r"reading time:? \d+ min(ute)?s?|\d+ min(utes)? de lecture|lesezeit:? \d+ min(uten)?\.?|"
    r"lectura de \d+ min(utos)?|\d+( (likes?|restacks?|comments?|shares?|views?))?|"
    r"discussion about this post|comments?|leave a (comment|reply)|subscribe|join( now)?|sign up|"
    r"log ?in|sign in|enter your e-?mail( address)?|your e-?mail( address)?|newsletter|"
    r"(sign up|subscribe)( now)?( to| for)? (our |the )?[\w' ]{0,40}newsletters?\b.{0,120}|"
    r"subscribe to [\w' ]{1,60}|get (more|the latest) .{0,120} (delivered to|in) your inbox\.?|"
    r"partager|imprimer|t[ée]l[ée]charger( le)? pdf|compartir|imprimir|descargar( el)? pdf|"
    r"teilen|drucken|pdf herunterladen|als pdf herunterladen|[·•|–—-]+|likes?|restacks?|"
    r"add to (my )?calendar|updated \d+ (minutes?|hours?|days?) ago|"
    r"(listen|subscribe|follow) on [\w ]{2,30}|rss|download|\d{1,2}:\d{2}(:\d{2})?|notify of|"
    r"oldest|newest( most voted)?|inline feedbacks|view all comments|get alerts about this thread|"
    r"advertisement|anzeige|publicit[ée]|members only|stay in touch|follow us( on .{1,40})?|share:|"
    r"pdf|print( version)?|(author )?(photo|picture|portrait|headshot) of [\w .'’-]{2,40}|"
    r"enjoying this (article|piece|story)\?.{0,160})$",
    re.I,
)
COOKIES = re.compile(r"\bcookies?\b.*\b(use|accept|settings|policy|preferences|consent)\b|"
                     r"\b(use|accept|settings|policy|preferences|consent)\b.*\bcookies?\b", re.I)  # fmt: skip
"""A cookie banner's text (in a block of at most `_BANNER_WORDS`), wherever the scrape has it."""
_BANNER_WORDS = 60
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
    r"^(related( (posts|articles|content|reading|work|analysis|research|resources|stories|"
    r"publications|news|topics|events))?|read (more|next|also)|"
    r"more (work )?from .{0,40}|more on (this|these) topics?|"
    r"you (may|might) also (like|be interested in)|recommended( for you)?|latest( news)?|"
    r"popular( posts)?|about the authors?|the authors?|"
    r"(ces contenus pourraient vous int[ée]resser|[àa] lire aussi|sur le m[êe]me sujet|"
    r"das k[öo]nnte sie auch interessieren|mehr zum thema|weitere artikel|"
    r"tambi[ée]n te puede interesar|contenido relacionado|art[íi]culos relacionados))\s*:?$",
    re.I,
)
ABOUT_AUTHORS = re.compile(r"^(about )?the authors?\s*:?$", re.I)
"""Ends the text wherever it comes (after the title and some text): the authors' notes."""
# "© 2026 Stimson Center", "Copyright (c) 2026 …", "… All rights reserved."
COPYRIGHT = re.compile(
    r"^(?:©|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,200}$|^.{0,160}\ball rights reserved\.?$",
    re.I,
)
# "By Jane Doe · March 1, 2026", "By Jane Doe, John Smith and Ann Lee", "Par Marie Dupont | 1 mars"
BYLINE = re.compile(
    r"^(?:(?:(?:written |interviewed |words )?by|authors?:|autor(?:in|en|es|a|as)?:|auteur(?:e|s|es)?\s?:|"
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
    rf"^(?:(?:{_POSTED_WORD})|date|datum|stand|fecha|data|дата|发布日期|发布时间|日期)\s*[:：]?\s*",
    re.I,
)
_BYLINE_PARTS = re.compile(r"\s*[|·•–—]\s*")
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|&|、|，)\s*(?:(?:and|und|et|y|e|и)\s+)?|\s+(?:and|And|AND|und|et|y|e|и)\s+"
)  # (case kept: "Michael E. O'Hanlon" is one name)
_ROLE = re.compile(
    r"\b(?:(?:senior |junior |non-?resident |visiting )?(?:fellow|researcher|analyst|associate)|"
    r"director|professor|editor|correspondent|contributor|staff|intern|chair|president|"
    r"head of .*|programme|program|manager|coordinator|expert|guest author|officer|lecturer|"
    r"scientist|advis[eo]r|specialist|consultant|founder|spokes(person|man|woman)|dean|"
    r"chercheur|chercheuse|wissenschaftler(in)?|investigador(a)?|ricercat(ore|rice))s?\b",
    re.I,
)
"""What follows a name in a byline ("By Jane Doe, Senior Fellow") is the person's role."""
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")


_TIME_AFTER = re.compile(
    r"[\s,|·–-]+(?:at\s+|um\s+|à\s+|a las\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*uhr)?"
    r"(?:\s*(?:[A-Z]{2,5}|(?:GMT|UTC)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?))?$",
    re.I,
)
"""A time after the date ("March 5, 2026 10:42 AM GMT+1", "27.02.2026 15:40 Uhr")."""


def parse_date(text: str) -> date | None:
    """A date as pages write them ("March 1, 2026", "1 Mar 2026", "2026-03-01", "1er mars
    2026", "12. November 2026", "12 ноября 2026 г.", "2026年3月1日"), maybe with a time after
    it; None for anything else (no guessing: 03/01/2026 is no date)."""
    text = DATE_LABEL.sub("", text.strip())
    found = _date_of(text)
    if found is None and (time := _TIME_AFTER.search(text)) and time.start() > 0:
        found = _date_of(text[: time.start()])
    return found


def _date_of(text: str) -> date | None:
    english = WEEKDAY.sub("", text)
    english = " ".join(english.replace(".", " ").split()).strip(" ,")
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(english, pattern).date()
        except ValueError:
            continue
    return parse_date_words(text)


# A sentence pointing at an embed that a text scrape cannot carry: "The full video is
# available below.", "Watch the recording above.", "Listen to the podcast below:". Not a
# sentence that only says "below" ("set out below", "in our view, above 60 percent").
_EMBED = (
    r"(video|recording|webinar|podcast|episode|audio|infographic|chart|map|slides?|"
    r"photo gallery|gallery|livestream|stream|player|embed|tweet)"
)
DANGLING_EMBED = re.compile(
    rf"^(?:[^.!?]*\b{_EMBED}\b[^.!?]*\b(?:below|above)\b|"
    rf"(?:watch|listen|view|see)\b[^.!?]{{0,60}}\b(?:below|above)(?=[.!?:]?$))"
    r"[^.!?]{0,40}[.!?:]?$",
    re.I,
)
_DANGLING_WORDS = 25
"""Longer than this, a sentence says more than where an embed was: it stays."""


TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")
# A page's label for its kind of piece, shown above the title ("Commentary", "Op-Ed").
TYPE_LABEL = re.compile(
    r"^(commentary|(expert )?comment|insights?|analysis|op-?ed|opinion|interview|events?|news|"
    r"reports?|blog( post)?|article|press releases?|statements?|interviews?|analyses|"
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
    (re.compile(r"^(interviews?|entrevista|q ?& ?a|интервью|访谈|مقابلة)$", re.I), "interview"),
    (re.compile(r"^(statements?|press releases?)$", re.I), "statement"),
    (re.compile(r"^reports?$", re.I), "report"),
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


Day = date
"""(`Scrape` has a field named `date`.)"""


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
    updated: Day | None = None
    """From an "Updated 5 March 2026" line after the title."""
    when_label: bool = False
    """`date` is from a "Date:" or "When:" line (an event's date, on an event's page)."""
    notes: tuple[str, ...] = ()
    """The footnotes, in the order the text first cites them; the paragraphs cite them as
    `NOTE_MARK` with its number (1 for the first)."""


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
    when, more = None, []  # after "|" or "·": the date, or more names ("A, Fellow | B, Fellow")
    for part in rest:
        if when is None and (found := parse_date(part)) is not None:
            when = found
        elif _names_in(part):
            more.append(part)
    if not rest:  # "By Jane Doe, March 1, 2026", "作者：李明 发布时间：2026年3月12日": the date
        # after the first comma or space from which the rest reads as one
        for cut in (m.start() for m in re.finditer(r"[,\s]", names_part)):
            if (found := parse_date(names_part[cut + 1 :])) is not None:
                names_part, when = names_part[:cut], found
                break
    # "By Jane Doe, a senior fellow at the Center for Global Security Studies.": who she is
    names_part = re.split(r",\s+(?:a|an|the|who|is)\s+", names_part, maxsplit=1)[0]
    if re.search(r"[^A-Z][.!?;:]$", names_part.strip()):
        return None  # a sentence
    names = [n for part in (names_part, *more) for n in _split_names(part)]
    if not names:
        return None  # nobody
    people = [n for n in names if not _ROLE.search(n)]
    if not people and all(len(n.split()) <= 3 for n in names):
        return (), when  # "By Staff": a byline that names nobody
    if len(people) > 1:  # "By Jane Doe, Senior Fellow, VCDNP": the acronym is her employer's
        people = [n for n in people if not _ACRONYM.fullmatch(n)] or people
    names = people or names
    if not all(_is_name(n) for n in names):
        return None
    return tuple(names), when


_HONORIFIC = re.compile(r"^(?:dr|prof|professor|ambassador|amb|mr|mrs|ms|mx)\.?\s+(?=\S)", re.I)
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.-]+")


def _split_names(part: str) -> list[str]:
    """The names of a byline's part, honorifics dropped ("Dr Helena Marsh": Helena Marsh)."""
    names = [n.strip() for n in _NAME_SEPARATORS.split(part) if n.strip()]
    return [_HONORIFIC.sub("", n) for n in names]


def _is_name(name: str) -> bool:
    return len(name.split()) <= 5 and name_initial(name[0]) and not re.search(r"\d", name)


def _names_in(part: str) -> bool:
    """A byline's part after "|" names people ("Oliver Grant, Senior Policy Fellow"), not a
    reading time or a section ("7 min read", "sometime next spring")."""
    names = _split_names(part)
    people = [n for n in names if not _ROLE.search(n)]
    return bool(people) and all(_is_name(n) and len(n.split()) >= 2 for n in people)


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
    run, dated = 0, None
    while run < min(len(blocks), 40):
        block, after = blocks[run], blocks[run + 1] if run + 1 < len(blocks) else ""
        above = bool(  # "3 Dec 2026 | 06:00 AEDT" over the title (not "Date:" over "Time: …")
            parse_date(block)
            and not WHEN_LABEL.match(block)
            and _is_heading_like(after)
            and len(after.split()) >= 4
            and not re.match(r"^[\w ]{2,20}:", after)
            and byline(after) is None
            and parse_date(after) is None
        )
        if EDITORS_NOTE.match(block) or above:
            dated = run + 1 if parse_date(block) else dated
            run += 1  # an editor's note, or the date, above the title: the title is further on
            continue
        if not (
            _is_heading_like(block)
            and byline(block) is None
            and _bare_byline(block, after) is None
            and parse_date(block) is None
            and not (CREDIT.match(block) or TRAILING_CREDIT.match(block))
        ):
            break
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
    if dated is not None and dated < run:
        return dated  # "3 Dec 2026", then the title
    leading = 0  # how many short lines the run starts with
    while leading < run and _is_short(blocks[leading]):
        leading += 1
    labels = [
        i
        for i in range(min(leading, run - 1))
        if TYPE_LABEL.match(blocks[i]) and (i + 1 >= leading - 1 or not _is_short(blocks[i + 1]))
    ]  # a label right above the title, not one item of a menu ("News", "Analysis", "About us")
    if labels:
        return labels[-1] + 1
    menu = leading >= 3 or (leading == 2 and all(len(b.split()) <= 2 for b in blocks[:2]))
    if menu and leading == run and run < len(blocks) and byline(blocks[run]) is not None:
        return run - 1  # a menu of short lines, then a short title right above its byline
    if menu and leading < run:
        return leading
    after_menu = _after_menu(blocks[:run])
    return after_menu if after_menu is not None else 0


def _after_menu(run: list[str]) -> int | None:
    """The first line of four or more words after a menu of three short lines or more that
    comes after the site's tagline ("Informed Analysis of North Korea", then "Home", "Analysis",
    "Podcast"…): the title. None where the run holds no such menu."""
    found, stretch = None, 0
    for i, block in enumerate(run):
        if _is_short(block) or EDITORS_NOTE.match(block) or parse_date(block):
            stretch += 1
        elif stretch >= 3:
            found, stretch = i, 0
        else:
            stretch = 0
    return found


def kind_label(navigation: tuple[str, ...]) -> str | None:
    """The kind the page's label just above the title names, when it is the one type label
    among the lines before the title (several: the site's menu of kinds, which names none)."""
    if not navigation:
        return None
    last = navigation[-1]
    # right above the title and set apart from the menu that names it too ("ANALYSIS" under
    # "Home", "Analysis", "Podcast"): the label, whatever the menu holds
    apart = (last.isupper() and len(last) > 3) or any(
        normal_words(line) == normal_words(last) for line in navigation[:-1]
    )
    if TYPE_LABEL.match(last) and apart:
        return kind_of_label(last)
    if sum(1 for line in navigation if TYPE_LABEL.match(line)) != 1:
        return None
    return kind_of_label(last)


EDITORS_NOTE = re.compile(
    r"^(?:editor'?s'? note|note from the editors?|a note from the editor|note de la r[ée]daction|"
    r"anmerkung der redaktion|nota (del|della) (editor|redazione))\s*[:：]",
    re.I,
)
"""An editor's note above the title ("Editor's note: This post is part of our series…")."""
DATELINE = re.compile(r"(?:[A-Z][\w'’.-]+ ?){1,2}, (?:[A-Z][\w'’.-]+ ?){1,2}")
WHEN_LABEL = re.compile(r"^(?:date|when|datum|wann|fecha|cu[áa]ndo|quand|дата|时间)\s*[:：]", re.I)
UPDATED = re.compile(
    r"^(?:(?:last )?updated|aktualisiert|mis à jour|actualizado|aggiornato|обновлено)"
    r"(?: on| am| le| el| il)?\s*[:：]?\s*(?P<date>.{6,60})$",
    re.I,
)
STANDALONE_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|photograph|credit|foto|bild|imagen)s?\s*(?::|by\b)|©)\s*"
    r"\S.{0,100}$",
    re.I,
)
"""A credit on a line of its own ("Photo: Dean Calma / IAEA"): the line before it, a
sentence, is the caption."""
_HEADER_BLOCKS = 8
_HEADER_TEXT = 2
"""After the title, the byline, date, photo credit and reading time come within this many
blocks, among at most this many others (a standfirst, a caption) that stay in the body."""
_PARAGRAPH_WORDS = 60
"""A block this long is the text itself: the header is over."""


@dataclass
class _Header:
    authors: tuple[str, ...] = ()
    published: date | None = None
    updated: date | None = None
    when_label: bool = False
    """The date came from a line that says "Date:" or "When:", as an event's page gives it."""
    caption: str | None = None
    credit: str | None = None
    read: int = 0
    """How many blocks after the title the header took up."""
    kept: list[str] = field(default_factory=list)
    """The blocks among them that belong to the text (a standfirst, a caption without credit)."""
    dropped: list[str] = field(default_factory=list)
    """Roles under a name ("Director, International Security Programme")."""


def _header(blocks: list[str]) -> _Header:
    """What the lines after the title say, in any order: byline (or names alone, as many
    pages show them), date, last update, photo caption and credit."""
    found = _Header()
    for i, block in enumerate(blocks[:_HEADER_BLOCKS]):
        after = blocks[i + 1] if i + 1 < len(blocks) else ""
        if not found.authors and (named := byline(block) or _bare_byline(block, after)):
            found.authors, found.published = named[0], found.published or named[1]
        elif found.published is None and (on_its_own := parse_date(block)):
            found.published = on_its_own
            found.when_label = WHEN_LABEL.match(block) is not None
        elif (
            found.updated is None
            and (update := UPDATED.match(block))
            and (changed := parse_date(update["date"]))
        ):
            found.updated = changed
        elif found.authors and _is_role(block) and i > 0 and _names_line(blocks[i - 1], block):
            found.dropped.append(block)
        elif (
            found.caption is None
            and found.credit is None
            and (match := CREDIT.match(block) or TRAILING_CREDIT.match(block))
        ):
            found.caption = match.group("caption").strip() or None
            found.credit = match.group("credit").strip()
        elif DATELINE.fullmatch(block) and not found.kept:
            found.dropped.append(block)  # "Vienna, Austria": where a press release is issued
        elif found.credit is None and STANDALONE_CREDIT.match(block) and len(block) <= 120:
            found.credit = block
            if found.kept and found.kept[-1] == blocks[i - 1] and _is_caption(blocks[i - 1]):
                found.caption = found.kept.pop()
        elif len(found.kept) < _HEADER_TEXT and len(block.split()) < _PARAGRAPH_WORDS:
            found.kept.append(block)
            found.read = i + 1
            continue
        else:
            break
        found.read = i + 1
    # what follows the last header line is the text: a block kept after it goes back
    while found.kept and found.read and found.kept[-1] == blocks[found.read - 1]:
        found.read -= 1
        found.kept.pop()
    return found


def _is_caption(block: str) -> bool:
    return len(block.split()) <= 40 and block.rstrip().endswith((".", "!", "?", ")"))


def _names_line(block: str, after: str = "") -> bool:
    return byline(block) is not None or _bare_byline(block, after) is not None


def is_role(text: str) -> bool:
    """A person's role, not a name ("Diplomatic Correspondent", "Senior Fellow")."""
    return len(text.split()) <= 6 and _ROLE.search(text) is not None


def _is_role(block: str) -> bool:
    """A person's role on a line of its own, under the name ("Senior Fellow, Nuclear Policy")."""
    return len(block.split()) <= 10 and bool(_ROLE.search(block)) and not block.endswith(".")


def _bare_byline(block: str, after: str) -> tuple[tuple[str, ...], date | None] | None:
    """Names on a line of their own, as many pages show the authors ("Michael O'Hanlon and
    Priya Raman", "Dr Helena Marsh" over her role): read as a byline when it names two people
    or more, or one with an honorific, or one whose role or a date follows."""
    if len(block) > 160 or block.endswith((".", "!", "?", ":", ";")) or BYLINE.match(block):
        return None
    # "SATO Kenichi (Senior Research Fellow, The Japan Institute of International Affairs)"
    roles = re.findall(r"\s*\(([^()]*)\)", block)
    if roles and all(_ROLE.search(r) for r in roles):
        block, after = re.sub(r"\s*\([^()]*\)", "", block), "Fellow"  # (the role says who)
    found = byline(f"By {block}")
    if found is None or not found[0]:
        return None
    names = found[0]
    if not all(2 <= len(n.split()) <= 4 and _capitalised(n) for n in names):
        return None
    evidence = (
        len(names) >= 2
        or _HONORIFIC.match(block) is not None
        or _is_role(after)
        or parse_date(after) is not None
        or found[1] is not None
    )
    return found if evidence else None


_PARTICLES = frozenset(
    [
        "de",
        "da",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "bin",
        "al",
        "el",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "y",
        "e",
    ]
)


def _capitalised(name: str) -> bool:
    """Every word of a person's name starts with a capital (bar "van", "de", "bin"…)."""
    return all(name_initial(w[0]) or w.lower() in _PARTICLES for w in name.split())


DISCLAIMER = re.compile(
    r"\b(does not take (institutional )?positions|(views|opinions) (expressed|represented) "
    r"(here(in)?|in this)|(views|opinions) (are|is) (those of the|the author|my own)|"
    r"is committed to quality,? independence|is produced by|our standards:|trust principles|"
    r"(private|non-?profit|nonpartisan),? (tax-exempt )?(institution|organi[sz]ation)|"
    r"n'engagent que (leur|son) auteur|geben die (pers[öo]nliche )?meinung|"
    r"^thanks for reading\b.{0,80}\b(subscribe|newsletter)|subscribe for free|"
    r"^(media|press) (contact|inquiries|enquiries)\b|^for (media|press) (inquiries|enquiries)\b|"
    r"\boriginally (published|appeared) (on|in|by)\b|^(for academic )?citation:|^cite as:|"
    r"^how to cite\b|^become a member\b|^support our work\b|^donate\b|"
    r"do(es)? not necessarily (reflect|represent)|^the authors? (are|is)\b|"
    r"(does not|do not|doesn't) (have|hold|take) an? institutional (position|view)|"
    r"(views|opinions) expressed by (the )?authors?|are (their|his|her) own\b|"
    r"^read the full (article|piece|text|op-?ed|interview) (at|on|in)\b|"
    r"^for more information on this (publication|article)|"
    r"made possible by (the )?(generous )?support|^have an idea for\b|"
    r"^(want|interested) (to write|in writing|to contribute)\b|"
    r"\bis an? (program|programme|project|publication|initiative) of\b|"
    r"registered (charity|company)( number| no\.?)?\b)",
    re.I,
)
"""The site's note under every article: its views are the authors', it takes no positions."""
_BIO_VERBS = r"(is|was|are|serves|est|était|ist|war|es|fue|è|является|是|هو|هي)"


ADDRESS = re.compile(
    r"^[^.!?]{0,160}(?:\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b\d{3}-\d{4}\b|\b(?!(?:19|20)\d\d\b)\d{4,5}\b)"
    r"[^.!?]{0,80}$"
)
"""A postal address under the text ("Strand, London WC2R 2LS", "… Tokyo 100-0013, Japan")."""
CONTACT = re.compile(
    r"^(?:(?:tel|phone|telephone|fax|e-?mail|mail|t|f|m)\.?\s*[:：]|(?:press|media) office\b|"
    r"(?:press|media) (?:contact|inquiries|enquiries)\b|\S+@\S+\.\w+$|\[email protected\])",
    re.I,
)
_FOOTER_SCAN = 16
_FOOTER_LINE = 8
"""Under the text, the footer's short lines (a site's name, "Back to the list", "Podcast")."""


def _closing_notes(body: list[str], authors: tuple[str, ...]) -> int:
    """Where the notes under the text begin (len(body) if there are none): the last blocks
    that are all footer, from the first that surely is (an author's biography, "Jane Doe is
    a Senior Fellow…", "Андрей Соколов – директор…"; the site's disclaimer; a contact; a
    copyright line; a list of related pieces), with the short lines among and after them
    (the site's name and address, "Back to the list", comment widgets)."""
    names = [re.escape(a) for a in authors]
    bio = re.compile(
        rf"^(?:(?:dr|prof)\.?\s+)?(?:{'|'.join(names)})\b,?\s+(?:{_BIO_VERBS}\b|[–—-]\s)", re.I
    )
    start = len(body)
    i = len(body)
    while i > 1 and len(body) - i < _FOOTER_SCAN:
        block = body[i - 1]
        sure = bool(
            DISCLAIMER.search(block)
            or (names and bio.match(block))
            or CONTACT.match(block)
            or ("," in block and len(block.split()) <= 20 and ADDRESS.match(block) is not None)
            or COPYRIGHT.match(block)
            or TAIL.match(block)
            or _is_chrome(block)
            or is_role(block)
            or (
                names and re.fullmatch(rf"(?:(?:dr|prof)\.?\s+)?(?:{'|'.join(names)})", block, re.I)
            )
        )
        short = len(block.split()) <= _FOOTER_LINE and not block.endswith((".", "!", "?"))
        if not (sure or short):
            break
        i -= 1
        if sure:
            start = i
    return start


def _is_loose_end(block: str) -> bool:
    """A last line that ends no text: a few words, no sentence (the site's name, a tag)."""
    return len(block.split()) <= 6 and not block.endswith((".", "!", "?", "…", '"', "”", ")"))


def _is_chrome(block: str) -> bool:
    return bool(CHROME.match(block)) or (
        len(block.split()) <= _BANNER_WORDS and COOKIES.search(block) is not None
    )


def _without_site(title: str, names: tuple[str | None, ...]) -> str:
    """`title` without a " | Site", or a " – Site" that names the site (a subtitle after a
    dash stays: "The NPT at 55 – Still Fit for Purpose?")."""
    suffix = TITLE_SUFFIX.search(title)
    if suffix is None:
        return title
    if suffix.group(0).lstrip().startswith("|"):  # "Title | VCDNP": a pipe sets the site off
        return title[: suffix.start()]
    said = normal_words(suffix.group(0).lstrip(" –—-"))
    known = {normal_words(n) for n in names if n}
    if any(said and (said in k or k in said) for k in known if k):
        return title[: suffix.start()]
    return title


NOTES_HEADING = re.compile(
    r"^(?:(?:end|foot)?notes?|references|sources|anmerkungen|fu(?:ß|ss)noten|notas|"
    r"r[ée]f[ée]rences|примечания|注释|الهوامش)\s*:?$",
    re.I,
)
_NOTE = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s+(\S.*)$")
_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_CITED = re.compile(r"\[(\d{1,3})\]|(?<=[^\W\d]|[.,;:!?”\"')])([¹²³⁴⁵⁶⁷⁸⁹⁰]+)")
NOTE_MARK = "⟦fn:{}⟧"
_NOTE_MARK = re.compile(r"⟦fn:(\d+)⟧")


def _footnotes(body: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """`body` without its notes at the end, its citations ("…2025.[1]", "…said.²") marked
    `NOTE_MARK` and numbered in the order the text cites them, and the notes in that order.
    Only notes the text cites, each of them, numbered 1 to n, under a heading ("Notes") or
    cited in brackets: else `body` as it is (a numbered list at the end stays a list)."""
    start = len(body)
    while start > 0 and _NOTE.match(body[start - 1]):
        start -= 1
    if start == len(body):
        return body, ()
    found = [_NOTE.match(block) for block in body[start:]]
    numbers = [int(m[1] or m[2]) for m in found if m]
    if numbers != list(range(1, len(numbers) + 1)):
        return body, ()
    heading = start > 0 and NOTES_HEADING.match(body[start - 1]) is not None
    bracketed = all(m[1] for m in found if m)
    text = body[: start - 1] if heading else body[:start]
    cited = [int((c[1] or c[2]).translate(_SUPERSCRIPT)) for b in text for c in _CITED.finditer(b)]
    if not text or set(cited) != set(numbers) or not (heading or bracketed):
        return body, ()
    order = {n: i + 1 for i, n in enumerate(dict.fromkeys(cited))}

    def mark(match: re.Match[str]) -> str:
        return NOTE_MARK.format(order[int((match[1] or match[2]).translate(_SUPERSCRIPT))])

    marked = [_CITED.sub(mark, block) for block in text]
    by_number = {int(m[1] or m[2]): m[3] for m in found if m}
    return marked, tuple(by_number[n] for n in order)


_WRAP_WIDTH = 100
"""A text whose lines are never longer than this, and often nearly that long, is wrapped."""


def _tables(raw: list[str]) -> list[str]:
    """The lines, spaces normalised; rows of cells that tabs separate (a table copied from a
    page), two or more in a run with as many cells each, one Markdown table."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        cells = [c.strip() for c in raw[i].strip().split("\t")]
        j = i + 1
        if len(cells) >= 2 and all(cells):
            while (
                j < len(raw)
                and len([c for c in raw[j].strip().split("\t") if c.strip()]) == len(cells)
                and "\t" in raw[j]
            ):
                j += 1
        if j - i >= 2 and len(cells) >= 2 and all(cells):
            rows = [[" ".join(c.split()).replace("|", "\\|") for c in r.strip().split("\t")]
                    for r in raw[i:j]]  # fmt: skip
            table = [f"| {' | '.join(rows[0])} |", "|" + " --- |" * len(cells)]
            table += [f"| {' | '.join(row)} |" for row in rows[1:]]
            out.append("\n".join(table))
            i = j
            continue
        out.append(" ".join(raw[i].split()))
        i += 1
    return out


def _blocks(text: str) -> list[str]:
    """The page's blocks. A scrape puts each on its own line, and blank lines carry no
    meaning; a text dump wrapped at a width (`lynx -dump`, `w3m`: no line longer than about
    80 characters, many about that long, blank lines between paragraphs) has its wrapped
    lines joined again: a line that fills most of the width goes on in the next."""
    lines = _tables(text.splitlines())
    filled = [line for line in lines if line]
    width = max((len(line) for line in filled), default=0)
    full = sum(1 for line in filled if len(line) >= 0.8 * width)
    if not (width <= _WRAP_WIDTH and "" in lines and full >= 3 and full * 5 >= len(filled)):
        return filled
    blocks: list[str] = []
    goes_on = False
    for line in lines:
        if not line:
            goes_on = False
            continue
        if goes_on:
            blocks[-1] += " " + line
        else:
            blocks.append(line)
        goes_on = len(line) >= 0.6 * width
    return blocks


def parse_scrape(text: str, site_name: str, url: str | None = None) -> Scrape:
    """Recognise site name, title, photo caption and credit, body, chrome and dangling embeds
    (`url`, the page's address, helps tell the title from the site's menu)."""
    blocks = _blocks(text)
    # A "Related:" list ends a page: in its second half, after a site name, title and text
    # (site navigation before the title is no text).
    text_before = 0
    tail = len(blocks)
    for i, block in enumerate(blocks):
        ends = TAIL.match(block) and (i > len(blocks) / 2 or ABOUT_AUTHORS.match(block))
        if ends and text_before >= 3:
            tail = i
            break
        text_before += not _is_chrome(block)
    listed = blocks[tail:]
    blocks = blocks[:tail]
    dropped = [b for b in blocks if _is_chrome(b)]
    blocks = [b for b in blocks if not _is_chrome(b)]
    listed += [b for b in blocks if COPYRIGHT.match(b)]
    blocks = [b for b in blocks if not COPYRIGHT.match(b)]
    if not blocks:
        raise ImportFailed("no text left once site navigation is removed")
    found_site = None
    if normal_words(blocks[0]) == normal_words(site_name) or (
        len(blocks) > 2
        and _is_heading_like(blocks[0])
        and _is_heading_like(blocks[1])
        and not _names_line(blocks[1], blocks[2])  # a title, then its author: no site name
    ):
        found_site = blocks.pop(0)
    if not blocks:
        raise ImportFailed("no title: the scrape holds only the site name")
    at = _title_at(blocks, url)
    navigation = tuple(blocks[:at])
    del blocks[:at]
    title = (
        _without_site(blocks.pop(0), (site_name, found_site))
        if _is_heading_like(blocks[0])
        else None
    )
    if title is None:
        raise ImportFailed("no title: expected a short line before the body")
    header = _header(blocks)
    if header.published is None:  # a date above the title ("3 Dec 2026", then the title)
        header.published = next((d for line in navigation if (d := parse_date(line))), None)
    blocks = header.kept + blocks[header.read :]
    dangling = [b for b in blocks if DANGLING_EMBED.match(b) and len(b.split()) <= _DANGLING_WORDS]
    body = [b for b in blocks if b not in dangling]
    credit = header.credit
    if (
        credit is None
        and len(body) > 1
        and STANDALONE_CREDIT.match(body[-1])
        and len(body[-1]) <= 120
    ):
        credit = body.pop()  # "Image: Wikimedia Commons, Kremlin.ru" under the text
    closing = _closing_notes(body, header.authors)
    if closing and closing < len(body):  # the authors' notes and the site's disclaimer
        listed = [*body[closing:], *listed]
        body = body[:closing]
    while len(body) > 1 and _is_loose_end(body[-1]):  # "King's College London": no text ends so
        listed.insert(0, body.pop())
    body, notes = _footnotes(body)
    if not body:
        raise ImportFailed("no body paragraphs after the title")
    return Scrape(
        found_site, title, header.caption, credit, body, dropped + header.dropped,
        dangling, header.authors, header.published, tuple(listed), navigation, header.updated,
        header.when_label, notes,
    )  # fmt: skip


_CALL_TITLE = re.compile(
    r"^(?:call for (?:papers|proposals|applications|submissions|abstracts|nominations)|"
    r"appel (?:à|a) (?:contributions|candidatures|communications)|convocatoria|"
    r"ausschreibung|call for)\b",
    re.I,
)
_JOB_LABEL = re.compile(
    r"^(?:vacanc(?:y|ies)|jobs?|careers?|job opportunities|work with us|join (?:us|our team)|"
    r"stellenangebote|stellenausschreibung(?:en)?|offres? d'emploi|recrutement|empleo|"
    r"ofertas de empleo|вакансии)$",
    re.I,
)
_DEADLINE = re.compile(
    r"^(?:closing date|application deadline|deadline(?: for (?:applications|proposals|"
    r"submissions|abstracts))?|submission deadline|apply by|bewerbungsschluss|einsendeschluss|"
    r"date limite(?: de candidature)?|fecha l[íi]mite)\s*[:：]\s*(?P<date>.{6,50})$|"
    r"\bdeadline(?: for (?:applications|proposals|submissions|abstracts))? is "
    r"(?P<said>[^.;]{6,40})",
    re.I,
)


def _notice_kind(scrape: Scrape) -> str | None:
    """`call` for a call for papers (its title says so), `job` for a vacancy (the page's
    label, "Vacancies", "Careers"), else None."""
    if _CALL_TITLE.match(scrape.title):
        return "call"
    if any(_JOB_LABEL.match(line) for line in scrape.navigation[-3:]):
        return "job"
    return None


def _deadline(paragraphs: list[str]) -> date | None:
    """The deadline a call or vacancy names in its first paragraphs ("Closing date: 8 January
    2027", "The deadline for proposals is 15 January 2027.")."""
    for paragraph in paragraphs[:15]:
        for match in _DEADLINE.finditer(paragraph):
            if found := parse_date((match["date"] or match["said"]).strip(" .")):
                return found
    return None


_TITLE_KIND = re.compile(
    r"^(report launch|new report|report|interview|statement|op-?ed|analysis)\s*[:–—]\s+", re.I
)
"""A title that says what the piece is ("Report Launch: …", "Interview: …")."""
_EVENT_LABEL = re.compile(r"^(events?|webinars?|seminars?|conferences?|veranstaltungen|"
                          r"[ée]v[ée]nements?|eventos?|мероприятия|活动|فعاليات)$", re.I)  # fmt: skip
_EVENT_WORDS = re.compile(
    r"\b(join us|webinar|roundtable|round table|seminar|panel discussion|workshop|conference|"
    r"register|registration|rsvp)\b",
    re.I,
)
"""What an event notice says in its first paragraphs."""


_BULLET = re.compile(r"^[•·▪◦‣●■–]\s+(?=\S)")


def _markdown(paragraphs: list[str]) -> str:
    """The paragraphs as Markdown: escaped, a run of "• item" lines one bulleted list, and a
    short line without a full stop before a paragraph a subheading ("## What Comes Next")."""
    blocks: list[str] = []
    in_list = False
    for i, paragraph in enumerate(paragraphs):
        item = _BULLET.match(paragraph)
        text = escape_markdown(paragraph[item.end() :] if item else paragraph)
        if item and in_list:
            blocks[-1] += f"\n- {text}"
        elif item:
            blocks.append(f"- {text}")
        elif i + 1 < len(paragraphs) and _subheading(paragraph, paragraphs[i + 1]):
            blocks.append(f"## {text}")
        else:
            blocks.append(text)
        in_list = item is not None
    return "\n\n".join(blocks)


def _subheading(block: str, after: str) -> bool:
    """`block` heads the paragraphs after it: a few words, no sentence, a paragraph next; not
    a role, a credit, a place ("Vienna, Austria"), a date line or a call to click."""
    if len(block.split()) > 12 or block.endswith(
        (".", "!", "?", ":", ";", ",", "…", '"', "”", ")")
    ):
        return False
    if not name_initial(block[0]) or not re.search(r"[^\W\d_]", block) or "⟦fn:" in block:
        return False
    if _BULLET.match(after) or parse_date(block) is not None or byline(block) is not None:
        return False
    _, colon, rest = block.partition(":")
    if (colon and parse_date(rest) is not None) or is_role(block) or _is_chrome(block):
        return False
    if re.search(r"\b(photo|image|credit|courtesy)\b|\b(here|now|today)$", block, re.I):
        return False
    if "," in block and len(block.split()) <= 4:  # "Vienna, Austria": a dateline
        return False
    return len(after.split()) > 12 or after.endswith((".", "!", "?"))


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
    kind = kind_label(scrape.navigation)
    event: dict[str, str] = {}
    call: dict[str, str] = {}
    ahead = scrape.date is not None and scrape.date > today
    announces = any(_EVENT_LABEL.match(line) for line in scrape.navigation) or bool(
        _EVENT_WORDS.search(" ".join([scrape.title, *scrape.paragraphs[:2]]))
    )
    events_date = scrape.date is not None and announces and (ahead or scrape.when_label)
    if events_date and scrape.date is not None:  # "Date: 16 April 2026" on an event's page
        kind, event = "event", {"start": scrape.date.isoformat()}
        comments["kind"] = f"the scrape's {scrape.date.isoformat()} is the event's date"
        review.append(
            f"event: the scrape's date {scrape.date.isoformat()} is taken as the event's (a day, "
            "no time), not the publication date. Add its time, end, place and registration link."
        )
    elif ahead and scrape.date is not None:  # no page is published after the day it is read
        review.append(
            f"date: the scrape shows {scrape.date.isoformat()}, after the import day: not taken "
            "as the publication date."
        )
    if on is not None:
        comments["date"] = "the editor's choice (--date); the source carries no date"
    elif scrape.date is not None and not ahead and not events_date:
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
    if kind is not None and "kind" not in comments:
        comments["kind"] = f'the page\'s label "{scrape.navigation[-1]}" above the title'
    elif kind is None and (call_kind := _notice_kind(scrape)) is not None:
        kind = call_kind
        comments["kind"] = "the title or the page's label says so"
        if deadline := _deadline(scrape.paragraphs):
            call = {"deadline": deadline.isoformat()}
            review.append(
                f"call: the deadline {deadline.isoformat()} is read from the text (a day, no "
                "time). Add the time, and the application link as call.apply."
            )
    elif kind is None and (named := _TITLE_KIND.match(scrape.title)):
        said = named.group(1).lower()
        kind = "report" if "report" in said else kind_of_label(said)
        if kind is not None:
            comments["kind"] = f'the title says so ("{named.group(0).strip()}")'
    slug = (slug_from_url(canonical) if canonical else None) or slugify(scrape.title)
    body = _NOTE_MARK.sub(r"[^\1]", _markdown(scrape.paragraphs))
    if scrape.notes:  # Markdown footnotes, as the page importer writes them
        body += "\n\n" + "\n\n".join(
            f"[^{n}]: {escape_markdown(note)}" for n, note in enumerate(scrape.notes, 1)
        )
    language = guess_language("\n".join([scrape.title, *scrape.paragraphs]))
    if language is not None:
        comments["language"] = "read from the text (a scrape declares none)"
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
        event=event,
        call=call,
        language=language,
    )
    return draft, warnings
