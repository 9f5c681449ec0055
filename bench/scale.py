"""Benchmark: the handbook at 100, 1,000 and 10,000 stories, side by side with the floor.

Run:  .venv/bin/python bench/scale.py [--sizes 100 1000 10000]

For each size it writes a deterministic synthetic handbook (bench/synthetic.py; values and
behaviours grow with the stories), commits it to a git repository of its own (page dates
and "What's changed" read git history, as they do in CI) and measures:

- `handbook check`: the median of three runs from nothing (the project's cache folder
  deleted first), and of three runs after one story file is edited (the cache the last run
  left); `--check-only` measures these alone;
- `handbook build` without PDF editions (bench/pdf_editions.py measures those), with the
  generator's own share: the time spent in the handbook plugin's hooks, which load and
  validate the data and render the pages' Markdown;
- the floor: plain MkDocs + Material building the same pages as plain Markdown with the
  same text, out of the nav, with the same theme, Markdown extensions and search plugin;
- peak memory of each build process, the size of each `site/` and of its search index.

- `handbook serve`: from saving an edit to one story's file to its open page in Chromium
  showing the new text (bench/serve_reload.py), the median of three edits.

Then the ratios build/floor, and how each figure grows from 1,000 to 10,000 stories.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_project
from generator.sources.caches import CACHE_ENV, project_cache_folder

BIN = Path(sys.executable).parent
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GIT_AUTHOR_DATE": "2026-11-01T12:00:00",
         "GIT_COMMITTER_DATE": "2026-11-01T12:00:00"}


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Figures:
    stories: int
    pages: int
    check: Run
    check_warm: Run
    serve_reload: float
    build: Run
    generator_seconds: float
    floor: Run
    site_mb: float
    floor_site_mb: float
    index_mb: float
    floor_index_mb: float


def run(command: list[str], cwd: Path) -> tuple[Run, str]:
    """Run a command to its end: wall time, its own peak memory, and what it printed."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=QUIET, stdout=out, stderr=err)
        # wait4 reaps this one child and tells its own peak resident memory.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n"
                             f"{err.read().decode()[-3000:]}")
        return Run(seconds, usage.ru_maxrss / 1024), out.read().decode()


def handbook_project(folder: Path, stories: int) -> Path:
    project = make_project(folder, stories=stories)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "      data_dir: data\n", "      data_dir: data\n      pdf: false\n"))
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid",
                     "commit", "-q", "-m", "Synthetic handbook"]):
        subprocess.run(command, cwd=project, env=QUIET, check=True)
    return project


def floor_project(handbook: Path, folder: Path) -> Path:
    """The same pages as plain Markdown for MkDocs alone: hand-written pages as they are,
    every generated page as its text and links, with the generator's HTML, attribute lists
    and admonitions taken out."""
    from generator.loading.loader import load_handbook
    from generator.site.page import BuildFacts
    from generator.site.pages import plan_site, render_site
    from generator.templating import make_environment

    book, report = load_handbook(handbook / "data", handbook / "handbook", root=handbook)
    assert book is not None, report.format()
    pages = plan_site(book, BuildFacts(today=book.stories[0].date))
    environment = make_environment("pages", handbook / "overrides", book.words, book.registry)
    rendered = render_site(book, environment, pages)
    docs = folder / "docs"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(handbook / "handbook", docs)
    for path, markdown in rendered.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(plain_markdown(markdown), encoding="utf-8")
    settings = yaml.safe_load((handbook / "mkdocs.yml").read_text())
    settings.update(docs_dir="docs", site_dir="site", plugins=["search"],
                    not_in_nav="\n".join(f"/{path}" for path in rendered))
    settings["theme"]["custom_dir"] = str(handbook / "overrides")
    settings["validation"] = {"links": {"unrecognized_links": "ignore"}}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False))
    return folder


def plain_markdown(markdown: str) -> str:
    front, _, body = markdown.partition("\n---\n") if markdown.startswith("---\n") else (
        "", "", markdown)
    title = re.search(r"^title: (.*)$", front, re.MULTILINE)
    body = re.sub(r"<[^>]+>", "", body)  # HTML the templates write
    body = re.sub(r"\{[:.#][^}]*\}", "", body)  # attribute lists
    body = re.sub(r'^\s*(?:!!!|\?\?\?\+?) *\w+ *"?([^"\n]*)"?$', r"**\1**", body,
                  flags=re.MULTILINE)  # admonition headers become a bold line
    lines = [line.strip() for line in body.splitlines()]  # no indented code by accident
    heading = f"# {yaml.safe_load(title.group(1))}\n\n" if title else ""
    return heading + "\n".join(lines) + "\n"


def folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6


