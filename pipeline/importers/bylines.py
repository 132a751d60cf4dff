"""Bylines as pages write them: "By A and B · 1 March 2026", "Posted on … by …", "Par …",
"Автор: …", "作者：…", names on a line of their own, and the roles and honorifics around them."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import pairwise

from pipeline.importers.dates import DATE_LABEL, POSTED_WORD, parse_date
from pipeline.importers.words import ends_sentence, word_count

# "By Jane Doe · March 1, 2026", "By Jane Doe, John Smith and Ann Lee", "Par Marie Dupont | 1 mars"
BYLINE = re.compile(
    r"^(?:(?:(?:written |interviewed |interview |reviewed |words |hosted |presented |posted |"
    r"published |(?:report )?prepared |compiled )?by|"
    r"authors?:|author\(s\):|"
    r"autor(?:in(?:nen)?|en|es|a|as|zy|ka|ii)?:|autor\(?es\)?:|auteur(?:e|s|es|\(s\))?\s?:|"
    r"autori:|"
    r"yazar(?:lar)?:|yazan:?|författare:|forfatter:|af|av|kirjoittaja(?:t)?:|szerző(?:k)?:|"
    r"συγγραφ(?:έας|είς|έων)?:|αυτορ:|аутор(?:и|ка)?:|автор(?:ы|и|ка)?:|tác giả:|लेखक:|"
    r"نویسنده(?:گان)?:|von|par|por|di|door|بقلم:?|โดย|ผู้เขียน:?)\s+|"
    r"(?:作者|著者|執筆者|저자|필자|글|penulis|oleh)\s*[:：]\s*|מאת\s+|(?:작성자|글쓴이|필자|글)\s*[:：]?\s+)(?P<rest>.{2,240})$",
    re.I,
)

_BY_WORD = r"(?:by|par|von|por|da|di|door|автор)"

_META_AUTHOR = re.compile(r"(?:^|\s)(?:作者|撰文|文)\s*[:：]\s*(?P<names>[^\s:：]{2,30})(?=\s|$)")
_META_DATE = re.compile(r"(?:发布时间|发布日期|日期|时间|發佈時間)\s*[:：]\s*(\S{6,20})")
"""A Chinese CMS's line of "label：value" pairs under the title: source, author, date, views."""

POSTED = re.compile(
    rf"^(?:{POSTED_WORD})\s+(?P<date>.{{6,40}}?)\s+{_BY_WORD}\s+(?P<names>.{{2,200}})$|"
    rf"^(?:posted|published)\s+by\s+(?P<names2>.{{2,200}}?)\s+on\s+(?P<date2>.{{6,40}})$",
    re.I,
)

_BYLINE_PARTS = re.compile(r"\s*[|·•–—]\s*")

_AND = r"and|And|AND|und|et|y|e|en|i|и"
_NAME_SEPARATORS = re.compile(
    rf"\s*(?:,|;|&|、|，)\s*(?:(?:{_AND})\s+)?|\s+(?:{_AND})\s+"
)  # (case kept: "Michael E. O'Hanlon" is one name)
_MORE_AND = rf"{_AND}|і|та|και|és|ja|och|og|ve|oraz|și|dan|và|और|و|및|และ"
_LABELLED_SEPARATORS = re.compile(
    rf"\s*(?:,|;|&|、|，|・|與|和)\s*(?:(?:{_MORE_AND})\s+)?|\s+(?:{_MORE_AND})\s+"
    r"|\s+و(?=د\.)"  # Arabic's "and" joined to the next name's "Dr." ("ود. ليلى")
)
"""After a label ("Szerző:", "Συγγραφέας:", "By"), the "and" of more languages too: a line of
names without one may be a title ("… Denklemi ve Montrö Sözleşmesi"). ("Dan" is no "dan".)"""

