"""A scrape's site furniture: lines that are never commentary (share and print buttons,
cookie banners, newsletter boxes, counters), and the footer under the text (biographies,
disclaimers, contacts, addresses, copyright lines, lists of related pieces)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.importers.bylines import ROLE, is_role
from pipeline.importers.dates import parse_date
from pipeline.importers.words import ends_sentence, word_count

# Lines that are site furniture, never commentary (WordPress, AMP, Substack and share widgets,
# newsletter boxes, reading times, counters), in the languages a centre publishes in.
CHROME = re.compile(
    r"^(exit mobile version|skip to (main )?content|share this:?|share this (article|page|event|post):?|"
    r"like this:?|loading\.\.\.|email|e-mail|facebook|twitter|x|linkedin|whatsapp|telegram|"
    r"bluesky|tweet|share|share on \w+|copy link|link copied|related( posts)?:?|tags?:.*|"
    r"(topics?|themen|th[èe]mes|temas|schlagw[öo]rter|mots-cl[ée]s|keywords|palabras clave|"
    r"trefwoorden|s[łl]owa kluczowe|read more on|كلمات مفتاحية|关键词|關鍵詞|キーワード|タグ)\s?[:：].*|"
    r"(【[^】]{1,12}】\s*)+|字号\s*[:：].*|(deel dit artikel|delen|udost[ęe]pnij|drukuj|"
    r"شارك|فيسبوك|تويتر|واتساب|طباعة)|save|apple podcasts|spotify|youtube|google podcasts|"
    r"listen to this (episode|podcast)|subscribe to .{1,80} wherever you get your podcasts\.?|"
    r"\d{1,2}:\d{2}(:\d{2})? ?/ ?\d{1,2}:\d{2}(:\d{2})?|lesedauer:? \d+ min(\.|uten)?|"
    r"leestijd:? \d+ minuten?|czas czytania:? \d+ min(\.|ut)?|"
    r"type your e-?mail.*|"
    r"posted in .*|filed under .*|back to top|menu|search( for)?:?|search ?(\.\.\.|…)|"
    r"cookie settings|accept( all)?( cookies)?|decline( all)?( cookies)?|"
    r"(manage|customi[sz]e) (cookie )?(preferences|settings)|reject( all)?( cookies)?|"
    r"use tab to navigate through the menu items\.?|hits:? [\d,.]+|copy link|"
    r"printer-friendly version|print-friendly version|email this page|more|close|"
    r"log ?in ?(/|\||or) ?register|sign in ?(/|\||or) ?sign up|view this email in your browser|"
    r"as prepared for delivery|check against delivery|es gilt das gesprochene wort|"
    r"seul le texte prononcé fait foi|"
    r"search (this site|the site|our site|publications|experts|events|articles|news|content)"
    r"[\w ,]{0,60}|"
    r"(caută|cari|pencarian|пошук|поиск|suche|rechercher|buscar|pesquisar|cerca|szukaj|zoeken|"
    r"sök|søg|hae|keresés|ara|hledat|搜索|検索|검색|بحث|جستجو|חיפוש)\s*(\.\.\.|…)?|"
    r"(subscribe|listen|follow( us)?|abonnieren|s'abonner|suscr[íi]bete|abonneer( je)?|luister|ascolta|escucha|écouter|h[öo]ren)"
    r"( on| via| at| us| to the (podcast|show))?\s*:?\s*"
    r"((apple podcasts|spotify|rss|youtube|google podcasts|overcast|pocket casts|stitcher|"
    r"amazon music|deezer|soundcloud|podbean|castbox|x|twitter|linkedin|facebook|instagram|"
    r"mastodon|bluesky|threads)\s*([·•|,/]|and|&)?\s*){2,}|"
    r"for immediate release|pour (diffusion|publication) imm[ée]diate|"
    r"para (su )?(difusi[óo]n|publicaci[óo]n) inmediata|zur sofortigen ver[öo]ffentlichung|"
    r"download( the)?( full)? (pdf|report|paper|brief)( \(pdf[^)]*\))?|print( this)?( page| article)?|"
    r"listen to (this|the) article|listen|follow|([·•|–—-]\s*)?\d+ min(ute)?s? read|"
    r"reading time:? \d+ min(ute)?s?|\d+ min(utes)? de lecture|lesezeit:? \d+ min(uten)?\.?|"
    r"lectura de \d+ min(utos)?|\d+ (likes?|restacks?|comments?|shares?|views?)|"
    r"(?!(?:1[5-9]|20)\d\d$)\d{1,5}|"  # a count on its own (claps, likes), not a year
    r"discussion about this post|comments?|leave a (comment|reply)|subscribe|join( now)?|sign up|"
    r"log ?in|sign in|enter your e-?mail( address)?|your e-?mail( address)?|newsletter|"
    r"(sign up|subscribe)( now)?( to| for)? (our |the )?[\w' ]{0,40}newsletters?\b.{0,120}|"
    r"subscribe to [\w' ]{1,60}|get (more|the latest) .{0,120} (delivered to|in) your inbox\.?|"
    r"partager|imprimer|t[ée]l[ée]charger( le)? pdf|compartir|imprimir|descargar( el)? pdf|"
    r"teilen|drucken|(als )?pdf herunterladen( \([\d.,]+ ?[km]b\))?|[·•|–—-]+|likes?|restacks?|"
    r"add to (my )?calendar|updated \d+ (minutes?|hours?|days?) ago|"
    r"(listen|subscribe|follow) on [\w ]{2,30}|rss|download|\d{1,2}:\d{2}(:\d{2})?|notify of|"
    r"oldest|newest( most voted)?|inline feedbacks|view all comments|get alerts about this thread|"
    r"advertisement|anzeige|publicit[ée]|members only|stay in touch|follow us( on .{1,40})?|share:|"
    r"pdf|print( version)?|(author )?(photo|picture|portrait|headshot) of [\w .'’-]{2,40}|"
    r"enjoying (this (article|piece|story)|[\w' ]{2,40})\?.{0,160}|sign up for more( like this)?\.?|"
    r"leave a reply( cancel reply)?|your e-?mail address will not be published\..{0,80}|"
    r"required fields are marked.{0,10}|like loading(\.\.\.|…)?|like this:?|share this:?|"
    r"apply now|stay in the loop|(«\s?)?back to (careers|news|all news|all posts|the list|"
    r"overview|vacancies|events|publications|blog)|#{1,6}|[\d.,]+k? followers|"
    r"writer for [\w' &.-]{2,60}|"
    r"save my name, e-?mail,? and website in this browser.{0,60}|(name|e-?mail|website)\s?\*?|"
    r"joomla! is free software.{0,120}|powered by (wordpress|joomla|drupal|ghost|squarespace|wix)"
    r".{0,40})$",
    re.I,
)

_CHROME_WORDS = re.compile(
    r"^(поделиться|поділитися|распечатать|печать|друк|скачать pdf|завантажити pdf|"
    r"читать (еще|ещё|также)|читайте (также|також)|"
    r"compartilhar|imprimir|baixar( o)? pdf|leia (tamb[ée]m|mais)|"
    r"condividi|stampa|scarica( il)? pdf|leggi anche|"
    r"pobierz( pdf| raport)?( \(pdf, [\d.,]+ ?[km]b\))?|czytaj (także|też|więcej)|delen|printen|"
    r"download pdf|lees ook|"
    r"مشاركة|شارك المقال|تحميل pdf|اقرأ أيضا|اقرأ أيضاً|"
    r"分享(到)?|打印|下载pdf|上一篇[:：].*|下一篇[:：].*|返回(列表|顶部)?|"
    r"シェア|ポスト|印刷|pdfをダウンロード|"
    r"공유(하기)?|인쇄|목록|이전글.*|다음글.*|첨부파일.*|"
    r"t[ée]l[ée]charger|herunterladen|descargar|scarica|full text available as:?|udskriv|"
    r"paylaş|yazdır|emner\s?:.*|konular\s?:.*|témata\s?:.*|filed under:?.*|"
    r"temps de lecture\s?:?\s?\d+\s?min(utes?)?|okuma süresi:?\s?\d+\s?dk|lesetid:?\s?\d+\s?min\w*|"
    r"läsningstid:?\s?\d+\s?min\w*|doba čtení:?\s?\d+\s?min\w*|recommended citation:?|"
    r"accetta(re)?( tutti)?|rifiuta|accepter|refuser|tout accepter|tout refuser|personnaliser|"
    r"saber mais|setări cookie-uri|accept[ăa] tot|akzeptieren|ablehnen|"
    r"alle akzeptieren|aceptar|rechazar|aceitar|rejeitar|akceptuję|odrzuć|accepteren|weigeren|"
    r"acceptera|avvisa|принять|отклонить|теги\s?[:：].*|мітки\s?[:：].*|etiquetas\s?[:：].*|"
    r"etichette\s?[:：].*|etiketler\s?[:：].*|läs mer|lyssna|dela|skriv ut|les mer|del|"
    r"download (the )?(publication|article|paper|report|brief)( \(pdf[^)]*\))?|"
    r"(조회수|조회|views|просмотров|переглядів|浏览次数|閲覧数|瀏覽次數)\s*[:：]?\s*[\d,.]+|"
    r"[*\s]*\*{3}[*\s]*|pdf \(\d+(\.\d+)? ?[km]b\)|打印本页.{0,10}|关闭窗口|地址[:：].{0,80}|"
    r"∙ ?paid|\d+ likes? ?∙.{0,40}|ready for more\??|privacy ∙ terms ∙ collection notice|"
    r"start writing|get the app|substack is the home for great culture|"
    r"(tempo de leitura|tiempo de lectura|tempo di lettura|timp de citire|час читання|время (чтения|прочтения)|"
    r"وقت القراءة|زمان مطالعه|olvasási idő|lukuaika|χρόνος ανάγνωσης|읽는 ?시간|閱讀時間|阅读时间|"
    r"読了時間|duur|dauer|durée|duración|duração|durata)\s*[:：]?\s*(ca\.?\s*)?[\d٠-٩۰-۹]+\s*"
    r"[^\s\d]{0,12}\.?|"
    # share and print, the networks' names alone, tags, in more languages
    r"megosztás|nyomtatás|κοινοποίηση|εκτύπωση|подели|подијели|сподели|штампај|штампа|"
    r"اشتراک‌?\s?گذاری|چاپ|แชร์(บทความนี้)?|พิมพ์|シェアする|compartilhe:?|"
    r"vers[ãa]o para impress[ãa]o|(partager|compartir( en)?|teilen|condividi|delen|dela|"
    r"udostępnij|compartilhar)\s*:?\s*((facebook|twitter|x|linkedin|whatsapp|e-?mail|telegram|"
    r"bluesky|mastodon|threads)\s*[|·,/]?\s*)+|"
    r"تلگرام|واتس‌?اپ|ایکس|إكس|telegram|whatsapp|line|x\s?[（(](旧|formerly )?twitter[）)]|"
    r"(címkék|ετικέτες|ознаке|oznake|برچسب‌?ها|الكلمات المفتاحية|แท็ก|tagi|tags|"
    r"schlüsselwörter|palavras-chave|parole chiave|trefwoorden|klíčová slova|etichete)\s?[:：].*|"
    # a newsletter's and a calendar's buttons, a licence, a DOI, a media contact
    r"iratkozzon fel.{0,40}hírlevel\w*!?|newsletter abonnieren|iscriviti alla newsletter|"
    r"abonneer (je|u) op .{2,60}|bleiben sie informiert.{0,80}|inscrivez-vous .{0,40}newsletter.*|"
    r"suscr[íi]bete .{0,40}bolet[íi]n.*|zum kalender hinzuf[üu]gen|ajouter (au|à mon) calendrier|"
    r"a[ñn]adir al calendario|aggiungi al calendario|doi\s?:\s?\S+|"
    r"(lizenz|license|licence|licencia)\s?:\s?cc[ -].{0,30}|"
    r"(media contact|press contact|contact presse|pressekontakt|contacto de prensa|"
    r"контакт за медије|контакт для (сми|змі)|contatto stampa)\s?[:：].{0,200}|"
    # a row of the footer's links: "Impressum | Datenschutz | Barrierefreiheit | Kontakt"
    r"(impressum|datenschutz(erkl[äa]rung)?|privacy( policy)?|imprint|accessibility|"
    r"barrierefreiheit|kontakt|contact( us)?|terms( of use)?|cookies?( policy)?|sitemap|"
    r"legal notice|mentions l[ée]gales|aviso legal|privacidad|accessibilit[àé]|disclaimer)"
    r"(\s*[|·•]\s*(impressum|datenschutz(erkl[äa]rung)?|privacy( policy)?|imprint|"
    r"accessibility|barrierefreiheit|kontakt|contact( us)?|terms( of use)?|cookies?( policy)?|"
    r"sitemap|legal notice|mentions l[ée]gales|aviso legal|privacidad|accessibilit[àé]|"
    r"disclaimer))+)$",
    re.I,
)
"""Share, print and download buttons and a list's back and next links, in more languages."""

