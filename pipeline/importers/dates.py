"""Dates as pages write them, in the languages a centre publishes in.

"March 1, 2026", "1 mars 2026", "Mittwoch, 12. November 2026", "12 de noviembre de 2026",
"12 ноября 2026 г.", "2026. március 12.", "2026年11月12日", "12.11.2026", "2026-11-12".
Month and weekday names come from babel's CLDR data (every form: "ноября" and "ноябрь",
"nov." and "novembre"). A name that means one month in one of these languages and another in
another (Croatian "listopad" is October, Czech and Polish November) is left out, and a text
that is anything but a day, a month and a year, with at most a weekday before them and
joining words ("de", "le", "г.") between, is no date: nothing is guessed, and numbers alone
are read only where no language reads them another way (12.11.2026 is day first wherever dots
are written; 11/12/2026 is left alone).

`parse_date` reads a line that is a date: labelled ("Published:", "Publié le", "Datum:"),
after a weekday, with a time after it ("March 5, 2026 10:42 AM GMT+1"); `parse_date_words`
the date alone.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache, lru_cache

LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "cs", "sk", "sv", "da", "nb",
    "fi", "tr", "el", "ro", "hu", "id", "ar", "fa", "he", "sr", "sr_Latn", "bg", "hi", "th",
)  # fmt: skip
"""Languages whose month and weekday names are read (CJK dates are written with numbers)."""
JOINERS = frozenset(
    {"de", "del", "do", "da", "of", "the", "le", "el", "il", "den", "am", "г", "года", "год",
     "r", "roku", "року", "рік", "godine", "године", "m", "m."}
)  # fmt: skip
"""Words a language writes between day, month and year ("12 de noviembre de 2026")."""
_CJK = re.compile(r"^(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.]\s?(\d{1,2})[-/.]\s?(\d{1,2})\.?$")  # "2026. 11. 17." too
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
"""28/11/2026 or 11/28/2026: read only where one order is a date (not 03/01/2026)."""
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|re|e|º|ª|\.)?$")
_TOKEN = re.compile(r"[^\s,،]+")


@cache
def _names() -> tuple[dict[str, int], frozenset[str]]:
    """(month name: number, weekday names), every form in every language, in lower case."""
    from babel import Locale

    months: dict[str, set[int]] = {}
    weekdays: set[str] = set()
    for tag in LANGUAGES:
        locale = Locale.parse(tag)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(_key(name), set()).add(number)
                weekdays.update(_key(n) for n in locale.days[context][width].values())
    unique = {name: found.pop() for name, found in months.items() if len(found) == 1 and name}
    return unique, frozenset(weekdays)


def _key(word: str) -> str:
    return word.casefold().strip(".")


def _day(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


_ERA = re.compile(r"(民國|民国|令和|平成)\s*(\d{1,3}|元)\s*年")
_ERA_START = {"民國": 1911, "民国": 1911, "令和": 2018, "平成": 1988}
"""A year of the Republic of China's calendar (民國115年: 2026) or of a Japanese era (令和8年)."""
_CJK_WEEKDAY = re.compile(
    r"\s*[（(]\s*(?:星期|礼拜|禮拜|週|周)?[一二三四五六日天月火水木金土]曜?日?\s*[）)]$"
)
"""The weekday after a CJK date: "2027年1月8日（星期五）", "12月4日(金)"."""
_BUDDHIST_ERA = 543
"""A Thai date's year is the Buddhist era's (2569 is 2026)."""


def _gregorian_year(found: re.Match[str]) -> str:
    year = 1 if found[2] == "元" else int(found[2])  # 元年: an era's first year
    return f"{_ERA_START[found[1]] + year}年"


def parse_date_words(text: str) -> date | None:
    """The date `text` writes, in any of LANGUAGES or with numbers; None if it is not one."""
    text = _ERA.sub(_gregorian_year, " ".join(text.split()).strip(" ,"))
    text = _CJK_WEEKDAY.sub("", text)
    for numeric, order in ((_CJK, (1, 2, 3)), (_YEAR_FIRST, (1, 2, 3)), (_DAY_FIRST, (3, 2, 1))):
        if parts := numeric.match(text):
            year, month, day = (parts.group(i) for i in order)
            return _day(year, month, day)
    if slashed := _SLASHED.match(text):
        day_first = _day(slashed[3], slashed[2], slashed[1])
        month_first = _day(slashed[3], slashed[1], slashed[2])
        return None if day_first and month_first else day_first or month_first
    months, weekdays = _names()
    tokens = [_key(t) for t in _TOKEN.findall(text)]
    found = _read(tokens, months)
    if found is None and tokens and tokens[0] in weekdays:  # "Mittwoch, 12. November 2026"
        found = _read(tokens[1:], months)  # (not first: "mar" is March, and Tuesday in Spanish)
    if found is None and len(tokens) > 3 and tokens[-1] in weekdays:  # "14 Ocak 2027, Perşembe"
        found = _read(tokens[:-1], months)
    return found