ROLE = re.compile(
    r"\b(?:(?:senior |junior |non-?resident |visiting )?(?:fellow|researcher|analyst|associate)|"
    r"director|professor|editor|correspondent|contributor|staff|intern|chair|president|"
    r"head of .*|programme|program|manager|coordinator|expert|guest author|officer|lecturer|"
    r"scientist|advis[eo]r|specialist|consultant|founder|spokes(person|man|woman)|dean|"
    r"chercheur|chercheuse|wissenschaftler(in)?|investigador(a)?|ricercat(ore|rice)|"
    r"директор|научный сотрудник|эксперт|исследователь|профессор|аналитик|"
    r"директорка|науковий співробітник|аналітик)s?\b",
    re.I,
)
"""What follows a name in a byline ("By Jane Doe, Senior Fellow") is the person's role."""
_LOWER_ROLE = re.compile(
    r"^(?:asociad[oa]|investigador[a]?|profesor[a]?|director[a]?|directeur|directrice|"
    r"chercheur|chercheuse|professeur|ma[îi]tre|charg[ée]e?|responsable|analista|consultor[a]?|"
    r"coordinador[a]?|coordinat(?:eur|rice)|asesor[a]?|especialista|pesquisador[a]?|"
    r"ricercat(?:ore|rice)|docente|membre|miembro|experto|experta|becari[oa]|doctorant[e]?|"
    r"(?:senior)?forsk(?:er|are)|analytiker|r[åa]dgiv(?:er|are)|onderzoeker|medewerker|lektor|"
    r"direkt(?:ø|o)r|profesor|uzman|araştırmacı|výzkum\w*|analyti\w*)\b"
)
"""A role as French, Spanish, Italian, Portuguese, the Nordic languages, Dutch, Turkish and
Czech write it, in lower case after the name."""


@lru_cache(maxsize=4096)  # asked again about the same lines, as `parse_date` is
def byline(line: str, bare: bool = False) -> tuple[tuple[str, ...], date | None] | None:
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
    if match is None and (
        meta := _META_AUTHOR.search(line)
    ):  # "来源：文汇报  作者：李明远  发布时间：…"
        dated = _META_DATE.search(line)
        return tuple(re.split(r"[、，,]", meta["names"])), parse_date(dated[1]) if dated else None
    if match is None:
        return None
    cjk_names = []  # "작성자 정민호 선임연구위원": the name, not the role; "A 연구위원 및 B 연구원"
    for part in re.split(r"\s+(?:및|과|와|与|與|和)\s+|\s*[、，,]\s*", match["rest"]):
        cjk = _CJK_BYLINE.match(part) or _CJK_BYLINE_ONE.match(part)
        if cjk is None or not _CJK_ROLE.search(cjk["role"] or cjk["role2"] or ""):
            break
        cjk_names.append(cjk["name"])
    else:
        return tuple(cjk_names), None
    names_part, *rest = _BYLINE_PARTS.split(match["rest"])
    when, more = None, []  # after "|" or "·": the date, or more names ("A, Fellow | B, Fellow")
    for part in rest:
        if when is None and (found := parse_date(part)) is not None:
            when = found
        elif _names_in(part):
            more.append(part)
    if not rest:  # "By Jane Doe, March 1, 2026", "作者：李明 发布时间：2026年3月12日": the date
        # after the first comma or space from which the rest reads as one
        cuts = [
            (m.start(), found)
            for m in re.finditer(r"[,\s]", names_part)
            if (found := parse_date(names_part[m.start() + 1 :])) is not None
        ]  # the first that leaves a name of two words or more ("Max Muster, 3. März 2026",
        # not "Max" and "Muster, 3. März 2026", which reads as a place and its date)
        chosen = next((c for c in cuts if len(names_part[: c[0]].split()) >= 2), None)
        if chosen := chosen or (cuts[0] if cuts else None):
            names_part, when = names_part[: chosen[0]], chosen[1]
    label = DATE_LABEL.match(names_part.strip())
    if (
        ":" in names_part
        or "：" in names_part
        or (label and label.end() >= len(names_part.strip()))
    ):
        return None  # a label's line ("Date: Thursday, 16 April 2026", "Publié le …"), no byline
    # "By Jane Doe, a senior fellow at the Center for Global Security Studies.": who she is
    names_part = re.split(r",\s+(?:a|an|the|who|is)\s+", names_part, maxsplit=1)[0]
    if re.search(r"[^A-Z][.!?;:]$", names_part.strip()):
        return None  # a sentence
    separators = _NAME_SEPARATORS if bare else _LABELLED_SEPARATORS
    names = [
        n for part in (names_part, *more) for n in _split_names(_without_roles(part), separators)
    ]
    if not names:
        return None  # nobody
    people = [n for n in names if not ROLE.search(n)]
    if not people and all(len(n.split()) <= 3 for n in names):
        return (), when  # "By Staff": a byline that names nobody
    if len(people) > 1:  # "By Jane Doe, Senior Fellow, VCDNP": the acronym is her employer's
        people = [n for n in people if not _ACRONYM.fullmatch(n)] or people
    names = people or names
    # "Por Mariana Ortiz Saldaña, asociada del COMEXI": a role in lower case, after the name
    names = [n for n in names if not _LOWER_ROLE.match(n)] or names
    if not all(_is_name(n) for n in names):
        return None
    return tuple(names), when


HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|professor|ambassador|amb|mr|mrs|ms|mx|doç|doc|mgr|mag|ing|dipl\.-ing|"
    r"univ\.-prof|priv\.-doz|hab|dra|lic|licda?|col|gen|lt|maj|capt|cdr|adm|brig|sir|"
    r"δρ|др|доц)\.?|دکتر|د(?=\s)|\((?:ret|retd|retired|a\. ?d)\.?\)|أ\.\s?د\.|د\.|الدكتورة?|"
    r"السفيرة?|ד\"ר|פרופ'|проф\.|д-р)"
    r"\s+(?=\S)|^(?:ผศ\.|รศ\.|ศ\.|ดร\.)+\s*(?=\S)",  # Thai's, joined to the name
    re.I,
)

_NAME_LABEL = re.compile(
    r"^(?:(?:written )?by\s+|(?:authors?|autor(?:in|en|es|a|as|zy|ka)?|auteur(?:e|s|es)?|autori|"
    r"автор(?:ы|и|ка)?|作者|著者|執筆者|저자|필자)(?:\s*[:：]\s*|\s+(?=\w)))",  # (an extractor drops ":")
    re.I,
)
_ROLE_IN_BRACKETS = re.compile(r"\s*[（(][^（）()]*[）)]?\s*$")


_ROLE_AFTER = re.compile(
    r"\s+(?:host|co-?host|moderator|presenter|producer|interviewer|guest)$", re.I
)
"""A podcast's role after the name ("Rebecca Thorne Host", run together from two spans)."""


def person_name(text: str) -> str:
    """An author as a page's or a feed's metadata names her, without a label ("Author: "),
    honorifics ("Prof. Dr. Hans Müller") or a role or affiliation in brackets ("山田 花子
    （主任研究員）", "Jane Doe (CNS)", a bracket the page left open)."""
    name = _without_titles(_NAME_LABEL.sub("", text.strip()))
    name = _ROLE_IN_BRACKETS.sub("", name) or name
    if len(name.split()) >= 3:
        name = _ROLE_AFTER.sub("", name)
    if name.isupper() and re.fullmatch(r"[A-ZÀ-ÞĀ-ſ'’. -]+", name):
        name = re.sub(r"[^\W\d_]+", lambda w: w[0].capitalize(), name.lower())  # "STEPHANIE BAUER"
    return name


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.-]+")