COOKIES = re.compile(
    r"\b(we|this (site|website)|our (site|website)) (uses?|stores?|sets?|places?) cookies\b|"
    r"\b(a single |one )?cookies? will be (used|placed|set|stored)\b|\bnot to be tracked\b|"
    r"\bcookies? (policy|settings|"
    r"preferences|consent)\b|\baccept (all )?cookies\b|\bby (continuing to use|using) (this|our) "
    r"(site|website)\b|\b(utilizziamo|usiamo|nous utilisons|wir verwenden|wir nutzen|utilizamos|"
    r"usamos|używamy|wij gebruiken|we gebruiken|vi använder|мы используем|ми використовуємо)\b.{0,40}"
    r"\bcook\w*|\b(tento web|tato stránka|denne hjemmeside|bu (web )?site(miz)?|questo sito|"
    r"ce site|diese (web)?seite|diese website|este sitio|este site|"
    r"ta strona|deze website|denna webbplats|этот сайт)\b.{0,40}\bcook\w*",
    re.I,
)
"""A cookie banner's text (in a block of at most `_BANNER_WORDS`), wherever the scrape has it."""
_COOKIE_WORDS = (
    "süti", "çerez", "คุกกี้", "eväste", "kolačić", "колачић", "бисквитк", "cookie-uri",
    "ملفات تعريف الارتباط", "کوکی", "עוגיות", "कुकी", "クッキー", "쿠키", "keksz", "ciasteczk",
)  # fmt: skip
"""The word for a cookie, in the languages whose banners `COOKIES` does not read: a short
block that names one and the website (`_WEB_WORD`) is the banner. (Looked for as text: a
pattern of them all costs a scrape tens of milliseconds.)"""
_WEB_WORD = re.compile(
    r"web|site|sitio|sito|strona|oldal|honlap|sayfa|böngész|tarayıcı|navegador|navigateur|"
    r"browser|sivusto|ιστότοπ|ιστοσελίδ|сајт|sajt|сайт|уебсайт|موقع|سایت|אתר|वेबसाइट|"
    r"เว็บไซต์|サイト|사이트|網站|网站",
    re.I,
)
_COOKIE_BANNER_WORDS = 50
_CONSENT = re.compile(
    r"^(elfogadom|elutasítom|részletek|beállítások|kabul et|kabul ediyorum|reddet|ayarlar|"
    r"ยอมรับ(ทั้งหมด)?|ปฏิเสธ|αποδοχή|αποδέχομαι|απόρριψη|прихватам|prihvatam|одбиј|приемам|"
    r"отказвам|hyväksy(n)?|hylkää|accept(ați|ă)|refuz|قبول|موافقم|پذیرش|אישור|אני מסכים|"
    r"स्वीकार करें|同意(する)?|接受|我同意|동의(합니다)?|terima|setuju|đồng ý|chấp nhận)$",
    re.I,
)
"""A cookie banner's buttons."""
_LANGUAGE_NAME = (
    r"(?:[A-Z]{2}|[a-z]{2}|English|Français|Deutsch|Español|Italiano|Português|Nederlands|"
    r"Polski|Čeština|Magyar|Suomi|Svenska|Dansk|Norsk|Ελληνικά|Русский|Українська|Српски|"
    r"Srpski|Български|Română|Türkçe|العربية|فارسی|עברית|हिन्दी|Bahasa Indonesia|"
    r"Tiếng Việt|ไทย|中文|简体中文|繁體中文|日本語|한국어|Latinica|Ћирилица|Ćirilica|Кирилица)"
)
_LANGUAGE_SWITCH = re.compile(
    rf"^{_LANGUAGE_NAME}(?:\s*[|/·•]\s*{_LANGUAGE_NAME})+$|^[A-ZА-ЯЁІЇЄ]{{2,3}}(?:\s*[|/]\s*[A-ZА-ЯЁІЇЄ]{{2,3}})+$"
)
"""A language switcher: "EN | TH", "日本語 | English", "FR / EN"."""

