"""Small per-language word lists the drafts need to read structure, not to score content.

- dependent openers: a sentence that starts with a pronoun or a connective leans on the one
  before it ("He added:", "Each was deferred…", "Still, …"), so it cannot open a post;
- modal verbs (and verbs of recommending): a sentence that says what should happen is a
  recommendation;
- concessive openers ("While …,"), connectives a cleaned sentence drops at its start
  ("Moreover, …"), back-references inside a sentence (", in this regard"), interview labels
  ("Q:") and honorifics ("Ms. Kane": a view attributed to a named person);
- boilerplate: page chrome an importer may leave ("You may also like…", "See tweets :");
- form words: which link of a notice is the registration or application form;
- the author credit ("By A and B") and a notice's labels ("Register: …", "Deadline: …").
Languages without a list (English is the fallback for unknown ones) get the English one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache


@dataclass(frozen=True)
class Words:
    dependent: re.Pattern[str]
    modal: re.Pattern[str]
    boilerplate: re.Pattern[str]
    form: re.Pattern[str]
    month: re.Pattern[str]
    by: str
    and_: str
    others: str = "{n} others"
    """The authors a shortened credit leaves out ("By A, B and 5 others")."""
    register: str = "Register"
    apply: str = "Apply"
    deadline: str = "Deadline"
    and_before_i: str | None = None
    """`and_` before a name that starts with an "i" sound, where the language changes it
    (Spanish "y" becomes "e": "Ana e Isabel")."""
    concession: re.Pattern[str] = re.compile(r"(?!)")
    leading_connective: re.Pattern[str] = re.compile(r"(?!)")
    """Dropped at the start of a sentence (only where the language needs no other change)."""
    inner_backreference: re.Pattern[str] = re.compile(r"(?!)")
    speaker_label: re.Pattern[str] = re.compile(r"^(?:Q|A)\s*:\s+(?=\S)")
    honorific: re.Pattern[str] = re.compile(r"(?!)")
    """An honorific before a capitalised surname: the sentence reports a named person."""
    inner_pronoun: re.Pattern[str] = re.compile(r"(?!)")
    """A demonstrative standing for something said before, inside the sentence ("can change
    this without amending the treaty"): it leans on an earlier sentence as an opener does."""


EN_TITLES = ("Mr.", "Ms.", "Mrs.", "Mx.", "Dr.", "Prof.")
"""The English honorifics before a surname (here, and for full names in `names.py`)."""


def _alternatives(words: str) -> str:
    """`a|b c` as regex alternatives, each literal ("b c" matching any run of spaces)."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words.split("|"))


def _start(words: str) -> re.Pattern[str]:
    alternatives = _alternatives(words)
    return re.compile(rf"^[\"'“‘(]*(?:{alternatives})(?![\w’'-])", re.I)


def _dated(months: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})\b|\b(?:{months})\s+\d{{1,2}}\b", re.I
    )


def _connective(words: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternatives(words)})\s*,\s*", re.I)


def _concession(words: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{_alternatives(words)})\b", re.I)


def _honorific(words: str) -> re.Pattern[str]:
    alternatives = _alternatives(words)
    name = r"[A-ZÀ-Þ][\w'’-]+"
    return re.compile(rf"(?<![\w.])(?:{alternatives})\s+{name}(?:\s+{name})?")


_FIRST_WORDS: dict[str, tuple[str, ...]] = {}
"""By `_any` pattern: the first word of each alternative, lower-cased. An ASCII text without any
of them has no match (`re.I` pairs an ASCII letter with its other case only, and with a few
non-ASCII letters, such as "ſ", that an ASCII text does not hold)."""


def _any(words: str) -> re.Pattern[str]:
    alternatives = _alternatives(words)
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)
    _FIRST_WORDS[pattern.pattern] = tuple(w.split()[0].lower() for w in words.split("|"))
    return pattern


def any_word(pattern: re.Pattern[str], text: str) -> bool:
    """`pattern.search(text) is not None` for an `_any` pattern, without the search when an ASCII
    text holds none of its words (the search costs ~30 µs a sentence)."""
    first = _FIRST_WORDS.get(pattern.pattern)
    if first is not None and text.isascii():
        lowered = text.lower()
        if not any(word in lowered for word in first):
            return False
    return pattern.search(text) is not None


_LANGUAGES: dict[str, Callable[[], Words]] = {
    "en": lambda: Words(
        dependent=_start(
            "he|she|it|they|him|her|them|his|its|their|this|that|these|those|such|each|both|"
            "either|neither|none|another|the other|the latter|the former|here|still|however|"
            "also|but|and|or|yet|so|then|thus|hence|therefore|moreover|furthermore|besides|"
            "additionally|in addition|nevertheless|nonetheless|instead|otherwise|meanwhile|"
            "indeed|likewise|similarly|as a result|for this reason|asked|in this|in that|"
            "at the same time|even so|after all|by contrast|in contrast|on the other hand|"
            "he added|she added|they added|the first is|the second is|the third is|the last is|"
            "the first was|the second was|the third was|the others|the rest|other|others"
        ),
        modal=_any(
            "should|must|ought to|need to|needs to|urge|urges|urged|call on|calls on|called on|"
            "call for|calls for|called for|recommend|recommends|recommended|propose|proposes|"
            "proposed"
        ),
        boilerplate=re.compile(
            r"^(you may also like|see tweets|share (this|on)|related (posts|articles)|read more|"
            r"subscribe( to)?|sign up for|follow us|click here|tags?:|filed under|print this|"
            r"back to top|cookies?\b|leave a (reply|comment))",
            re.I,
        ),
        form=_any("register|registration|apply|application|form|sign up|rsvp|portal|submit"),
        month=_dated(
            "january|february|march|april|may|june|july|august|september|october|november|december"
        ),
        by="By",
        and_="and",
        concession=_concession("while|although|though|whereas"),
        leading_connective=_connective(
            "in this regard|in this respect|in this context|in this sense|in that regard|"
            "in that respect|to this end|to that end|in addition|additionally|moreover|"
            "furthermore|also|as such|meanwhile|hence|thus|therefore|however|nevertheless|"
            "nonetheless|likewise|similarly|indeed|in turn|for this reason|consequently|"
            "that said|accordingly|then"
        ),
        inner_backreference=re.compile(r",?\s+in (this|that) (regard|respect|context)\b", re.I),
        honorific=_honorific("|".join(EN_TITLES)),
        # "this/these/those" followed by no noun: by punctuation, the end, or a word that
        # cannot begin a noun phrase ("that" is left out: it is mostly a conjunction).
        inner_pronoun=re.compile(
            r"\b(?:this|these|those)\b(?=\s*(?:[.,;:!?)\]]|$)|\s+(?:is|was|are|were|will|"
            r"would|can|could|may|might|must|should|has|have|had|does|did|means|meant|"
            r"without|with|by|in|on|at|for|to|from|into|and|or|but|because|if|when|unless|"
            r"so|as|of|alone|too|again|now|today|instead)\b)",
            re.I,
        ),
    ),
    "de": lambda: Words(
        dependent=_start(
            "er|sie|es|ihr|ihm|ihn|ihre|sein|seine|dies|diese|dieser|dieses|diesem|diesen|"
            "solche|solcher|jede|jeder|jedes|beide|dabei|dazu|daher|deshalb|deswegen|dennoch|"
            "jedoch|trotzdem|auch|aber|und|oder|außerdem|zudem|allerdings|damit|darüber|"
            "hierbei|somit|also|gleichzeitig|ebenso|darüber hinaus|ferner|jener|jene|jenes|"
            "derartige|er fügte hinzu|sie fügte hinzu"
        ),
        modal=_any(
            "sollte|sollten|soll|sollen|muss|müssen|müsste|müssten|fordert|forderte|empfiehlt|"
            "empfahl|empfehlen|schlägt vor|schlug vor"
        ),
        boilerplate=re.compile(
            r"^(das könnte sie auch interessieren|teilen|weiterlesen|mehr zum thema|"
            r"newsletter abonnieren|folgen sie uns)",
            re.I,
        ),
        form=_any("anmelden|anmeldung|registrierung|bewerbung|bewerben|formular|portal"),
        month=_dated(
            "januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|"
            "november|dezember"
        ),
        by="Von",
        and_="und",
        others="{n} weiteren",
        register="Anmeldung",
        apply="Bewerbung",
        deadline="Bewerbungsschluss",
        concession=_concession("obwohl|obgleich|während|wenngleich|zwar"),
        speaker_label=re.compile(r"^(?:F|A|Frage|Antwort)\s*:\s+(?=\S)"),
        honorific=_honorific("Herr|Frau|Dr.|Prof."),
    ),
    "fr": lambda: Words(
        dependent=_start(
            "il|elle|ils|elles|ce|cet|cette|ces|cela|ceci|ça|celui|celle|ceux|celles|chacun|"
            "chacune|lui|leur|leurs|son|sa|ses|cependant|toutefois|pourtant|néanmoins|aussi|"
            "mais|et|ou|donc|ainsi|en outre|de plus|par ailleurs|en revanche|d'ailleurs|"
            "d’ailleurs|or|selon lui|selon elle|il a ajouté|elle a ajouté|de même|en effet"
        ),
        modal=_any(
            "devrait|devraient|doit|doivent|faut|faudrait|recommande|recommandent|recommandé|"
            "préconise|préconisent|appelle|appellent|propose|proposent"
        ),
        boilerplate=re.compile(
            r"^(vous aimerez aussi|à lire aussi|partager|lire la suite|abonnez-vous|"
            r"suivez-nous)",
            re.I,
        ),
        form=_any("inscription|inscrire|candidature|candidater|formulaire|postuler|portail"),
        month=_dated(
            "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
        ),
        by="Par",
        and_="et",
        others="{n} autres",
        register="Inscription",
        apply="Candidature",
        deadline="Date limite",
        concession=_concession("bien que|quoique|alors que|même si|tandis que"),
        leading_connective=_connective(
            "par ailleurs|en outre|de plus|cependant|toutefois|néanmoins|ainsi|en effet|"
            "dans ce contexte|à cet égard|de même"
        ),
        inner_backreference=re.compile(r",?\s+à cet égard\b", re.I),
        speaker_label=re.compile(r"^(?:Q|R)\s*:\s+(?=\S)"),
        honorific=_honorific("M.|Mme|Mmes|Dr|Pr"),
    ),
    "es": lambda: Words(
        dependent=_start(
            "él|ella|ellos|ellas|esto|eso|este|esta|estos|estas|ese|esa|esos|esas|aquel|"
            "aquella|tal|tales|cada uno|cada una|ambos|ambas|su|sus|sin embargo|no obstante|"
            "también|pero|y|o|además|asimismo|por lo tanto|por tanto|por ello|por eso|así|"
            "así pues|en cambio|por otra parte|por otro lado|de hecho|incluso|aun así|"
            "a su vez|según él|según ella|añadió|agregó"
        ),
        modal=_any(
            "debe|deben|debería|deberían|debiera|debieran|tiene que|tienen que|hay que|"
            "recomienda|recomiendan|recomendó|propone|proponen|propuso|insta|instan|pide|piden"
        ),
        boilerplate=re.compile(
            r"^(también te puede interesar|te puede interesar|lea también|lee también|"
            r"compartir|seguir leyendo|leer más|suscríbete|síguenos)",
            re.I,
        ),
        form=_any(
            "inscripción|inscribirse|inscríbase|registro|regístrese|solicitud|postular|"
            "postulación|formulario|portal"
        ),
        month=_dated(
            "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
            "noviembre|diciembre"
        ),
        by="Por",
        and_="y",
        and_before_i="e",
        others="{n} más",
        register="Inscripción",
        apply="Solicitud",
        deadline="Fecha límite",
        concession=_concession("aunque|si bien|mientras que|a pesar de que|pese a que"),
        leading_connective=_connective(
            "además|asimismo|sin embargo|no obstante|por lo tanto|por tanto|por ello|así|"
            "de hecho|en este sentido|en este contexto|a este respecto|por otra parte"
        ),
        inner_backreference=re.compile(r",?\s+en este sentido\b", re.I),
        speaker_label=re.compile(r"^(?:P|R|Pregunta|Respuesta)\s*:\s+(?=\S)"),
        honorific=_honorific("Sr.|Sra.|Srta.|Dr.|Dra."),
    ),
}
_TIME_OR_DATE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b")


def has_words(language: str) -> bool:
    """True when there are word lists for a BCP 47 tag's language (`de-AT`: German's)."""
    return language.split("-")[0].lower() in _LANGUAGES


@lru_cache(maxsize=64)
def words(language: str) -> Words:
    """The lists for a BCP 47 tag (`de-AT` reads German); English when there are none."""
    return _compiled(language.split("-")[0].lower() if has_words(language) else "en")


@cache
def _compiled(code: str) -> Words:
    """A language's patterns, compiled when a text in it is first read (not all at import)."""
    return _LANGUAGES[code]()


