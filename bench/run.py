"""Benchmarks, printed as numbers (never asserted): `make bench`.

- bench/compare.py: `pipeline --help` against `python -c pass`, and `pipeline build` against
  Pelican on 100, 1000 and 10,000 synthetic commentaries (cold, unchanged, one edited file):
  CPU seconds, peak memory and their ratios (BENCH_SIZES, BENCH_RUNS change what is run);
- every bench/bench_*.py module's main(), in turn.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import compare


def main() -> None:
    rows = compare.main()
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        module = importlib.import_module(f"bench.{path.stem}")
        print(f"-- {path.stem}", flush=True)
        module.main()
    if "--json" in sys.argv:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