_BANNER_WORDS = 90

# Lines after which a page lists its other articles: the rest of the scrape is furniture.
TAIL = re.compile(
    r"^(related( (posts|articles|content|reading|work|analysis|research|resources|stories|"
    r"publications|news|topics|events|experts))?|read (more|next|also)|further reading|"
    r"more about this (commentary|article|report|publication)|over de auteurs?|"
    r"o autorze|o autorach|bibliografische angaben|责任编辑[:：].*|責任編輯[:：].*|相关(文章|阅读)|"
    r"関連(記事|コラム)|"
    r"more (work )?from .{0,40}|more on (this|these) topics?|"
    r"you (may|might) also (like|be interested in)|recommended( for you)?|latest( news)?|"
    r"popular( posts)?|about the authors?|the authors?|"
    r"sobre (os|o|a|as|los|las|el|la) autor(es|as|a)?|acerca de (los|las|el|la) autor(es|as|a)?|"
    r"[àa] propos des? (l'|l’)?auteurs?|les auteurs|[üu]ber (die|den) autor(en|innen|in)?|"
    r"die autor(en|innen)|об авторах|об авторе|執筆者(プロフィール|紹介)?|作者简介|关于作者|"
    r"عن (الكاتب|الكاتبة|المؤلف|المؤلفين)|"
    r"(ces contenus pourraient vous int[ée]resser|[àa] lire aussi|sur le m[êe]me sujet|"
    r"das k[öo]nnte sie auch interessieren|mehr zum thema|weitere artikel|"
    r"tambi[ée]n te puede interesar|contenido relacionado|art[íi]culos relacionados|"
    r"publicaciones relacionadas|leia tamb[ée]m|conte[úu]dos? relacionados?|"
    r"articoli correlati|potrebbe interessarti|czytaj także|zobacz także|powiązane|"
    r"gerelateerde (artikelen|publicaties)|"
    r"читайте также|читать (еще|ещё|также)|читайте також|похожие материалы|по теме|"
    r"مقالات ذات صلة|اقرأ أيضا|اقرأ أيضاً|"
    r"관련 (자료|기사|글)|関連(情報|リンク)|相关(推荐|新闻|报道)|延伸阅读|"
    r"recent (&|and) related|more from the author|th[èe]mes et r[ée]gions|keep reading|"
    r"more (commentaries|analys[ie]s|articles|publications|insights|from [\w' ]{2,40})|"
    r"noticias relacionadas|související články|relaterede (publikationer|artikler)|"
    r"relaterte (artikler|publikasjoner)|relaterade (artiklar|publikationer)|ilgili yayınlar|"
    r"benzer içerikler|"
    r"comment citer cette publication|how to cite( this (publication|article|paper|piece|page))?|"
    r"\d+ (comments|responses|thoughts on .{2,120})|"
    r"cite this (article|page|paper|piece|publication)|suggested citation|recommended citation|"
    r"zitiervorschlag|zitierweise|citar como|come citare|jak cytować|"
    r"most read( articles)?( by the same author\(?s\)?)?|more (reviews|episodes|statements)|"
    r"مقالات مرتبط|یادداشت‌های مرتبط|บทความที่เกี่ยวข้อง|kapcsolódó cikkek|σχετικά άρθρα|"
    r"повезани текстови|potrebbe interessarti anche|notas relacionadas|related expert comment))"
    r"\s*[:?]?$",
    re.I,
)