_ORDERS = {"DMY": (2, 1, 0), "MDY": (2, 0, 1), "YMD": (0, 1, 2)}


def _month_form(token: str, months: dict[str, int]) -> str:
    """`token` as the month name it inflects: Hebrew's "in" ("בדצמבר"), a Serbian genitive
    ("децембра", "novembra": not in CLDR's forms)."""
    if token[:1] == "ב" and token[1:] in months:
        return token[1:]
    if len(token) > 3 and token[-1] in ("а", "a"):
        for stem in (token[:-1], token[:-2] + token[-1] + token[-2]):  # децембра: децембар
            if stem in months:
                return stem
    return token


def _read(tokens: list[str], months: dict[str, int]) -> date | None:
    shape, values = "", list[str]()
    thai = False
    for token in tokens:
        if token in JOINERS:
            continue
        if token not in months:
            token = _month_form(token, months)
        thai = thai or _is_thai(token)
        if token in months:
            shape, values = shape + "M", [*values, str(months[token])]
        elif re.fullmatch(r"\d{4}", token):
            shape, values = shape + "Y", [*values, token]
        elif ordinal := _ORDINAL.match(token):
            shape, values = shape + "D", [*values, ordinal.group(1)]
        else:
            return None
    if shape not in _ORDERS:
        return None
    year, month, day = (values[i] for i in _ORDERS[shape])
    if thai and int(year) > 2400:
        year = str(int(year) - _BUDDHIST_ERA)
    return _day(year, month, day)


def _is_thai(token: str) -> bool:
    return "\u0e00" <= token[:1] <= "\u0e7f"


# WordPress: "Posted on March 3, 2026 by Maria Garcia", "Published by A on 3 March 2026", and
# as other languages write it: "Publié le 3 mars 2026 par …", "Veröffentlicht am 3. März 2026 von …"
POSTED_WORD = (
    r"(?:posted|published)(?: online)?(?: on)?|publi[ée]e? le|mis en ligne le|"
    r"date de publication|ver[öo]ffentlicht(?: am)?|erschienen(?: am)?|publikationsdatum|"
    r"publicad[oa](?: el| em| en)?|fecha de publicaci[óo]n|data (?:de )?publica[çc][ãa]o|"
    r"pubblicat[oa](?: il)?|data di pubblicazione|opublikowano|data publikacji|"
    r"gepubliceerd(?: op)?|publicerad|publisert|udgivet|julkaistu|yayınlandı|yayın tarihi|"
    r"опубликовано|опубліковано|публикувано(?: на)?|објављено|objavljeno|datum objave|"
    r"zveřejněno|publikováno|zverejnené|advertised(?: on)?|first published(?: on)?|"
    r"publicat(?: la| pe)?|data public[ăa]rii|közzétéve|megjelent|δημοσιεύθηκε|δημοσίευση|"
    r"diterbitkan(?: pada)?|dipublikasikan(?: pada)?|ngày đăng|đăng ngày|प्रकाशित(?: तिथि)?|"
    r"פורסם(?: ב)?|תאריך פרסום|تاريخ النشر|نشر في|تاریخ انتشار|เผยแพร่(?:เมื่อ)?"
)

# A date on a line of its own, maybe labelled: "Published: 12 November 2026", "Posted on …",
# "Publié le 12 novembre 2026", "Datum: 12.11.2026", "发布日期：2026年11月12日"
WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)

DATE_LABEL = re.compile(
    rf"^(?:(?:{POSTED_WORD})|date|datum|stand|fecha|data|tarih|дата|发布日期|发布时间|發布日期|"
    r"發佈時間|日期|작성일|등록일|"
    r"게시일|投稿日|公開日|掲載日|更新日)\s*[:：]?\s*",
    re.I,
)

