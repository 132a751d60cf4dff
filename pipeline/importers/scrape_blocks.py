"""A scrape's text as blocks (a line each, or wrapped lines joined, tables kept), its notes
as footnotes, and its blocks back as Markdown (lists, subheadings)."""

from __future__ import annotations

import itertools
import re

from pipeline.importers.bylines import BYLINE, HONORIFIC, byline, is_role, name_initial
from pipeline.importers.dates import parse_date
from pipeline.importers.draft import escape_markdown
from pipeline.importers.footnotes import MARKED, MARKER
from pipeline.importers.furniture import NOTE_LINE, is_chrome
from pipeline.importers.words import ends_sentence, word_count

NOTES_HEADING = re.compile(
    r"^(?:(?:end|foot)?notes?|references|sources|anmerkungen|fu(?:ß|ss)noten|notas|"
    r"r[ée]f[ée]rences|примечания|注释|الهوامش)\s*:?$",
    re.I,
)


_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")

_CITED = re.compile(
    r"\[(\d{1,3})\]|(?<!\bkm)(?<!\bcm)(?<!\bmm)(?<!\bm)(?<!\bft)(?<=[^\W\d]|[.,;:!?”\"')])"
    r"([¹²³⁴⁵⁶⁷⁸⁹⁰]+)"
)  # (not a unit's: "5,000 km²")


def _note_number(note: re.Match[str]) -> int:
    return int((note[1] or note[2] or note[3]).translate(_SUPERSCRIPT))


