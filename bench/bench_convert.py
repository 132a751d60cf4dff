"""Benchmark: HTML to Markdown for the importer fixture pages and feed entries (CPU time).

Run: .venv/bin/python bench/bench_convert.py   (prints milliseconds; reads tests/fixtures only)
Each page is first extracted with trafilatura, as `pipeline import` does; that extraction is
timed too, for scale.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
import trafilatura  # noqa: E402

from pipeline.importers.html_markdown import html_to_markdown, trafilatura_xml_to_html  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "importers"
BASE = "https://example.org/a/"


def _extract(text: str) -> str | None:
    return trafilatura.extract(
        text, url=BASE, output_format="xml", include_links=True, include_images=True,
        include_formatting=True, include_tables=True, include_comments=False, deduplicate=False,
    )  # fmt: skip


def _best(run: Callable[[], object], repeat: int = 7) -> float:
    """The least CPU seconds of `repeat` calls of `run` (a noisy machine only adds time)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


def main() -> None:
    pages = sorted(FIXTURES.rglob("*.html"))
    texts = [
        p.read_text(encoding="utf-8").replace("{{BASE}}", "https://example.org") for p in pages
    ]
    fragments = [trafilatura_xml_to_html(xml) for xml in map(_extract, texts) if xml]
    for feed in sorted(FIXTURES.rglob("*.xml")):
        for entry in feedparser.parse(feed.read_bytes(), sanitize_html=False).entries:
            fragments += [c["value"] for c in entry.get("content") or []]
    size = sum(len(f) for f in fragments) / 1024
    convert = _best(lambda: [html_to_markdown(f, BASE) for f in fragments])
    extract = _best(lambda: [_extract(t) for t in texts], repeat=3)
    print(f"convert: {len(fragments)} fixture fragments ({size:.1f} KB of HTML) to Markdown")
    print(f"  {convert * 1000:.1f} ms CPU, {convert / len(fragments) * 1000:.2f} ms a fragment")
    print(f"  for scale, trafilatura extraction of the {len(texts)} pages: {extract * 1000:.0f} ms")


if __name__ == "__main__":
    main()