def depends_on_context(sentence: str, language: str) -> bool:
    """True when `sentence` opens with a word that points back to an earlier sentence, or
    stands a demonstrative for something said before it."""
    found = words(language)
    first = _FIRST_SENTENCE.split(sentence.strip(), maxsplit=1)[0]  # a paragraph: its opener
    return (
        found.dependent.search(first) is not None or found.inner_pronoun.search(first) is not None
    )


_FIRST_SENTENCE = re.compile(r"(?<=[^\W_]{3}[.!?…])\s+(?=[\"'“‘(]*[A-ZÀ-Þ0-9])")
"""Where a paragraph's first sentence ends: not after "Ms." or "U.S." (two letters or fewer)."""


def is_recommendation(sentence: str, language: str) -> bool:
    return any_word(words(language).modal, sentence)


def is_boilerplate(text: str, language: str) -> bool:
    """Short page chrome, e.g. "You may also like..." (a long paragraph never is)."""
    text = text.strip()
    return len(text.split()) <= 8 and words(language).boilerplate.search(text) is not None


def is_concession(sentence: str, language: str) -> bool:
    """True when `sentence` opens with a concessive clause ("While …, X")."""
    return words(language).concession.search(sentence) is not None


def has_date(sentence: str, language: str) -> bool:
    """A date or a time of day: what a notice's "when" sentence carries."""
    return (
        words(language).month.search(sentence) is not None
        or _TIME_OR_DATE.search(sentence) is not None
    )


