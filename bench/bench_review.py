"""The review page for 1000 synthetic commentaries: its size and the time to render it.

Run: `.venv/bin/python bench/bench_review.py`. Prints numbers, asserts nothing (the test
tests/render/test_review.py checks that the page does not grow with the archive).
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, SYNTHETIC_NOW, write_content
from pipeline.build import _renderers, render_all
from pipeline.content import load_content
from pipeline.ledger import Ledger
from pipeline.render.review import render_review_page
from pipeline.renderer import BuildContext

COUNT = 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = write_content(Path(tmp) / "content", COUNT)
        now = datetime.fromtimestamp(int(SYNTHETIC_NOW), UTC)
        ctx = BuildContext(load_content(content, now=now), Ledger(), ROOT / "templates")
        outputs = render_all(ctx, _renderers())
        start, cpu = time.perf_counter(), time.process_time()
        (page,) = render_review_page(ctx, outputs)
        wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"review page for {COUNT} commentaries: {len(page.data) / 1024:.1f} KB, "
        f"{len(page.meta['social_shown'])} shown; rendered in {wall:.3f} s ({cpu:.3f} s CPU)",
        flush=True,
    )


if __name__ == "__main__":
    main()
