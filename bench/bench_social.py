"""Social drafts for 1000 synthetic commentaries: wall time, and how much of it is pysbd.

Run: `.venv/bin/python bench/bench_social.py`. Prints numbers, asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline import text as text_module
from pipeline.article import Article
from pipeline.render.social import render_social_outputs
from pipeline.site import Site

COUNT = 1000
PEOPLE = [("Angela", "Kane"), ("Laura", "Rockwood"), ("Elena", "Sokova"), ("Noah", "Mayhew")]
ORGS = ["the IAEA", "the U.S. Department of State", "the Asia-Pacific Leadership Network"]
TOPICS = ["the JCPOA", "the NPT review", "export controls", "uranium enrichment", "safeguards"]
OPENERS = [
    "On {day} {month}, the VCDNP hosted a webinar on {topic} with {org}.",
    "What can {org} do about {topic} before the next review conference?",
    "{first} {last} spoke on this topic in a video published by {org}.",
]
ARGUMENT = [
    "The biggest obstacle, said {hon} {last}, is {noun}.",
    "{hon} {last} argues that {org} should put {topic} ahead of {noun}.",
    "In this regard, {hon} {last} recommended an approach that focuses on {noun}.",
    "Without {noun}, {topic} is unlikely to survive the next crisis, i.e. the one after this.",
    "According to {hon} {last}, the U.S. and its partners must pursue {noun} in tandem with {topic}.",
    'This is why "{noun}" matters, she notes, and why {org} needs a new mandate.',
]
FILLER = [
    "The meeting took place in Vienna and was attended by {n} delegations.",
    "{org} has worked on {topic} since {year}, and its reports are available online.",
    "Several speakers described the history of {topic} in some detail.",
    "Participants discussed {topic}, {noun} and the role of {org}.",
]
NOUNS = ["time", "trust", "economic aid", "verification", "political will", "funding", "access"]
MONTHS = ["January", "March", "May", "September", "November"]


def _fill(template: str, rng: random.Random) -> str:
    first, last = rng.choice(PEOPLE)
    return template.format(
        first=first, last=last, hon=rng.choice(["Ms.", "Dr.", "Mr."]), org=rng.choice(ORGS),
        topic=rng.choice(TOPICS), noun=rng.choice(NOUNS), n=rng.randint(5, 90),
        year=rng.randint(1990, 2020), day=rng.randint(1, 28), month=rng.choice(MONTHS),
    )  # fmt: skip


def synthetic_articles(count: int = COUNT, seed: int = 4) -> list[Article]:
    """`count` commentaries of about 3 KB: an opening, filler and argument paragraphs."""
    rng = random.Random(seed)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    articles = []
    for index in range(count):
        paragraphs = [" ".join(_fill(t, rng) for t in rng.sample(OPENERS, 2))]
        for _ in range(5):
            pool = ARGUMENT + FILLER
            paragraphs.append(
                " ".join(_fill(rng.choice(pool), rng) for _ in range(rng.randint(3, 5)))
            )
        slug = f"commentary-{index:05d}"
        url = f"https://vcdnp.org/{slug}/"
        body = "\n\n".join(paragraphs)
        articles.append(
            Article(
                slug=slug, collection="commentary", source_path=f"content/commentary/{slug}.md",
                content_hash=f"{index:064x}", guid=url, title=f"Commentary {index} on {rng.choice(TOPICS)}",
                date=start + timedelta(days=index), url=url, summary=paragraphs[0][:300],
                tags=("North Korea", "Nuclear Diplomacy"), body_markdown=body,
            )
        )  # fmt: skip
    return articles


def site() -> Site:
    return Site.model_validate(
        {
            "name": "VCDNP", "base_url": "https://vcdnp.org/", "public_url": "https://vcdnp.github.io/p/",
            "feed": {"title": "t", "description": "d", "author": "a"},
            "newsletter": {"from": "a <a@b.org>", "postal_address": "x", "unsubscribe_url": "https://b.org/u"},
            "social": {
                "mentions": {"Asia-Pacific Leadership Network": {"x": "@APLNofficial"}},
                "hashtags": {"North Korea": "#NorthKorea", "Nuclear Diplomacy": "#NuclearDiplomacy"},
            },
        }
    )  # fmt: skip


def main() -> None:
    articles = synthetic_articles()
    settings = site()
    split_seconds = 0.0
    original = text_module.split_sentences

    def timed_split(text: str, language: str = "en") -> list[str]:
        nonlocal split_seconds
        begun = time.perf_counter()
        try:
            return original(text, language)
        finally:
            split_seconds += time.perf_counter() - begun

    # One process first, so CPU time and pysbd's share are measurable.
    os.environ["PIPELINE_WORKERS"] = "1"
    text_module.split_fast.cache_clear()
    text_module._split_piece.cache_clear()
    text_module.split_sentences = timed_split  # type: ignore[assignment]
    try:
        start, cpu = time.perf_counter(), time.process_time()
        outputs = render_social_outputs(articles, settings, now=None)
        single, single_cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        text_module.split_sentences = original  # type: ignore[assignment]
        del os.environ["PIPELINE_WORKERS"]
    # Per article, one at a time: the median CPU cost of drafting one commentary.
    text_module.split_fast.cache_clear()
    text_module._split_piece.cache_clear()
    costs = []
    os.environ["PIPELINE_WORKERS"] = "1"
    try:
        for article in articles:
            cpu = time.process_time()
            render_social_outputs([article], settings, now=None)
            costs.append(time.process_time() - cpu)
    finally:
        del os.environ["PIPELINE_WORKERS"]
    median_ms = statistics.median(costs) * 1000
    # Then as the build runs it: articles spread over the cores.
    text_module.split_fast.cache_clear()
    text_module._split_piece.cache_clear()
    start = time.perf_counter()
    render_social_outputs(articles, settings, now=None)
    parallel = time.perf_counter() - start
    print(
        f"social drafts for {len(articles)} commentaries ({len(outputs)} files): "
        f"one process {single:.2f} s ({single_cpu / len(articles) * 1000:.1f} ms CPU each, "
        f"pysbd {split_seconds:.2f} s of it); median {median_ms:.1f} ms CPU an article; "
        f"all cores {parallel:.2f} s wall"
    )


if __name__ == "__main__":
    main()