def is_form_link(text: str, href: str, language: str) -> bool:
    form = words(language).form
    return form.search(text) is not None or form.search(href.replace("-", " ")) is not None


def others(left_out: int, language: str) -> str:
    """How a shortened credit ends ("and 5 others", "+5" without word lists)."""
    if not has_words(language):
        return f" +{left_out}"
    w = words(language)
    return f" {w.and_} {w.others.format(n=left_out)}"


def credit(names: list[str], language: str, shown: int | None = None) -> str:
    """ "By A", "By A and B", "By A, B and C" in the article's language; in a language
    without word lists here the names alone ("A, B, C"), never English words in, say, Arabic.
    With `shown`, only that many names, then how many others ("By A, B and 5 others"; "A, B +5"
    without word lists)."""
    if not names:
        return ""
    left_out = len(names) - shown if shown is not None and 0 < shown < len(names) else 0
    listed = names[: len(names) - left_out]
    rest = others(left_out, language) if left_out else ""
    if not has_words(language):
        return ", ".join(listed) + rest
    w = words(language)
    if rest or len(listed) == 1:
        return f"{w.by} {', '.join(listed)}{rest}"
    and_ = w.and_
    if w.and_before_i and re.match(r"h?[ií](?![eéaáoó])", listed[-1], re.I):
        and_ = w.and_before_i
    return f"{w.by} {', '.join(listed[:-1])} {and_} {listed[-1]}"