def _split_names(part: str, separators: re.Pattern[str] = _NAME_SEPARATORS) -> list[str]:
    """The names of a byline's part, honorifics dropped ("Dr Helena Marsh": Helena Marsh)."""
    names = [n.strip() for n in separators.split(part) if n.strip()]
    return [_without_titles(n) for n in names if not _DEGREE.fullmatch(f" {n}")]  # ("Ph.D.")


def _without_roles(part: str) -> str:
    """`part` of a byline without the roles set off by commas ("Dr Léa Fontaine, Head of Arms
    Control and Disarmament, GCSP"), whose "and" would split them into names; as it was where
    that leaves no name."""
    chunks = re.split(r"\s*[,;]\s*", part)
    kept = [c for c in chunks if not (ROLE.match(c) or ROLE.match(re.sub(r"^(?:and|&)\s+", "", c)))]
    return ", ".join(kept) if kept and len(kept) < len(chunks) else part


_DEGREE = re.compile(
    r",?\s+(?:ph\.?\s?d\.?|d\.?phil\.?|m\.?a\.?|m\.?sc\.?|mba|ll\.?m\.?|csc\.|"
    r"m\.\s?si\.?|s\.\s?e\.?|m\.\s?m\.?|s\.\s?ip\.?|s\.\s?h\.?|m\.\s?h\.?|s\.\s?sos\.?|"
    r"m\.\s?hum\.?|s\.\s?t\.?|m\.\s?t\.?)$",
    re.I,
)
"""A degree after a name ("Mgr. Tereza Vondráčková, Ph.D.")."""


def _without_titles(name: str) -> str:
    """`name` without its honorifics, however many ("Doç. Dr. Elif Kaya": Elif Kaya), and a
    degree after it."""
    while (title := HONORIFIC.match(name)) is not None:
        name = name[title.end() :]
    return _DEGREE.sub("", name)


def _is_name(name: str) -> bool:
    return len(name.split()) <= 5 and name_initial(name[0]) and not re.search(r"\d", name)


def _names_in(part: str) -> bool:
    """A byline's part after "|" names people ("Oliver Grant, Senior Policy Fellow"), not a
    reading time or a section ("7 min read", "sometime next spring")."""
    names = _split_names(part)
    people = [n for n in names if not ROLE.search(n)]
    return bool(people) and all(
        _is_name(n) and len(n.split()) >= 2 and _capitalised(n) for n in people
    )  # (not a category: "Calls for Papers")


def name_initial(letter: str) -> bool:
    """A capital, or a letter of a script without capitals (李, أ)."""
    return letter.isupper() or (letter.isalpha() and not letter.islower())


def names_line(block: str, after: str) -> bool:
    return byline(block) is not None or bare_byline(block, after) is not None


def is_role(text: str) -> bool:
    """A person's role, not a name ("Diplomatic Correspondent", "Senior Fellow")."""
    return len(text.split()) <= 6 and ROLE.search(text) is not None


def names_beside_roles(block: str) -> tuple[str, ...]:
    """The names a line gives each with a role after it ("Nosipho Dlamini, Researcher, ISS
    Pretoria, and Emmanuel Okoro, Senior Researcher, ISS Abuja": the two people, not where
    they work)."""
    chunks = [re.sub(r"^(?:and|&)\s+", "", c) for c in re.split(r"\s*[,;]\s*", block)]
    return tuple(
        _without_titles(chunk)
        for chunk, after in pairwise(chunks)
        if ROLE.match(after) and names_people(_without_titles(chunk))
    )


def is_role_beside(block: str) -> bool:
    """A name with the role after a comma ("Dr Samir Haddad, Associate Fellow, GCSP")."""
    head, comma, rest = block.partition(",")
    return (
        bool(comma)
        and names_people(_without_titles(head.strip()))
        and bool(ROLE.match(rest.strip()))
    )


def role_line(block: str) -> bool:
    """A person's role on a line of its own, under the name ("Senior Fellow, Nuclear Policy")."""
    words = len(block.split())
    at_start = ROLE.match(block) is not None  # "Chercheuse, responsable du programme …"
    return (
        (words <= 10 or (at_start and words <= 20))
        and bool(ROLE.search(block))
        and not (block.endswith("."))
    )


