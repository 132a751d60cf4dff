"""Synthetic commentaries for benchmarks: realistic length, deterministic text."""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "nuclear",
    "disarmament",
    "treaty",
    "verification",
    "inspectors",
    "enrichment",
    "safeguards",
    "diplomacy",
    "sanctions",
    "negotiations",
    "missile",
    "deterrence",
    "proliferation",
    "agency",
    "reactor",
    "uranium",
    "plutonium",
    "council",
    "ministers",
    "regional",
    "security",
    "confidence",
    "measures",
    "dialogue",
    "economic",
    "support",
    "pressure",
    "policy",
]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + rng.choice([".", ".", ".", "?"])


NEWEST = date(2025, 12, 31)
"""The synthetic commentaries are dated one a day, the newest on this day..."""
SYNTHETIC_NOW = "1767258000"
"""...and built as of the morning after (SOURCE_DATE_EPOCH: 2026-01-01 09:00 UTC), so the
newest week is due and in the publishing window: a newsletter issue and drafts are built."""


def write_content(folder: Path, count: int, seed: int = 1) -> Path:
    """A content/ folder with the sample site.toml and `count` commentaries (about 3 KB each),
    one a day up to NEWEST."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "commentary").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site.toml", folder / "site.toml")
    start = NEWEST - timedelta(days=count - 1)
    for index in range(count):
        paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(3, 6))) for _ in range(6)]
        day = start + timedelta(days=index)
        text = (
            f"---\ntitle: Commentary number {index} on {rng.choice(WORDS)} {rng.choice(WORDS)}\n"
            f"date: {day.isoformat()}\nauthors:\n- Author {index % 7}\ntags:\n- North Korea\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
        (folder / "commentary" / f"commentary-{index:05d}.md").write_text(text, encoding="utf-8")
    return folder
