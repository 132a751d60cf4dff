"""Newsletter rendering speed, in process: one issue, and a 30-article digest (printed, never asserted).

Target: under 20 ms for a single issue (Jinja + MRML + plain text + .eml).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, SYNTHETIC_NOW, write_content
from pipeline.content import load_content
from pipeline.render.email import plan_issue
from pipeline.render.email.render import render_issue
from pipeline.site import Site

TEMPLATES = ROOT / "templates"


def _ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best time of `run` in milliseconds (after one warm-up run)."""
    run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    sample = load_content(ROOT / "content")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = load_content(
            write_content(Path(tmp) / "content", 30),
            now=datetime.fromtimestamp(int(SYNTHETIC_NOW), UTC),
        )
    site = synthetic.site
    uncapped = Site.model_validate(
        {
            **site.model_dump(by_alias=True),
            "newsletter": {**site.newsletter.model_dump(by_alias=True), "max_digest_articles": 30},
        }
    )
    cases = [
        ("single issue (sample)", sample.articles[:1], sample.site),
        ("single issue (synthetic, ~3 KB)", synthetic.articles[:1], site),
        ("30-article digest (capped at 10)", synthetic.articles, site),
        ("30-article digest (all 30 shown)", synthetic.articles, uncapped),
    ]
    for label, articles, case_site in cases:
        issue = plan_issue(articles, case_site)
        assert issue is not None
        rendered = render_issue(issue, case_site, TEMPLATES)
        median, best = _ms(partial(render_issue, issue, case_site, TEMPLATES), 30)
        print(
            f"email {label:<34} median {median:6.2f} ms, best {best:6.2f} ms; "
            f"HTML {len(rendered.html.encode()):>6,} bytes, .eml {len(rendered.eml):>6,} bytes",
            flush=True,
        )


if __name__ == "__main__":
    main()