_SECTION_WORDS = re.compile(
    r"^(?:what|why|how|when|where|who|which)\b|"
    r"\b(?:summary|takeaways?|points|findings|brief|introduction|background|overview|context|"
    r"contents|highlights|abstract|conclusions?|recommendations|analysis|insights?)\b",
    re.I,
)
"""Words of a section's heading at the top of the text, never of a name ("Key Takeaways")."""


_CJK_ROLE = re.compile(
    r"所長|所长|研究員|研究员|教授|理事長|理事长|センター長|部長|主任|院長|院长|主幹|"
    r"연구위원|부소장|소장|연구원|교수|박사|원장|실장|센터장|研究官|研究委員|委员|委員"
)
"""A role in Chinese, Japanese or Korean ("所長", "主任研究員", "부소장")."""

_HAN = r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff々]"
_CJK_BODY = re.compile(
    r"(研究所|研究院|研究部|大学|大學|中心|センター|財団|基金会|基金會|연구소|연구원|대학교)$"
)
"""An institution's name in Chinese, Japanese or Korean (no person's)."""
_CJK_ROLE_BESIDE = r"\s*(?:[（(](?P<role>[^（）()]{1,60})[）)]|\s(?P<role2>[^\s（）()].{1,40}))$"
_CJK_BYLINE = re.compile(rf"^(?P<name>{_HAN}{{1,3}}[ 　]{_HAN}{{1,3}}){_CJK_ROLE_BESIDE}")
_CJK_BYLINE_ONE = re.compile(rf"^(?P<name>{_HAN}{{2,5}}|[\uac00-\ud7a3]{{2,4}}){_CJK_ROLE_BESIDE}")
"""A name in Chinese, Japanese or Korean with the role beside it, in brackets or after it
(the family and given names a space apart, "山田 太郎", or not)."""
_CJK_NAME = rf"(?:{_HAN}{{1,3}}[ 　]{_HAN}{{1,3}}|{_HAN}{{2,4}}|[\uac00-\ud7a3]{{2,4}})"
_CJK_NAMES = re.compile(rf"^{_CJK_NAME}(?:\s*[、，,]\s*{_CJK_NAME})*$")
"""Names alone in Chinese, Japanese or Korean ("赵文涛", "山田 太郎、李明")."""


