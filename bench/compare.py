"""`pipeline build` against Pelican 4.12 on the same synthetic commentaries: CPU ratios.

Each build runs in a fresh child process; its CPU time (user + sys) and peak resident set come
from `os.wait4`, so they include the worker processes it waited for. Every figure is the median
of BENCH_RUNS runs (default 3). Cases, for each size in BENCH_SIZES (default 100,1000,10000):
cold (no output, empty cache), and for sizes up to 1000 also unchanged (the same build again)
and one edited file (a sentence appended to the newest commentary, or to the oldest, then a
build). Prints numbers and
ratios, asserts nothing. Without Pelican (the `bench` extra) it says the comparison is skipped.
Also `pipeline --help` against `python -c pass`.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import ROOT, SYNTHETIC_NOW, write_content

BIN = Path(sys.executable).parent
EDITED_UP_TO = 1000
"""Unchanged and one-edit rebuilds are measured up to this size (10,000 is cold only)."""


@dataclass(frozen=True)
class Usage:
    wall: float
    cpu: float
    rss_kb: int


def run_child(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Usage:
    """Run `args` to the end; its wall and CPU seconds and peak RSS (children included).

    Both tools run as an installed program runs, with Python's bytecode written and reused: an
    environment that sets PYTHONDONTWRITEBYTECODE (some sandboxes do) would have every run
    compile the pipeline's own modules afresh (the editable install has no bytecode)."""
    env = {k: v for k, v in (os.environ if env is None else env).items()
           if k != "PYTHONDONTWRITEBYTECODE"}  # fmt: skip
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            tail = log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(args[:3])} ... exited {child.returncode}:\n{tail}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median(runs: list[Usage]) -> Usage:
    return Usage(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        int(statistics.median(r.rss_kb for r in runs)),
    )


class Ours:
    name = "pipeline"

    def __init__(self, content: Path, work: Path) -> None:
        self.content, self.out, self.cache = content, work / "dist", work / "cache"
        self.ledger = work / "ledger.jsonl"
        self.env = {**os.environ, "PIPELINE_CACHE_DIR": str(self.cache),
                    "SOURCE_DATE_EPOCH": SYNTHETIC_NOW}  # fmt: skip

    def clear(self) -> None:
        shutil.rmtree(self.out, ignore_errors=True)
        shutil.rmtree(self.cache, ignore_errors=True)

    def build(self) -> Usage:
        return run_child(
            [str(BIN / "pipeline"), "build", "--content", str(self.content), "--out", str(self.out),
             "--templates", str(ROOT / "templates"), "--ledger", str(self.ledger)],
            self.env,
        )  # fmt: skip

    def edit(self, text: str, index: int) -> None:
        _append(sorted((self.content / "commentary").glob("*.md"))[index], text)


class Pelican:
    name = "Pelican"

    def __init__(self, content: Path, work: Path) -> None:
        from bench.pelican_site import write_pelican_site

        self.work = work
        self.settings = write_pelican_site(content, work)

    def clear(self) -> None:
        shutil.rmtree(self.work / "output", ignore_errors=True)
        shutil.rmtree(self.work / "cache", ignore_errors=True)

    def build(self) -> Usage:
        env = {**os.environ, "SOURCE_DATE_EPOCH": SYNTHETIC_NOW}
        return run_child(
            [str(BIN / "pelican"), "-q", "-s", str(self.settings), "-o", "output", "content"],
            env, self.work,
        )  # fmt: skip

    def edit(self, text: str, index: int) -> None:
        _append(sorted((self.work / "content" / "commentary").glob("*.md"))[index], text)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


Tool = Ours | Pelican
EDITS = {"edit new": -1, "edit old": 0}
"""The one-edit cases: a sentence appended to the newest commentary (in the feeds, the
newsletter issue and the drafts: the usual correction), or to the oldest (in none of them)."""


def measure(tool: Tool, count: int, runs: int) -> dict[str, Usage]:
    """Median figures of the cases for one tool on one corpus."""
    cold = []
    for _ in range(runs):
        tool.clear()
        cold.append(tool.build())
    figures = {"cold": median(cold)}
    if count <= EDITED_UP_TO:
        figures["unchanged"] = median([tool.build() for _ in range(runs)])
        for case, index in EDITS.items():
            edited = []
            for run in range(runs):
                tool.edit(f"One more sentence, number {run}, about verification.", index)
                edited.append(tool.build())
            figures[case] = median(edited)
    return figures


