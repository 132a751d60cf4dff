"""The synthetic corpus as a Pelican 4.12 site: the same commentaries, a minimal theme, feeds on.

Pelican reads the same Markdown bodies; only the front matter is rewritten into Pelican's
`Key: value` metadata (its Markdown reader does not read YAML lists). The theme renders each
article's HTML and one index; the feeds (Atom and RSS, 20 entries like `[feed] max_entries`)
are Pelican's own. Its content cache is on, as a site that cares about rebuild time sets it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

THEME = {
    "base.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>{% block title %}{{ SITENAME }}{% endblock %}</title></head>"
        "<body>{% block content %}{% endblock %}</body></html>\n"
    ),
    "article.html": (
        '{% extends "base.html" %}{% block title %}{{ article.title|striptags }}{% endblock %}'
        "{% block content %}<article><h1>{{ article.title }}</h1>"
        '<time datetime="{{ article.date.isoformat() }}">{{ article.locale_date }}</time>'
        "<p>{{ article.authors|join(', ') }}</p>{{ article.content }}</article>{% endblock %}\n"
    ),
    "index.html": (
        '{% extends "base.html" %}{% block content %}<ul>{% for article in articles %}'
        '<li><a href="{{ SITEURL }}/{{ article.url }}">{{ article.title }}</a></li>'
        "{% endfor %}</ul>{% endblock %}\n"
    ),
}
# Generators that fetch these templates even when their pages are not written.
for name in ("page", "tag", "category", "author"):
    THEME[f"{name}.html"] = '{% extends "base.html" %}\n'

CONFIG = """\
AUTHOR = "VCDNP"
SITENAME = "VCDNP Commentary"
SITEURL = "https://vcdnp.org"
FEED_DOMAIN = SITEURL
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
PATH = "content"
ARTICLE_PATHS = ["commentary"]
PAGE_PATHS = []
STATIC_PATHS = []
THEME_STATIC_PATHS = []
THEME = "theme"
PLUGINS = []
DIRECT_TEMPLATES = ["index"]
TAG_SAVE_AS = CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = ""
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = False
CATEGORY_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
"""


def pelican_metadata(front_matter: str) -> str:
    """Our YAML front matter as Pelican's metadata lines."""
    meta = yaml.safe_load(front_matter)
    lines = [f"Title: {meta['title']}", f"Date: {meta['date']}"]
    if meta.get("authors"):
        lines.append("Authors: " + ", ".join(meta["authors"]))
    if meta.get("tags"):
        lines.append("Tags: " + ", ".join(meta["tags"]))
    return "\n".join(lines) + "\n"


def to_pelican_file(source: Path, target: Path) -> None:
    """Rewrite one commentary for Pelican: its front matter converted, its body unchanged."""
    _, front_matter, body = source.read_text(encoding="utf-8").split("---\n", 2)
    target.write_text(pelican_metadata(front_matter) + body, encoding="utf-8")


def write_pelican_site(content: Path, folder: Path) -> Path:
    """A Pelican project in `folder` (pelicanconf.py, theme/, content/commentary/) holding every
    commentary of our `content` folder. Returns the settings file."""
    if folder.exists():
        shutil.rmtree(folder)
    articles = folder / "content" / "commentary"
    articles.mkdir(parents=True)
    for source in sorted((content / "commentary").glob("*.md")):
        to_pelican_file(source, articles / source.name)
    templates = folder / "theme" / "templates"
    templates.mkdir(parents=True)
    for name, text in THEME.items():
        (templates / name).write_text(text, encoding="utf-8")
    settings = folder / "pelicanconf.py"
    settings.write_text(CONFIG, encoding="utf-8")
    return settings
