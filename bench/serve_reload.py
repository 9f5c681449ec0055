"""Benchmark: how long `handbook serve` takes to show a one-story edit in the browser.

Run:  .venv/bin/python bench/serve_reload.py [--stories 100 1000 10000]

For each size it writes a synthetic handbook (bench/synthetic.py) and commits it to a
git repository of its own, as an editor's clone is, then starts a real
`handbook serve`, opens a story's page in Chromium (Playwright, Debian's
/usr/bin/chromium) and then, three times, saves an edit to that story's file and measures
from the save to the moment the reloaded page shows the new text. It prints the first
build's time and the median reload.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale import QUIET, handbook_project
from tests.browser import CHROMIUM, CHROMIUM_ARGS

BIN = Path(sys.executable).parent
EDITS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_served(url: str, server: subprocess.Popen[bytes], seconds: float) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"handbook serve stopped (exit code {server.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} was not served within {seconds:.0f} s")


def measure(stories: int, work: Path) -> tuple[float, list[float]]:
    project = handbook_project(work / f"handbook-{stories}", stories)  # committed to git
    return reload_latency(project)


def reload_latency(project: Path) -> tuple[float, list[float]]:
    """The first build's seconds, and each edit's seconds from save to new text shown."""
    from playwright.sync_api import sync_playwright

    story = stories_of(project)[len(stories_of(project)) // 2]
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "handbook"), "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env=QUIET,
    )
    url = f"http://127.0.0.1:{port}/stories/{story.stem}/"
    try:
        started = time.perf_counter()
        wait_until_served(url, server, seconds=1800)
        first_build = time.perf_counter() - started
        reloads = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            for edit in range(1, EDITS + 1):
                marker = f"Edited for the benchmark, take {edit}."
                text = story.read_text()
                saved = time.perf_counter()
                story.write_text(text.replace("tip: ", f"tip: {marker} ", 1))
                page.wait_for_function(
                    "marker => document.body && document.body.innerText.includes(marker)",
                    arg=marker, timeout=600_000, polling=50)
                reloads.append(time.perf_counter() - saved)
                story.write_text(text)
                page.wait_for_function(
                    "marker => document.body && !document.body.innerText.includes(marker)",
                    arg=marker, timeout=600_000, polling=50)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return first_build, reloads


def stories_of(project: Path) -> list[Path]:
    return sorted((project / "data/stories").rglob("*.yml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores")
    print("| stories | first build | edit saved → new text in the browser (median of "
          f"{EDITS}) | each |")
    print("| ---: | ---: | ---: | --- |")
    with tempfile.TemporaryDirectory(prefix="handbook-serve-bench-") as scratch:
        for size in args.stories:
            first, reloads = measure(size, Path(scratch))
            print(f"| {size:,} | {first:.1f} s | {statistics.median(reloads):.2f} s | "
                  + ", ".join(f"{seconds:.2f} s" for seconds in reloads) + " |", flush=True)


if __name__ == "__main__":
    main()