ABOUT_AUTHORS = re.compile(r"^(about )?the authors?\s*:?$", re.I)
"""Ends the text wherever it comes (after the title and some text): the authors' notes."""

# "© 2026 Stimson Center", "Copyright (c) 2026 …", "… All rights reserved."
COPYRIGHT = re.compile(
    r"^(?:©|copyright\s*(?:©|\(c\))?\s*\d{4}\b).{0,200}$|^.{0,160}\ball rights reserved\.?$|"
    r"^.{0,80}(版权所有|版權所有|جميع الحقوق محفوظة|todos los derechos reservados|"
    r"tous droits r[ée]serv[ée]s|alle rechte vorbehalten|wszelkie prawa zastrze[żz]one).{0,160}$|"
    r"^creative commons\b.{0,120}$|^this (work|article|publication|piece) is licen[sc]ed under\b.*$",
    re.I,
)

DISCLAIMER = re.compile(
    r"^※|本稿(の|は|に).{0,60}(見解|意見|個人)|仅代表作者(个人)?(的)?(观点|看法)|"
    r"ความคิดเห็น.{0,60}ผู้เขียน|"  # (Thai: no word boundary between its words)
    r"^[（(]作者(为|系|是).{2,80}[）)]$|"
    r"不代表.{0,40}(观点|立场|觀點|立場)|不在公共政策问题上采取.{0,6}立场|僅代表作者(個人)?(的)?觀點|"
    r"^for (use of the )?information media\b.{0,20}not an official record|yazar(ın|a) ait|"
    r"kişisel görüş(ü|leri)|kurumsal görüş|"  # (no word boundary in CJK)
    r"\b(does not take (institutional |collective )?positions|(views|opinions) (expressed|"
    r"represented) (above |below )?(here(in)?|in this|belong to)|"
    r"(do(es)? not|don't|doesn't) (necessarily )?represent the (official )?views of\b|"
    r"gibt die (pers[öo]nliche )?meinung (der|des) autor|we will (store|use) your e-?mail|"
    r"^support [\w' ]{2,40} and get\b|gives [\w' ]{2,40} a platform for\b|"
    r"(views|opinions) (are|is) (those of the|the author|my own)|"
    r"is committed to quality,? independence|^[\w'’&. ]{2,60} is (produced|published)\b.{0,40}\bby\b|"
    r"^[\w'’&.+ ]{2,60} is [\w'’&. ]{0,30}\b(podcast|newsletter|magazine|journal|blog|database)\b|"
    r"support of readers like you|your support (of our work )?(at any level )?(is|matters)\b|"
    r"^support the [\w'’ ]{2,40}$|^together,? we (make|can)\b|^about [\w'’&.+ -]{2,40}$|"
    r"our standards:|\bis grateful for (the )?(financial |generous )?support (from|of)\b|"
    r"\bgratefully acknowledges?\b.{0,60}\bsupport|\brights to re-?publish\b|"
    r"\bre-?publishing policy\b|"
    r"trust principles|\bis an? (private|non-?profit|nonpartisan),? (tax-exempt )?"
    r"(institution|organi[sz]ation)|"
    r"n'engagent que (leur|son) auteur|geben die (pers[öo]nliche )?meinung|"
    r"^thanks for reading\b.{0,80}\b(subscribe|newsletter)|subscribe for free|"
    r"^(media|press) (contact|inquiries|enquiries)\b|^for (media|press) (inquiries|enquiries)\b|"
    r"\b(originally|first) (published|appeared) (on|in|by)\b|^(for academic )?citation:|^cite as:|"
    r"^recommended citation\b|"
    r"^how to cite\b|^become a member\b|^support our work\b|^donate\b|"
    r"(views|opinions|positions)\b.{0,80}\bdo(es)? not necessarily (reflect|represent)|"
    r"^the authors? (are|is)\b|"
    r"(does not|do not|doesn't) (have|hold|take) an? institutional (position|view)|"
    r"(views|opinions) expressed by (the )?authors?|"
    r"(views|opinions)\b.{0,80}\bare (their|his|her) own\b|"
    r"^read the full (article|piece|text|op-?ed|interview) (at|on|in)\b|"
    r"^for more information on this (publication|article)|"
    r"made possible by (the )?(generous )?support|^have an idea for\b|"
    r"^(want|interested) (to write|in writing|to contribute)\b|"
    r"\bis an? (program|programme|project|publication|initiative) of\b|"
    r"registered (charity|company)( number| no\.?)?\b|"
    r"\b(as|las|les|le|los) opini(ões|ones|ons)\b.{0,40}\b(expressas|expresadas|exprim[ée]es)|"
    r"не (выступает|занимает).{0,40}позици|мнение автора.{0,60}(может не совпадать|не обязательно)|"
    r"الآراء (الواردة|المنشورة).{0,60}(تعب\u0651?ر|لا تعب\u0651?ر|تمث\u0651?ل)|"
    r"لزوما\u064b?.{0,40}(بیانگر|نشان‌?دهنده)|"
    r"\b(não|no|ne|non|nie)\b.{0,40}\b(refletem|reflejan|reflètent|riflettono|odzwierciedlają)\b.{0,40}"
    r"(necessariamente|necesariamente|nécessairement|necessariamente|koniecznie)?|"
    r"gibt die (pers[öo]nliche )?auffassung|"
    r"vélemény\w*.{0,80}(szerző\w*|nem feltétlenül)|οι απόψεις.{0,80}(συγγραφ|δεν)|"
    r"(ставови|погляди|думки|мнения).{0,60}(аутор|автор)|opinie.{0,60}(autor|nie musz)|"
    r"دیدگاه.{0,60}(نویسنده|لزوما)|"
    r"\b(le|gli) (opinioni|punti di vista)\b.{0,40}\b(espress|autor)|"
    r"\b(de )?standpunten\b.{0,60}\bauteur|\bnázory\b.{0,60}\bautor|"
    r"\bopiniile exprimate\b|\bpandangan\b.{0,60}\bpenulis\b|הדעות.{0,60}(הכותב|המחבר)|"
    r"\bgeben (ausschlie(ß|ss)lich )?die (pers[öo]nliche )?(meinung|auffassung))",
    re.I,
)
"""The site's note under every article: its views are the authors', it takes no positions."""
_DISCLAIMER_WORDS = 100
"""Longer than this, a paragraph is the text's own, whatever phrase of a disclaimer it holds."""