def _line(name: str, count: int, case: str, usage: Usage) -> str:
    return (
        f"{name:<8} {count:>6} {case:<9}: {usage.wall:7.2f} s wall, {usage.cpu:7.2f} s CPU "
        f"({usage.cpu / count * 1000:5.2f} ms an article), peak {usage.rss_kb / 1024:6.1f} MB "
        f"({usage.rss_kb / count:6.1f} KB an article)"
    )


def compare_builds(sizes: list[int], runs: int) -> list[dict[str, object]]:
    have_pelican = importlib.util.find_spec("pelican") is not None
    if not have_pelican:
        print(
            "Pelican comparison SKIPPED: pelican is not installed "
            "(`make bench` installs the `bench` extra: pip install -e '.[bench]')",
            flush=True,
        )
    rows: list[dict[str, object]] = []
    colds: list[tuple[int, Usage]] = []
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        for count in sizes:
            base = Path(tmp) / str(count)
            # Pelican's project is converted from the same corpus before anything is built
            # (its edits go to its own copy): one corpus written, not two.
            tools: list[Tool] = [Ours(write_content(base / "content", count), base / "ours")]
            if have_pelican:
                tools.append(Pelican(tools[0].content, base / "pel"))
            results: dict[str, dict[str, Usage]] = {}
            for tool in tools:
                results[tool.name] = measure(tool, count, runs)
                for case, usage in results[tool.name].items():
                    print(_line(tool.name, count, case, usage), flush=True)
            ours = results["pipeline"]
            colds.append((count, ours["cold"]))
            row: dict[str, object] = {"commentaries": count}
            for case, usage in ours.items():
                row[case] = {"wall_s": round(usage.wall, 3), "cpu_s": round(usage.cpu, 3),
                             "peak_kb": usage.rss_kb}  # fmt: skip
            if "Pelican" in results:
                theirs = results["Pelican"]
                ratios = {case: ours[case].cpu / theirs[case].cpu for case in ours}
                memory = ours["cold"].rss_kb / theirs["cold"].rss_kb
                print(
                    f"ratio    {count:>6} pipeline/Pelican CPU: "
                    + ", ".join(f"{case} {ratio:.2f}x" for case, ratio in ratios.items())
                    + f"; peak memory {memory:.2f}x",
                    flush=True,
                )
                row["cpu_ratio"] = {case: round(r, 3) for case, r in ratios.items()}
            shutil.rmtree(base, ignore_errors=True)
            rows.append(row)
    if len(colds) > 1:
        print(
            "linearity of pipeline cold: "
            + ", ".join(
                f"{n}: {u.cpu / n * 1000:.2f} ms CPU, {u.rss_kb / n:.1f} KB" for n, u in colds
            )
            + " an article",
            flush=True,
        )
    return rows


def compare_help(runs: int = 15) -> dict[str, float]:
    """`pipeline --help` against an empty interpreter, median wall and CPU seconds."""
    python = median([run_child([sys.executable, "-c", "pass"]) for _ in range(runs)])
    helped = median([run_child([str(BIN / "pipeline"), "--help"]) for _ in range(runs)])
    print(
        f"pipeline --help: {helped.wall * 1000:.0f} ms wall, {helped.cpu * 1000:.0f} ms CPU; "
        f"python -c pass: {python.wall * 1000:.0f} ms wall, {python.cpu * 1000:.0f} ms CPU; "
        f"ratio {helped.wall / python.wall:.2f}x wall, {helped.cpu / python.cpu:.2f}x CPU",
        flush=True,
    )
    return {"help_wall_ratio": helped.wall / python.wall, "help_cpu_ratio": helped.cpu / python.cpu}


def main() -> list[dict[str, object]]:
    """Both comparisons, with the sizes and number of runs from the environment."""
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "100,1000,10000").split(",")]
    compare_help()
    return compare_builds(sizes, int(os.environ.get("BENCH_RUNS", "3")))


if __name__ == "__main__":
    main()
