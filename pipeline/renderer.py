"""The renderer contract: what a renderer reads (`BuildContext`) and what it returns.

`build.py` calls the renderers; the renderers (`pipeline/render/*`) implement the contract.
Both import it from here, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cache import Cache
from pipeline.outputs import Output

if TYPE_CHECKING:  # pipeline.content and .ledger pull in pydantic, yaml, markdown-it, nh3, pysbd
    from pipeline.content import Content
    from pipeline.ledger import Ledger


@dataclass(frozen=True)
class BuildContext:
    """What renderers may read beyond the content: the ledger and the templates folder."""

    content: Content
    ledger: Ledger
    templates_dir: Path
    cache: Cache = field(default_factory=lambda: Cache(None))
    """Per-article results keyed on their inputs; renderers may memoise costly work in it."""


Renderer = Callable[[BuildContext], list[Output]]
"""Renders one kind of output (feeds, the newsletter, social drafts) from the context: a pure
function of it, with no I/O of its own; the build writes what it returns."""

Reviewer = Callable[[BuildContext, Sequence[Output]], list[Output]]
"""Renders pages about the other outputs (the review page); runs after every renderer."""
