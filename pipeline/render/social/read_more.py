"""The words before the link at the end of a LinkedIn post: in the article's language, naming
what the link leads to ("Read the full analysis: ", "Event details: ", "Lire l'entretien
complet : "). A language without its own falls back to English."""

from __future__ import annotations

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "commentary": "Read the full commentary", "analysis": "Read the full analysis",
        "op-ed": "Read the full op-ed", "interview": "Read the full interview",
        "statement": "Read the full statement", "report": "More about the report",
        "event": "Event details", "call": "Details of the call", "job": "The full vacancy notice",
    },
    "de": {
        "commentary": "Den ganzen Kommentar lesen", "analysis": "Die ganze Analyse lesen",
        "op-ed": "Den ganzen Gastbeitrag lesen", "interview": "Das ganze Interview lesen",
        "statement": "Die ganze Erklärung lesen", "report": "Mehr zum Bericht",
        "event": "Zur Veranstaltung", "call": "Zur Ausschreibung", "job": "Zur Stellenausschreibung",
    },
    "fr": {
        "commentary": "Lire le commentaire complet", "analysis": "Lire l'analyse complète",
        "op-ed": "Lire la tribune complète", "interview": "Lire l'entretien complet",
        "statement": "Lire la déclaration complète", "report": "En savoir plus sur le rapport",
        "event": "Détails de l'événement", "call": "Détails de l'appel",
        "job": "Voir l'offre d'emploi",
    },
    "es": {
        "commentary": "Lea el comentario completo", "analysis": "Lea el análisis completo",
        "op-ed": "Lea el artículo de opinión completo", "interview": "Lea la entrevista completa",
        "statement": "Lea la declaración completa", "report": "Más sobre el informe",
        "event": "Detalles del evento", "call": "Detalles de la convocatoria",
        "job": "Vea la oferta de empleo",
    },
    "ru": {
        "commentary": "Читать комментарий полностью", "analysis": "Читать анализ полностью",
        "op-ed": "Читать колонку полностью", "interview": "Читать интервью полностью",
        "statement": "Читать заявление полностью", "report": "Подробнее о докладе",
        "event": "Подробнее о мероприятии", "call": "Подробнее о конкурсе",
        "job": "Подробнее о вакансии",
    },
    "zh-Hans": {
        "commentary": "阅读评论全文", "analysis": "阅读分析全文", "op-ed": "阅读评论文章全文",
        "interview": "阅读访谈全文", "statement": "阅读声明全文", "report": "了解报告详情",
        "event": "活动详情", "call": "征集详情", "job": "职位详情",
    },
    "zh-Hant": {
        "commentary": "閱讀評論全文", "analysis": "閱讀分析全文", "op-ed": "閱讀評論文章全文",
        "interview": "閱讀訪談全文", "statement": "閱讀聲明全文", "report": "了解報告詳情",
        "event": "活動詳情", "call": "徵集詳情", "job": "職位詳情",
    },
    "ar": {
        "commentary": "اقرأ التعليق كاملاً", "analysis": "اقرأ التحليل كاملاً",
        "op-ed": "اقرأ مقال الرأي كاملاً", "interview": "اقرأ المقابلة كاملة",
        "statement": "اقرأ البيان كاملاً", "report": "المزيد عن التقرير",
        "event": "تفاصيل الفعالية", "call": "تفاصيل الدعوة", "job": "تفاصيل الوظيفة",
    },
}  # fmt: skip
_COLON = {"fr": "\u00a0: ", "zh-Hans": "：", "zh-Hant": "："}
"""How the language writes the colon before the link (French: a space before it)."""
_TRADITIONAL = ("hant", "tw", "hk", "mo")


def _table(language: str) -> str:
    """The table a BCP 47 tag reads: its language's, Chinese by script ("zh-TW" Traditional)."""
    parts = language.lower().split("-")
    if parts[0] == "zh":
        return "zh-Hant" if any(p in _TRADITIONAL for p in parts[1:]) else "zh-Hans"
    return parts[0] if parts[0] in _PHRASES else "en"


def read_more(language: str, kind: str) -> str:
    """The words and colon before the link, for an article of `kind` in `language`."""
    table = _table(language)
    phrases = _PHRASES[table]
    return phrases.get(kind, phrases["commentary"]) + _COLON.get(table, ": ")
