"""Import a raw text scrape of a commentary page (site name, title, caption, body, chrome)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.errors import ImportFailed
from pipeline.importers.bylines import (
    ORGANISATION,
    bare_byline,
    byline,
    is_placeholder,
    names_line,
)
from pipeline.importers.dates import SERIES, labelled_date, parse_date
from pipeline.importers.draft import (
    ContentDraft,
    canonical_url,
    escape_markdown,
    no_date_note,
    normal_words,
    slug_from_url,
    slugify,
)
from pipeline.importers.embargo import held_until
from pipeline.importers.event_times import is_time_line
from pipeline.importers.events import PLACE_WORDS, TIME_WORDS
from pipeline.importers.footnotes import MARKED
from pipeline.importers.furniture import (
    ABOUT_AUTHORS,
    BREADCRUMB,
    COPYRIGHT,
    NOTE_LINE,
    TAIL,
    footer_start,
    hidden_address_note,
    is_chrome,
    is_loose_end,
)
from pipeline.importers.language_guess import guess_language
from pipeline.importers.scrape_blocks import are_items, footnotes_of, markdown_of, text_blocks
from pipeline.importers.scrape_event import DATE_LABELS, Details, event_details
from pipeline.importers.scrape_header import (
    CREDIT,
    EDITORS_NOTE,
    STANDALONE_CREDIT,
    TRAILING_CREDIT,
    UPDATED,
    WHEN_LABEL,
    dateline_date,
    read_header,
)
from pipeline.importers.words import word_count

# A sentence pointing at an embed that a text scrape cannot carry: "The full video is
# available below.", "Watch the recording above.", "Listen to the podcast below:". Not a
# sentence that only says "below" ("set out below", "in our view, above 60 percent").
_EMBED = (
    r"(video|recording|webinar|podcast|episode|audio|infographic|chart|map|slides?|"
    r"photo gallery|gallery|livestream|stream|player|embed|tweet)"
)

DANGLING_EMBED = re.compile(
    r"^(?:[^.!?]*\b(?:vid[ée]o|vídeo|aflevering|épisode|episodio|folge|enregistrement)\b[^.!?]*"
    r"\b(?:ci-dessous|unten|a continuación|abajo|qui sotto|sotto|hieronder|poniżej|ниже|"
    r"нижче|aşağıda|abaixo)\b|"
    rf"[^.!?]*\b{_EMBED}\b[^.!?]*\b(?:below|above)\b|"
    rf"(?:watch|listen|view|see)\b[^.!?]{{0,60}}\b(?:below|above)(?=[.!?:]?$))"
    r"[^.!?]{0,40}[.!?:]?$",
    re.I,
)

_DANGLING_WORDS = 25
"""Longer than this, a sentence says more than where an embed was: it stays."""

TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,60}$")

# A page's label for its kind of piece, shown above the title ("Commentary", "Op-Ed").
_OP_ED = (
    r"op-?eds?|opinions?|tribune|opini[óo]n|opini[ãa]o|opinione|opinie|opinia|vélemény|"
    r"mielipide|γνώμη|άποψη|мнение|думка|мишљење|колонка|colum(n|na|ns)|kolumne|gastbeitrag|"
    r"felieton|görüş|观点|觀點|رأي|دیدگاه|칼럼|コラム"
)
_ANALYSIS = (
    r"analysis|analyses|analyse|an[áa]lisis|an[áa]lise|analisi|analiza|analizy|elemz[ée]s(ek)?|"
    r"analyysi|ανάλυση|αναλύσεις|анализа?|аналитика|аналітика|analiz[ăe]?|تحليلا?ت?|تحلیل|"
    r"บทวิเคราะห์|phân tích|विश्लेषण|analisis|分析"
)
_INTERVIEW = (
    r"interviews?|entrevista|entretien|intervista|wywiad|interjú|haastattelu|συνέντευξη|"
    r"интервью|інтерв['’]ю|интервју|q ?& ?a|röportaj|مقابلة|مصاحبه|ראיון|wawancara|"
    r"phỏng vấn|สัมภาษณ์|访谈|專訪|インタビュー|인터뷰"
)
_STATEMENT = (
    r"statements?|press releases?|d[ée]clarations?|erkl[äa]rung(en)?|pressemitteilung(en)?|"
    r"comunicados?( de prensa)?|communiqu[ée]s?( de presse)?|comunicato( stampa)?|"
    r"komunikat( prasowy)?|persbericht|verklaring|közlemény|tiedote|ανακοίνωση|саопштење|"
    r"изјава|заявление|заява|açıklama|basın açıklaması|بيان|بیانیه|הודעה לעיתונות|"
    r"pernyataan|siaran pers|tuyên bố|แถลงการณ์|comunicat|声明|聲明|성명"
)
_REPORT = (
    r"reports?|report launch|new report|rapport|raport(y)?|relat[óo]rio|rapporto|bericht|informe|"
    r"jelentés|raportti|έκθεση|извештај|izveštaj|доклад|звіт|rapor|تقرير|گزارش|דוח|laporan|"
    r"báo cáo|รายงาน|报告|報告|보고서|レポート"
)
TYPE_LABEL = re.compile(
    r"^(commentary|(expert )?comment|insights?|events?|news|"
    r"blog( post)?|article|"
    r"(policy )?brief|essay|feature|podcast|video|explainer|"
    r"perspective|viewpoint|editorial|research|publications?|kommentar|book reviews?|reviews?|"
    r"rezensionen|recensions?|reseñas?|recensioni|"
    r"комментарий|коментар|yorum|评论|评论文章|論考|논평|"
    rf"مقال|تعليق|{_OP_ED}|{_ANALYSIS}|{_INTERVIEW}|{_STATEMENT}|{_REPORT})$",
    re.I,
)

# The kinds of piece (`article.Kind`) a type label names; any other label names none.
_KIND_OF_LABEL = (
    (re.compile(rf"^({_OP_ED})$", re.I), "op-ed"),
    (re.compile(rf"^({_ANALYSIS})$", re.I), "analysis"),
    (re.compile(rf"^({_INTERVIEW})$", re.I), "interview"),
    (re.compile(rf"^({_STATEMENT})$", re.I), "statement"),
    (re.compile(rf"^({_REPORT})$", re.I), "report"),
)


def kind_of_label(label: str) -> str | None:
    """The kind a page's label above the title names ("Op-Ed": op-ed; "Statement |
    Déclaration", in two languages: statement), or None."""
    for part in re.split(r"\s+[|/]\s+", label.strip()):
        if kind := next((k for pattern, k in _KIND_OF_LABEL if pattern.match(part)), None):
            return kind
    return None