SERIES = re.compile(
    r"^(?=.{0,80}$)(?:[^\d\n]{0,40}?\b(?:nr|no|n[º°o]|núm|num|issue|vol(?:ume)?|№)\.?\s*\d"
    r"|[^\n]{0,40}?\b\d{1,4}\s*(?:/\s*(?:19|20)\d\d|\|\s*\d{1,4})\b|.{0,30}第\s?\d+\s?[号號期])",
    re.I,
)
"""A publication series' line, with the issue's number: "Biuletyn nr 198 (2946)", "No. 2026-31",
"Comentario Elcano 52/2026", "IAI Commentaries 26 | 41"."""
_SERIES_DATE = re.compile(r"^(?P<series>.{2,60}?)(?P<mark>,|\s[-–—|·])\s+(?P<date>[^|·–—]{6,40})$")

_DATE_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y", "%b %d %Y"
)  # fmt: skip

_TIME_AFTER = re.compile(
    r"[\s,|·–-]+(?:at\s+|um\s+|à\s+|a las\s+|from\s+|klo\s+|kl\.?\s+|saat\s+|ore\s+|u\s+)?\d{1,2}(?:[:.h]\d{2}(?:\s*[ap]\.?m\.?)?|\s*[ap]\.?m\.?)"
    r"(?:\s*(?:[-–—]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?(?:\s*uhr)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|(?:GMT|UTC)\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)\)?)?$",
    re.I,
)
"""A time after the date ("March 5, 2026 10:42 AM GMT+1", "27.02.2026 15:40 Uhr", "November
3, 2026 10:15 am (EST)"), or an event's hours ("12 November 2026, 14:00 - 15:30 CET")."""

_AFTER_DATE = re.compile(
    r"\s*[|·•–—-]?\s*(?:"
    r"\d{1,3}\s*(?:min(?:ute)?s?\.?|minut(?:en|y|i|os|er)?|мин\.?|分)(?:\s+(?:read|lesezeit|de lecture|de lectura|"
    r"di lettura|de leitura|leestijd|czytania|чтения))?(?:\s+\w+)?"
    r"|(?:lesezeit|reading time|leestijd|czas czytania|tempo de leitura|tiempo de lectura|"
    r"tempo di lettura|timp de citire|olvasási idő|час читання|время чтения|temps de lecture)"
    r"\s*:?\s*\d{1,3}\s*\w*\.?"
    r"|(?:last\s+)?updated\b.*|aktualisiert\b.*|mis à jour\b.*|actualizado\b.*|aggiornato\b.*"
    r"|обновлено\b.*|\d+\s+(?:comments?|kommentare?|commentaires?|comentarios?|commenti|"
    r"комментари\w*|коментар\w*))$",
    re.I,
)
"""What a page writes after the date on its line: a reading or playing time ("November 23,
2026 · 41 min", "3. März 2026 | 5 Min. Lesezeit"), a count of comments, or a last update ("Nov 06, 2026 Updated 2
hours ago"), which `UPDATED_AFTER` reads."""

UPDATED_AFTER = re.compile(
    r"(?:(?:last\s+)?updated|aktualisiert|mis à jour|actualizado|aggiornato|обновлено)"
    r"(?: on| am| le| el| il)?\s*[:：]?\s*(?P<date>.{6,60})$",
    re.I,
)
"""The update a date line names after the date ("March 3, 2026 · Updated March 5, 2026")."""


_PLACE_WEEKDAY = re.compile(r",\s*(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s*", re.I)
"""A weekday between a dateline's place and its date ("Abuja, Friday, 4th December 2026")."""
_DAY_SPAN = re.compile(r"(?<!\d)(?P<first>\d{1,2})\.?\s*[–—-]\s*(?P<last>\d{1,2})(?!\d)")
"""The days of an event over several ("20–21 January 2027", "January 20-21, 2027")."""
_LONGEST = 120
_YEAR = re.compile(r"\d{4}")


@lru_cache(maxsize=4096)  # the scrape importer asks again about the same lines
def parse_date(text: str) -> date | None:
    """A date as pages write them ("March 1, 2026", "1 Mar 2026", "2026-03-01", "1er mars
    2026", "12. November 2026", "12 ноября 2026 г.", "2026年3月1日"), maybe with a time after
    it; None for anything else (no guessing: 03/01/2026 is no date)."""
    if len(text) > _LONGEST:  # a paragraph, not a date (and no time spent reading it as one)
        return None
    text = _PLACE_WEEKDAY.sub(", ", DATE_LABEL.sub("", text.strip()))  # "Abuja, Friday, 4th …"
    found = _date_of(text)
    if found is None and (span := _DAY_SPAN.search(text)):  # "20–21 January 2027": its first day
        found = _date_of(text[: span.start()] + span["first"] + text[span.end() :])
    if found is None and (after := _AFTER_DATE.search(text)) and after.start() > 0:
        text = text[: after.start()]  # "November 23, 2026 · 41 min": the date before it
        found = _date_of(text)
    if found is None and (time := _TIME_AFTER.search(text)) and time.start() > 0:
        found = _date_of(text[: time.start()])
    if found is None and (either := _EITHER.fullmatch(text)):
        found = _one_of(either["first"], either["second"])
    if found is None and ("·" in text or "|" in text):  # "Received … · Accepted … · Published …"
        found = next(
            (parse_date(p) for p in re.split(r"\s*[·|]\s*", text) if _POSTED.match(p)), None
        )
    if (
        found is None
        and (series := _SERIES_DATE.match(text))
        and _names_a_series(series["series"], series["mark"].strip() in {"|", "·"})
    ):
        found = parse_date(series["date"])  # "Biuletyn nr 198 (2946), 2 grudnia 2026"
    return found