def measure(stories: int, work: Path) -> Figures:
    from bench.serve_reload import reload_latency

    project = handbook_project(work / f"handbook-{stories}", stories)
    check, check_warm = check_runs(project, stories)
    _, reloads = reload_latency(project)
    build, stdout = run([sys.executable, __file__, "--build-with-timers", str(project)], project)
    generator_seconds = json.loads(stdout.splitlines()[-1])["generator_seconds"]
    floor = floor_project(project, work / f"floor-{stories}")
    floor_run, _ = run([str(BIN / "mkdocs"), "build", "--quiet"], floor)
    site, floor_site = project / "site", floor / "site"
    return Figures(
        stories=stories, pages=sum(1 for _ in site.rglob("index.html")), check=check,
        check_warm=check_warm, serve_reload=statistics.median(reloads),
        build=build, generator_seconds=generator_seconds, floor=floor_run,
        site_mb=folder_mb(site), floor_site_mb=folder_mb(floor_site),
        index_mb=(site / "search/search_index.json").stat().st_size / 1e6,
        floor_index_mb=(floor_site / "search/search_index.json").stat().st_size / 1e6,
    )


def check_run(project: Path, *, cache: bool) -> Run:
    if not cache:
        shutil.rmtree(project_cache_folder(project, Path(QUIET[CACHE_ENV])), ignore_errors=True)
    return run([str(BIN / "handbook"), "check"], project)[0]


def check_runs(project: Path, stories: int) -> tuple[Run, Run]:
    """`handbook check` from nothing, and after a one-story edit: medians of three."""
    check = median_run([check_run(project, cache=False) for _ in range(3)])
    story = sorted((project / "data/stories").glob("*.yml"))[stories // 3]
    original = story.read_text()
    warm = []
    for word in ("Once", "Twice", "Again"):
        story.write_text(original.replace("tip: ", f"tip: {word} edited. ", 1))
        warm.append(check_run(project, cache=True))
    story.write_text(original)
    return check, median_run(warm)


def median_run(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs))


def build_with_timers(project: Path) -> None:
    """`handbook build`, with a stopwatch around each of the handbook plugin's hooks."""
    from generator.plugin import HandbookPlugin
    from generator.site.build import build_site
    from generator.sources.project import find_project

    spent = [0.0]
    for name in [n for n in vars(HandbookPlugin) if n.startswith("on_")]:
        hook = getattr(HandbookPlugin, name)

        def timed(*args: object, _hook: object = hook, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return _hook(*args, **kwargs)  # type: ignore[operator]
            finally:
                spent[0] += time.perf_counter() - started

        setattr(HandbookPlugin, name, timed)
    build_site(find_project(project / "mkdocs.yml"))
    print(json.dumps({"generator_seconds": spent[0]}))


def print_table(rows: list[Figures]) -> None:
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python "
          f"{platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material "
          f"{version('mkdocs-material')}")
    print()
    print("| stories | pages | check | check, one file edited | preview reload | generator | "
          "build | floor | build/floor | generator share | peak memory build / floor | "
          "site/ build / floor | search index build / floor |")
    print("|" + "---|" * 13)
    for f in rows:
        print(f"| {f.stories:,} | {f.pages:,} | {f.check.seconds:.2f} s | "
              f"{f.check_warm.seconds:.2f} s | {f.serve_reload:.2f} s | "
              f"{f.generator_seconds:.2f} s | {f.build.seconds:.1f} s | {f.floor.seconds:.1f} s | "
              f"{f.build.seconds / f.floor.seconds:.2f} | "
              f"{100 * f.generator_seconds / f.build.seconds:.1f}% | "
              f"{f.build.peak_mb:.0f} / {f.floor.peak_mb:.0f} MB | "
              f"{f.site_mb:.1f} / {f.floor_site_mb:.1f} MB ({f.site_mb / f.floor_site_mb:.2f}) | "
              f"{f.index_mb:.1f} / {f.floor_index_mb:.1f} MB "
              f"({f.index_mb / f.floor_index_mb:.2f}) |")
    sizes = {f.stories: f for f in rows}
    if 1000 in sizes and 10000 in sizes:
        small, large = sizes[1000], sizes[10000]
        print()
        print("growth from 1,000 to 10,000 stories: "
              f"check x{large.check.seconds / small.check.seconds:.1f}, "
              f"generator x{large.generator_seconds / small.generator_seconds:.1f}, "
              f"build x{large.build.seconds / small.build.seconds:.1f}, "
              f"floor x{large.floor.seconds / small.floor.seconds:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--check-only", action="store_true",
                        help="measure `handbook check` alone (from nothing, and after an edit)")
    parser.add_argument("--build-with-timers", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_with_timers:
        build_with_timers(args.build_with_timers)
        return
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as scratch:
        work = args.keep or Path(scratch)
        QUIET[CACHE_ENV] = str(work / "cache")  # the runs' caches, not the user's
        if args.check_only:
            print("| stories | check | check, one file edited |\n|---|---|---|")
            for size in args.sizes:
                cold, warm = check_runs(handbook_project(work / f"handbook-{size}", size), size)
                print(f"| {size:,} | {cold.seconds:.2f} s | {warm.seconds:.2f} s |")
            return
        rows = [measure(size, work) for size in args.sizes]
        print_table(rows)


if __name__ == "__main__":
    main()