def _is_heading_like(block: str) -> bool:
    return (
        len(block) <= 160
        and "\n" not in block
        and not block.rstrip().endswith((".", ":", ";", ",", "。", "：", "，"))
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
    `footnotes.MARKER` with its number (1 for the first)."""
    dateline: bool = False
    """`date` is from the dateline the text opens with ("ROME, 2 November 2026 – …")."""
    posted: bool = False
    """`date` is from a line under the text that says it is the publication's ("Posted: …")."""
    event_day: Day | None = None
    """An event's day from a "Date:" line under the publication's date."""


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


def _words(text: str) -> set[str]:
    """The words of a line or a slug as an address writes them ("Japan's" -> "japans")."""
    text = text.replace("'", "").replace("\u2019", "")
    return {w for w in slugify(text).split("-") if len(w) > 1 and not w.isdigit()}


_DETAIL_LABEL = re.compile(
    rf"^(?:{TIME_WORDS}|{PLACE_WORDS}|when|date|format|language|时间|地点)\s*[:：]", re.I
)
"""An event's detail under its "Date:" line ("Time: 14:00"): no title, which a date may top."""


def _is_short(block: str) -> bool:
    """Three words or fewer: a menu item or a label, if anything comes before the title."""
    return word_count(block) < 4


_FIELD_LABEL = re.compile(rf"^(?:{DATE_LABELS}|{TIME_WORDS}|{PLACE_WORDS})\s*:?$", re.I)
"""A notice's field label on a line of its own ("Date & Time"), over its value: no title."""
_FIELD = re.compile(r"^(?P<label>\w[\w.'’-]*(?: [\w.'’-]+){0,2})\s?[:：]\s+[^:：]{1,40}$")


def _is_field(block: str) -> bool:
    """A field of a notice, "Label: value" ("Arbeidssted: Oslo"); two in a row are no title.
    Not a title that names its kind ("Webinar: The Future of …")."""
    found = _FIELD.match(block)
    return found is not None and not (
        TYPE_LABEL.match(found["label"])
        or _EVENT_WORDS.search(found["label"])
        or _TITLE_KIND.match(block)
        or _CALL_TITLE.match(block)
    )


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
        title_over = (  # the line above is the title, this its date
            run >= 1 and _is_heading_like(blocks[run - 1]) and word_count(blocks[run - 1]) >= 4
        )
        above = _date_over_title(blocks, run) and not (
            title_over
            and (  # "Statements", the title, its date, then the letter's "To the …"
                (run >= 2 and TYPE_LABEL.match(blocks[run - 2]) is not None)
                or labelled_date(block) is not None  # "Julkaistu 1.12.2026": the title's
            )
        )
        blurb = (  # a section's one-line blurb over the title, whose byline soon follows
            word_count(block) <= 12
            and block.endswith((".", "。"))
            and _is_heading_like(after)
            and word_count(after) >= 4
            and any(byline(later) is not None for later in blocks[run + 2 : run + 4])
        )
        series = SERIES.match(block) is not None and _is_heading_like(after)
        if EDITORS_NOTE.match(block) or above or blurb or series:
            dated = run + 1 if parse_date(block) or series else dated
            run += 1  # an editor's note, the date or the series' issue ("Biuletyn nr 198 (2946)")
            continue  # above the title: the title is further on
        label = _FIELD_LABEL.match(block) and (parse_date(after) or is_time_line(after))
        if (_is_field(block) and _is_field(after)) or label:
            break  # "Søknadsfrist: 8. januar 2027", "Arbeidssted: Oslo", "Date & Time": fields
        if not (
            _is_heading_like(block)
            # (after the menu, a line over the date over the title is the section's name:
            # "Events", "New Atlanticist", "November 12, 2026", then the title)
            and not (
                names_line(block, after)
                and not (
                    (run == 0 or _is_short(blocks[run - 1])) and _date_over_title(blocks, run + 1)
                )
            )
            and parse_date(block) is None
            and not (CREDIT.match(block) or TRAILING_CREDIT.match(block))
            and not STANDALONE_CREDIT.match(block)  # "Photo: Reuters" under the title
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
    if (
        run == 2
        and _is_short(blocks[0])
        and not _is_short(blocks[1])
        and (names_line(blocks[2], blocks[3] if len(blocks) > 3 else "") or parse_date(blocks[2]))
    ):
        return 1  # the section ("DEFENCE", "Блог"), then the title over its byline or date
    leading = 0  # how many short lines the run starts with
    while leading < run and _is_short(blocks[leading]):
        leading += 1
    later = [i for i in range(leading, run - 1) if _is_short(blocks[i])]
    labels = [
        i
        for i in range(min(leading, run - 1))
        if TYPE_LABEL.match(blocks[i]) and (i + 1 >= leading - 1 or not _is_short(blocks[i + 1]))
    ]  # a label right above the title, not one item of a menu ("News", "Analysis", "About us")
    if labels and not later:  # (short lines further on: the label was one item of a menu)
        at = labels[-1] + 1
        while at < run - 1 and _is_short(blocks[at]):
            at += 1  # "Events", "Conference", then the title: a kind under the section
        return at
    menu = leading >= 3 or (leading == 2 and all(word_count(b) <= 2 for b in blocks[:2]))
    if menu and leading == run and run < len(blocks) and byline(blocks[run]) is not None:
        return run - 1  # a menu of short lines, then a short title right above its byline
    if menu and leading < run:
        if later:  # a longer menu item, then more short ones ("Foreign Relations & …", "Arms
            leading = later[-1] + 1  # Control"): the title comes after the last of them
        while leading < run - 1 and blocks[leading].endswith("."):
            leading += 1  # a section's blurb between the menu and the title
        return leading
    after_menu = _after_menu(blocks[:run])
    if after_menu is not None:
        return after_menu
    typed = [i for i in range(run - 1) if TYPE_LABEL.match(blocks[i])]
    if (
        len(typed) == 1
        and typed[0] == run - 2
        and not _is_short(blocks[run - 1])
        and all(_is_short(b) or ORGANISATION.search(b) for b in blocks[: run - 2])
    ):
        return run - 1  # the site's full name, "Analysis", then the title over its byline
    return 0


def _date_over_title(blocks: list[str], at: int) -> bool:
    """Whether blocks[at] is a date above the title ("3 Dec 2026 | 06:00 AEDT", then a line of
    four words or more that is no byline, date or event detail: not "Date:" over "Time: …")."""
    if at >= len(blocks) or parse_date(blocks[at]) is None or WHEN_LABEL.match(blocks[at]):
        return False
    after = blocks[at + 1] if at + 1 < len(blocks) else ""
    return (
        _is_heading_like(after)
        and word_count(after) >= 4
        and not (CREDIT.match(after) or TRAILING_CREDIT.match(after))  # a photo's caption
        and not _DETAIL_LABEL.match(after)
        and not UPDATED.match(after)  # "Published on 20 November", "Last updated 1 December"
        and not WHEN_LABEL.match(after)  # "發布日期：…", then the event's "日期：…"
        and byline(after) is None  # the title, "Opublikowano: 8 grudnia 2026", "Autorzy: …"
        and not re.match(r"^\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\b|\b)", after)  # "9:30am – 1pm ET"
        and not names_line(after, blocks[at + 2] if at + 2 < len(blocks) else "")
        and parse_date(after) is None
    )


def _after_menu(run: list[str]) -> int | None:
    """The first line of four or more words after a menu of three short lines or more that
    comes after the site's tagline ("Informed Analysis of North Korea", then "Home", "Analysis",
    "Podcast"…): the title. None where the run holds no such menu."""
    found, stretch = None, 0
    for i, block in enumerate(run):
        if _is_short(block) or EDITORS_NOTE.match(block) or parse_date(block):
            stretch += 1
        elif block.endswith(".") and stretch >= 3:
            continue  # a section's blurb between the menu and the title
        elif stretch >= 3:
            found, stretch = i, 0
        else:
            stretch = 0
    return found


def _without_dates(navigation: tuple[str, ...]) -> tuple[str, ...]:
    """The lines before the title without the dates they end with: the label, its date, then
    the title ("Заява", "11 грудня 2026 року", …)."""
    while navigation and parse_date(navigation[-1]) is not None:
        navigation = navigation[:-1]
    return navigation


def kind_label(navigation: tuple[str, ...]) -> str | None:
    """The kind the page's label just above the title names, when it is the one type label
    among the lines before the title, or the one right above it that names a kind ("Report"
    under a menu of "Research" and "Events", "Интервью" under one with "Аналитика"); None where
    it ends a menu of kinds."""
    navigation = _without_dates(navigation)
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
    if sum(1 for line in navigation if TYPE_LABEL.match(line)) == 1:
        return kind_of_label(last)
    # "Research", "Events", then "Report" above the title: the line right above it names the
    # kind, unless it ends a menu of kinds ("Analysis", "Opinion", "Interviews")
    kind = kind_of_label(last)
    others = sum(1 for line in navigation[:-1] if kind_of_label(line))
    in_a_run = len(navigation) > 1 and kind_of_label(navigation[-2]) is not None
    return kind if kind is not None and others <= 1 and not in_a_run else None


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
    if any(said and (f" {said} " in f" {k} " or f" {k} " in f" {said} ") for k in known if k):
        return title[: suffix.start()]
    return title


def _dates_the_text(blocks: list[str]) -> bool:
    """The second line is a date under which the byline or the text begins: the first line
    is the title, not a site name ("Why the Conference Failed", "12 November 2026", "By …";
    a site name tops a date over a title: "VCDNP", "12 November 2026", "Why the …")."""
    if parse_date(blocks[1]) is None:
        return False
    after, then = blocks[2], blocks[3] if len(blocks) > 3 else ""
    return (
        not _is_heading_like(after)
        or word_count(after) >= _DANGLING_WORDS
        or byline(after) is not None
        or bare_byline(after, then, under_title=True) is not None
    )


_PUBLISHED_IN = re.compile(r"^(?:published in|publié dans|veröffentlicht in|publicado en)$", re.I)
"""Medium's "Published in" over the publication's name, beside the author: both furniture."""


def parse_scrape(text: str, site_name: str, url: str | None = None) -> Scrape:
    """Recognise site name, title, photo caption and credit, body, chrome and dangling embeds
    (`url`, the page's address, helps tell the title from the site's menu)."""
    blocks = text_blocks(text)
    # A "Related:" list ends a page: in its second half, after a site name, title and text
    # (site navigation before the title is no text).
    chrome: list[bool] = []  # for each block before the tail
    text_before = 0
    for i, block in enumerate(blocks):
        ends = TAIL.match(block) and (
            i > len(blocks) / 2
            or ABOUT_AUTHORS.match(block)
            or (i > len(blocks) / 3 and text_before >= 8)  # a short text over long comments
        )
        if ends and text_before >= 3:
            break
        published_in = i > 0 and _PUBLISHED_IN.match(blocks[i - 1]) and _is_short(block)
        chrome.append(is_chrome(block) or bool(_PUBLISHED_IN.match(block)) or bool(published_in))
        text_before += not chrome[-1]
    listed = blocks[len(chrome) :]
    dropped = [b for b, c in zip(blocks, chrome, strict=False) if c]  # (the tail is listed)
    blocks = [b for b, c in zip(blocks, chrome, strict=False) if not c]
    copyright = [COPYRIGHT.match(b) is not None for b in blocks]
    listed += [b for b, c in zip(blocks, copyright, strict=True) if c]
    blocks = [b for b, c in zip(blocks, copyright, strict=True) if not c]
    if not blocks:
        raise ImportFailed("no text left once site navigation is removed")
    found_site = None
    if normal_words(blocks[0]) == normal_words(site_name) or (
        len(blocks) > 2
        and _is_heading_like(blocks[0])
        and _is_heading_like(blocks[1])
        and not names_line(blocks[1], blocks[2])  # a title, then its author: no site name
        and not _dates_the_text(blocks)
    ):
        found_site = blocks.pop(0)
    while found_site and len(blocks) > 1 and normal_words(blocks[0]) == normal_words(found_site):
        dropped.append(blocks.pop(0))  # the site's name again, over its buttons (Substack)
    if not blocks:
        raise ImportFailed("no title: the scrape holds only the site name")
    at = _title_at(blocks, url)
    while EDITORS_NOTE.match(blocks[at]) and at + 1 < len(blocks):
        at += 1  # an editor's note or a correction over the title ("UPDATED 14 December: …")
    crumbs = {  # the last crumb of "Home > Reports > Commentary" names the section, not the piece
        normal_words(re.split(r"\s*[>›»＞→/|]\s*", b)[-1]) for b in dropped if BREADCRUMB.match(b)
    }
    while (
        normal_words(blocks[at]) in crumbs
        and at + 1 < len(blocks)
        and _is_heading_like(blocks[at + 1])
        and not names_line(blocks[at + 1], blocks[at + 2] if at + 2 < len(blocks) else "")
    ):
        at += 1
    again = next(  # the title shown twice, over share buttons, then over its byline (Substack)
        (at + 1 + i for i, b in enumerate(blocks[at + 1 : at + 10]) if b == blocks[at]), None
    )
    if again is not None and all(_is_short(b) for b in blocks[at + 1 : again]):
        dropped += blocks[at:again]
        del blocks[at:again]
    navigation = tuple(blocks[:at])
    del blocks[:at]
    title = (
        _without_site(blocks.pop(0), (site_name, found_site))
        if _is_heading_like(blocks[0])
        else None
    )
    if title is None:
        raise ImportFailed("no title: expected a short line before the body")
    header = read_header(blocks)
    header.authors = tuple(a for a in header.authors if not is_placeholder(a))  # ("Redazione")
    if header.published is None:  # a date above the title ("3 Dec 2026", then the title)
        header.published = next((d for line in navigation if (d := parse_date(line))), None)
    if not header.authors:  # the byline above the title ("By Maarja Tamm", "07.12.2026", title)
        above = (byline(line) for line in navigation[-3:])
        header.authors = next((b[0] for b in above if b is not None and b[0]), ())
    blocks = header.kept + blocks[header.read :]
    dateline = header.published is None and bool(blocks) and dateline_date(blocks[0]) is not None
    if dateline:  # "ROME, 2 November 2026 – The Council met …"
        header.published = dateline_date(blocks[0])
    dangling = [b for b in blocks if word_count(b) <= _DANGLING_WORDS and DANGLING_EMBED.match(b)]
    body = [b for b in blocks if b not in dangling]
    repeated = [b for b in body if _repeats(b, body)]  # a pull quote: said twice, once large
    captions = [b for b in body[1:-1] if _is_inline_caption(b)]  # a picture's in the text
    body = [b for b in body if b not in repeated and b not in captions]
    dropped += repeated + captions
    credit = header.credit
    if (
        credit is None
        and len(body) > 1
        and STANDALONE_CREDIT.match(body[-1])
        and len(body[-1]) <= 120
    ):
        credit = body.pop()  # "Image: Wikimedia Commons, Kremlin.ru" under the text
    notes_at = len(body)  # the end-notes ("[1] …") come after the author's note: look above them
    while notes_at > 2 and NOTE_LINE.match(body[notes_at - 1]):
        notes_at -= 1
    closing = footer_start(body[:notes_at], header.authors)
    if closing and closing < notes_at:  # the authors' notes and the site's disclaimer
        listed = [*body[closing:notes_at], *listed]
        body = body[:closing] + body[notes_at:]
    while (  # "King's College London": no text ends so; a list may ("• Closer consultation")
        len(body) > 1 and is_loose_end(body[-1]) and not are_items(body[-2], body[-1])
    ):
        listed.insert(0, body.pop())
    body, notes = footnotes_of(body)
    if not body:
        raise ImportFailed("no body paragraphs after the title")
    posted = False
    if header.published is None:  # "Posted: December 4, 2026" under the text
        header.published = next((d for line in listed[:6] if (d := labelled_date(line))), None)
        posted = header.published is not None
    return Scrape(
        found_site, title, header.caption, credit, body, dropped + header.dropped,
        dangling, header.authors, header.published, tuple(listed), navigation, header.updated,
        header.when_label, notes, dateline, posted, header.event_day,
    )  # fmt: skip


_CALL_TITLE = re.compile(
    r"^(?:call for (?:papers|proposals|applications|submissions|abstracts|nominations)|"
    r"appel (?:à|a) (?:contributions|candidatures|communications)|convocatoria|"
    r"ausschreibung|chamada (?:de|para) (?:artigos|trabalhos|propostas|contribui[çc][õo]es)|"
    r"bando|appello|call for)\b",
    re.I,
)

_JOB_LABEL = re.compile(
    r"^(?:vacanc(?:y|ies)|jobs?|careers?|job opportunities|work with us|join (?:us|our team)|"
    r"stellenangebote|stellenausschreibung(?:en)?|offres? d'emploi|recrutement|empleo|"
    r"ofertas de empleo|ledige stillinger|stillinger|lediga tjänster|vacatures|"
    r"oferty pracy|praca|vagas|lavora con noi|вакансии|вакансії|avoimet työpaikat|työpaikat|"
    r"rekrytointi|állásajánlatok|karrier|kariyer|iş ilanları|вакансије|posti vacanti|"
    r"offerte di lavoro|lowongan(?: kerja)?|tuyển dụng|ตำแหน่งงาน|求人|採用情報|채용|招聘|徵才|"
    r"وظائف|فرص عمل|فرصت‌های شغلی|משרות)$",
    re.I,
)

_DEADLINE = re.compile(
    r"^(?:closing date|application deadline|deadline(?: for (?:applications|proposals|"
    r"submissions|abstracts))?|submission deadline|apply by|bewerbungsschluss|einsendeschluss|"
    r"date limite(?: de candidature)?|fecha l[íi]mite|plazo|prazo(?: para \w+)?|s[øo]knadsfrist|"
    r"ans[öo]kningstid|sollicitatietermijn|termin(?: zgłoszeń| nadsyłania)?|scadenza)\s*[:：]\s*"
    r"(?P<date>.{6,50}?)(?=[.;]\s|\.?$)|"
    r"^(?:hakuaika päättyy|viimeinen hakupäivä|jelentkezési határidő|son başvuru tarihi|"
    r"rok za prijavu|рок за пријаву|краен срок|termen limită|uzávěrka|batas waktu|hạn chót|"
    r"截止日期|締切|마감)\s*[:：]?\s*(?P<bare>.{6,50}?)(?=[.;]\s|\.?$)|"
    r"\b(?:deadline(?: for (?:applications|proposals|submissions|abstracts))? is|"
    r"scadenza[^.;:]{0,60}? è(?: il)?|date limite[^.;:]{0,60}? est(?: le| fixée au)?|"
    r"plazo[^.;:]{0,60}? (?:vence|termina|es)(?: el)?|(?:einsende|bewerbungs)schluss ist(?: der)?) "
    r"(?P<said>[^.;]{6,40})",
    re.I,
)


_JOB_TITLE = re.compile(
    r"^(?:vacancy|job (?:opening|offer|vacancy)|position|we(?:'re| are) hiring|"
    r"stellen(?:angebot|ausschreibung)|offre d'emploi|vacature|oferta de empleo|"
    r"vaga|posizione aperta|oferta pracy)\b\s*[:–—-]",
    re.I,
)
"""A vacancy's title ("Vacancy: Research Fellow, …")."""


def _notice_kind(title: str, labels: Sequence[str]) -> str | None:
    """`call` for a call for papers (its title says so), `job` for a vacancy (its title, or
    the page's label, "Vacancies", "Careers"), else None."""
    if _CALL_TITLE.match(title):
        return "call"
    if _JOB_TITLE.match(title) or any(_JOB_LABEL.match(line) for line in labels):
        return "job"
    return None


def _deadline(paragraphs: list[str]) -> date | None:
    """The deadline a call or vacancy names in its first paragraphs ("Closing date: 8 January
    2027", "The deadline for proposals is 15 January 2027.")."""
    for paragraph in paragraphs[:15]:
        for match in _DEADLINE.finditer(paragraph):
            said = match["date"] or match["bare"] or match["said"]
            first = re.split(r"[.;]\s", said, maxsplit=1)[0]  # "28 février 2027. Les …"
            if found := parse_date(said.strip(" .")) or parse_date(first.strip(" .")):
                return found
    return None


_TITLE_KIND = re.compile(
    r"^(report launch|new report|report|interview|statement|op-?ed|analysis)\s*[:–—]\s+", re.I
)
"""A title that says what the piece is ("Report Launch: …", "Interview: …")."""

_EVENT_LABEL = re.compile(r"^(events?|webinars?|seminars?|conferences?|veranstaltungen|"
                          r"[ée]v[ée]nements?|eventos?|eventi|wydarzenia|evenementen|arrangementer|"
                          r"evenemang|etkinlikler|мероприятия|события|заходи|活动|イベント|행사|"
                          r"فعاليات|活動|活動訊息|活动信息|イベント情報|행사 안내|رویدادها|אירועים|"
                          r"tapahtumat|rendezvények|εκδηλώσεις|догађаји|kegiatan|acara|sự kiện)$",
                          re.I)  # fmt: skip

_EVENT_WORDS = re.compile(
    r"\b(join us|webinar|roundtable|round table|seminar|panel discussion|workshop|conference|"
    r"register|registration|rsvp|panel|konferans|seminer|çalıştay|podiumsdiskussion|"
    r"table ronde|colloque|mesa redonda|tavola rotonda)\b|座談會|座谈会|研討會|研讨会|講座|论坛|"
    r"論壇|セミナー|シンポジウム|세미나|포럼|간담회",
    re.I,
)
"""What an event notice says in its first paragraphs."""


def import_scrape(
    path: Path, site_name: str, url: str | None, on: date | None, today: date
) -> tuple[ContentDraft, list[str]]:
    """A content draft from a scrape file, and the warnings an editor must see."""
    return import_scrape_text(read_scrape_text(path), str(path), site_name, url, on, today)


def _removed_notes(scrape: Scrape) -> list[str]:
    """The review notes naming what the import left out: the lines above the title, the page
    furniture that might be text, the list and notes under it."""
    notes = []
    if scrape.navigation:
        shown = "; ".join(f'"{line}"' for line in scrape.navigation)
        notes.append(
            f"title: removed {len(scrape.navigation)} line(s) before the title as the site's "
            f"menu or the page's label: {shown}. If one of them is the title, fix `title`."
        )
    wordy = [line for line in scrape.dropped_chrome if word_count(line) >= 6]
    if wordy:
        shown = "; ".join(f'"{line[:100]}"' for line in wordy)
        notes.append(
            f"body: removed {len(wordy)} line(s) of page furniture (sign-up boxes, cookie "
            f"banners, share and reading-time lines): {shown}. Restore any that belong to the text."
        )
    if scrape.tail:
        shown = "; ".join(f'"{line}"' for line in scrape.tail)
        notes.append(
            f"body: removed {len(scrape.tail)} line(s) of site furniture (a list of other "
            f"articles, a note about the authors, a copyright line): {shown}. Restore any that "
            "belong to the text."
        )
    return notes


def _kind_from_text(scrape: Scrape) -> tuple[str, str, dict[str, str], list[str]] | None:
    """Where no label names it: the kind a call's title or a vacancy's label gives (with the
    deadline the text names, and its review note), or a title's "Report Launch:"; as (kind,
    comment, call, notes), or None."""
    return kind_of_text(scrape.title, scrape.paragraphs, scrape.navigation[-3:])


def kind_of_text(
    title: str, paragraphs: Sequence[str], labels: Sequence[str]
) -> tuple[str, str, dict[str, str], list[str]] | None:
    """The kind a piece's title (a call's, a vacancy's, "Report Launch:", "Interview:") or its
    `labels` (the page's, a feed entry's categories, for a vacancy) give, with the deadline
    the text names and its review note; as (kind, comment, call, notes), or None."""
    if (notice := _notice_kind(title, labels)) is not None:
        deadline = _deadline(list(paragraphs))
        if deadline is None:
            return notice, "the title or the page's label says so", {}, []
        note = (
            f"call: the deadline {deadline.isoformat()} is read from the text (a day, no "
            "time). Add the time, and the application link as call.apply."
        )
        return (
            notice,
            "the title or the page's label says so",
            {"deadline": deadline.isoformat()},
            [note],
        )
    if named := _TITLE_KIND.match(title):
        said = named.group(1).lower()
        kind = "report" if "report" in said else kind_of_label(said)
        if kind is not None:
            return kind, f'the title says so ("{named.group(0).strip()}")', {}, []
    return None


_QUOTED = re.compile(r"^[‘“\"'«„「『]\s*(?P<inner>.{30,300}?)\s*[’”\"'»“」』]$")


def _repeats(block: str, body: list[str]) -> bool:
    """Whether `block` is a sentence of the text quoted again on a line of its own (a pull
    quote: "‘The workforce, not the hulls, is the binding constraint.’")."""
    quoted = _QUOTED.match(block)
    if quoted is None:
        return False
    inner = quoted["inner"].rstrip(".!?")
    return any(inner in other for other in body if other is not block)


_APPLY_LINE = re.compile(
    r"^(?:apply(?: now| here| online)?|how to apply|application form|submit (?:your )?"
    r"(?:application|proposal|abstract)s?|bewerbung|jetzt bewerben|postuler|candidature|"
    r"candidaturas?|aplicar|solicitud|hae tehtävään|ansök|søk|aanmelden|"
    r"apply (?:via|at|through) [\w ]{2,30})\s*[:：]?\s*(?P<url>https://\S+?)[.)]?$",
    re.I,
)
"""A vacancy's or call's line with its application link: that link is `call.apply`."""


_APPLY_IN_TEXT = re.compile(
    r"\b(?:application portal|applications? (?:form|system)|apply (?:online )?(?:at|via|through)|"
    r"bewerbungsportal|portail de candidature|portal de candidatura)\b[^.:]{0,30}[:]?\s*"
    r"(?P<url>https://[^\s)]+?)[.,;)]?(?:\s|$)",
    re.I,
)
"""A sentence that names the application portal's link ("… through our application portal:
https://…"): the sentence stays, its link is `call.apply`."""


def _apply_line(paragraphs: list[str]) -> tuple[str | None, str] | None:
    """The line of `paragraphs` that gives the application link (or None for a sentence that
    names it, which stays in the text), and the link."""
    for paragraph in paragraphs:
        if (found := _APPLY_LINE.match(paragraph.strip())) is not None:
            return paragraph, found["url"]
    for paragraph in paragraphs:
        if (found := _APPLY_IN_TEXT.search(paragraph)) is not None:
            return None, found["url"]
    return None


def _is_inline_caption(block: str) -> bool:
    """A picture's caption and credit in the text ("Participants at the opening session.
    Photo: IPNRN"), which the scrape does not carry: no paragraph of it."""
    return word_count(block) <= 40 and (
        TRAILING_CREDIT.match(block) is not None
        or (STANDALONE_CREDIT.match(block) is not None and len(block) <= 120)
    )


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _event_note(day: date, event: dict[str, str], details: Details) -> str:
    """What the import read of an event notice (`event`), and what the editor must add."""
    read = [f"its date {day.isoformat()} (not the publication date)"]
    if "end" in event:
        read.append(f"its time, {event['start']} to {event['end']}")
    elif "T" in event["start"]:
        read.append(f"its start, {event['start']}")
    read += [f"its place, {event['place']}"] if "place" in event else []
    read += [f"its registration link {event['register']}"] if "register" in event else []
    missing = [] if "T" in event["start"] else ["its time"]
    missing += [] if "end" in event else ["its end"]
    missing += [] if "place" in event else ["its place"]
    missing += [] if "register" in event else ["its registration link"]
    note = f"event: read from the scrape: {'; '.join(read)}."
    if details.taken:
        note += " Lines taken out of the text: " + "; ".join(f'"{t}"' for t in details.taken) + "."
    if details.untimed:
        note += f' The time "{details.untimed}" names no time zone: it stays in the text.'
    return note + (f" Add {', '.join(missing)}." if missing else " Check them.")


def import_scrape_text(
    text: str, source: str, site_name: str, url: str | None, on: date | None, today: date
) -> tuple[ContentDraft, list[str]]:
    """A content draft from a scrape's text (`source` names it in messages), and warnings."""
    if text.lstrip()[:1] in {"{", "["} and _is_json(text):
        raise ImportFailed(f"{source}: JSON, not a text scrape (a JSON Feed? pass --kind feed)")
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
    # the section right above the title ("Events"), not an item of the site's menu
    announces = any(_EVENT_LABEL.match(line) for line in scrape.navigation[-1:]) or bool(
        _EVENT_WORDS.search(" ".join([scrape.title, *scrape.paragraphs[:2]]))
    )
    events_date = (  # (a date the page says it was posted on is no event's)
        scrape.date is not None and announces and (ahead or scrape.when_label) and not scrape.posted
    )
    paragraphs = scrape.paragraphs
    if announces and scrape.event_day is not None:  # posted on one day, "Datum:" another
        day = scrape.event_day
        said = f"the scrape's Date line, {day.isoformat()}, is the event's"
    elif events_date and scrape.date is not None:  # "Date: 16 April 2026" on an event's page
        day, said = scrape.date, f"the scrape's {scrape.date.isoformat()} is the event's date"
    else:
        day, said = None, ""
    if day is not None:
        details = event_details(paragraphs, day)
        kind, event = "event", {"start": day.isoformat(), **details.event}
        paragraphs = details.paragraphs
        comments["kind"] = said
        review.append(_event_note(day, event, details))
    if day is None and ahead and scrape.date is not None:  # (none is published after its
        # import day)
        review.append(
            f"date: the scrape shows {scrape.date.isoformat()}, after the import day: not taken "
            "as the publication date."
        )
    undated: str | None = None  # the note that the scrape shows no date
    if on is not None:
        comments["date"] = "the editor's choice (--date); the source carries no date"
    elif scrape.date is not None and not ahead and not events_date:
        on = scrape.date
        comments["date"] = (
            "from the dateline that opens the text"
            if scrape.dateline
            else "from the line under the text that says when it was posted"
            if scrape.posted
            else "as the scrape shows it"
        )
    else:
        on = today
        undated = no_date_note(on)
        review.append(undated)
        warnings.append(undated)
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
    review += _removed_notes(scrape)
    if kind is not None and "kind" not in comments:
        label = _without_dates(scrape.navigation)[-1]
        comments["kind"] = f'the page\'s label "{label}" above the title'
    elif kind is None and (named := _kind_from_text(scrape)) is not None:
        kind, comments["kind"], call, deadline_note = named
        review += deadline_note
    if kind in ("call", "job") and (found := _apply_line(paragraphs)) is not None:
        if "deadline" in call:  # (`call:` needs its deadline: without one, a note names the link)
            call = {**call, "apply": found[1]}  # "Apply now: https://…", "Hae tehtävään: …"
            paragraphs = [p for p in paragraphs if found[0] is None or p != found[0]]
        else:
            review.append(
                f"call: the application link is {found[1]}; add `call:` with its deadline "
                "and this link as call.apply."
            )
    slug = (slug_from_url(canonical) if canonical else None) or slugify(scrape.title)
    on_text: date | str = on
    if (held := held_until(paragraphs, on)) is not None:
        on_text, comments["date"], paragraphs = held.moment, held.comment, held.rest
        if undated is not None:
            review.remove(undated)
            warnings.remove(undated)
        review.append(held.note)
    body = MARKED.sub(r"[^\1]", markdown_of(paragraphs))
    if scrape.notes:  # Markdown footnotes ("[^1]: …"), each a paragraph of its own
        body += "\n\n" + "\n\n".join(
            f"[^{n}]: {escape_markdown(note)}" for n, note in enumerate(scrape.notes, 1)
        )
    if hidden := hidden_address_note(body):
        review.append(hidden)
    language = guess_language("\n".join([scrape.title, *scrape.paragraphs]))
    if language is not None:
        comments["language"] = "read from the text (a scrape declares none)"
    updated = scrape.updated  # after the publication and before the import day, or none
    if updated is not None and not (isinstance(on_text, date) and on_text < updated <= today):
        updated = None
    draft = ContentDraft(
        slug=slug,
        title=scrape.title,
        date=on_text,
        updated=updated,
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
