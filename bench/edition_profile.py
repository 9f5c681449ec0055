"""Benchmark: where the time of laying out the complete edition goes, and what one story is.

Run:  .venv/bin/python bench/edition_profile.py [--stories 100 2000]

For each size it writes a synthetic handbook (bench/synthetic.py), makes its complete
edition in this process (`handbook pdf --edition complete`) with WeasyPrint profiled, and
prints the seconds of each stage of WeasyPrint's work: reading the HTML, the cascade of
styles, building boxes, laying out the pages (which takes the text's shaping by Pango),
drawing them into a PDF with its structure tree; and how many pages were laid out, counting
those laid out again while page numbers settled. Then it lays the same HTML out again
without the profiler, for the seconds a page costs.

What it shows is in the README ("Reused while unchanged"): why the complete edition is
laid out whole when one story changes.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synthetic import make_project
from generator.sources.caches import CACHE_ENV

STAGES = [
    # (what a reader of the figures calls it, the WeasyPrint function that does it whole)
    ("reading the HTML", "weasyprint/__init__.py", "__init__"),
    ("the cascade of styles", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("building boxes", "weasyprint/formatting_structure/build.py",
     "build_formatting_structure"),
    ("laying out pages, shaping text", "weasyprint/layout/__init__.py", "layout_document"),
    ("drawing the PDF and its tags", "weasyprint/document.py", "write_pdf"),
]
PAGE_MADE = ("weasyprint/layout/page.py", "make_page")
"""Called for each page each time it is laid out: a page laid out again while page
numbers settle (a contents line, "page 7 of 92") counts again."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[100, 2000])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    for stories in args.stories:
        with tempfile.TemporaryDirectory(prefix="handbook-edition-profile-") as scratch:
            os.environ[CACHE_ENV] = str(Path(scratch) / "cache")  # nothing reused
            project = make_project(Path(scratch) / "handbook", stories=stories)
            html, seconds, stages = profiled_complete_edition(project)
            print(f"\n{stories:,} stories: the complete edition made in {seconds:.1f} s "
                  "(profiled), its stages:")
            for name, spent in stages.items():
                print(f"  {name:<44} " + (f"{spent:7,.0f}" if name == LAID_OUT
                                                else f"{spent:7.1f} s"))
            whole, pages = layout_seconds(html, project)
            print(f"  not profiled: {whole:.1f} s for {pages:,} pages, "
                  f"{whole / pages:.2f} s a page")


def profiled_complete_edition(project: Path) -> tuple[str, float, dict[str, float]]:
    """The complete edition's HTML, the seconds its layout took under the profiler, and
    the seconds (own time) spent in each stage."""
    from generator.editions import build
    from generator.editions.pdf import Progress, RenderedPdf

    captured: list[str] = []
    laid_out = build._lay_out  # where the edition build hands its HTML to WeasyPrint

    def capturing(html: str, job: build.EditionJob, say: Progress, read: list[Path]
                  ) -> RenderedPdf:
        captured.append(html)
        return laid_out(html, job, say, read)

    build._lay_out = capturing
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    try:
        _run_pdf_command(project)
    finally:
        profiler.disable()
        build._lay_out = laid_out
    seconds = time.perf_counter() - started
    return captured[0], seconds, _by_stage(pstats.Stats(profiler))


def _run_pdf_command(project: Path) -> None:
    from generator.cli import cli

    previous = Path.cwd()
    os.chdir(project)
    os.environ["SOURCE_DATE_EPOCH"] = "1790000000"
    try:
        cli.main(["pdf", "--edition", "complete", "--output", str(project / "out")],
                 standalone_mode=False)
    finally:
        os.chdir(previous)


LAID_OUT = "pages laid out, with those laid out again"


def _by_stage(stats: pstats.Stats) -> dict[str, float]:
    """Seconds (cumulative) of each stage, and the layout's passes over the pages."""
    found: dict[str, float] = {}
    for (filename, _, function), (calls, _, _, cumulative, _) in (
            stats.stats.items()):  # type: ignore[attr-defined]
        for stage, module, name in STAGES:
            if filename.endswith(module) and function == name:
                found[stage] = max(found.get(stage, 0.0), cumulative)
        if filename.endswith(PAGE_MADE[0]) and function == PAGE_MADE[1]:
            found[LAID_OUT] = calls
    return {stage: found[stage] for stage in [*(name for name, _, _ in STAGES), LAID_OUT]
            if stage in found}


def layout_seconds(html: str, project: Path) -> tuple[float, int]:
    """Seconds to lay out and write `html` as a PDF, without the profiler; its pages."""
    from generator.editions.pdf import html_to_pdf

    started = time.perf_counter()
    made = html_to_pdf(html, allowed_roots=[project / "handbook", Path(__file__).resolve()
                                            .parents[1] / "generator"], progress=lambda _: None)
    return time.perf_counter() - started, made.pages


if __name__ == "__main__":
    main()
