"""The orchestrator: read content, render every output, write dist/ atomically with a manifest."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from pipeline import __version__, clock
from pipeline.cache import Cache, code_fingerprint
from pipeline.errors import BuildError
from pipeline.jsontext import write_indented
from pipeline.outputs import Output
from pipeline.renderer import BuildContext, Renderer, Reviewer
from pipeline.tree import files_under
from pipeline.writer import PreviousTree, file_stamp, write_new

if TYPE_CHECKING:  # pipeline.content and .ledger pull in pydantic, yaml, markdown-it, nh3, pysbd
    from pipeline.content import Content, Prefetch

MANIFEST = "manifest.json"


def _renderers() -> list[Renderer]:
    # Imported here so `pipeline --help` and an up-to-date rebuild stay fast.
    from pipeline.render.email import render_newsletter
    from pipeline.render.feeds import render_feeds
    from pipeline.render.social import render_social

    feeds: Renderer = lambda ctx: render_feeds(ctx.content.articles, ctx.content.site, ctx.cache)  # noqa: E731
    return [feeds, render_newsletter, render_social]


def _prefetches() -> list[Prefetch]:
    """Per-article renderers run by the reader, where each article is read (`Prefetch`)."""
    from pipeline.render.social import prefetch_drafts

    return [prefetch_drafts]


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    outputs: tuple[dict[str, Any], ...]
    warnings: tuple[str, ...]
    up_to_date: bool = False


def _files_under(folder: Path) -> list[str]:
    if not folder.is_dir() or "__pycache__" in folder.parts:
        return []
    return files_under(folder, skip=frozenset({"__pycache__"}))


@dataclass(frozen=True)
class Inputs:
    """What a build reads, as the up-to-date check saw it."""

    fingerprint: str
    content: dict[str, tuple[int, str]]
    """Each content file's size and sha256, by its POSIX path under the content folder: the
    reader keys its cache with them rather than read and hash every file a second time."""


def read_inputs(content_dir: Path, templates_dir: Path, ledger_path: Path) -> Inputs:
    """sha256 over everything a build reads: content, templates, ledger, code (with the
    installed libraries' versions) and SOURCE_DATE_EPOCH; and the content files' digests."""
    digest = hashlib.sha256(f"pipeline {__version__} {code_fingerprint()}\n".encode())
    digest.update(f"SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    content: dict[str, tuple[int, str]] = {}
    for root in (content_dir, templates_dir):
        for relative in _files_under(root):
            digest.update(f"{root.name}/{relative}\0".encode())
            with open(os.path.join(root, relative), "rb") as handle:
                data = handle.read()
            file_digest = hashlib.sha256(data)
            digest.update(file_digest.digest())
            if root is content_dir:
                content[relative] = (len(data), file_digest.hexdigest())
    if ledger_path.exists():
        digest.update(b"ledger\0" + hashlib.sha256(ledger_path.read_bytes()).digest())
    return Inputs(digest.hexdigest(), content)


def manifest_entry(output: Output) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": output.path,
        "kind": output.kind,
        "slug": output.slug,
        "sha256": hashlib.sha256(output.data).hexdigest(),
        "bytes": len(output.data),
    }
    entry.update(output.meta)
    return entry


def _reviewers() -> list[Reviewer]:
    from pipeline.render.review import render_review_page

    return [render_review_page]


def render_all(
    ctx: BuildContext,
    renderers: Sequence[Renderer] | None = None,
    reviewers: Sequence[Reviewer] | None = None,
) -> list[Output]:
    """Every output of the build, sorted by path; BuildError if two renderers claim one path."""
    outputs: list[Output] = []
    for renderer in renderers if renderers is not None else _renderers():
        outputs.extend(renderer(ctx))
    rendered = tuple(outputs)
    for reviewer in reviewers if reviewers is not None else _reviewers():
        outputs.extend(reviewer(ctx, rendered))
    seen: set[str] = set()
    for output in outputs:
        if output.path in seen or output.path == MANIFEST:
            raise BuildError(f"two outputs would be written to {output.path}")
        seen.add(output.path)
    return sorted(outputs, key=lambda o: o.path)


def _rebuild_after(content: Content) -> str | None:
    """When this build's outputs expire though no file changes: the next scheduled article
    becomes due, an article leaves the publishing window, or the event or call a piece in it
    announces is over (the newsletter stops announcing it)."""
    from pipeline.edition import in_window, window_changes

    site, now = content.site, content.now
    moments = [a.due_at for a in content.scheduled[:1]]
    leaves = window_changes(content.articles, site.publish.window_days, now)
    moments += [leaves] if leaves is not None else []
    moments += [
        over
        for a in content.articles
        if in_window(a, now, site.publish.window_days)
        and (over := a.announced_until(site.tz)) is not None
        and over > now
    ]
    return min(moments).isoformat() if moments else None


def _previous_manifest(out_dir: Path) -> tuple[dict[str, Any] | None, tuple[int, int, int] | None]:
    """The manifest of the build in `out_dir`, parsed once for the up-to-date check and the
    writer, and which file it was (`writer.file_stamp`); None when there is none or it does not
    parse."""
    try:
        with open(out_dir / MANIFEST, "rb") as handle:
            stamp = file_stamp(os.fstat(handle.fileno()))
            manifest = orjson.loads(handle.read())
    except (OSError, ValueError):  # (orjson.JSONDecodeError is a ValueError)
        return None, None
    return (manifest, stamp) if isinstance(manifest, dict) else (None, None)


def _up_to_date(
    out_dir: Path, manifest: dict[str, Any] | None, fingerprint: str, now: datetime
) -> bool:
    if manifest is None or manifest.get("inputs") != fingerprint:
        return False
    try:
        # An article became due or left the publishing window since: the same inputs now make
        # other outputs.
        until = manifest.get("rebuild_after")
        if until is not None and now >= datetime.fromisoformat(until):
            return False
    except (TypeError, ValueError):
        return False
    folder = os.fspath(out_dir)
    try:
        for entry in manifest.get("outputs", []):
            try:  # one stat a file
                found = os.stat(os.path.join(folder, entry["path"]))
            except (OSError, ValueError):
                return False
            if not stat.S_ISREG(found.st_mode) or found.st_size != entry["bytes"]:
                return False
    except (TypeError, KeyError, AttributeError):  # not a manifest this code wrote
        return False
    return True


def check_out_dir(out_dir: Path, inputs: Sequence[Path], kept_files: Sequence[Path]) -> None:
    """Refuse an output folder whose replacement would destroy something: the project folder,
    an input folder (content, templates) or a kept file (the ledger), or a folder that is not
    an earlier build."""
    out = out_dir.resolve()

    def within(path: Path) -> bool:  # `path` is `out` or inside it
        return path == out or out in path.parents

    for folder in inputs:
        resolved = folder.resolve()
        if within(resolved) or resolved in out.parents:
            raise BuildError(f"--out {out_dir}: overlaps {folder}; choose a separate folder")
    for path in [Path.cwd(), *kept_files]:
        if within(path.resolve()):
            raise BuildError(f"--out {out_dir}: would replace {path}; choose a separate folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise BuildError(
            f"--out {out_dir}: not empty and not an earlier build (no {MANIFEST}); "
            "choose another folder or empty it"
        )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_stale_staging(out_dir: Path) -> None:
    """Remove `.<name>.new-<pid>-*` folders left by killed builds (their process is gone).

    A folder of a build still running (another process writing the same dist/) is kept."""
    for folder in out_dir.parent.glob(f".{out_dir.name}.new-*"):
        pid_text = folder.name.removeprefix(f".{out_dir.name}.new-").partition("-")[0]
        if pid_text.isdigit() and _running(int(pid_text)):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier, finished attempt
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def write_tree(
    out_dir: Path,
    outputs: Sequence[Output],
    manifest: dict[str, Any],
    previous: dict[str, Any] | None = None,
    stamp: tuple[int, int, int] | None = None,
) -> None:
    """Write all outputs into a fresh folder, then swap it in: a failure leaves out_dir as it was.
    Files the previous build wrote with the same bytes are hard-linked from it instead
    (`previous`: its manifest, if the caller parsed it already, from the file `stamp` names).

    The swap is two renames; a crash between them leaves `.<name>.old`, which the next build
    puts back before anything else."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    old = out_dir.parent / f".{out_dir.name}.old"
    if old.exists() and not out_dir.exists():
        os.replace(old, out_dir)
    _remove_stale_staging(out_dir)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{out_dir.name}.new-{os.getpid()}-", dir=out_dir.parent)
    )
    staging.chmod(0o777 & ~_umask())  # mkdtemp makes it 0700; dist/ is served to others
    try:
        made: set[str] = set()
        # unchanged files are linked, not rewritten
        earlier = PreviousTree(out_dir, MANIFEST, previous, stamp)
        sha256 = {e["path"]: e["sha256"] for e in manifest.get("outputs", []) if "sha256" in e}
        root = str(staging)
        for output in outputs:
            target = os.path.join(root, output.path)
            folder = os.path.dirname(target)
            if folder not in made:  # (one mkdir a folder, not one a file)
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            digest = sha256.get(output.path)
            if digest is None or not earlier.link(output.path, digest, len(output.data), target):
                write_new(target, output.data)
        write_indented(manifest, staging / MANIFEST)
        if old.exists():
            shutil.rmtree(old)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def build(
    content_dir: Path,
    out_dir: Path,
    templates_dir: Path = Path("templates"),
    ledger_path: Path | None = None,
    force: bool = False,
    cache: Cache | None = None,
    now: datetime | None = None,
) -> BuildResult:
    """Build dist/ from content/. Skips all work when nothing it reads has changed and no
    scheduled article has become due. `now` (default: the clock) decides what is due;
    `ledger_path` defaults to `pipeline.ledger.LEDGER_PATH`."""
    if ledger_path is None:
        from pipeline.ledger import LEDGER_PATH

        ledger_path = LEDGER_PATH
    moment = now if now is not None else clock.now()
    check_out_dir(out_dir, [content_dir, templates_dir], [ledger_path])
    inputs = read_inputs(content_dir, templates_dir, ledger_path)
    fingerprint = inputs.fingerprint
    previous, stamp = _previous_manifest(out_dir)
    if not force and previous is not None and _up_to_date(out_dir, previous, fingerprint, moment):
        return BuildResult(
            out_dir,
            tuple(previous["outputs"]),
            tuple(previous.get("warnings", [])),
            up_to_date=True,
        )
    # Imported only now: an up-to-date build returns above without paying for it.
    from pipeline.content import load_content
    from pipeline.ledger import Ledger

    cache = cache if cache is not None else Cache.from_env()
    content = load_content(content_dir, cache, moment, _prefetches(), inputs.content)
    ledger = Ledger.load(ledger_path)
    outputs = render_all(BuildContext(content, ledger, templates_dir, cache))
    entries = tuple(manifest_entry(o) for o in outputs)
    warnings = tuple(str(w) for w in content.warnings)
    manifest = {
        "generator": f"pipeline {__version__}",
        "inputs": fingerprint,
        "site": content.site.name,
        "articles": [a.slug for a in content.articles],
        # Not yet due, soonest first: in no public output; the review page lists them.
        "scheduled": [
            {"slug": a.slug, "title": a.title, "due": a.due_at.isoformat()}
            for a in content.scheduled
        ],
        "rebuild_after": _rebuild_after(content),
        "warnings": list(warnings),
        "outputs": list(entries),
    }
    from pipeline.schema import (
        Manifest,  # pydantic: imported once content is (never when up to date)
    )

    Manifest.model_validate(manifest)  # what the publisher and the approval will read
    write_tree(out_dir, outputs, manifest, previous, stamp)
    cache.trim()  # past its size, the cache keeps what this build used
    return BuildResult(out_dir, entries, warnings)