_BIO_VERBS = (
    r"(is|was|are|serves|served|has served|leads|directs|heads|teaches|works|worked|holds|"
    r"est|était|ist|war|es|fue|è|é|são|sind|son|является|是|هو|هي|jest|je|"
    r"är|er|είναι|este|є|adalah|merupakan|là|a|az)"
)

ADDRESS = re.compile(
    r"^[^.!?]{0,160}(?:\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b|\b\d{3}-\d{4}\b|\b(?!(?:19|20)\d\d\b)\d{4,5}\b)"
    r"[^.!?]{0,80}$"
)
"""A postal address under the text ("Strand, London WC2R 2LS", "… Tokyo 100-0013, Japan")."""

CONTACT = re.compile(
    r"^(?:(?:tel|phone|telephone|fax|e-?mail|mail|t|f|m|地址|邮编|电话|電話|传真)\.?\s*[:：]|"
    r"(?:press|media) office\b|address for (?:enquiries|inquiries)\b|"
    r"tel\.? (?:press|media)(?: service| office)?\s*[:：]|"
    r"(?:press|media) (?:contact|inquiries|enquiries)\b|\S+@\S+\.\w+$|\[email protected\])",
    re.I,
)

_BIO_AFTER_NAME = re.compile(
    rf"\b,?\s+(?:{_BIO_VERBS}\b|[–—-]\s"
    r"|(?<=[\u3040-\u30ff\u3400-\u9fff][\s\u3000])(?=[\u3040-\u30ff\u3400-\u9fff]))"
    r"|\s?(?:是|为|為|は|은|는)(?=.{4,})"
    r"|(?<=[\u0600-\u06ff])\s+(?=[\u0600-\u06ff]{2,})(?=.{8,400}$)"  # "سامر الحداد باحث …"
    r"|\s+เป็น",  # Thai's "is"
    re.I,
)
"""What follows an author's name in her biography: "is", "serves", a dash; in Japanese or
Chinese the name and a space, then where she works ("佐藤 健一　…研究員。"), or the name, then
"is" ("赵文涛是…高级研究员。", "이서연은 …"). Compiled once: each scrape's names are matched
before it (a pattern with these ranges costs milliseconds to compile)."""

