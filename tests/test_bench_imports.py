"""Every benchmark still imports what it measures (they run only under `make bench`, so a
renamed function would otherwise break them unseen). Nothing is timed here."""

from __future__ import annotations

import importlib

import pytest

from tests.conftest import ROOT

BENCHES = sorted(p.stem for p in (ROOT / "bench").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", BENCHES)
def test_the_benchmark_imports(name):
    module = importlib.import_module(f"bench.{name}")
    assert callable(getattr(module, "main", None)) or name in {"synthetic", "pelican_site"}