def footnotes_of(body: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """`body` without its notes at the end, its citations ("…2025.[1]", "…said.²") marked
    `footnotes.MARKER` and numbered in the order the text cites them, and the notes in that order.
    Only notes the text cites, each of them, numbered 1 to n, under a heading ("Notes") or
    cited in brackets: else `body` as it is (a numbered list at the end stays a list)."""
    start = len(body)
    while start > 0 and NOTE_LINE.match(body[start - 1]):
        start -= 1
    if start == len(body):
        return body, ()
    found = [NOTE_LINE.match(block) for block in body[start:]]
    numbers = [_note_number(m) for m in found if m]
    if numbers != list(range(1, len(numbers) + 1)):
        return body, ()
    heading = start > 0 and NOTES_HEADING.match(body[start - 1]) is not None
    bracketed = all(m[1] or m[3] for m in found if m)  # (or in superscript: no list's)
    text = body[: start - 1] if heading else body[:start]
    cited = [int((c[1] or c[2]).translate(_SUPERSCRIPT)) for b in text for c in _CITED.finditer(b)]
    if not text or set(cited) != set(numbers) or not (heading or bracketed):
        return body, ()
    order = {n: i + 1 for i, n in enumerate(dict.fromkeys(cited))}

    def mark(match: re.Match[str]) -> str:
        return MARKER.format(order[int((match[1] or match[2]).translate(_SUPERSCRIPT))])

    marked = [_CITED.sub(mark, block) for block in text]
    by_number = {_note_number(m): m[4] for m in found if m}
    return marked, tuple(by_number[n] for n in order)


_WRAP_MIN, _WRAP_WIDTH = 60, 100
"""A text whose lines are never longer than this, and often nearly that long, is wrapped."""


def _cells(line: str) -> list[str]:
    return line.strip("\n\r ").split("\t")


def _tables(raw: list[str]) -> list[str]:
    """The lines, spaces normalised; rows of cells that tabs separate (a table copied from a
    page), two or more in a run with as many cells each, one Markdown table."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        cells = [c.strip() for c in raw[i].strip().split("\t")]
        header = len(cells) >= 2 and all(cells)  # every cell named; the rows as many cells
        j = i + 1
        while header and j < len(raw) and len(_cells(raw[j])) == len(cells):
            j += 1
        if j - i < 2:
            out.append(" ".join(raw[i].split()))
            i += 1
            continue
        rows = [[" ".join(c.split()).replace("|", "\\|") for c in _cells(r)] for r in raw[i:j]]
        table = [f"| {' | '.join(rows[0])} |", "|" + " --- |" * len(cells)]
        out.append("\n".join(table + [f"| {' | '.join(row)} |" for row in rows[1:]]))
        i = j
    return out


def text_blocks(text: str) -> list[str]:
    """The page's blocks. A scrape puts each on its own line, and blank lines carry no
    meaning; a text dump wrapped at a width (`lynx -dump`, `w3m`: no line longer than about
    80 characters, many about that long, blank lines between paragraphs) has its wrapped
    lines joined again: a line that fills most of the width goes on in the next."""
    lines = _tables(text.splitlines())
    filled = [line for line in lines if line]
    width = max((len(line) for line in filled), default=0)
    full = [line for line in filled if len(line) >= 0.8 * width]
    broken = sum(1 for line in full if not ends_sentence(line, ":", '"', "”", "」"))
    blanks = sum(1 for a, b in itertools.pairwise(lines) if a and not b)
    wrapped = (
        _WRAP_MIN <= width <= _WRAP_WIDTH
        and len(full) >= 3
        and len(full) * 3 >= len(filled)  # many lines fill the width,
        and broken * 2 >= len(full)  # most of them in mid-sentence,
        and blanks * 4 >= len(filled) - len(full)  # and blank lines end the paragraphs
    )
    if not wrapped:
        return filled
    blocks: list[str] = []
    goes_on = False
    for line in lines:
        if not line:
            goes_on = False
            continue
        if goes_on and not BYLINE.match(line):
            blocks[-1] += " " + line
        else:
            blocks.append(line)
        goes_on = len(line) >= 0.6 * width
    return blocks


_BULLET = re.compile(r"^[•·▪◦‣●■–]\s+(?=\S)")
_ASCII_BULLET = re.compile(r"^[-*]\s+(?=\S)")
"""A plain-text list's "- item" or "* item": an item only among others ("* The views
expressed…" alone is a footnote's mark, "- and yet" a dash)."""


def are_items(*blocks: str) -> bool:
    """Whether each of `blocks` is an item of one list ("• …", or "- …" in a run)."""
    return all(_BULLET.match(b) for b in blocks) or all(_ASCII_BULLET.match(b) for b in blocks)


def _items(paragraphs: list[str]) -> list[re.Match[str] | None]:
    """Each paragraph's list marker, if it is a list item."""
    ascii_marks = [_ASCII_BULLET.match(p) for p in paragraphs]
    found = []
    for i, paragraph in enumerate(paragraphs):
        mark = ascii_marks[i]
        beside = [ascii_marks[j] for j in (i - 1, i + 1) if 0 <= j < len(paragraphs)]
        same = mark is not None and any(m and m.group(0)[0] == mark.group(0)[0] for m in beside)
        found.append(_BULLET.match(paragraph) or (mark if same else None))
    return found


_NUMBERED = re.compile(r"^(?P<n>\d{1,2})(?:[.)]\s+|[．、）]\s*)(?=\S)")
"""A numbered line: "1. Commission a review …", "2) Establish …"."""


def _numbered(paragraphs: list[str]) -> list[str | None]:
    """Each paragraph's part in a numbered run: "item" (of two or more in a row, numbered on
    from the first), "heading" (a short numbered line over its paragraph, "1. Keep the
    notifications going", the next number heading the next part), or None."""
    marks = [_NUMBERED.match(p) for p in paragraphs]
    numbers = [int(m["n"]) if m else None for m in marks]

    def heads(i: int) -> bool:  # a short numbered line over a paragraph
        mark = marks[i]
        return (
            mark is not None
            and i + 1 < len(paragraphs)
            and marks[i + 1] is None
            and _subheading(paragraphs[i][mark.end() :], paragraphs[i + 1])
        )

    found: list[str | None] = [None] * len(paragraphs)
    i = 0
    while i < len(paragraphs):
        end = i + 1
        while (
            numbers[i] is not None
            and end < len(paragraphs)
            and numbers[end] == (numbers[end - 1] or 0) + 1
        ):
            end += 1
        if end - i >= 2:
            found[i:end] = ["item"] * (end - i)
        i = end
    for i, number in enumerate(numbers):
        if number is None or found[i] is not None or not heads(i):
            continue
        following = next((j for j in range(i + 1, len(numbers)) if numbers[j] is not None), None)
        previous = next((j for j in range(i - 1, -1, -1) if numbers[j] is not None), None)
        if (following is not None and numbers[following] == number + 1 and heads(following)) or (
            previous is not None
            and found[previous] == "heading"
            and numbers[previous] == number - 1
        ):
            found[i] = "heading"
    return found


def markdown_of(paragraphs: list[str]) -> str:
    """The paragraphs as Markdown: escaped, a run of "• item" (or of "- item") lines one
    bulleted list, a run of "1. …", "2. …" one numbered list, and a short line without a full
    stop before a paragraph a subheading ("## What Comes Next", "## 1. Keep the …")."""
    blocks: list[str] = []
    in_list = False
    items = _items(paragraphs)
    numbered = _numbered(paragraphs)
    for i, paragraph in enumerate(paragraphs):
        item = items[i]
        text = escape_markdown(paragraph[item.end() :] if item else paragraph)
        number = _NUMBERED.match(paragraph)
        if numbered[i] == "item" and number:
            line = f"{number['n']}. {escape_markdown(paragraph[number.end() :])}"
            if i > 0 and numbered[i - 1] == "item":
                blocks[-1] += f"\n{line}"
            else:
                blocks.append(line)
        elif numbered[i] == "heading" and number:
            blocks.append(f"## {number['n']}. {escape_markdown(paragraph[number.end() :])}")
        elif item and in_list:
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
    shouted = block.isupper() and block.endswith("?") and word_count(block) <= 12
    if word_count(block) > 12 or (
        ends_sentence(block, ":", ";", ",", "…", '"', "”", ")", "：", "」") and not shouted
    ):  # ("WHAT IS THE PROBLEM?" in capitals heads its part)
        return False
    if not name_initial(block[0]) or not re.search(r"[^\W\d_]", block) or MARKED.search(block):
        return False
    listed = bool(_BULLET.match(after) or _ASCII_BULLET.match(after) or _NUMBERED.match(after))
    if listed and (word_count(block) > 6 or _NUMBERED.match(block)):
        return False  # a list's lead-in line, or an item (a short one heads it: "Key findings")
    if parse_date(block) is not None:
        return False
    if byline(block) is not None:
        return False
    _, colon, rest = block.partition(":")
    if (colon and parse_date(rest) is not None) or is_role(block) or is_chrome(block):
        return False
    if re.search(r"\b(photo|image|credit|courtesy)\b", block, re.I) or _CALL.match(block):
        return False
    if _NO_HEADING.match(block) or HONORIFIC.match(block):
        return False  # a speaker ("Dr. Hélène Marchetti, …", "Moderator: …"), an addressee
    words = block.split()
    if "," in block and len(words) <= 4 and all(name_initial(w[0]) for w in words):
        return False  # "Vienna, Austria": a dateline (not "Later, thinner notices")
    return listed or word_count(after) > 12 or ends_sentence(after)


_NO_HEADING = re.compile(
    r"^(?:to the\b|dear\b|à l'attention|an die\b|sehr geehrte|moderat(?:or|ed by|orin|ör|eur|rice)|"
    r"modérat(?:eur|rice)|moderador[a]?|chair(?:ed by)?\b|speakers?\s*:|主持人|司会|사회|"
    r"isbn\b|issn\b|doi\b|hakuaika|closing date|deadline|application deadline)",
    re.I,
)
"""Short lines that head nothing: an addressee, a moderator, an ISBN, a deadline."""

_CALL = re.compile(
    r"^(click|register|sign up|subscribe|donate|read|watch|listen|join|apply|book|buy|submit|"
    r"download|order|get|find out|learn)\b.*\b(here|now|today|below)$",
    re.I,
)
"""A call to click ("Register now", "Read the full report here"): no subheading."""
