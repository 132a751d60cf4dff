"""What a scrape says under its title, in any order: byline, date, last update, photo caption
and credit; the lines of text among them stay."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pipeline.importers.bylines import (
    bare_byline,
    byline,
    is_role_beside,
    lone_name,
    names_beside_roles,
    names_line,
    role_line,
)
from pipeline.importers.dates import SERIES, UPDATED_AFTER, parse_date
from pipeline.importers.words import ends_sentence, word_count

# "(Official White House Photo by Adam Schultz)", "(Photo: Reuters)", "(Credit: IAEA)"
CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*\((?P<credit>[^()]*(?:\b(?:photo|image|credit|courtesy|picture|foto|фото|"
    r"bild|imagen|crédito|handout|department|ministry|navy|army|air force|government|agency)\b|©)"
    r"[^()]*)\)\s*$",
    re.I | re.S,
)
"""… and a caption's source in brackets: "HMAS Stirling, Western Australia (Department of
Defence)"."""

_CREDIT_WORD = (
    r"(?:crédits? photo|photo credit|fot\.|fotó|zdjęcie|kuva|φωτογραφία|фотография|фото|"
    r"صورة|عکس|תמונה|사진|写真|图片|照片|ภาพ)\s*[:：]?"
)
"""A photo credit's word in more languages ("Crédit photo :", "Fot.", "Φωτογραφία:")."""

# "… in Aomori Prefecture. Photo: Kyodo via Reuters", "… in Vienna. © IAEA/Dean Calma"
TRAILING_CREDIT = re.compile(
    r"^(?P<caption>.*?[.!?])\s+(?P<credit>(?:(?:photo|image|picture|credit|foto|фото|bild|imagen|"
    rf"crédit|crédito)s?\s*(?::|by\b)|{_CREDIT_WORD}|©)\s*[^!?]{{2,80}}?|"
    r"(?:[\w.'’ -]{2,40}/\s*)?(?:AFP|AP|Reuters|Getty Images|EPA|Xinhua|Anadolu|Bloomberg|KCNA|"
    r"Sputnik|Shutterstock|Alamy)(?: via [\w .'’/-]{2,40})?)\.?$",
    re.I,
)
"""… and "… in Vienna on Nov. 19, 2026. Joe Klamar/AFP via Getty Images": an agency's credit."""

EDITORS_NOTE = re.compile(
    r"^(?:updated (?:on )?\d{1,2} \w+ \d{4}|update|correction|editor'?s'? note|"
    r"note from the editors?|a note from the editor|note de la r[ée]daction|"
    r"anmerkung der redaktion|nota (del|della) (editor|redazione))\s*[:：]",
    re.I,
)
"""An editor's note above the title ("Editor's note: This post is part of our series…")."""

DATELINE = re.compile(r"(?:[A-Z][\w'’.-]+ ?){1,2}, (?:[A-Z][\w'’.-]+ ?){1,2}")

_DATELINE = re.compile(r"^(?P<head>[A-ZÀ-Þ][^–—]{5,80}?)\s*(?:[–—]|--?)\s+\S")
_PLACE = re.compile(r"[A-ZÀ-Þ][\w'’.-]*(?:[ ,/]+[A-ZÀ-Þ][\w'’.-]*){0,3}")


def dateline_date(paragraph: str) -> date | None:
    """The date of the dateline a press release's text opens with ("ROME, 2 November 2026 –
    The Council …", "WASHINGTON (Nov. 2, 2026) — …"), or None."""
    if (match := _DATELINE.match(paragraph)) is None:
        return None
    head = match["head"]
    for cut in re.finditer(r",\s*|\s*\(", head):  # the place, then the date
        if _PLACE.fullmatch(head[: cut.start()]) and (
            found := parse_date(head[cut.end() :].strip(" ()"))
        ):
            return found
    return None


WHEN_LABEL = re.compile(
    r"^(?:date|when|datum|wann|fecha|cu[áa]ndo|quand|data|quando|kiedy|wanneer|tarih|дата|"
    r"коли|时间|日時|日期|일시|tarih|päivämäärä|dátum|időpont|ημερομηνία|датум)\s*[:：]",
    re.I,
)

UPDATED = re.compile(
    r"^(?:(?:last )?updated|aktualisiert|mis à jour|actualizado|aggiornato|обновлено)"
    r"(?: on| am| le| el| il)?\s*[:：]?\s*(?P<date>.{6,60})$",
    re.I,
)