def names_people(name: str) -> bool:
    """A name as a line of names writes it: two to four capitalised words, no place or topic."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and _capitalised(name)
        and not _PLACE_WORDS & {w.lower() for w in words}
        and not any(_CJK_ROLE.search(w) or _CJK_BODY.search(w) for w in words)
        and not ORGANISATION.search(name)  # ("Ankara Güvenlik ve Dış Politika … Merkezi")
    )


def bare_byline(
    block: str, after: str, under_title: bool = False
) -> tuple[tuple[str, ...], date | None] | None:
    """Names on a line of their own, as many pages show the authors ("Michael O'Hanlon and
    Priya Raman", "Dr Helena Marsh" over her role): read as a byline when it names two people
    or more, or one with an honorific, or one whose role or a date follows, or one between
    the title, its date or standfirst (`under_title`) and the first paragraph of the text
    ("Kartik Rao" over "On 2 November 2026, India conducted …"), unless it names a section
    ("Key Takeaways")."""
    if len(block) > 160 or block.endswith((".", "!", "?", ":", ";")) or BYLINE.match(block):
        return None
    if after and BYLINE.match(after) and byline(after) is not None:
        return None  # the title over its byline ("… Denklemi ve Montrö Sözleşmesi", "Yazar: …")
    tokens = block.split()
    # "國家安全研究所 助理研究員 陳怡君", "政策研究部 … 主任研究官 山口 亮介": where she works, her
    # role, then her name (in one word, or family and given names)
    for size in (2, 1):
        name, before = tokens[-size:], tokens[:-size]
        if (
            before
            and all(
                re.fullmatch(rf"{_HAN}{{1,3}}" if size == 2 else rf"{_HAN}{{2,4}}", n) for n in name
            )
            and _CJK_ROLE.search(before[-1])
        ):
            return (" ".join(name),), None
    if under_title and _CJK_NAMES.match(block) and parse_date(after) is not None:
        return tuple(re.split(r"\s*[、，,]\s*", block)), None  # "赵文涛" over "2026年11月18日"
    for cjk in filter(None, (_CJK_BYLINE.match(block), _CJK_BYLINE_ONE.match(block))):
        role = cjk["role"] or cjk["role2"] or ""  # "戸﨑洋史（… 所長）", "정성장 세종연구소 부소장"
        if _CJK_ROLE.search(role) or ROLE.search(role):
            return (cjk["name"],), None
    dated, *rest = _BYLINE_PARTS.split(block, maxsplit=1)
    if rest and (day := parse_date(dated)) and (named := byline(f"By {rest[0]}")) and named[0]:
        if all(names_people(n) for n in named[0]):
            return (named[0], day)  # "November 19, 2026 · Jenny Town and Peter Makowsky"
        return None
    # "SATO Kenichi (Senior Research Fellow, The Japan Institute of International Affairs)"
    roles = re.findall(r"\s*\(([^()]*)\)", block)
    in_brackets = bool(roles) and all(ROLE.search(r) for r in roles)
    if in_brackets:
        block = re.sub(r"\s*\([^()]*\)", "", block)
    found = byline(f"By {block}", bare=True)
    if found is None or not found[0]:
        return None
    names = found[0]
    if not all(names_people(n) for n in names):  # ("North Korea and South Korea": no one)
        return None
    evidence = (
        len(names) >= 2
        or HONORIFIC.match(block) is not None
        or in_brackets
        or ROLE.search(block) is not None  # "Cha Min-ho, Research Fellow": her role beside her
        or role_line(after)
        or parse_date(after) is not None
        or found[1] is not None
        or (under_title and len(names) == 1 and lone_name(after))  # a name over another
        or (
            under_title
            and word_count(after) >= 12
            and ends_sentence(after, "”", '"')
            and not _SECTION_WORDS.search(block)
        )
    )
    return found if evidence else None


_TITLE_WORDS = frozenset(
    {"what", "why", "how", "when", "where", "who", "which", "next", "new", "now", "after",
     "before", "beyond", "the", "a", "an", "of", "in", "on", "at", "for", "to", "from", "with",
     "and", "or", "is", "are", "was", "will", "can", "must", "should", "our", "your", "its",
     "this", "that", "these", "comes", "goes", "matters", "ahead", "part", "chapter", "notes"}
)  # fmt: skip
"""Words of a heading's, not of a person's name."""


def lone_name(block: str) -> bool:
    """A person's name alone on its line ("Lisa Morgenstern"): as podcasts list their hosts,
    one a line, under the title."""
    if len(block) > 60 or block.endswith((".", "!", "?", ":", ";")) or not names_people(block):
        return False
    if _TITLE_WORDS & {w.lower() for w in block.split()}:
        return False  # "What Comes Next": a heading
    found = byline(f"By {block}", bare=True)
    return found is not None and len(found[0]) == 1 and found[0][0] == _without_titles(block)


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


ORGANISATION = re.compile(
    r"\b(forum|institute|institut|centre|center|university|universit[ée]|universidad|office|"
    r"press|agency|council|foundation|stiftung|programme|program|association|network|society|"
    r"initiative|project|group|committee|commission|school|college|department|ministry|review|"
    r"journal|news|media|magazine|team|editors|editorial|newsroom|studies|affairs|policy|"
    r"security|strategy|strategic|research|laboratory|observatory|bureau|secretariat|mission|"
    r"embassy)\b|"
    r"\b(merkez[iı]?|enstitü(sü)?|vakf[ıi]|derneği|üniversitesi|intézet|központ|egyetem|"
    r"instituutti|keskus|yliopisto|κέντρο|ινστιτούτο|ίδρυμα|πανεπιστήμιο|форум|центар|центр|"
    r"институт|інститут|фонд|universitas|lembaga|pusat|viện|trung tâm|ośrodek|instytut|"
    r"fundacja|fundação|fundación|fondazione|istituto|instituto|institutul|centro|centrul|"
    r"stichting|instituut|"
    r"zentrum|gesellschaft|verein)(?!\w)|"
    r"مرکز|موسسه|پژوهشکده|دانشگاه|مركز|معهد|جامعة|ศูนย์|สถาบัน|มหาวิทยาลัย|संस्थान|केंद्र|परिषद|"
    r"מכון|מרכז|研究所|研究院|研究中心|大学|大學|센터|연구원|연구소",
    re.I,
)
"""A word that names an organisation, never a person."""

_PLACE_WORDS = frozenset(
    {"korea", "china", "russia", "iran", "japan", "india", "pakistan", "israel", "ukraine",
     "europe", "america", "africa", "asia", "states", "union", "nations", "republic", "kingdom",
     "east", "west", "north", "south", "treaty", "agency", "council", "forces", "security",
     "caribbean", "latin", "middle", "pacific", "atlantic", "central", "global", "relations",
     "law", "policy", "affairs", "studies", "control", "energy", "international", "foreign",
     "nuclear", "defense", "defence", "economy", "economics", "climate", "technology",
     "programs", "programmes", "centers", "centres", "experts", "issues", "regions", "topics",
     "research", "events", "podcasts", "publications", "institute", "center", "centre",
     "governance", "trade", "development", "health", "cyber", "space", "weapons", "arms",
     "military", "democracy", "rights", "diplomacy", "politics", "strategy", "intelligence",
     "terrorism", "migration", "finance", "news", "media", "initiatives", "projects",
     "press", "releases", "coverage", "meetings", "statements", "speeches", "reports",
     "resources", "documents", "library", "videos", "multimedia", "careers", "jobs", "contact",
     "about", "home", "search", "analysis", "commentary", "opinion", "insights", "data"}
)  # fmt: skip
"""Words of places, bodies and a site's sections ("Foreign Relations & International Law"),
never of a person's name."""


def _capitalised(name: str) -> bool:
    """Every word of a person's name starts with a capital (bar "van", "de", "bin"…)."""
    return all(name_initial(w[0]) or w.lower() in _PARTICLES for w in name.split())


_PLACEHOLDER = re.compile(
    r"^(?:guest(?: user| author| contributor)?|unknown(?: author)?|anonymous|admin(?:istrator)?|"
    r"editor|webmaster|staff|user\s?\d*|author|all posts|view all posts|more posts|"
    r"(?:la |die |the )?(?:redazione|r[ée]daction|redacci[óo]n|reda[çc][ãa]o|redaktion|redakcja|"
    r"redactie|redakce|szerkesztőség|редакция|редакція|редакција)(?: [\w&.' -]{1,40})?|"
    r"[\w&.' -]{1,40} (?:events|team|editorial(?: team)?|communications|web ?team|newsroom))$"
    r"|^(?=[a-z0-9_.-]*[_.\d])[a-z0-9_.-]{2,40}$"  # a login name: "cpi_editor", "jdoe2"
    r"|^[a-z]{0,12}(?:editor|admin|master|staff)$",  # "webeditor", "siteadmin"
    re.I,
)


def is_placeholder(name: str) -> bool:
    """A CMS's stand-in for an author ("Guest User", "Unknown", "admin"), its author box's
    button ("All posts"), or a department ("BDRC Events", "Comms Team"): nobody to credit."""
    return _PLACEHOLDER.match(name.strip()) is not None