_FOOTER_SCAN = 16

_FOOTER_LINE = 12
"""Under the text, the footer's short lines (a site's name, "Back to the list", a related title)."""


def footer_start(body: list[str], authors: tuple[str, ...]) -> int:
    """Where the notes under the text begin (len(body) if there are none): the last blocks
    that are all footer, from the first that surely is (an author's biography, "Jane Doe is
    a Senior Fellow…", "Андрей Соколов – директор…"; the site's disclaimer; a contact; a
    copyright line; a list of related pieces), with the short lines among and after them
    (the site's name and address, "Back to the list", comment widgets)."""
    names = [re.escape(a) for a in authors]
    named = (  # "Dr Jane Doe", "Col. (ret.) Hiroshi Tanaka", "ผศ.ดร.สมชาย …", "د. سامر …"
        r"(?:(?:(?:dr|prof|mr|mrs|ms|amb|col|gen|lt|maj|capt|adm|brig|sir|dame|hab|mgr|mag)\.?|"
        r"\((?:ret|retd|retired)\.?\)|د\.|دکتر)\s+|ผศ\.|รศ\.|ศ\.|ดร\.)*"
        rf"(?:{'|'.join(names)})"
    )
    alone = re.compile(named, re.I)  # (the name on a line of its own, with fullmatch)

    def bio(block: str) -> bool:  # the name, then what she is or where she works
        found = alone.match(block)
        return found is not None and _BIO_AFTER_NAME.match(block, found.end()) is not None

    start = len(body)
    i = len(body)
    while i > 1 and len(body) - i < _FOOTER_SCAN:
        block = body[i - 1]
        sure = bool(
            (word_count(block) <= _DISCLAIMER_WORDS and DISCLAIMER.search(block))
            or (names and bio(block))
            or any(CONTACT.match(line.strip(" \\")) for line in block.split("\n"))
            or ("," in block and word_count(block) <= 20 and ADDRESS.match(block) is not None)
            or COPYRIGHT.match(block)
            or TAIL.match(block)
            or is_chrome(block)
            or (is_role(block) and not ends_sentence(block))
            or (names and alone.fullmatch(block))
            or (names and _names_the_authors(block, authors))
        )
        short = word_count(block) <= _FOOTER_LINE and not ends_sentence(block)
        if NOTE_LINE.match(block) or not (sure or short):  # a note ("[3] https://…") is text
            break
        i -= 1
        if sure:
            start = i
    return start