STANDALONE_CREDIT = re.compile(
    r"^(?:(?:photo|image|picture|photograph|credit|foto|bild|imagen)s?\s*(?::|by\b)|©|"
    rf"{_CREDIT_WORD})\s*\S.{{0,100}}$",
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
class Header:
    authors: tuple[str, ...] = ()
    published: date | None = None
    updated: date | None = None
    when_label: bool = False
    """The date came from a line that says "Date:" or "When:", as an event's page gives it."""
    event_day: date | None = None
    """The day a "Date:" line gives under the publication's ("Veröffentlicht am 9. Dezember",
    then "Datum: 21. Januar 2027"): an event's."""
    caption: str | None = None
    credit: str | None = None
    read: int = 0
    """How many blocks after the title the header took up."""
    kept: list[str] = field(default_factory=list)
    """The blocks among them that belong to the text (a standfirst, a caption without credit)."""
    dropped: list[str] = field(default_factory=list)
    """Roles under a name ("Director, International Security Programme")."""


def read_header(blocks: list[str]) -> Header:
    """What the lines after the title say, in any order: byline (or names alone, as many
    pages show them), date, last update, photo caption and credit."""
    found = Header()
    named_at: int | None = None  # the line that named the authors
    for i, block in enumerate(blocks[:_HEADER_BLOCKS]):
        after = blocks[i + 1] if i + 1 < len(blocks) else ""
        under_title = i <= len(found.kept) + (found.published is not None) and all(
            ends_sentence(k) for k in found.kept
        )  # the title, its date or standfirst, then this line
        if not found.authors and (named := byline(block) or bare_byline(block, after, under_title)):
            found.authors, found.published = named[0], found.published or named[1]
            named_at = i
        elif (
            named_at is not None
            and named_at == i - 1
            and lone_name(block)
            and block not in found.authors
        ):
            found.authors += (block,)  # the next host's name under the first's
            named_at = i
        elif found.published is None and (on_its_own := parse_date(block)):
            found.published = on_its_own
            found.when_label = WHEN_LABEL.match(block) is not None
            if (update := UPDATED_AFTER.search(block)) and found.updated is None:
                found.updated = parse_date(update["date"])  # "March 3, 2026 · Updated March 5"
        elif (
            found.published is not None
            and found.event_day is None
            and WHEN_LABEL.match(block)
            and (day := parse_date(block)) is not None
            and day > found.published
        ):
            found.event_day = day
        elif (
            found.updated is None
            and (update := UPDATED.match(block))
            and (changed := parse_date(update["date"]))
        ):
            found.updated = changed
        elif (
            found.authors
            and role_line(block)
            and not (CREDIT.match(block) or TRAILING_CREDIT.match(block))  # "President … AFP"
            and not is_role_beside(block)  # (another name, with her role)
            and i > 0
            and names_line(blocks[i - 1], block)
        ):
            found.dropped.append(block)
        elif found.authors and (
            (role_line(after) and (more := bare_byline(block, after)) and (others := more[0]))
            or (is_role_beside(block) and (others := names_beside_roles(block)))
        ):
            found.authors += tuple(a for a in others if a not in found.authors)  # the next
            # name over its role ("Dr Orysia Lutsevych", "Director, …", "Tom Hallworth", …),
            # or with it beside ("Dr Samir Haddad, Associate Fellow, GCSP")
        elif block.casefold() in {a.casefold() for a in found.authors}:
            found.dropped.append(block)  # the name again, under a byline (an author box)
        elif (
            found.caption is None
            and found.credit is None
            and (match := CREDIT.match(block) or TRAILING_CREDIT.match(block))
        ):
            found.caption = match.group("caption").strip() or None
            found.credit = match.group("credit").strip().rstrip(".")
        elif len(block.split()) == 2 and parse_date(f"1 {block}") is not None:
            found.dropped.append(block)  # "December 2026": the magazine's issue
        elif SERIES.match(block) and word_count(block) <= 8 and not ends_sentence(block):
            found.dropped.append(block)  # the series' issue ("No. 2026-31") under the title
        elif len(block) <= 60 and DATELINE.fullmatch(block) and not found.kept:
            found.dropped.append(block)  # "Vienna, Austria": where a press release is issued
        elif found.credit is None and STANDALONE_CREDIT.match(block) and len(block) <= 120:
            found.credit = block
            if found.kept and found.kept[-1] == blocks[i - 1] and _is_caption(blocks[i - 1]):
                found.caption = found.kept.pop()
        elif len(found.kept) < _HEADER_TEXT and word_count(block) < _PARAGRAPH_WORDS:
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
    return word_count(block) <= 40 and ends_sentence(block, ")", "）")
