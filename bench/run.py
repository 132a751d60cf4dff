"""Benchmarks, printed as numbers (never asserted): `make bench`.

- build: `pipeline build` of N synthetic commentaries, cold (empty cache) and again with
  nothing changed, wall seconds and peak memory (max RSS of the build or a worker process);
- every other bench/bench_*.py module's main(), in turn.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, SYNTHETIC_NOW, write_content

MEASURE = """
import resource, sys
from pipeline.cli import cli
try:
    cli(sys.argv[1:], prog_name="pipeline", standalone_mode=False)
finally:
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    print("cpu_s", sum(u.ru_utime + u.ru_stime for u in usage), file=sys.stderr)
    print("maxrss_kb", max(u.ru_maxrss for u in usage), file=sys.stderr)
"""


def timed_build(content: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    """Seconds and peak MB of one `pipeline build` in a fresh process (the largest resident set
    of the build process and of its worker processes)."""
    args = [sys.executable, "-c", MEASURE, "build", "--content", str(content), "--out", str(out),
            "--templates", str(ROOT / "templates"), "--ledger", str(content.parent / "ledger.jsonl")]  # fmt: skip
    start = time.perf_counter()
    env = {**os.environ, "PIPELINE_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": SYNTHETIC_NOW}
    done = subprocess.run(args, capture_output=True, text=True, check=True, env=env)
    seconds = time.perf_counter() - start
    rss_kb = int(done.stderr.rsplit("maxrss_kb", 1)[1].split()[0])
    cpu = float(done.stderr.rsplit("cpu_s", 1)[1].split()[0])
    return seconds, cpu, rss_kb / 1024


def bench_build(sizes: tuple[int, ...] = (1, 100, 1000)) -> list[dict[str, float]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in sizes:
            content = write_content(Path(tmp) / f"content-{count}", count)
            out, cache = Path(tmp) / f"dist-{count}", Path(tmp) / f"cache-{count}"
            cold, cold_cpu, cold_mb = timed_build(content, out, cache)
            again, again_cpu, again_mb = timed_build(content, out, cache)
            first = sorted((content / "commentary").glob("*.md"))[0]
            first.write_text(first.read_text() + "\nOne more sentence.\n")
            edited, edited_cpu, edited_mb = timed_build(content, out, cache)
            rows.append({"commentaries": count, "cold_s": round(cold, 3), "cold_cpu_s": round(cold_cpu, 2),
                         "cold_peak_mb": round(cold_mb, 1),
                         "unchanged_s": round(again, 3), "unchanged_cpu_s": round(again_cpu, 2),
                         "one_edited_s": round(edited, 3), "one_edited_cpu_s": round(edited_cpu, 2),
                         "peak_mb": round(max(cold_mb, again_mb, edited_mb), 1)})  # fmt: skip
            print(f"build {count:>5} commentaries: cold {cold:6.2f} s ({cold_cpu:5.1f} s CPU), "
                  f"peak {cold_mb:6.1f} MB; "
                  f"nothing changed {again:5.2f} s ({again_cpu:4.2f} s CPU); "
                  f"one edited {edited:5.2f} s ({edited_cpu:5.2f} s CPU), "
                  f"peak {edited_mb:6.1f} MB", flush=True)  # fmt: skip
    return rows


def main() -> None:
    rows = bench_build()
    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        module = importlib.import_module(f"bench.{path.stem}")
        print(f"-- {path.stem}", flush=True)
        module.main()
    if "--json" in sys.argv:
        print(json.dumps(rows))


if __name__ == "__main__":
    main()