_POSTED = re.compile(rf"^(?:{POSTED_WORD})\b", re.I)
_EITHER = re.compile(r"(?P<first>[^/()]{6,50}?)\s*(?:/\s*|\(\s*)(?P<second>[^/()]{6,50}?)\s*\)?")
"""A date written twice, in two languages or calendars: "December 11, 2026 / 11 décembre
2026", "۱۲ آذر ۱۴۰۵ (۳ دسامبر ۲۰۲۶)" (the solar hijri date, then the Gregorian)."""


def _one_of(first: str, second: str) -> date | None:
    """The date both halves write, or the one half that is a date (the other in a calendar
    not read); None when they are two dates."""
    dates = {found for half in (first, second) if (found := parse_date(half)) is not None}
    return dates.pop() if len(dates) == 1 else None


def _names_a_series(text: str, bar: bool) -> bool:
    """Whether `text`, before a date on its line, names a series or a section: with the issue's
    number, or in three words or fewer that end no sentence, set off by a bar ("Commentary |
    25 November 2026") or with a word in lower case ("Kurz gesagt, 27.11.2026"; not "Max
    Muster, 3. März 2026", a byline)."""
    words = text.split()
    numbered = re.fullmatch(r"(?:issue|no\.?|nr\.?|vol(?:ume)?\.?)\s*#\s?\d{1,4}", text, re.I)
    return (
        SERIES.match(text) is not None
        or numbered is not None
        or (
            0 < len(words) <= 3
            and not text.endswith((".", ":", "!", "?"))
            and text[0].isupper()
            and (bar or len(words) == 1 or any(w[0].islower() for w in words[1:]))
        )
    )  # (one word before a comma: the place, "Wien, 27. November 2026")


def last_day(text: str) -> date | None:
    """The last day of a span of days ("20–21 January 2027": the 21st), or None."""
    text = DATE_LABEL.sub("", text.strip())
    span = _DAY_SPAN.search(text)
    if span is None:
        return None
    return _date_of(text[: span.start()] + span["last"] + text[span.end() :])


def _date_of(text: str) -> date | None:
    english = WEEKDAY.sub("", text)
    english = " ".join(english.replace(".", " ").split()).strip(" ,")
    # Every format has %Y, four digits: without them none can match, and strptime, whose
    # cache holds fewer formats than these, would compile them all again on each line.
    for pattern in _DATE_FORMATS if _YEAR.search(english) else ():
        try:
            return datetime.strptime(english, pattern).date()
        except ValueError:
            continue
    return parse_date_words(text)


_YEAR_TOKEN = re.compile(r"^(?:19|20)\d\d[.,;:)]?$")


def date_in(text: str) -> date | None:
    """The first date a sentence writes ("Join us on Thursday 21 January 2027, 14:00 …"):
    the words up to each year, read as a date by `parse_date`."""
    words = text.replace("*", "").split()
    for end, word in enumerate(words):
        if not _YEAR_TOKEN.match(word):
            continue
        for start in range(max(0, end - 4), end):
            found = parse_date(" ".join(words[start : end + 1]).rstrip(".,;:)"))
            if found is not None:
                return found
    return None


def labelled_date(line: str) -> date | None:
    """The date of a line that says it is the publication's ("Posted: December 4, 2026",
    "등록일 2026.12.04"); None for a date without a label, or no date."""
    return parse_date(line) if DATE_LABEL.match(line) else None


def posted_date(line: str) -> date | None:
    """The date of a line that says when the piece was published or posted ("Published 11
    December 2026 · Last updated 15 December 2026", "Publié le 3 mars 2026"); None for any
    other label ("Date:", an event's) or none."""
    return parse_date(line) if _POSTED.match(line) else None
