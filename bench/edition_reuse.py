"""Benchmark: all PDF editions made again after a commit, with unchanged editions reused.

Run:  .venv/bin/python bench/edition_reuse.py [--stories 100 2000]

For each size, a synthetic handbook (bench/synthetic.py) in a git repository of its own:
1. `handbook pdf` with an empty cache (every edition laid out);
2. the tip of one published story (not featured) edited and committed, `handbook pdf`
   again: the editions that print that story are laid out, the others reused;
3. a commit that changes no printed file (the README), `handbook pdf` again.
Commits are dated as CI would check them out; no SOURCE_DATE_EPOCH. Prints one line per
run: seconds, and which editions were laid out and which reused.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_project
from generator.sources.caches import CACHE_ENV

HANDBOOK = str(Path(sys.executable).with_name("handbook"))


def commit(project: Path, message: str, day: int) -> None:
    moment = f"2026-11-{day:02d}T09:00:00+00:00"
    environment = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(project), "-c", "user.name=Bench", "-c",
                    "user.email=bench@example.org", "commit", "-qm", message],
                   check=True, env=environment)


def make_editions(project: Path) -> tuple[float, list[str], list[str]]:
    """Seconds for `handbook pdf` (all editions), and the editions laid out and reused."""
    environment = {key: value for key, value in os.environ.items()
                   if key != "SOURCE_DATE_EPOCH"}
    started = time.perf_counter()
    result = subprocess.run([HANDBOOK, "pdf"], cwd=project, capture_output=True, text=True,
                            env=environment)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    lines = result.stderr.splitlines()
    reused = sorted(line.split(":")[0] for line in lines if ": reused:" in line)
    laid_out = sorted(line.split(":")[0] for line in lines if ": laying out pages" in line)
    return seconds, laid_out, reused


def edit_a_story(project: Path) -> None:
    """Edit the tip of the first story that is not featured (the orientation booklets
    print the featured ones): the complete handbook prints it, and perhaps the managers'
    edition, when it shows one of its two values."""
    for story in sorted((project / "data/stories").glob("story-*.yml")):
        text = story.read_text(encoding="utf-8")
        if "featured: false" in text:
            story.write_text(text.replace("tip: ", "tip: Ask first. ", 1), encoding="utf-8")
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[100, 2000])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    print(f"{'stories':>8} {'run':<28} {'seconds':>8}  laid out / reused")
    for stories in args.stories:
        with tempfile.TemporaryDirectory() as folder:
            os.environ[CACHE_ENV] = str(Path(folder) / "cache")  # the runs' own, not the user's
            project = make_project(Path(folder) / "handbook", stories=stories)
            (project / ".gitignore").write_text("/editions/\n/site/\n")
            (project / "README.md").write_text("A synthetic handbook.\n")
            subprocess.run(["git", "init", "-q", str(project)], check=True)
            commit(project, "first", 1)
            runs = [("cold (empty cache)", None), ("after a one-story edit", edit_a_story),
                    ("after an unrelated commit", _touch_readme)]
            for day, (name, change) in enumerate(runs, 2):
                if change is not None:
                    change(project)
                    commit(project, name, day)
                seconds, laid_out, reused = make_editions(project)
                print(f"{stories:>8,} {name:<28} {seconds:>8.1f}  {len(laid_out)} laid out "
                      f"({', '.join(laid_out) or '-'}) / {len(reused)} reused", flush=True)


def _touch_readme(project: Path) -> None:
    with (project / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("Another line.\n")


if __name__ == "__main__":
    main()