_FIELD_LINE = re.compile(r"^\w[\w.'’ -]{0,30}[:：]\s+\w.{0,60}$")


def _names_the_authors(block: str, authors: Sequence[str]) -> bool:
    """A line naming the authors again, with their roles ("Nosipho Dlamini, Researcher, …, and
    Emmanuel Okoro, Senior Researcher, ISS Abuja"): their note under the text."""
    return (
        len(block) <= 300
        and block.startswith(authors[0])
        and all(a in block for a in authors)
        and ROLE.search(block) is not None
        and not ends_sentence(block)
    )


def is_loose_end(block: str) -> bool:
    """A last line that ends no text: a few words, no sentence (the site's name, a tag), no
    note ("[3] https://example.org/report") and no link ("Register here: https://…")."""
    field = _FIELD_LINE.match(block) is not None and parse_date(block) is None
    if NOTE_LINE.match(block) or "https://" in block or field:
        return False  # ("Resultado da avaliação: março de 2027": a field; "Posted: …" is none)
    return word_count(block) <= 6 and not ends_sentence(block, "…", '"', "”", ")", "」", "）")


NOTE_LINE = re.compile(r"^(?:\[(\d{1,3})\]|(\d{1,3})[.)]|([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}))\s+(\S.*)$")
"""A note at the end ("[1] A report.", "1. An interview.", "¹ A resolution."): its number in
brackets, before a point, or in superscript, then its text (group 4)."""


