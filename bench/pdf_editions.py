"""Benchmark: time and page count of the complete PDF edition.

Run:  .venv/bin/python bench/pdf_editions.py [--stories 1000]

Prints one line for the shipped handbook and one for a synthetic handbook of N stories
(default 1,000). The figures go into README.md's "PDF editions" section.
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

from bench.synthetic import REPO, make_project
from generator.loading.loader import load_handbook

HANDBOOK = str(Path(sys.executable).with_name("handbook"))


def time_complete_edition(project: Path, output: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run(
        [HANDBOOK, "pdf", "--edition", "complete", "--output", str(output)],
        cwd=project, capture_output=True, text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000"},
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    pages = int(result.stdout.split(": ", 1)[1].split(" pages")[0])
    return seconds, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}")
    print(f"{'handbook':<28} {'stories':>8} {'pages':>6} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as folder:
        seconds, pages = time_complete_edition(REPO, Path(folder) / "shipped")
        print(f"{'shipped (Bramblecote)':<28} {published_stories(REPO):>8,} {pages:>6,} "
              f"{seconds:>8.1f}")
        project = make_project(Path(folder) / "synthetic", stories=args.stories)
        seconds, pages = time_complete_edition(project, Path(folder) / "out")
        print(f"{'synthetic':<28} {published_stories(project):>8,} {pages:>6,} "
              f"{seconds:>8.1f}")


def published_stories(project: Path) -> int:
    """How many stories the complete edition prints: the published ones."""
    handbook, report = load_handbook(project / "data", project / "handbook", root=project)
    if handbook is None:
        raise SystemExit(report.format())
    return len(handbook.published)


if __name__ == "__main__":
    main()