_HOME = (
    r"home|home ?page|start|startseite|accueil|inicio|início|inizio|главная|головна|"
    r"strona główna|anasayfa|ana sayfa|beranda|forside|hem|etusivu|首页|主页|首頁|ホーム|トップ|"
    r"الرئيسية|홈|почетна|početna|начало|αρχική|főoldal|kezdőlap|หน้าแรก|trang chủ|होम|मुखपृष्ठ|"
    r"صفحه اصلی|خانه|דף הבית|ראשי|acasă|úvod|domů|naslovnica|startsida|forsiden|메인"
)
_HERE = (
    r"you are here|vous êtes ici|sie sind hier|usted está en|当前位置|您的位置|現在位置|現在地|"
    r"目前位置|所在位置"
)
_CRUMB = r"\s*(?:[>›»＞→]|\s/\s|\s\|\s)\s*"
BREADCRUMB = re.compile(
    rf"^(?:(?:{_HERE})\s*[:：]?\s*)?(?:{_HOME})(?:{_CRUMB}[^>›»＞→|]+)+$"
    rf"|^(?:{_HERE})\s*[:：]\s*\S.*$"
    rf"|^[^>›»＞→.!?。]{{1,40}}(?:\s*[>›»＞→]\s*[^>›»＞→]{{1,150}}){{2,}}(?<![.!?。])$",
    re.I,
)
"""Where the page sits in the site: "Home / Events / Public Discussion", "Accueil > Publications
> Notes", "当前位置：首页 > 学术研究", or three crumbs or more that arrows separate."""


_PIPE_MENU = re.compile(r"^[^|.!?:]{2,30}(?:\s\|\s[^|.!?:]{2,30}){3,}$")
"""A menu on one line: "About | Research | Publications | Events | Media"."""
_COUNTRY = re.compile(
    r"^(?=.{0,700}$).*\backnowledges? (?:the )?traditional (?:custodians|owners)\b", re.I | re.S
)
"""An Australian site's Acknowledgement of Country, on every page."""


def is_chrome(block: str) -> bool:
    if BREADCRUMB.match(block) and word_count(block) <= 40:
        return True
    if CHROME.match(block) or _CHROME_WORDS.match(block) or _CONSENT.match(block):
        return True
    if _LANGUAGE_SWITCH.match(block) or _PIPE_MENU.match(block) or _COUNTRY.search(block):
        return True
    lowered = block.lower()
    if (
        ("cook" in lowered or "continuing to use" in lowered or "by using" in lowered)
        and word_count(block) <= _BANNER_WORDS
        and COOKIES.search(block) is not None
    ):
        return True
    return (
        any(word in lowered for word in _COOKIE_WORDS)
        and word_count(block) <= _COOKIE_BANNER_WORDS
        and _WEB_WORD.search(block) is not None
    )


_HIDDEN_ADDRESS = re.compile(r"\\?\[email(?:\s|&#160;)+protected\\?\]", re.I)


def hidden_address_note(body: str) -> str | None:
    """The review note for an address the website hid from copies of its text: Cloudflare
    writes "[email protected]" where an email address was, and only its script restores it."""
    found = len(_HIDDEN_ADDRESS.findall(body))
    if not found:
        return None
    return (
        f'body: "[email protected]" ({found}×) stands for an email address the website hid '
        "(Cloudflare); write the address in, or take the words out."
    )
